// aws-semantics.md §4: function settings changed while a run goes on (the lab's live edits, as
// UpdateFunctionConfiguration and PutFunctionConcurrency / DeleteFunctionConcurrency in AWS).

#include <catch2/catch.hpp>

#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

TEST_CASE("§4 Timeout: lowered while an invoke runs, it applies to invokes that start afterwards; "
          "the running invoke keeps the Timeout it started with",
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

TEST_CASE("§4 ReservedConcurrentExecutions: removed while throttling, the function takes from the "
          "unreserved pool again and is no longer throttled",
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

TEST_CASE("§1 VisibilityTimeout / maxReceiveCount: set while the run goes on, they apply from the next "
          "receive; a message already in flight keeps the timeout it was received with",
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
    CHECK(sqs.message(late[0].message).body == "late");
    CHECK(sqs.message(late[0].message).visible_at == from_seconds(6));    // the new timeout
    CHECK(sqs.message(early[0].message).visible_at == from_seconds(30));  // the old one

    engine->run_until(from_seconds(7));
    // "late" is visible again; receiving it once more would exceed the new maxReceiveCount 1.
    CHECK(sqs.receive(engine->now(), q, 10, 20).empty());
    CHECK(sqs.message(late[0].message).dead_lettered);
}
