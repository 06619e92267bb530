// A message's hops across the pipeline example (lessons/scenarios/pipeline.json): each order
// message is forwarded into the stream as one record that names it as its parent
// (docs/aws-rules.md 5.24, docs/report-format.md 4); the Messages view follows the chain both ways.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "lab/hops.h"
#include "scenario_loader.h"

using namespace queuelab;

TEST_CASE("§5.24 a forwarded order's hops: the message leads to one stream record, and the record's chain starts "
          "at the message",
          "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/pipeline.json"));
    engine.run_until(sim::from_seconds(5));
    const auto& sqs = engine.sqs();
    REQUIRE(sqs.messages().size() > 10);
    const std::uint32_t order = 3;
    REQUIRE(sqs.config(sqs.message(order).queue).name == "orders");

    const auto after = lab::hops_after(engine, sim::EventSourceKind::SqsQueue, order);
    REQUIRE(after.size() == 1);
    CHECK(after[0].kind == sim::EventSourceKind::KinesisStream);
    const auto& record = engine.kinesis().record(after[0].index);
    CHECK(record.data == sqs.message(order).body());
    REQUIRE(after[0].sent_by != sim::kNone);
    CHECK(engine.lambda().config(engine.recorder().invocations()[after[0].sent_by].function).name == "forwarder");
    CHECK(lab::describe_hop(engine, after[0]) == "record #" + std::to_string(after[0].index) + " in order-events");

    const auto before = lab::hops_before(engine, sim::EventSourceKind::KinesisStream, after[0].index);
    REQUIRE(before.size() == 2);
    CHECK(before[0].kind == sim::EventSourceKind::SqsQueue);
    CHECK(before[0].index == order);
    CHECK(before[0].sent_by == sim::kNone);  // sent by the traffic
    CHECK(before[1].index == after[0].index);
    CHECK(before[1].sent_by == after[0].sent_by);
    CHECK(lab::describe_hop(engine, before[0]) == "message #3 in orders");

    // The stream record's own consumer sends nothing on.
    CHECK(lab::hops_after(engine, sim::EventSourceKind::KinesisStream, after[0].index).empty());
}

TEST_CASE("§5.24 describe_call: the forwarder's PutRecord names the record it created, a refused call its error",
          "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/pipeline.json"));
    engine.run_until(sim::from_seconds(5));
    const auto after = lab::hops_after(engine, sim::EventSourceKind::SqsQueue, 3);
    REQUIRE(after.size() == 1);
    const auto& calls = engine.recorder().invocations()[after[0].sent_by].calls;
    const auto call = std::find_if(calls.begin(), calls.end(), [&](const sim::CallRecord& c) {
        return c.created.size() == 1 && c.created[0] == after[0].index;
    });
    REQUIRE(call != calls.end());
    CHECK(lab::describe_call(*call) == "PutRecord order-events: ok, 15 ms, created record #" + std::to_string(after[0].index));

    sim::CallRecord refused;
    refused.service = sim::CallService::Downstream;
    refused.operation = "POST /payments";
    refused.target = "payments-api";
    refused.duration_ms = 1;
    refused.error_code = "TooManyConnections";
    refused.error_message = "Too many connections";
    CHECK(lab::describe_call(refused) == "POST /payments payments-api: TooManyConnections (Too many connections), 1 ms");
    refused.error_code.clear();
    refused.failed_entries = 2;
    refused.operation = "SendMessageBatch";
    refused.target = "orders";
    refused.duration_ms = 10;
    refused.created = {7, 8, 9};
    refused.service = sim::CallService::Sqs;
    CHECK(lab::describe_call(refused) == "SendMessageBatch orders: 2 of its entries failed, 10 ms, created messages #7 to #9");
}
