// docs/aws-rules.md 3.11, a failed batch blocks its shard: it is retried, and nothing newer from
// its shard is delivered, until it succeeds, its records expire (retention, 3.6), they exceed
// MaximumRecordAgeInSeconds (3.13), or MaximumRetryAttempts is used up (3.12).
//
// Times: the mapping's first poll that finds the t=0 records is at 1 s (§3.7, §5.13); invokes take
// 100 ms; a failed batch is retried after a backoff of 1, 2, 4, 8, 16, then 30 s
// (esm_backoff_initial_s doubling up to esm_backoff_max_s, §5.14). So a record that always throws
// is invoked at 1.0, 2.1, 4.2, 8.3, 16.4, 32.5, 62.6, 92.7, ... s.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One shard, BatchSize 1, failing forever (MaximumRetryAttempts -1) but MaximumRecordAgeInSeconds
// 60. Record 1 always throws. Record 2, sent with it at t=0, waits behind it: with BatchSize 1 it
// is never in the failing batch, so it is never read before it is older than 60 s. Record 3
// arrives at 30 s and is only 32.6 s old when the shard moves on at 62.6 s.
const char* const kRecordAge = R"json({
  "name": "record-age", "seed": 1, "duration_s": 600,
  "queues": {"failures": {}},
  "streams": {"s": {"ShardCount": 1}},
  "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                      "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"report": "throw"}}}},
  "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 1, "StartingPosition": "TRIM_HORIZON",
                "MaximumRetryAttempts": -1, "MaximumRecordAgeInSeconds": 60,
                "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
  "traffic": [{"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"should_fail\": true}"},
                                                  {"partition_key": "k", "data": "{\"n\": 2}"}]},
              {"to": "s", "at_s": 30, "messages": [{"partition_key": "k", "data": "{\"n\": 3}"}]}]
})json";

// The on-failure records in a queue, parsed, in send order.
std::vector<Json> failure_records(const Json& report, const std::string& queue) {
    std::vector<Json> parsed;
    for (const auto& m : messages_in_queue(report, queue)) parsed.push_back(Json::parse(m["body"].get<std::string>()));
    return parsed;
}

}  // namespace

TEST_CASE("§3.13 MaximumRecordAgeInSeconds: a record that keeps failing is not retried once it is "
          "older than 60 s, and it goes to the destination with RecordAgeExceeded and the shard moves "
          "on",
          "[engine][kinesis]") {
    const Run run = run_scenario(kRecordAge);
    const auto& report = run.report;
    const Json bad = record_by_data(report, "{\"should_fail\": true}");
    const std::string bad_id = bad["id"].get<std::string>();

    // Retried while younger than 60 s, never after.
    const auto tries = invocations_with(report, bad_id);
    REQUIRE(tries.size() == 6);
    const std::vector<double> starts{1.0, 2.1, 4.2, 8.3, 16.4, 32.5};
    for (std::size_t i = 0; i < tries.size(); ++i) {
        CHECK(tries[i]["start_s"].get<double>() == at_time(starts[i]));
        CHECK(tries[i]["result"] == "error");
    }
    // Found too old at the next retry (32.6 s + 30 s backoff), instead of being invoked again.
    CHECK(bad["outcome"] == "sent_to_on_failure");
    CHECK(bad["ended_at_s"].get<double>() == at_time(62.6));
    const auto expired = events_of(bad, "sent_to_on_failure");
    REQUIRE(expired.size() == 1);
    CHECK(expired[0]["condition"] == "RecordAgeExceeded");
    CHECK(bad["handler_failed"] == 6);

    const auto failures = failure_records(report, "failures");
    REQUIRE(failures.size() == 2);  // this record, then record 2 (next test case)
    CHECK(failures[0]["requestContext"]["condition"] == "RecordAgeExceeded");
    CHECK(failures[0]["requestContext"]["approximateInvokeCount"] == 6);
    CHECK(failures[0]["KinesisBatchInfo"]["startSequenceNumber"] == bad_id);
    CHECK(failures[0]["KinesisBatchInfo"]["endSequenceNumber"] == bad_id);
    CHECK(failures[0]["KinesisBatchInfo"]["batchSize"] == 1);
    CHECK(failures[0]["timestamp"] == "2024-01-01T00:01:02.600Z");

    // The shard moved on: record 3 (32.6 s old, under the limit) is delivered and checkpointed.
    const Json young = record_by_data(report, "{\"n\": 3}");
    CHECK(young["outcome"] == "checkpointed");
    CHECK(young["receive_count"] == 1);
    CHECK(young["ended_at_s"].get<double>() == at_time(62.7));
    CHECK(report["totals"]["invocations"] == 7);
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("§3.13 / §5.15 MaximumRecordAgeInSeconds: a record that got older than 60 s before it "
          "was ever read (blocked behind a failing record) is skipped to the destination without a "
          "delivery",
          "[engine][kinesis]") {
    const Run run = run_scenario(kRecordAge);
    const auto& report = run.report;
    const Json unread = record_by_data(report, "{\"n\": 2}");
    const std::string unread_id = unread["id"].get<std::string>();

    CHECK(invocations_with(report, unread_id).empty());
    CHECK(unread["receive_count"] == 0);
    CHECK(unread["handler_ok"] == 0);
    CHECK(unread["handler_failed"] == 0);
    CHECK(unread["outcome"] == "sent_to_on_failure");
    CHECK(unread["ended_at_s"].get<double>() == at_time(62.6));
    const auto expired = events_of(unread, "sent_to_on_failure");
    REQUIRE(expired.size() == 1);
    CHECK(expired[0]["condition"] == "RecordAgeExceeded");

    const auto failures = failure_records(report, "failures");
    REQUIRE(failures.size() == 2);
    CHECK(failures[1]["requestContext"]["condition"] == "RecordAgeExceeded");
    CHECK(failures[1]["requestContext"]["approximateInvokeCount"] == 0);
    CHECK(failures[1]["KinesisBatchInfo"]["startSequenceNumber"] == unread_id);
    CHECK(failures[1]["KinesisBatchInfo"]["endSequenceNumber"] == unread_id);
    CHECK(failures[1]["KinesisBatchInfo"]["batchSize"] == 1);
    CHECK(report["totals"]["sent_to_on_failure"] == 2);
}

TEST_CASE("§3.11 errors block the shard: with the defaults a failing batch is retried forever and "
          "nothing newer from its shard is delivered, while another shard keeps flowing and the "
          "blocked shard's iterator age grows",
          "[engine][kinesis]") {
    // ExplicitHashKey 0 puts records on shard 0, 2^128 - 1 on shard 1. The bad record is alone in
    // its first batch (the good shard-0 records start at 1.5 s, after the 1 s poll).
    const Run run = run_scenario(R"json({
      "name": "blocked-shard", "seed": 1, "duration_s": 60, "sample_interval_s": 1,
      "streams": {"s": {"ShardCount": 2}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10, "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [
        {"to": "s", "at_s": 0, "messages": [{"partition_key": "a", "ExplicitHashKey": "0", "data": "{\"should_fail\": true}"}]},
        {"to": "s", "from_s": 1.5, "until_s": 30, "rate_per_s": 1, "partition_key": "a", "ExplicitHashKey": "0",
         "data": "{\"a\": {i}}"},
        {"to": "s", "from_s": 0.5, "until_s": 30, "rate_per_s": 1, "partition_key": "b",
         "ExplicitHashKey": "340282366920938463463374607431768211455", "data": "{\"b\": {i}}"}]
    })json");
    const auto& report = run.report;
    CHECK(report["end_reason"] == "duration");  // the blocked shard never drains
    const Json bad = record_by_data(report, "{\"should_fail\": true}");
    const std::string bad_id = bad["id"].get<std::string>();
    CHECK(bad["shard"] == "shardId-000000000000");

    // Shard 0: every invoke is the bad record alone, retried at 1.0, 2.1, 4.2, 8.3, 16.4, 32.5 s.
    int shard0_invocations = 0;
    for (const auto& invocation : report["invocations"]) {
        const auto ids = records_of(invocation);
        if (std::find(ids.begin(), ids.end(), bad_id) == ids.end()) continue;
        ++shard0_invocations;
        CHECK(ids == std::vector<std::string>{bad_id});
    }
    CHECK(shard0_invocations == 6);
    CHECK(bad["outcome"] == "in_stream");

    int blocked = 0;
    int flowing = 0;
    for (const auto& record : stream_records(report)) {
        if (record["id"] == bad_id) continue;
        INFO("record " << record["data"] << " on " << record["shard"]);
        if (record["shard"] == "shardId-000000000000") {
            ++blocked;  // behind the bad record: never delivered
            CHECK(record["receive_count"] == 0);
            CHECK(record["outcome"] == "in_stream");
        } else {
            ++flowing;  // each read at the next poll (within about a second) and checkpointed
            CHECK(record["receive_count"] == 1);
            CHECK(record["outcome"] == "checkpointed");
            CHECK(record["ended_at_s"].get<double>() - first_event_time(record, "sent") < 1.2);
        }
    }
    CHECK(blocked == 29);
    CHECK(flowing == 30);

    // Iterator age: shard 0 is as old as the bad record (sent at 0), shard 1 stays under 1 s.
    const std::string shard0 = "s->f.shardId-000000000000.iterator_age_s";
    const std::string shard1 = "s->f.shardId-000000000001.iterator_age_s";
    for (const double t : {5.0, 10.0, 20.0, 40.0, 59.0}) {
        INFO("t = " << t);
        CHECK(series_at(report, shard0, t) == Approx(t));
        CHECK(series_at(report, shard1, t) <= 1.0);
    }
    CHECK(series_at(report, "s->f.iterator_age_s", 59.0) == Approx(59.0));  // the mapping's worst shard
}

TEST_CASE("§3.6 retention: a shard blocked by a failing record (defaults) stays blocked until its "
          "records are older than RetentionPeriodHours (24 h), and they are skipped and the shard "
          "moves on",
          "[engine][kinesis]") {
    // Few events: one retry every 30 s for 24 h is about 2,900 invokes.
    const Run run = run_scenario(R"json({
      "name": "retention", "seed": 1, "duration_s": 90000,
      "streams": {"s": {"ShardCount": 1, "RetentionPeriodHours": 24}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 1, "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"should_fail\": true}"},
                                                      {"partition_key": "k", "data": "{\"n\": 1}"}]},
                  {"to": "s", "at_s": 43200, "messages": [{"partition_key": "k", "data": "{\"n\": 2}"}]}]
    })json");
    const auto& report = run.report;
    constexpr double kRetention = 24 * 3600;
    const Json bad = record_by_data(report, "{\"should_fail\": true}");
    const Json behind = record_by_data(report, "{\"n\": 1}");
    const Json later = record_by_data(report, "{\"n\": 2}");

    // The bad record is retried until retention ends, never after.
    const auto tries = invocations_with(report, bad["id"].get<std::string>());
    REQUIRE(tries.size() > 2000);
    CHECK(tries.back()["start_s"].get<double>() < kRetention);
    CHECK(tries.back()["start_s"].get<double>() > kRetention - 31);
    // Skipped at the next poll (the 30 s backoff after its last invoke), past 24 h.
    const double skipped_at = tries.back()["end_s"].get<double>() + 30;
    CHECK(skipped_at >= kRetention);
    CHECK(bad["outcome"] == "skipped");
    CHECK(bad["ended_at_s"].get<double>() == at_time(skipped_at));
    CHECK(event_times(bad, "skipped") == std::vector<double>{bad["ended_at_s"].get<double>()});
    // The record behind it expired unread.
    CHECK(behind["outcome"] == "skipped");
    CHECK(behind["receive_count"] == 0);
    CHECK(behind["ended_at_s"].get<double>() == at_time(skipped_at));
    // The record sent 12 h in waited for the shard to move on, then went through.
    CHECK(later["outcome"] == "checkpointed");
    CHECK(later["receive_count"] == 1);
    const auto later_invocations = invocations_with(report, later["id"].get<std::string>());
    REQUIRE(later_invocations.size() == 1);
    CHECK(later_invocations[0]["start_s"].get<double>() == at_time(skipped_at));

    CHECK(report["totals"]["skipped"] == 2);
    CHECK(report["totals"]["checkpointed"] == 1);
    CHECK(report["end_reason"] == "drained");
}

// §3.16 gives the on-failure record's shape as requestContext {requestId, functionArn, condition,
// approximateInvokeCount} and responseContext {statusCode, executedVersion, functionError}; by
// §5.15 a RecordAgeExceeded record of a batch that was invoked describes its last invoke too. (A
// record never invoked has no invocation to describe, so that case is not checked.)
TEST_CASE("§3.16 / §5.15 on-failure destination: a RecordAgeExceeded record of a batch that was "
          "invoked names the last invoke (requestId) and its response (responseContext)",
          "[engine][kinesis]") {
    const Run run = run_scenario(kRecordAge);
    const auto& report = run.report;
    const Json bad = record_by_data(report, "{\"should_fail\": true}");
    const auto tries = invocations_with(report, bad["id"].get<std::string>());
    REQUIRE(tries.size() == 6);
    const auto failures = failure_records(report, "failures");
    REQUIRE(failures.size() == 2);
    const Json& failure = failures[0];
    REQUIRE(failure["requestContext"]["condition"] == "RecordAgeExceeded");
    CHECK(failure["requestContext"]["requestId"] == tries.back()["id"]);
    REQUIRE(failure.contains("responseContext"));
    CHECK(failure["responseContext"]["statusCode"] == 200);
    CHECK(failure["responseContext"]["executedVersion"] == "$LATEST");
    CHECK(failure["responseContext"]["functionError"] == "Unhandled");
}
