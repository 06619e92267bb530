// docs/aws-rules.md 2.18 FilterCriteria: up to 5 filters, ORed; for SQS they match on the body. A
// message that matches no filter is deleted without invoking the function. For Kinesis: 3.22.

#include <catch2/catch.hpp>

#include "engine_test_support.h"
#include "event_filter.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;
using nlohmann::json;

TEST_CASE("§2.18 FilterCriteria: pattern operators match record values as Lambda's filtering does",
          "[filter]") {
    const json record = {{"body", {{"type", "order"}, {"amount", 120}, {"region", "eu-west-1"}, {"tags", {"a", "b"}}}},
                         {"attributes", {{"ApproximateReceiveCount", "1"}}}};
    auto matches = [&](const char* pattern) { return matches_pattern(json::parse(pattern), record); };

    CHECK(matches(R"({"body": {"type": ["order"]}})"));
    CHECK_FALSE(matches(R"({"body": {"type": ["refund"]}})"));
    CHECK(matches(R"({"body": {"region": [{"prefix": "eu-"}]}})"));
    CHECK(matches(R"({"body": {"region": [{"suffix": "-1"}]}})"));
    CHECK(matches(R"({"body": {"type": [{"equals-ignore-case": "ORDER"}]}})"));
    CHECK(matches(R"({"body": {"type": [{"anything-but": ["refund"]}]}})"));
    CHECK_FALSE(matches(R"({"body": {"type": [{"anything-but": {"prefix": "ord"}}]}})"));
    CHECK(matches(R"({"body": {"amount": [{"numeric": [">", 100, "<=", 120]}]}})"));
    CHECK_FALSE(matches(R"({"body": {"amount": [{"numeric": ["<", 100]}]}})"));
    CHECK(matches(R"({"body": {"coupon": [{"exists": false}]}})"));
    CHECK_FALSE(matches(R"({"body": {"coupon": [{"exists": true}]}})"));
    CHECK(matches(R"({"body": {"tags": ["b"]}})"));  // a list value matches if any element does
    CHECK(matches(R"({"$or": [{"body": {"type": ["refund"]}}, {"body": {"amount": [120]}}]})"));
    CHECK(matches(R"({"attributes": {"ApproximateReceiveCount": ["1"]}})"));
}

TEST_CASE("§2.18 FilterCriteria: a pattern on body keys never matches a plain-text body",
          "[filter]") {
    CHECK_FALSE(matches_pattern(json::parse(R"({"body": {"type": ["order"]}})"), json{{"body", "type=order"}}));
    CHECK(matches_pattern(json::parse(R"({"body": ["type=order"]})"), json{{"body", "type=order"}}));
}

TEST_CASE("§2.18 FilterCriteria: malformed patterns are reported", "[filter]") {
    CHECK_FALSE(pattern_error(json::parse(R"({"body": {"n": [{"numeric": [">"]}]}})")).empty());
    CHECK_FALSE(pattern_error(json::parse(R"({"body": {"n": [{"shout": "x"}]}})")).empty());
    CHECK_FALSE(pattern_error(json::parse(R"({"body": "order"})")).empty());
    CHECK(pattern_error(json::parse(R"({"body": {"n": [{"numeric": [">=", 1]}]}})")).empty());
}

TEST_CASE("§2.18 FilterCriteria: messages no filter matches are deleted without an invoke, and the "
          "others are delivered",
          "[engine]") {
    const Run run = run_scenario(R"json({
      "name": "filters", "seed": 4, "duration_s": 60,
      "queues": {"orders": {}},
      "functions": {"f": {"Handler": "order-processor", "Simulation": {"DurationMs": 20}}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f",
                    "FilterCriteria": {"Filters": [{"Pattern": "{\"body\": {\"priority\": [\"high\"]}}"},
                                                   {"Pattern": "{\"body\": {\"amount\": [{\"numeric\": [\">\", 1000]}]}}"}]}}],
      "traffic": [{"to": "orders", "at_s": 0, "messages": [
        {"body": "{\"orderId\": \"a\", \"priority\": \"high\"}"},
        {"body": "{\"orderId\": \"b\", \"priority\": \"low\"}"},
        {"body": "{\"orderId\": \"c\", \"amount\": 5000}"},
        {"body": "priority=high"}]}]
    })json");
    const auto& report = run.report;
    CHECK(message_by_body(report, R"({"orderId": "a", "priority": "high"})")["outcome"] == "deleted");
    CHECK(message_by_body(report, R"({"orderId": "c", "amount": 5000})")["outcome"] == "deleted");
    for (const char* body : {R"({"orderId": "b", "priority": "low"})", "priority=high"}) {
        const Json filtered = message_by_body(report, body);
        CHECK(filtered["outcome"] == "filtered");
        CHECK(filtered["handler_ok"] == 0);
        CHECK(filtered["handler_failed"] == 0);
        CHECK(invocations_with(report, filtered["id"].get<std::string>()).empty());
    }
    CHECK(report["totals"]["filtered"] == 2);
    CHECK(report["totals"]["records_delivered"] == 2);
}

TEST_CASE("§3.22 FilterCriteria on a Kinesis mapping: patterns match the record's data, and records no "
          "filter matches are discarded without an invoke and take no place in a batch",
          "[engine][kinesis]") {
    const Run run = run_scenario(R"json({
      "name": "stream-filters", "seed": 4, "duration_s": 60,
      "streams": {"readings": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "sensor-readings", "Simulation": {"DurationMs": 20}}},
      "mappings": [{"EventSourceArn": "readings", "FunctionName": "f", "StartingPosition": "TRIM_HORIZON",
                    "BatchSize": 2,
                    "FilterCriteria": {"Filters": [{"Pattern": "{\"data\": {\"temperature\": [{\"numeric\": [\">\", 50]}]}}"}]}}],
      "traffic": [{"to": "readings", "at_s": 0, "partition_key": "sensor", "messages": [
        {"data": "{\"temperature\": 20}"}, {"data": "{\"temperature\": 70}"}, {"data": "{\"temperature\": 10}"},
        {"data": "{\"temperature\": 95}"}, {"data": "temperature 99"}]}]
    })json");
    const auto& report = run.report;
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 1);
    CHECK(records_of(invocations[0]) == std::vector<std::string>{record_by_data(report, R"({"temperature": 70})")["id"],
                                                                  record_by_data(report, R"({"temperature": 95})")["id"]});
    for (const char* hot : {R"({"temperature": 70})", R"({"temperature": 95})"}) {
        CHECK(record_by_data(report, hot)["outcome"] == "checkpointed");
    }
    for (const char* filtered : {R"({"temperature": 20})", R"({"temperature": 10})", "temperature 99"}) {
        const Json record = record_by_data(report, filtered);
        CHECK(record["outcome"] == "filtered");
        CHECK(record["receive_count"] == 0);
        CHECK(events_of(record, "filtered").size() == 1);
    }
    CHECK(report["totals"]["filtered"] == 3);
    CHECK(report["totals"]["records_delivered"] == 2);
}
