// docs/aws-rules.md 1.20 FIFO ordering and 1.21 FIFO deduplication, through the event source
// mapping (2.17).

#include <catch2/catch.hpp>

#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

std::string body_of(const std::string& id, bool fails_twice = false) {
    return "{\"id\":\"" + id + "\"" + (fails_twice ? ",\"fail_attempts\":2" : "") + "}";
}

}  // namespace

TEST_CASE("§1.20 FIFO ordering: within a group messages are delivered in order and none while an "
          "earlier one is in flight, and another group proceeds independently",
          "[engine]") {
    // A0 fails its first two receives (fail-attempts); visibility timeout 10 s, so it succeeds on
    // the third receive at 20 s. Batches of 1, so each record's fate is its own.
    const Run run = run_scenario(R"json({
      "name": "fifo-order", "seed": 6, "duration_s": 300,
      "queues": {"q.fifo": {"ContentBasedDeduplication": true, "VisibilityTimeout": 10}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "q.fifo", "FunctionName": "f", "BatchSize": 1,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "q.fifo", "at_s": 0, "messages": [
        {"body": "{\"id\":\"A0\",\"fail_attempts\":2}", "MessageGroupId": "A"},
        {"body": "{\"id\":\"A1\"}", "MessageGroupId": "A"},
        {"body": "{\"id\":\"A2\"}", "MessageGroupId": "A"},
        {"body": "{\"id\":\"B0\"}", "MessageGroupId": "B"},
        {"body": "{\"id\":\"B1\"}", "MessageGroupId": "B"},
        {"body": "{\"id\":\"B2\"}", "MessageGroupId": "B"}]}]
    })json");
    const auto& report = run.report;
    const Json a0 = message_by_body(report, body_of("A0", true));
    CHECK(event_times(a0, "received") == std::vector<double>{0.0, 10.0, 20.0});
    const auto a0_ok = handler_ok_times(a0);
    REQUIRE(a0_ok.size() == 1);

    for (const std::string group : {"A", "B"}) {
        INFO("group " << group);
        double previous_ok = -1;
        double previous_deleted = -1;
        for (int i = 0; i < 3; ++i) {
            const auto id = group + std::to_string(i);
            const Json m = message_by_body(report, body_of(id, id == "A0"));
            CHECK(m.at("MessageGroupId") == group);
            CHECK(m["outcome"] == "deleted");
            const auto ok = handler_ok_times(m);
            const auto deleted = event_times(m, "deleted");
            REQUIRE(ok.size() == 1);
            REQUIRE(deleted.size() == 1);
            // In send order, and not received before the previous message of the group was gone.
            CHECK(ok[0] > previous_ok);
            CHECK(first_event_time(m, "received") >= previous_deleted);
            previous_ok = ok[0];
            previous_deleted = deleted[0];
            // Group B is not held up by group A's blocked head.
            if (group == "B") CHECK(ok[0] < a0_ok[0]);
        }
    }
    // A1 and A2 waited for A0's third delivery.
    CHECK(first_event_time(message_by_body(report, body_of("A1")), "received") >= 20.0);
    CHECK(report["totals"]["deleted"] == 6);
    CHECK(report["totals"]["processed_more_than_once"] == 0);
}

TEST_CASE("§1.21 FIFO deduplication: a send whose deduplication id was seen in the last 5 minutes "
          "is accepted but not enqueued",
          "[engine]") {
    // No mapping reads the queue; the run lasts until the last send.
    const Run run = run_scenario(R"json({
      "name": "fifo-dedup", "seed": 6, "duration_s": 1000,
      "queues": {"d.fifo": {"ContentBasedDeduplication": true}},
      "traffic": [
        {"to": "d.fifo", "at_s": 0,   "messages": [{"body": "same", "MessageGroupId": "g"}]},
        {"to": "d.fifo", "at_s": 100, "messages": [{"body": "same", "MessageGroupId": "g"}]},
        {"to": "d.fifo", "at_s": 301, "messages": [{"body": "same", "MessageGroupId": "g"}]},
        {"to": "d.fifo", "at_s": 400, "messages": [
          {"body": "first", "MessageGroupId": "g", "MessageDeduplicationId": "dup"},
          {"body": "second", "MessageGroupId": "g", "MessageDeduplicationId": "dup"}]}]
    })json");
    const auto& report = run.report;
    // Content-based: the send at 100 s is within 5 minutes of the one at 0 s; the one at 301 s is not.
    const auto same = messages_with_body(report, "same");
    REQUIRE(same.size() == 2);
    CHECK(event_times(same[0], "sent") == std::vector<double>{0.0});
    CHECK(event_times(same[1], "sent") == std::vector<double>{301.0});
    // An explicit MessageDeduplicationId wins over the body.
    CHECK(messages_with_body(report, "first").size() == 1);
    CHECK(messages_with_body(report, "second").empty());
    CHECK(report["totals"]["deduplicated_sends"] == 2);
    CHECK(report["messages"].size() == 3);
    CHECK(report["totals"]["sent"] == 3);
}

TEST_CASE("§2.17 FIFO: the mapping's concurrency is at most the number of active message groups",
          "[engine]") {
    // 40 messages spread over the groups (MessageGroupId "g-{i%N}"), a 2 s handler and no
    // concurrency cap: only the groups limit concurrency.
    const std::string groups = GENERATE(as<std::string>{}, "1", "3");
    INFO(groups << " group(s)");
    const Run run = run_scenario(R"json({
      "name": "fifo-concurrency", "seed": 18, "duration_s": 600,
      "queues": {"q.fifo": {"ContentBasedDeduplication": true, "VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 200, "Params": {"work_ms": 2000}}}},
      "mappings": [{"EventSourceArn": "q.fifo", "FunctionName": "f", "BatchSize": 2}],
      "traffic": [{"to": "q.fifo", "at_s": 0, "count": 40, "body": "m-{i}"}]
    })json",
                                 {{"traffic.0.MessageGroupId", "g-{i%" + groups + "}"}});
    CHECK(run.report["totals"]["max_concurrency"] == std::stoi(groups));
    CHECK(run.report["totals"]["deleted"] == 40);
}

TEST_CASE("§1.20 FIFO ordering: a group's counts show its waiting messages held back while one is "
          "in flight",
          "[engine]") {
    // No mapping: the test receives itself. Group A's head is received; the rest of A waits.
    auto engine = make_engine(R"json({
      "name": "fifo-group-view", "seed": 2, "duration_s": 100,
      "queues": {"q.fifo": {"ContentBasedDeduplication": true, "VisibilityTimeout": 30}},
      "traffic": [{"to": "q.fifo", "at_s": 0, "messages": [
        {"body": "a0", "MessageGroupId": "A"}, {"body": "a1", "MessageGroupId": "A"},
        {"body": "a2", "MessageGroupId": "A"}, {"body": "b0", "MessageGroupId": "B"}]},
        {"to": "q.fifo", "at_s": 90, "messages": [{"body": "keeps the run going", "MessageGroupId": "C"}]}]
    })json");
    auto& sqs = engine->sqs();
    const auto q = sqs.queue_index("q.fifo");
    engine->run_until(0);
    REQUIRE(sqs.group_count(q) == 2);
    const auto received = sqs.receive(engine->now(), q, 1, 20);
    REQUIRE(received.size() == 1);
    CHECK(sqs.message(received[0].message).body() == "a0");
    const auto a = sqs.group(q, 0);
    CHECK(a.id == "A");
    CHECK(a.visible == 2);
    CHECK(a.in_flight == 1);
    CHECK(sqs.group(q, 1).visible == 1);
    CHECK(sqs.group(q, 1).in_flight == 0);

    sqs.delete_message(engine->now(), received[0]);
    CHECK(sqs.group(q, 0).in_flight == 0);
    CHECK(sqs.group(q, 0).visible == 2);
    engine->run_until(from_seconds(31));  // nothing else was received: counts unchanged
    CHECK(sqs.group(q, 0).visible == 2);
}
