#pragma once
// A message's hops across a pipeline (docs/aws-rules.md 5.24, docs/report-format.md 4): where it
// came from (the invocation whose handler sent it, and the record of that invocation's batch it
// came from, and so on back to the traffic that started it) and what handlers sent on from it.
// The message view follows a message from one function to the next with these.

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"

namespace queuelab::lab {

// A message (SqsQueue) or stream record (KinesisStream), and the invocation whose handler sent it
// (kNone for traffic and redrives).
struct Hop {
    sim::EventSourceKind kind = sim::EventSourceKind::SqsQueue;
    std::uint32_t index = sim::kNone;
    std::uint32_t sent_by = sim::kNone;
};

// The chain that led to a message or record, oldest first, ending with it. A handler that did
// not name its record in a batch of several leaves the chain starting at the one it sent.
std::vector<Hop> hops_before(const sim::Engine& engine, sim::EventSourceKind kind, std::uint32_t index);

// What handlers sent from a message or record (those that name it as their parent), in the order
// they were created.
std::vector<Hop> hops_after(const sim::Engine& engine, sim::EventSourceKind kind, std::uint32_t index);

// "message #4 in orders" or "record #12 in order-events".
std::string describe_hop(const sim::Engine& engine, const Hop& hop);

// One service call of an invocation, for the Messages view: "PutRecord order-events: ok, 15 ms,
// created record #12", "SendMessageBatch orders: 2 of its entries failed, 10 ms",
// "POST /payments payments-api: TooManyConnections (Too many connections), 1 ms".
std::string describe_call(const sim::CallRecord& call);

}  // namespace queuelab::lab
