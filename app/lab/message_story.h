#pragma once
// What happened to a message, in words: its current state, and its history with the reason for
// each return to the queue. Shared by the topology's tooltips and the message view.

#include <cstdint>
#include <string>
#include <vector>

#include "engine.h"

namespace queuelab::lab {

// "in flight (receive #2): hidden for 12.3 s more", "deleted", "in the dead-letter queue orders-dlq".
std::string describe_state(const sim::Engine& engine, std::uint32_t message);

// The Messages table's "now" column: the report's outcome (deleted, dead_lettered, in_queue, …),
// except "redriven to #N" for a message a StartMessageMoveTask moved on, as its story says.
std::string message_status(const sim::Engine& engine, std::uint32_t message);

// One event of a message's life.
struct StoryLine {
    sim::SimTime time = 0;
    sim::HistoryKind kind = sim::HistoryKind::Sent;
    std::string what;             // "received (receive #2)"
    std::string detail;           // receipt handle, verdict, reason it came back …
    std::uint32_t invocation = sim::kNone;  // the invocation this line is about, if any
    std::uint32_t receive = 0;    // the receive count this line belongs to (0 before the first)
    bool bad_news = false;        // returned, dead-lettered, lost, expired, error
};

// The message's history up to the engine's now, oldest first. Cost: the message's history plus,
// when a receive never reached the function, one pass over the invocations (to find throttles).
std::vector<StoryLine> message_story(const sim::Engine& engine, std::uint32_t message);

// The same for a stream record (an index into KinesisService::records()): where it is, and its
// life up to now: put into its shard, each delivery in a batch with the handler's verdict and
// what Lambda did next, and how it ended (checkpointed, filtered, on-failure destination, skipped).
std::string describe_record_state(const sim::Engine& engine, std::uint32_t record);
std::vector<StoryLine> record_story(const sim::Engine& engine, std::uint32_t record);

// The invocation that handled receive `receive_count` of `message`, or kNone.
std::uint32_t invocation_of_receive(const sim::Engine& engine, const std::vector<sim::HistoryEntry>& history,
                                    std::uint32_t message, std::uint32_t receive_count);

// True once the invocation's batch has been settled (its result and response are final). Its end
// time is known when it starts, but the result is shown only from then on.
bool invocation_settled(const sim::Engine& engine, std::uint32_t invocation);

// "success …", "partial batch failure …", "function error (Unhandled)", "throttled …", "running".
std::string describe_result(const sim::Engine& engine, std::uint32_t invocation);

// The invocation's log as Lambda writes it (sim::lambda_log, docs/aws-rules.md 6.8): once
// settled, START, what the handler printed, END and REPORT with the measured Max Memory Used;
// while it runs, only the START line; nothing for a throttled attempt, which never ran.
std::string invocation_log(const sim::Engine& engine, std::uint32_t invocation);

}  // namespace queuelab::lab
