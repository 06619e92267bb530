// docs/aws-rules.md 2.9-2.14 (SQS event source mapping): what happens to a batch after the invoke,
// with and without ReportBatchItemFailures, and how Lambda reads a batch response; and 2.3, when a
// batch is sent.

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One batch of 10 at t=0: nine good orders and one that fails its first receive only
// (fail-attempts). The invoke takes 300 ms cold start + 50 ms; visibility timeout 30 s.
const char* const kBatchOfTen = R"json({
  "name": "batch-of-ten", "seed": 2, "duration_s": 300,
  "queues": {"orders": {"VisibilityTimeout": 30}},
  "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                      "Simulation": {"DurationMs": 50, "ColdStartMs": 300, "Params": {"report": "throw"}}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 9, "body": "{\"orderId\":\"o-{i}\"}"},
              {"to": "orders", "at_s": 0, "messages": [{"body": "{\"orderId\":\"bad\",\"fail_attempts\":1}"}]}]
})json";
const char* const kBadBody = R"({"orderId":"bad","fail_attempts":1})";
const Override kWithReportBatchItemFailures{"mappings.0.FunctionResponseTypes", R"(["ReportBatchItemFailures"])"};
const Override kReportInBatchItemFailures{"functions.f.Simulation.Params.report", "batchItemFailures"};

std::vector<Json> good_messages(const Json& report) {
    std::vector<Json> good;
    for (const auto& m : report["messages"]) {
        if (m["body"] != kBadBody) good.push_back(m);
    }
    return good;
}

}  // namespace

TEST_CASE("§2.9 / §2.11 function error without ReportBatchItemFailures: the handler throws on 1 "
          "record of 10, so all 10 return to the queue and are delivered again",
          "[engine]") {
    const Run run = run_scenario(kBatchOfTen);
    const auto& report = run.report;
    const auto& invocations = report["invocations"];
    REQUIRE(invocations.size() == 2);
    CHECK(invocations[0]["result"] == "error");
    CHECK(invocations[0]["records"].size() == 10);
    CHECK(invocations[1]["result"] == "success");
    CHECK(invocations[1]["records"].size() == 10);
    CHECK(invocations[1]["start_s"].get<double>() == at_time(30));
    CHECK(invocations[1]["receive_counts"] == Json(std::vector<int>(10, 2)));

    REQUIRE(report["messages"].size() == 10);
    for (const auto& m : report["messages"]) {
        INFO(m["body"]);
        CHECK(m["receive_count"] == 2);
        CHECK(event_times(m, "received") == std::vector<double>{0.0, 30.0});
        // The 9 good records were handled in the failed invoke too and are handled again.
        CHECK(invocations_with(report, m["id"].get<std::string>()).size() == 2);
        CHECK(event_times(m, "deleted") == std::vector<double>{30.05});
        CHECK(m["handler_failed"] == 1);  // an invocation that threw counts as failed
        CHECK(m["handler_ok"] == 1);
    }
    CHECK(report["totals"]["records_delivered"] == 20);
    CHECK(report["totals"]["invocation_errors"] == 1);
    CHECK(report["totals"]["deleted"] == 10);
    CHECK(report["totals"]["lost"] == 0);
}

TEST_CASE("§2.11 without ReportBatchItemFailures the response is ignored: a batchItemFailures "
          "entry does not stop the delete, so the failed message is lost",
          "[engine]") {
    const Run run = run_scenario(kBatchOfTen, {kReportInBatchItemFailures});
    const auto& report = run.report;
    REQUIRE(report["invocations"].size() == 1);
    CHECK(report["invocations"][0]["result"] == "success");

    const Json bad = message_by_body(report, kBadBody);
    CHECK(report["invocations"][0]["failures"] == Json::array({bad["id"]}));  // what the handler said
    CHECK(bad["outcome"] == "deleted");
    CHECK(bad["receive_count"] == 1);
    CHECK(bad["handler_failed"] == 1);
    CHECK(bad["handler_ok"] == 0);
    CHECK(event_times(bad, "deleted") == std::vector<double>{0.35});
    for (const auto& m : good_messages(report)) {
        CHECK(m["outcome"] == "deleted");
        CHECK(m["receive_count"] == 1);
    }
    CHECK(report["totals"]["deleted"] == 10);
    CHECK(report["totals"]["lost"] == 1);
    CHECK(report["totals"]["records_delivered"] == 10);
}

TEST_CASE("§2.12 with ReportBatchItemFailures: only the message in batchItemFailures returns, and the "
          "other 9 are deleted after the first invoke",
          "[engine]") {
    const Run run = run_scenario(kBatchOfTen, {kReportInBatchItemFailures, kWithReportBatchItemFailures});
    const auto& report = run.report;
    const auto& invocations = report["invocations"];
    REQUIRE(invocations.size() == 2);
    const Json bad = message_by_body(report, kBadBody);
    CHECK(invocations[0]["result"] == "partial");
    CHECK(invocations[0]["records"].size() == 10);
    CHECK(invocations[0]["failures"] == Json::array({bad["id"]}));
    CHECK(invocations[1]["records"] == Json::array({bad["id"]}));
    CHECK(invocations[1]["receive_counts"] == Json::array({2}));
    CHECK(invocations[1]["result"] == "success");

    const auto good = good_messages(report);
    REQUIRE(good.size() == 9);
    for (const auto& m : good) {
        CHECK(m["receive_count"] == 1);
        CHECK(event_times(m, "deleted") == std::vector<double>{0.35});
        CHECK(m["handler_ok"] == 1);
    }
    CHECK(event_times(bad, "received") == std::vector<double>{0.0, 30.0});
    CHECK(event_times(bad, "deleted") == std::vector<double>{30.05});
    CHECK(bad["handler_failed"] == 1);
    CHECK(bad["handler_ok"] == 1);
    CHECK(report["totals"]["deleted"] == 10);
    CHECK(report["totals"]["lost"] == 0);
    CHECK(report["totals"]["processed_more_than_once"] == 0);
    CHECK(report["totals"]["records_delivered"] == 11);
}

namespace {

// Three messages, one batch; fixed-response returns its Params' response whatever the event.
// The run stops at 15 s: a failed batch is back (visibility timeout 10 s) and delivered again.
const char* const kFixedResponse = R"json({
  "name": "fixed-response", "seed": 4, "duration_s": 15,
  "queues": {"orders": {"VisibilityTimeout": 10}},
  "functions": {"f": {"Handler": "fixed-response", "Timeout": 3,
                      "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10,
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 3, "body": "m-{i}"}]
})json";

Run run_fixed_response(const std::string& params) {
    return run_scenario(kFixedResponse, {{"functions.f.Simulation.Params", params}});
}

}  // namespace

TEST_CASE("§2.13 ReportBatchItemFailures full success: null or empty response, {}, null or empty "
          "batchItemFailures delete the whole batch",
          "[engine]") {
    const std::string params = GENERATE(as<std::string>{},
                                        R"({})",                                       // returns nothing
                                        R"({"raw_response": ""})",                     // empty payload
                                        R"({"response": null})",
                                        R"({"response": {}})",
                                        R"({"response": {"batchItemFailures": []}})",
                                        R"({"response": {"batchItemFailures": null}})");
    INFO("Params " << params);
    const Run run = run_fixed_response(params);
    const auto& report = run.report;
    REQUIRE(report["invocations"].size() == 1);
    CHECK(report["invocations"][0]["result"] == "success");
    CHECK(report["invocations"][0]["failures"].empty());
    for (const auto& m : report["messages"]) {
        CHECK(m["outcome"] == "deleted");
        CHECK(m["receive_count"] == 1);
        CHECK(event_times(m, "deleted") == std::vector<double>{0.35});
        CHECK(m["handler_ok"] == 1);
    }
    CHECK(report["totals"]["deleted"] == 3);
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("§2.14 ReportBatchItemFailures full failure: an itemIdentifier that is unknown, empty, "
          "null or missing, and a response that is not JSON, return the whole batch",
          "[engine]") {
    const std::string params =
        GENERATE(as<std::string>{},
                 R"({"response": {"batchItemFailures": [{"itemIdentifier": "00000000-0000-4000-8000-000000000000"}]}})",
                 R"({"response": {"batchItemFailures": [{"itemIdentifier": ""}]}})",
                 R"({"response": {"batchItemFailures": [{"itemIdentifier": null}]}})",
                 R"({"response": {"batchItemFailures": [{"foo": 1}]}})",
                 R"({"raw_response": "not json"})");
    INFO("Params " << params);
    const Run run = run_fixed_response(params);
    const auto& report = run.report;
    const auto& invocations = report["invocations"];
    REQUIRE(invocations.size() == 2);
    CHECK(invocations[0]["result"] == "error");
    // Nothing was deleted: all three come back after the visibility timeout.
    CHECK(invocations[1]["start_s"].get<double>() == at_time(10));
    CHECK(invocations[1]["records"].size() == 3);
    CHECK(invocations[1]["receive_counts"] == Json::array({2, 2, 2}));
    for (const auto& m : report["messages"]) {
        CHECK(events_of(m, "deleted").empty());
        CHECK(m["receive_count"] == 2);
        CHECK(m["outcome"] != "deleted");
    }
    CHECK(report["totals"]["deleted"] == 0);
    CHECK(report["totals"]["invocation_errors"] == 2);
}

TEST_CASE("§2.3 MaximumBatchingWindowInSeconds: a batch is sent when the window ends, or at once "
          "when it is full",
          "[engine]") {
    const Run run = run_scenario(R"json({
      "name": "batching-window", "seed": 19, "duration_s": 100,
      "queues": {"orders": {"VisibilityTimeout": 30}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10,
                    "MaximumBatchingWindowInSeconds": 5}],
      "traffic": [{"to": "orders", "at_s": 0, "count": 3, "body": "{\"orderId\":\"early-{i}\"}"},
                  {"to": "orders", "at_s": 20, "count": 10, "body": "{\"orderId\":\"full-{i}\"}"}]
    })json");
    const auto& invocations = run.report["invocations"];
    REQUIRE(invocations.size() == 2);
    CHECK(invocations[0]["start_s"].get<double>() == at_time(5));
    CHECK(invocations[0]["records"].size() == 3);
    CHECK(invocations[1]["start_s"].get<double>() == at_time(20));
    CHECK(invocations[1]["records"].size() == 10);
    CHECK(run.report["totals"]["deleted"] == 13);
}
