// docs/aws-rules.md 1.1-1.8 and 1.15 (SQS queues): visibility timeout and redelivery,
// ApproximateReceiveCount, receipt handles, RedrivePolicy, DelaySeconds and
// MessageRetentionPeriod, as the engine runs them.

#include <catch2/catch.hpp>

#include <string>

#include "engine_test_support.h"
#include "sqs_event_builder.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

TEST_CASE("§1.2 VisibilityTimeout / §1.5 ApproximateReceiveCount: a message not deleted is "
          "redelivered after the visibility timeout with ApproximateReceiveCount 2",
          "[engine]") {
    // fail-attempts fails the first receive of {"fail_attempts":1} and succeeds on the second.
    const Run run = run_scenario(R"json({
      "name": "visibility", "seed": 3, "duration_s": 300,
      "queues": {"orders": {"VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "{\"fail_attempts\":1}"}]}]
    })json");
    const Json m = message_by_body(run.report, R"({"fail_attempts":1})");

    CHECK(m["receive_count"] == 2);
    CHECK(m["outcome"] == "deleted");
    // The visibility timeout counts from the receive: invisible from 0 to 30, then received again.
    const auto received = events_of(m, "received");
    REQUIRE(received.size() == 2);
    CHECK(received[0]["t"].get<double>() == at_time(0));
    CHECK(received[0]["receive_count"] == 1);
    CHECK(received[1]["t"].get<double>() == at_time(30));
    CHECK(received[1]["receive_count"] == 2);
    CHECK(event_times(m, "visibility_expired") == std::vector<double>{30.0});
    // A new receipt handle for every receive.
    CHECK(received[0]["receipt_handle"] != received[1]["receipt_handle"]);
    // Deleted with the second receive's handle when the second invocation ended (30 + 50 ms).
    const auto deleted = events_of(m, "deleted");
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0]["t"].get<double>() == at_time(30.05));
    CHECK(deleted[0]["receive_count"] == 2);

    // The event the second invocation received, rebuilt from the engine's state.
    Engine& engine = *run.engine;
    const auto& invocations = engine.recorder().invocations();
    REQUIRE(invocations.size() == 2);
    const auto queue = engine.sqs().queue_index("orders");
    const auto first = build_sqs_event(engine.sqs(), engine.scenario().region, queue, invocations[0].records);
    const auto second = build_sqs_event(engine.sqs(), engine.scenario().region, queue, invocations[1].records);
    REQUIRE(first.Records.size() == 1);
    REQUIRE(second.Records.size() == 1);
    CHECK(first.Records[0].attributes.ApproximateReceiveCount == "1");
    CHECK(second.Records[0].attributes.ApproximateReceiveCount == "2");
    CHECK(second.Records[0].messageId == first.Records[0].messageId);
    CHECK(second.Records[0].messageId == m["id"].get<std::string>());
    CHECK(second.Records[0].receiptHandle != first.Records[0].receiptHandle);
    // §1.6 SentTimestamp / ApproximateFirstReceiveTimestamp: epoch ms strings, first receive at 0.
    CHECK(second.Records[0].attributes.SentTimestamp == std::to_string(epoch_millis(0)));
    CHECK(second.Records[0].attributes.ApproximateFirstReceiveTimestamp == std::to_string(epoch_millis(0)));
    CHECK(run.report["invocations"][1]["receive_counts"] == Json::array({2}));
}

TEST_CASE("§1.15 RedrivePolicy: with maxReceiveCount N the message is delivered N times and moved "
          "to the DLQ on the (N+1)th receive attempt, keeping its MessageId",
          "[engine]") {
    const int max_receive_count = GENERATE(2, 1, 3);
    INFO("maxReceiveCount " << max_receive_count);
    // order-processor always reports "not json" failed; the visibility timeout is 30 s.
    const Run run = run_scenario(R"json({
      "name": "dlq", "seed": 5, "duration_s": 600,
      "queues": {"orders": {"VisibilityTimeout": 30,
                            "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 2}},
                 "orders-dlq": {}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 10,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "not json"}]}]
    })json",
                                 {{"queues.orders.RedrivePolicy.maxReceiveCount", std::to_string(max_receive_count)}});
    const auto& report = run.report;
    REQUIRE(report["messages"].size() == 1);  // the same message moved: no copy was made
    const Json m = report["messages"][0];

    CHECK(m["source"] == "orders");
    CHECK(m["queue"] == "orders-dlq");
    CHECK(m["outcome"] == "dead_lettered");
    CHECK(m["receive_count"] == max_receive_count);
    CHECK(m["handler_failed"] == max_receive_count);
    CHECK(m["handler_ok"] == 0);
    std::vector<double> expected_receives;
    for (int i = 0; i < max_receive_count; ++i) expected_receives.push_back(30.0 * i);
    CHECK(event_times(m, "received") == expected_receives);
    // Moved at the (N+1)th receive attempt, when the Nth receive's visibility timeout ended.
    const auto dead_lettered = events_of(m, "dead_lettered");
    REQUIRE(dead_lettered.size() == 1);
    CHECK(dead_lettered[0]["t"].get<double>() == at_time(30.0 * max_receive_count));
    CHECK(dead_lettered[0]["queue"] == "orders-dlq");
    // Same MessageId as the handler saw on every delivery.
    const auto invocations = invocations_with(report, m["id"].get<std::string>());
    CHECK(invocations.size() == static_cast<std::size_t>(max_receive_count));
    CHECK(report["invocations"].size() == static_cast<std::size_t>(max_receive_count));
    CHECK(report["totals"]["dead_lettered"] == 1);
    CHECK(report["totals"]["deleted"] == 0);
    const auto& sqs = run.engine->sqs();
    CHECK(sqs.visible_count(sqs.queue_index("orders-dlq")) == 1);
    CHECK(sqs.visible_count(sqs.queue_index("orders")) == 0);
}

TEST_CASE("§1.7 DelaySeconds: a delayed message is not received before its delay ends (per message "
          "and queue-level)",
          "[engine]") {
    const Run run = run_scenario(R"json({
      "name": "delay", "seed": 1, "duration_s": 60,
      "queues": {"orders": {}, "slow-orders": {"DelaySeconds": 7}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f"},
                   {"EventSourceArn": "slow-orders", "FunctionName": "f"}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [
                     {"body": "{\"orderId\":\"now\"}"},
                     {"body": "{\"orderId\":\"later\"}", "DelaySeconds": 5}]},
                  {"to": "slow-orders", "at_s": 1, "messages": [{"body": "{\"orderId\":\"queue-delay\"}"}]}]
    })json");
    const Json now = message_by_body(run.report, R"({"orderId":"now"})");
    const Json later = message_by_body(run.report, R"({"orderId":"later"})");
    const Json queue_delay = message_by_body(run.report, R"({"orderId":"queue-delay"})");

    CHECK(event_times(now, "received") == std::vector<double>{0.0});
    // Pollers were waiting all along, so each is received the moment its delay ends.
    CHECK(event_times(later, "delay_ended") == std::vector<double>{5.0});
    CHECK(event_times(later, "received") == std::vector<double>{5.0});
    CHECK(event_times(queue_delay, "delay_ended") == std::vector<double>{8.0});
    CHECK(event_times(queue_delay, "received") == std::vector<double>{8.0});
    for (const auto& m : {now, later, queue_delay}) CHECK(m["outcome"] == "deleted");
}

TEST_CASE("§1.8 MessageRetentionPeriod: a message nobody consumes expires at the retention period",
          "[engine]") {
    // The second send only keeps the run going past 60 s (no mapping reads "archive").
    const Run run = run_scenario(R"json({
      "name": "retention", "seed": 1, "duration_s": 120,
      "queues": {"archive": {"MessageRetentionPeriod": 60}},
      "traffic": [{"to": "archive", "at_s": 0, "messages": [{"body": "old"}]},
                  {"to": "archive", "at_s": 80, "messages": [{"body": "new"}]}]
    })json");
    const Json old = message_by_body(run.report, "old");
    CHECK(old["outcome"] == "expired");
    CHECK(old["ended_at_s"].get<double>() == at_time(60));
    CHECK(event_times(old, "expired") == std::vector<double>{60.0});
    CHECK(old["receive_count"] == 0);
    CHECK(message_by_body(run.report, "new")["outcome"] == "in_queue");
    CHECK(run.report["totals"]["expired"] == 1);
}

TEST_CASE("§1.8 MessageRetentionPeriod: a message that keeps failing expires at the retention "
          "period, processed or not",
          "[engine]") {
    // No RedrivePolicy: "not json" fails every 10 s (VisibilityTimeout) until it is 60 s old.
    const Run run = run_scenario(R"json({
      "name": "retention-failing", "seed": 1, "duration_s": 300,
      "queues": {"orders": {"VisibilityTimeout": 10, "MessageRetentionPeriod": 60}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "not json"}]}]
    })json");
    const Json m = message_by_body(run.report, "not json");
    CHECK(m["outcome"] == "expired");
    CHECK(m["ended_at_s"].get<double>() == at_time(60));
    CHECK(event_times(m, "received") == std::vector<double>{0, 10, 20, 30, 40, 50});
    CHECK(event_times(m, "expired") == std::vector<double>{60.0});
    CHECK(m["handler_failed"] == 6);
    CHECK(m["handler_ok"] == 0);
    CHECK(run.report["totals"]["expired"] == 1);
    CHECK(run.report["ended_at_s"].get<double>() == at_time(60));
}

namespace {

// The function's Timeout is raised from 30 to 60 s after the mapping was created (allowed, as in
// AWS: §2.4), and the code takes 40 s: longer than the queue's 30 s visibility timeout.
const char* const kStaleReceiptScenario = R"json({
  "name": "stale-receipt", "seed": 11, "duration_s": 200,
  "queues": {"orders": {"VisibilityTimeout": 30}},
  "functions": {"f": {"Handler": "slow", "Timeout": 30,
                      "Simulation": {"DurationMs": 40000, "ColdStartMs": 250, "Params": {"work_ms": 0}}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
  "actions": [{"at_s": 0, "UpdateFunctionConfiguration": {"FunctionName": "f", "Timeout": 60}}],
  "traffic": [{"to": "orders", "at_s": 0, "messages": [{"body": "order-1"}]}]
})json";

}  // namespace

TEST_CASE("§1.3 receipt handle / §2.4 validation: a Timeout raised past the VisibilityTimeout "
          "gives a double delivery, and the late delete with the out-of-date handle is ignored",
          "[engine]") {
    SECTION("the second delivery is fast and deletes; the first delete comes too late") {
        // At 10 s the code gets fast again, so the second delivery (at 30 s) finishes first.
        const Run run = run_scenario(kStaleReceiptScenario,
                                     {{"actions.1", R"({"at_s": 10, "UpdateFunctionConfiguration":
                                                        {"FunctionName": "f", "DurationMs": 100}})"}});
        const Json m = message_by_body(run.report, "order-1");
        const auto& invocations = run.report["invocations"];
        REQUIRE(invocations.size() == 2);
        // First invoke: cold start 0.25 s + 40 s, past the visibility timeout at 30 s.
        CHECK(invocations[0]["start_s"].get<double>() == at_time(0));
        CHECK(invocations[0]["end_s"].get<double>() == at_time(40.25));
        CHECK(invocations[0]["result"] == "success");
        CHECK(invocations[1]["start_s"].get<double>() == at_time(30));
        CHECK(invocations[1]["result"] == "success");

        CHECK(m["receive_count"] == 2);
        CHECK(event_times(m, "received") == std::vector<double>{0.0, 30.0});
        const auto deleted = events_of(m, "deleted");
        REQUIRE(deleted.size() == 1);
        CHECK(deleted[0]["receive_count"] == 2);
        CHECK(deleted[0]["t"].get<double>() == at_time(invocations[1]["end_s"].get<double>()));
        const auto stale = events_of(m, "stale_delete_ignored");
        REQUIRE(stale.size() == 1);
        CHECK(stale[0]["receive_count"] == 1);
        CHECK(stale[0]["t"].get<double>() == at_time(40.25));
        CHECK(m["handler_ok"] == 2);
        CHECK(m["outcome"] == "deleted");
        CHECK(run.report["totals"]["processed_more_than_once"] == 1);
        CHECK(run.report["totals"]["deleted"] == 1);
    }
    SECTION("an out-of-date receipt handle does not delete: the message is received a third time") {
        const Run run = run_scenario(kStaleReceiptScenario, {{"duration_s", "65"}});
        const Json m = message_by_body(run.report, "order-1");
        CHECK(event_times(m, "received") == std::vector<double>{0.0, 30.0, 60.0});
        const auto stale = events_of(m, "stale_delete_ignored");
        REQUIRE(stale.size() == 1);
        CHECK(stale[0]["receive_count"] == 1);
        CHECK(stale[0]["t"].get<double>() == at_time(40.25));
        CHECK(events_of(m, "deleted").empty());
        CHECK(m["outcome"] == "in_flight");
        CHECK(m["handler_ok"] == 1);  // the handler finished, but its delete did nothing
    }
}

TEST_CASE("§1.4 ChangeMessageVisibility / §1.3 receipt handle: the new timeout counts from the "
          "call, and only the newest receipt handle acts",
          "[engine]") {
    // No mapping: the test calls SQS itself. A late send keeps the run (and its clock) going.
    auto engine = make_engine(R"json({
      "name": "change-visibility", "seed": 17, "duration_s": 200,
      "queues": {"q": {"VisibilityTimeout": 30}},
      "traffic": [{"to": "q", "at_s": 0, "messages": [{"body": "one"}]},
                  {"to": "q", "at_s": 150, "messages": [{"body": "keeps the run going"}]}]
    })json");
    auto& sqs = engine->sqs();
    const auto q = sqs.queue_index("q");
    engine->run_until(0);
    const auto first = sqs.receive(engine->now(), q, 10, 20);
    REQUIRE(first.size() == 1);
    CHECK(first[0].receive_count == 1);

    engine->run_until(from_seconds(10));
    REQUIRE(sqs.change_message_visibility(engine->now(), first[0], 5));  // visible again at 15, not 30
    engine->run_until(from_seconds(14.999));
    CHECK(sqs.visible_count(q) == 0);
    CHECK(sqs.in_flight_count(q) == 1);
    engine->run_until(from_seconds(15));
    CHECK(sqs.visible_count(q) == 1);

    const auto second = sqs.receive(engine->now(), q, 10, 20);
    REQUIRE(second.size() == 1);
    CHECK(second[0].receive_count == 2);
    CHECK(sqs.receipt_handle(second[0]) != sqs.receipt_handle(first[0]));
    // The first receive's handle is out of date: it neither changes visibility nor deletes.
    CHECK_FALSE(sqs.change_message_visibility(engine->now(), first[0], 0));
    CHECK_FALSE(sqs.delete_message(engine->now(), first[0]));
    CHECK(sqs.in_flight_count(q) == 1);
    CHECK(sqs.delete_message(engine->now(), second[0]));
    CHECK(sqs.in_flight_count(q) == 0);
    CHECK(sqs.message(second[0].message).state == MessageState::Deleted);
}

TEST_CASE("§1.1 VisibilityTimeout / §1.2 redelivery: while thousands of messages are received and deleted "
          "around them, messages still in flight become visible again exactly at their deadlines",
          "[engine]") {
    // The queue drops the deadlines of deleted messages once they pile up; the twenty messages
    // that fail their first receive must keep theirs through every drop.
    const Run run = run_scenario(R"json({
      "name": "visibility-amid-deletions", "seed": 5, "duration_s": 300,
      "queues": {"orders": {"VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 20, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 20, "body": "{\"fail_attempts\":1,\"n\":{i}}"},
                  {"to": "orders", "at_s": 0.5, "count": 5000, "body": "{\"fail_attempts\":0,\"n\":{i}}"}]
    })json");
    int failing = 0;
    int deleted_at_once = 0;
    for (const auto& m : run.report["messages"]) {
        const auto received = events_of(m, "received");
        REQUIRE(!received.empty());
        CHECK(m["outcome"] == "deleted");
        if (m["body"].get<std::string>().starts_with("{\"fail_attempts\":1")) {
            ++failing;
            REQUIRE(received.size() == 2);
            const double deadline = received[0]["t"].get<double>() + 30;
            const auto expired = event_times(m, "visibility_expired");
            REQUIRE(expired.size() == 1);
            CHECK(expired[0] == Approx(deadline).margin(1e-6));
            CHECK(received[1]["t"].get<double>() == Approx(deadline).margin(1e-6));
            CHECK(m["receive_count"] == 2);
        } else {
            deleted_at_once += m["receive_count"] == 1 ? 1 : 0;
            CHECK(event_times(m, "visibility_expired").empty());
        }
    }
    CHECK(failing == 20);
    CHECK(deleted_at_once == 5000);
}
