// docs/aws-rules.md 5.19: settings changed while a run goes on (the lab's live edits), as
// UpdateFunctionConfiguration and PutFunctionConcurrency / DeleteFunctionConcurrency,
// SetQueueAttributes and UpdateEventSourceMapping apply them in AWS.

#include <catch2/catch.hpp>

#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

TEST_CASE("§5.19 / §4.6 Timeout: lowered while an invoke runs, it applies to invokes that start "
          "afterwards, and the running invoke keeps the Timeout it started with",
          "[engine]") {
    // Each invoke takes 5 s of code (plus a 0.25 s cold start for the first); Timeout 10 s.
    auto engine = make_engine(R"json({
      "name": "live-timeout", "seed": 4, "duration_s": 60,
      "queues": {"orders": {"VisibilityTimeout": 60}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 250, "Params": {"work_ms": 5000}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "first"}]},
                  {"to": "orders", "at_s": 20, "messages": [{"body": "second"}]}]
    })json");
    engine->run_until(from_seconds(2));
    auto config = engine->lambda().config(0);
    config.Timeout = 3;
    engine->update_function_configuration(config);
    CHECK(engine->lambda().config(0).Timeout == 3);
    engine->run();
    const auto report = build_report(*engine);

    const auto& invocations = report["invocations"];
    REQUIRE(invocations.size() >= 2);
    CHECK(invocations[0]["result"] == "success");
    CHECK(invocations[0]["end_s"].get<double>() == at_time(5.26));
    CHECK(invocations[1]["start_s"].get<double>() == at_time(20));
    CHECK(invocations[1]["result"] == "timeout");
    CHECK(invocations[1]["error_type"] == "Sandbox.Timedout");
    CHECK(invocations[1]["end_s"].get<double>() == at_time(23));
    CHECK(message_by_body(report, "first")["outcome"] == "deleted");
    CHECK(message_by_body(report, "second")["handler_ok"] == 0);
}

TEST_CASE("§5.19 / §4.2 ReservedConcurrentExecutions: removed while throttling, the function takes "
          "from the unreserved pool again and is no longer throttled",
          "[engine]") {
    // 5 pollers, a 3 s handler, reserved concurrency 1: throttles until it is removed at 10 s.
    auto engine = make_engine(R"json({
      "name": "live-reserved", "seed": 8, "duration_s": 600,
      "queues": {"orders": {"VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "slow", "Timeout": 5, "ReservedConcurrentExecutions": 1,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 200, "Params": {"work_ms": 3000}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 40, "body": "m-{i}"}]
    })json");
    engine->run_until(from_seconds(10));
    CHECK(engine->lambda().concurrency_cap(0) == 1);
    auto config = engine->lambda().config(0);
    config.ReservedConcurrentExecutions.reset();
    engine->update_function_configuration(config);
    CHECK(engine->lambda().concurrency_cap(0) == 1000);
    engine->run();
    const auto report = build_report(*engine);

    int throttled_before = 0;
    for (const auto& invocation : report["invocations"]) {
        if (invocation["result"] != "throttled") continue;
        ++throttled_before;
        // A throttle right at 10 s was decided before the change.
        CHECK(invocation["start_s"].get<double>() <= 10.0);
    }
    CHECK(throttled_before > 0);
    CHECK(report["totals"]["max_concurrency"].get<int>() > 1);
    CHECK(report["totals"]["deleted"] == 40);
}

TEST_CASE("§5.19 / §1.1 VisibilityTimeout / §1.15 maxReceiveCount: set while the run goes on, they "
          "apply from the next receive, and a message already in flight keeps the timeout it was "
          "received with",
          "[engine]") {
    // No mapping: the test receives itself. VisibilityTimeout 30, maxReceiveCount 3.
    auto engine = make_engine(R"json({
      "name": "live-queue", "seed": 3, "duration_s": 300,
      "queues": {"q": {"VisibilityTimeout": 30, "RedrivePolicy": {"deadLetterTargetArn": "dlq", "maxReceiveCount": 3}},
                 "dlq": {}},
      "traffic": [{"to": "q", "at_s": 0, "messages": [{"body": "early"}]},
                  {"to": "q", "at_s": 1, "messages": [{"body": "late"}]},
                  {"to": "q", "at_s": 250, "messages": [{"body": "keeps the run going"}]}]
    })json");
    auto& sqs = engine->sqs();
    const auto q = sqs.queue_index("q");
    engine->run_until(0);
    const auto early = sqs.receive(engine->now(), q, 1, 20);
    REQUIRE(early.size() == 1);

    auto attributes = sqs.config(q);
    attributes.VisibilityTimeout = 5;
    attributes.redrive_policy->maxReceiveCount = 1;
    engine->update_queue_attributes(attributes);
    CHECK(sqs.config(q).VisibilityTimeout == 5);
    CHECK(sqs.config(q).redrive_policy->maxReceiveCount == 1);

    engine->run_until(from_seconds(1));
    const auto late = sqs.receive(engine->now(), q, 1, 20);
    REQUIRE(late.size() == 1);
    CHECK(sqs.message(late[0].message).body() == "late");
    CHECK(sqs.message(late[0].message).visible_at == from_seconds(6));    // the new timeout
    CHECK(sqs.message(early[0].message).visible_at == from_seconds(30));  // the old one

    engine->run_until(from_seconds(7));
    // "late" is visible again; receiving it once more would exceed the new maxReceiveCount 1.
    CHECK(sqs.receive(engine->now(), q, 10, 20).empty());
    CHECK(sqs.message(late[0].message).dead_lettered);
}

// [SECTION] UpdateEventSourceMapping (§5.19)

TEST_CASE("§5.19 / §2.12 ReportBatchItemFailures: turned on while the run goes on, the next "
          "batches' batchItemFailures are honoured, and before, the same response deleted the failed "
          "message",
          "[engine]") {
    // order-processor reports "not an order" in batchItemFailures. The same ten messages come at 0
    // and 100 s; the mapping starts without ReportBatchItemFailures and gets it at 50 s.
    auto engine = make_engine(R"json({
      "name": "live-rbif", "seed": 5, "duration_s": 200,
      "queues": {"orders": {"VisibilityTimeout": 20}},
      "functions": {"f": {"Handler": "order-processor", "Simulation": {"DurationMs": 20}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 9, "body": "{\"orderId\": \"early-{i}\"}"},
                  {"to": "orders", "at_s": 0, "messages": [{"body": "early: not an order"}]},
                  {"to": "orders", "at_s": 100, "count": 9, "body": "{\"orderId\": \"late-{i}\"}"},
                  {"to": "orders", "at_s": 100, "messages": [{"body": "late: not an order"}]}]
    })json");
    engine->run_until(from_seconds(50));
    auto config = *engine->mapping_config(0);
    CHECK_FALSE(config.ReportBatchItemFailures);
    config.ReportBatchItemFailures = true;
    engine->update_event_source_mapping(0, config);
    CHECK(engine->mapping_config(0)->ReportBatchItemFailures);
    engine->run();
    const auto report = build_report(*engine);

    const Json early = message_by_body(report, "early: not an order");
    CHECK(early["outcome"] == "deleted");
    CHECK(early["receive_count"] == 1);
    const Json late = message_by_body(report, "late: not an order");
    CHECK(late["outcome"] != "deleted");
    CHECK(late["receive_count"].get<int>() >= 3);  // back after each 20 s visibility timeout
    CHECK(report["totals"]["lost"] == 1);
    CHECK(message_by_body(report, R"({"orderId": "late-3"})")["receive_count"] == 1);
}

TEST_CASE("§5.19 / §2.7 ScalingConfig.MaximumConcurrency: lowered while the mapping is scaled up, "
          "no more than that many invokes run once the busy ones finish",
          "[engine]") {
    // 2 s per invoke and a deep backlog: the pollers scale from 5 by 5 a second.
    auto engine = make_engine(R"json({
      "name": "live-max-concurrency", "seed": 6, "duration_s": 120,
      "queues": {"orders": {"VisibilityTimeout": 60}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"work_ms": 2000}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 3000, "body": "m-{i}"}]
    })json");
    engine->run_until(from_seconds(10));
    CHECK(engine->sqs_mappings()[0]->target_concurrency() > 2);
    auto config = *engine->mapping_config(0);
    config.MaximumConcurrency = 2;
    engine->update_event_source_mapping(0, config);
    CHECK(engine->sqs_mappings()[0]->target_concurrency() == 2);
    engine->run();
    const auto report = build_report(*engine);

    std::vector<Json> before, after;
    for (const auto& invocation : report["invocations"]) {
        const double start = invocation["start_s"].get<double>();
        if (start < 10) before.push_back(invocation);
        if (start > 12.1) after.push_back(invocation);  // the invokes running at 10 s have ended
    }
    CHECK(max_overlap(before) > 2);
    REQUIRE(after.size() > 20);
    CHECK(max_overlap(after) == 2);
}

TEST_CASE("§5.19 / §3.12 MaximumRetryAttempts: set on a shard blocked by a poison record, the "
          "batch is given up at its next failure and the records behind it are read",
          "[engine][kinesis]") {
    // fail-attempts throws on a record whose data has should_fail; with -1 retries it blocks the
    // shard.
    auto engine = make_engine(R"json({
      "name": "live-retries", "seed": 7, "duration_s": 300,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "fail-attempts", "Simulation": {"DurationMs": 20, "Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "StartingPosition": "TRIM_HORIZON", "BatchSize": 1}],
      "traffic": [{"to": "s", "at_s": 0, "partition_key": "k", "messages": [
        {"data": "{\"should_fail\": true}"}, {"data": "{\"n\": 1}"}]}]
    })json");
    engine->run_until(from_seconds(40));
    const Json blocked = build_report(*engine);
    CHECK(record_by_data(blocked, R"({"n": 1})")["outcome"] == "in_stream");
    const int tries_before = record_by_data(blocked, R"({"should_fail": true})")["receive_count"].get<int>();
    CHECK(tries_before >= 4);

    auto config = *engine->mapping_config(0);
    config.MaximumRetryAttempts = 2;
    engine->update_event_source_mapping(0, config);
    engine->run();
    const auto report = build_report(*engine);
    const Json poison = record_by_data(report, R"({"should_fail": true})");
    CHECK(poison["outcome"] == "skipped");
    CHECK(poison["receive_count"] == tries_before + 1);
    CHECK(poison["ended_at_s"].get<double>() > 40);
    CHECK(record_by_data(report, R"({"n": 1})")["outcome"] == "checkpointed");
}

TEST_CASE("the running settings of a mapping disabled from the start are not available", "[engine]") {
    auto engine = make_engine(R"json({
      "name": "disabled", "queues": {"a": {}, "b": {}}, "functions": {"f": {"Handler": "slow"}},
      "mappings": [{"EventSourceArn": "a", "FunctionName": "f", "Enabled": false},
                   {"EventSourceArn": "b", "FunctionName": "f", "BatchSize": 7}]
    })json");
    CHECK(engine->mapping_config(0) == nullptr);
    REQUIRE(engine->mapping_config(1) != nullptr);
    CHECK(engine->mapping_config(1)->BatchSize == 7);
    CHECK(engine->mapping_config(2) == nullptr);
}

TEST_CASE("§5.19 / §5.3 batching window: pollers stopped by a lower MaximumConcurrency first "
          "invoke the batches they are gathering, and no message waits out its visibility timeout",
          "[engine]") {
    // 100 messages at 0 s keep two pollers invoking (50 each, 8 s of work); the 3 sent at 1 s are
    // gathered by a third poller for up to 20 s when MaximumConcurrency drops to 2 at 3 s.
    auto engine = make_engine(R"json({
      "name": "live-window", "seed": 9, "duration_s": 200,
      "queues": {"orders": {"VisibilityTimeout": 60}},
      "functions": {"f": {"Handler": "slow", "Timeout": 15,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"work_ms": 8000}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 50,
                    "MaximumBatchingWindowInSeconds": 20}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 100, "body": "first-{i}"},
                  {"to": "orders", "at_s": 1, "count": 3, "body": "late-{i}"}]
    })json");
    engine->run_until(from_seconds(3));
    const auto slots = engine->sqs_mappings()[0]->active_slots();
    REQUIRE(slots.size() >= 3);
    REQUIRE(slots[2].activity == SqsMapping::SlotActivity::Collecting);
    REQUIRE(slots[2].batch.size() == 3);
    auto config = *engine->mapping_config(0);
    config.MaximumConcurrency = 2;
    engine->update_event_source_mapping(0, config);
    engine->run();
    const auto report = build_report(*engine);

    CHECK(report["totals"]["deleted"] == 103);
    for (int i = 0; i < 3; ++i) {
        const Json late = message_by_body(report, "late-" + std::to_string(i));
        CHECK(late["receive_count"] == 1);
        CHECK(late["ended_at_s"].get<double>() < 60);
    }
}

TEST_CASE("§2.21 / §5.19 Enabled: a mapping disabled while the run goes on stops receiving once "
          "its running batch is done, and enabled again, it receives what waited in the queue",
          "[engine]") {
    // One message a second for 60 s, 2 s of work per message. Disabled from 10 s to 30 s.
    auto engine = make_engine(R"json({
      "name": "live-enabled", "seed": 10, "duration_s": 200,
      "queues": {"orders": {"VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "slow", "Timeout": 5,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"work_ms": 2000}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "orders", "from_s": 0, "until_s": 60, "rate_per_s": 1, "body": "m-{i}"}]
    })json");
    auto config = *engine->mapping_config(0);
    engine->run_until(from_seconds(10));
    config.Enabled = false;
    engine->update_event_source_mapping(0, config);
    CHECK(engine->sqs_mappings()[0]->target_concurrency() == 0);
    engine->run_until(from_seconds(30));
    CHECK(engine->sqs().visible_count(0) >= 18);  // what was sent while disabled waits
    config.Enabled = true;
    engine->update_event_source_mapping(0, config);
    CHECK(engine->sqs_mappings()[0]->target_concurrency() == 5);
    engine->run();
    const auto report = build_report(*engine);

    for (const auto& invocation : report["invocations"]) {
        const double start = invocation["start_s"].get<double>();
        CHECK_FALSE((start > 10 && start < 30));
    }
    CHECK(report["totals"]["deleted"] == 60);
    for (const auto& message : report["messages"]) CHECK(message["receive_count"] == 1);
}

TEST_CASE("§3.25 / §5.19 Enabled: a stream mapping disabled while the run goes on stops reading, "
          "keeps its place and reads on from there when enabled again",
          "[engine][kinesis]") {
    auto engine = make_engine(R"json({
      "name": "live-enabled-stream", "seed": 11, "duration_s": 200,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "StartingPosition": "TRIM_HORIZON", "BatchSize": 10}],
      "traffic": [{"to": "s", "from_s": 0, "until_s": 60, "rate_per_s": 2, "partition_key": "k", "data": "r-{i}"}]
    })json");
    auto config = *engine->mapping_config(0);
    engine->run_until(from_seconds(10));
    config.Enabled = false;
    engine->update_event_source_mapping(0, config);
    engine->run_until(from_seconds(30));
    CHECK(engine->stream_mappings()[0]->iterator_age_s(0, engine->now()) > 15);
    config.Enabled = true;
    engine->update_event_source_mapping(0, config);
    engine->run();
    const auto report = build_report(*engine);

    for (const auto& invocation : report["invocations"]) {
        const double start = invocation["start_s"].get<double>();
        CHECK_FALSE((start > 10 && start < 30));
    }
    CHECK(report["totals"]["checkpointed"] == 120);
    for (const auto& record : stream_records(report)) CHECK(record["receive_count"] == 1);
}
