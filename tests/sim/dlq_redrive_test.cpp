// docs/aws-rules.md 1.18 (dead-letter queue redrive, with 5.22): StartMessageMoveTask moves
// messages from a dead-letter queue back to their source queue, at most 500 messages/s, each with
// a new MessageId and enqueue time; and 1.16, retention in a dead-letter queue.

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "engine_test_support.h"
#include "sqs_event_builder.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

TEST_CASE("§1.18 DLQ redrive (StartMessageMoveTask): dead-lettered messages go back to their "
          "source queue with new MessageIds and are processed once the bug is fixed",
          "[engine]") {
    // The code takes 5 s with a 3 s Timeout: every message times out and, with maxReceiveCount 1,
    // is dead-lettered at 10 s. At 15 s the code is fixed; at 20 s the DLQ is redriven.
    const Run run = run_scenario(R"json({
      "name": "redrive", "seed": 14, "duration_s": 120,
      "queues": {"orders": {"VisibilityTimeout": 10,
                            "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
                 "orders-dlq": {}},
      "functions": {"f": {"Handler": "slow", "Timeout": 3,
                          "Simulation": {"DurationMs": 5000, "ColdStartMs": 300, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f"}],
      "actions": [{"at_s": 15, "UpdateFunctionConfiguration": {"FunctionName": "f", "DurationMs": 100}},
                  {"at_s": 20, "StartMessageMoveTask": {"SourceArn": "orders-dlq"}}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 3, "body": "order-{i}"}]
    })json");
    const auto& report = run.report;
    CHECK(report["totals"]["sent"] == 3);
    CHECK(report["totals"]["redriven"] == 3);
    CHECK(report["totals"]["dead_lettered"] == 3);
    CHECK(report["totals"]["deleted"] == 3);

    for (int i = 0; i < 3; ++i) {
        const std::string body = "order-" + std::to_string(i);
        INFO(body);
        const auto copies = messages_with_body(report, body);
        REQUIRE(copies.size() == 2);
        const Json& original = copies[0];
        const Json& redriven = copies[1];
        CHECK(original["outcome"] == "dead_lettered");
        CHECK(event_times(original, "dead_lettered") == std::vector<double>{10.0});
        CHECK(event_times(original, "redriven_out") == std::vector<double>{20.0});
        CHECK(original.at("redriven_to") == redriven["id"]);
        CHECK(redriven.at("redriven_from") == original["id"]);
        CHECK(redriven["id"] != original["id"]);
        CHECK(redriven["source"] == "orders");
        CHECK(redriven["queue"] == "orders");
        CHECK(event_times(redriven, "redriven_in") == std::vector<double>{20.0});
        CHECK(event_times(redriven, "received") == std::vector<double>{20.0});
        CHECK(redriven["receive_count"] == 1);  // a new message: its receive count starts again
        CHECK(redriven["outcome"] == "deleted");
        CHECK(redriven["handler_ok"] == 1);
    }

    // The redriven message's event: new MessageId, SentTimestamp of the move.
    Engine& engine = *run.engine;
    REQUIRE_FALSE(engine.recorder().invocations().empty());
    const auto& last = engine.recorder().invocations().back();
    const auto event = build_sqs_event(engine.sqs(), engine.scenario().region,
                                       engine.sqs().queue_index("orders"), last.records);
    REQUIRE_FALSE(event.Records.empty());
    CHECK(event.Records[0].attributes.SentTimestamp == std::to_string(epoch_millis(from_seconds(20))));
    CHECK(event.Records[0].attributes.ApproximateReceiveCount == "1");
}

TEST_CASE("§1.18 / §5.22 DLQ redrive (StartMessageMoveTask): at most 500 messages per second, one "
          "active task per queue",
          "[engine]") {
    // The second task, started while the first is still moving, does not run. No mapping: the test receives 1,200 messages itself, lets them time out (1 s) and receives
    // again, which moves them all to the DLQ (maxReceiveCount 1). A late send keeps the run going.
    auto engine = make_engine(R"json({
      "name": "redrive-rate", "seed": 15, "duration_s": 200,
      "queues": {"orders": {"VisibilityTimeout": 1,
                            "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
                 "orders-dlq": {}},
      "actions": [{"at_s": 20, "StartMessageMoveTask": {"SourceArn": "orders-dlq"}},
                  {"at_s": 20.5, "StartMessageMoveTask": {"SourceArn": "orders-dlq"}}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 1200, "body": "m-{i}"},
                  {"to": "orders", "at_s": 100, "messages": [{"body": "late"}]}]
    })json");
    auto& sqs = engine->sqs();
    const auto orders = sqs.queue_index("orders");
    const auto dlq = sqs.queue_index("orders-dlq");
    engine->run_until(0);
    // §1.11 receive: at most 10 messages per ReceiveMessage, whatever is asked for.
    for (int call = 0; call < 120; ++call) REQUIRE(sqs.receive(engine->now(), orders, 50, 20).size() == 10);
    REQUIRE(sqs.in_flight_count(orders) == 1200);
    engine->run_until(from_seconds(2));
    while (sqs.visible_count(orders) > 0) CHECK(sqs.receive(engine->now(), orders, 10, 20).empty());
    REQUIRE(sqs.visible_count(dlq) == 1200);

    engine->run();
    const Json report = build_report(*engine);
    std::map<double, int> moved_at;
    for (const auto& m : report["messages"]) {
        for (const double t : event_times(m, "redriven_in")) ++moved_at[t];
    }
    CHECK(moved_at == std::map<double, int>{{20.0, 500}, {21.0, 500}, {22.0, 200}});
    CHECK(report["totals"]["redriven"] == 1200);
    CHECK(sqs.visible_count(dlq) == 0);
}

namespace {

// "not json" always fails and is dead-lettered at its second receive attempt, at 10 s. The DLQ
// keeps messages 60 s. A later good order keeps the run going past the expiry.
const char* const kDeadLetterRetention = R"json({
  "name": "dlq-retention", "seed": 16, "duration_s": 200,
  "queues": {"orders": {"VisibilityTimeout": 10,
                        "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
             "orders-dlq": {"MessageRetentionPeriod": 60}},
  "functions": {"f": {"Handler": "order-processor", "Timeout": 3,
                      "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f",
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
  "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "not json"}]},
              {"to": "orders", "at_s": 100, "messages": [{"body": "{\"orderId\":\"keep-alive\"}"}]}]
})json";

}  // namespace

TEST_CASE("§1.16 retention in a DLQ: a standard queue keeps the original enqueue time, so expiry "
          "counts from the first send",
          "[engine]") {
    const Run run = run_scenario(kDeadLetterRetention);
    const Json m = message_by_body(run.report, "not json");
    CHECK(event_times(m, "dead_lettered") == std::vector<double>{10.0});
    CHECK(m["outcome"] == "expired");
    CHECK(m["queue"] == "orders-dlq");
    CHECK(event_times(m, "expired") == std::vector<double>{60.0});  // 0 + 60, not 10 + 60
}

TEST_CASE("§1.16 retention in a DLQ: a FIFO queue resets the enqueue time on the move",
          "[engine]") {
    // kDeadLetterRetention with FIFO queues.
    const Run run = run_scenario(R"json({
      "name": "dlq-retention-fifo", "seed": 16, "duration_s": 200,
      "queues": {"orders.fifo": {"VisibilityTimeout": 10, "ContentBasedDeduplication": true,
                                 "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq.fifo", "maxReceiveCount": 1}},
                 "orders-dlq.fifo": {"MessageRetentionPeriod": 60, "ContentBasedDeduplication": true}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders.fifo", "FunctionName": "f",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "orders.fifo", "at_s": 0, "messages": [{"body": "not json", "MessageGroupId": "g"}]},
                  {"to": "orders.fifo", "at_s": 100,
                   "messages": [{"body": "{\"orderId\":\"keep-alive\"}", "MessageGroupId": "k"}]}]
    })json");
    const Json m = message_by_body(run.report, "not json");
    CHECK(m["queue"] == "orders-dlq.fifo");
    CHECK(event_times(m, "dead_lettered") == std::vector<double>{10.0});
    CHECK(m["outcome"] == "expired");
    CHECK(event_times(m, "expired") == std::vector<double>{70.0});  // 10 + 60
}

TEST_CASE("§1.18 without DestinationArn a message sent to the DLQ directly has no source queue: the task "
          "fails at it instead of moving it into the DLQ again",
          "[engine]") {
    // order-0 is dead-lettered from orders at 10 s; direct-0 and direct-1 are sent to the DLQ
    // itself at 12 s. The task at 20 s moves order-0 (the oldest) and fails at direct-0.
    const Run run = run_scenario(R"json({
      "name": "redrive-direct", "seed": 14, "duration_s": 120,
      "queues": {"orders": {"VisibilityTimeout": 10,
                            "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
                 "orders-dlq": {}},
      "functions": {"f": {"Handler": "slow", "Timeout": 3,
                          "Simulation": {"DurationMs": 5000, "ColdStartMs": 300, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f"}],
      "actions": [{"at_s": 15, "UpdateFunctionConfiguration": {"FunctionName": "f", "DurationMs": 100}},
                  {"at_s": 20, "StartMessageMoveTask": {"SourceArn": "orders-dlq"}}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 1, "body": "order-{i}"},
                  {"to": "orders-dlq", "at_s": 12, "count": 2, "body": "direct-{i}"}]
    })json");
    const auto& report = run.report;
    CHECK(report["end_reason"] == "drained");
    CHECK(report["totals"]["redriven"] == 1);
    const auto order = messages_with_body(report, "order-0");
    REQUIRE(order.size() == 2);
    CHECK(order[1]["queue"] == "orders");
    CHECK(order[1]["outcome"] == "deleted");
    for (const std::string body : {"direct-0", "direct-1"}) {
        INFO(body);
        const auto copies = messages_with_body(report, body);
        REQUIRE(copies.size() == 1);  // never copied into the DLQ again
        CHECK(copies[0]["queue"] == "orders-dlq");
        CHECK(copies[0]["outcome"] == "in_queue");
        CHECK(event_times(copies[0], "redriven_out").empty());
    }
    CHECK(event_times(messages_with_body(report, "direct-0")[0], "redrive_failed") == std::vector<double>{20.0});
    CHECK(event_times(messages_with_body(report, "direct-1")[0], "redrive_failed").empty());
}

TEST_CASE("§1.18 with a DestinationArn a message sent to the DLQ directly moves like any other", "[engine]") {
    const Run run = run_scenario(R"json({
      "name": "redrive-direct-destination", "duration_s": 60,
      "queues": {"orders": {"RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
                 "orders-dlq": {}, "retry": {}},
      "actions": [{"at_s": 20, "StartMessageMoveTask": {"SourceArn": "orders-dlq", "DestinationArn": "retry"}}],
      "traffic": [{"to": "orders-dlq", "at_s": 0, "count": 2, "body": "direct-{i}"}]
    })json");
    CHECK(run.report["totals"]["redriven"] == 2);
    for (const std::string body : {"direct-0", "direct-1"}) {
        const auto copies = messages_with_body(run.report, body);
        REQUIRE(copies.size() == 2);
        CHECK(copies[1]["queue"] == "retry");
    }
}
