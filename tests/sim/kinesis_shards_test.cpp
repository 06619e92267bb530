// docs/aws-rules.md 3.1-3.7, the stream itself and where a mapping starts reading: shards own
// ranges of the MD5 hash space (ExplicitHashKey overrides it), sequence numbers increase within a
// shard, per-shard write and read limits, StartingPosition; batching (3.24); and determinism
// (virtual time, 5.1) for a stream run.

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

TEST_CASE("§3.1 shards / §3.2 sequence numbers: a partition key's MD5 picks its shard (always the "
          "same), ExplicitHashKey overrides it, and sequence numbers increase within a shard",
          "[engine][kinesis]") {
    // Four shards of 2^126 hash keys each: a key's shard is the top two bits of MD5(key), worked
    // out independently (Python hashlib) for user-0..user-7:
    //   user-0 b01a0e23... -> 2   user-1 d6d77053... -> 3   user-2 3d58ce20... -> 0
    //   user-3 134ad24e... -> 0   user-4 24b299d7... -> 0   user-5 39201609... -> 0
    //   user-6 523d9e31... -> 1   user-7 40ca0979... -> 1
    // No mapping: the run ends at once and every record stays in the stream.
    const Run run = run_scenario(R"json({
      "name": "shards", "seed": 1, "duration_s": 10,
      "streams": {"s": {"ShardCount": 4}},
      "traffic": [
        {"to": "s", "at_s": 0, "count": 24, "partition_key": "user-{i%8}", "data": "r-{i}"},
        {"to": "s", "at_s": 0, "messages": [
          {"partition_key": "user-1", "ExplicitHashKey": "0", "data": "explicit-0"},
          {"partition_key": "user-2", "ExplicitHashKey": "340282366920938463463374607431768211455", "data": "explicit-max"},
          {"partition_key": "x", "ExplicitHashKey": "85070591730234615865843651857942052863", "data": "last-of-shard-0"},
          {"partition_key": "x", "ExplicitHashKey": "85070591730234615865843651857942052864", "data": "first-of-shard-1"}]}]
    })json");
    const auto& report = run.report;
    const std::map<std::string, std::string> expected_shard{
        {"user-0", "shardId-000000000002"}, {"user-1", "shardId-000000000003"}, {"user-2", "shardId-000000000000"},
        {"user-3", "shardId-000000000000"}, {"user-4", "shardId-000000000000"}, {"user-5", "shardId-000000000000"},
        {"user-6", "shardId-000000000001"}, {"user-7", "shardId-000000000001"}};
    const auto records = stream_records(report);
    REQUIRE(records.size() == 28);
    for (std::size_t i = 0; i < 24; ++i) {
        INFO("record " << records[i]["data"] << " key " << records[i]["partition_key"]);
        CHECK(records[i]["shard"] == expected_shard.at(records[i]["partition_key"].get<std::string>()));
        CHECK(records[i]["outcome"] == "in_stream");
    }
    // ExplicitHashKey wins over the partition key's hash (user-1 hashes to shard 3, user-2 to 0).
    CHECK(record_by_data(report, "explicit-0")["shard"] == "shardId-000000000000");
    CHECK(record_by_data(report, "explicit-max")["shard"] == "shardId-000000000003");
    // The ranges are [k * 2^126, (k + 1) * 2^126).
    CHECK(record_by_data(report, "last-of-shard-0")["shard"] == "shardId-000000000000");
    CHECK(record_by_data(report, "first-of-shard-1")["shard"] == "shardId-000000000001");

    // Sequence numbers: decimal strings, strictly increasing in put order within each shard.
    std::map<std::string, std::string> last_of_shard;
    std::map<std::string, int> per_shard;
    for (const auto& record : records) {
        const auto id = record["id"].get<std::string>();
        const auto shard = record["shard"].get<std::string>();
        INFO("record " << record["data"] << " " << id << " on " << shard);
        CHECK(id.size() > 20);
        CHECK(id.find_first_not_of("0123456789") == std::string::npos);
        if (last_of_shard.count(shard) != 0) CHECK(decimal_less(last_of_shard[shard], id));
        last_of_shard[shard] = id;
        ++per_shard[shard];
    }
    // 24 keyed records: user-2..5 (12) on shard 0, user-6/7 (6) on 1, user-0 (3) on 2, user-1 (3) on 3.
    CHECK(per_shard == std::map<std::string, int>{{"shardId-000000000000", 14}, {"shardId-000000000001", 7},
                                                  {"shardId-000000000002", 3}, {"shardId-000000000003", 4}});
    CHECK(report["totals"]["records_put"] == 28);
    CHECK(report["totals"]["in_stream"] == 28);
}

TEST_CASE("§3.3 limits per shard: writes beyond shard_write_records_per_s in one second are "
          "rejected (ProvisionedThroughputExceededException), and the next second accepts again",
          "[engine][kinesis]") {
    const Run run = run_scenario(R"json({
      "name": "write-limit", "seed": 1, "duration_s": 30,
      "service_limits": {"shard_write_records_per_s": 10},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "s", "at_s": 0, "count": 15, "partition_key": "k", "data": "a-{i}"},
                  {"to": "s", "at_s": 1, "count": 5, "partition_key": "k", "data": "b-{i}"}]
    })json");
    const auto& report = run.report;
    CHECK(report["totals"]["put_throttled"] == 5);
    CHECK(report["totals"]["records_put"] == 15);
    // Accepted: the first ten of the first second, and all five of the next one.
    std::vector<std::string> data;
    for (const auto& record : stream_records(report)) data.push_back(record["data"].get<std::string>());
    CHECK(data == std::vector<std::string>{"a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7", "a-8", "a-9",
                                           "b-0", "b-1", "b-2", "b-3", "b-4"});
    CHECK(series_at(report, "s.put_throttled", 0.0) == 5);
    CHECK(series_at(report, "s.records", 0.5) == 10);
    CHECK(series_at(report, "s.records", 1.0) == 15);
    CHECK(report["totals"]["checkpointed"] == 15);
}

// §3.5 limits per shard (reads 2 MB/s, per mapping: §5.13), scaled down with service_limits.
TEST_CASE("§3.5 limits per shard: a consumer reads a shard no faster than shard_read_bytes_per_s",
          "[engine][kinesis]") {
    // Scaled down with service_limits: 20 KB/s of reads, 300 records of 1,000 bytes sent at t=0.
    // Even allowing the first batch (100 records) as a burst, the other 200 KB take 10 s to read.
    const std::string data(1000, 'x');
    const Run run = run_scenario(R"json({
      "name": "read-limit", "seed": 1, "duration_s": 300,
      "service_limits": {"shard_read_bytes_per_s": 20000},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 100, "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "s", "at_s": 0, "count": 300, "partition_key": "k", "data": ")json" + data + R"json("}]
    })json");
    const auto& report = run.report;
    REQUIRE(report["totals"]["records_put"] == 300);
    CHECK(report["totals"]["checkpointed"] == 300);
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() >= 3);
    const double first = invocations.front()["start_s"].get<double>();
    CHECK(invocations.back()["start_s"].get<double>() - first >= 9.0);
    std::size_t read_in_first_2_s = 0;
    for (const auto& invocation : invocations) {
        if (invocation["start_s"].get<double>() < first + 2) read_in_first_2_s += invocation["records"].size();
    }
    CHECK(read_in_first_2_s <= 140);  // one 100 KB batch plus 2 s at 20 KB/s
}

// §3.24 (the batching rules of §2.3, which AWS states for every event source mapping): a batch is
// sent when it is full, when the window ends, or when it reaches the 6 MB invoke payload limit.
TEST_CASE("§3.24 MaximumBatchingWindowInSeconds: a batch that reaches the invoke payload limit is "
          "sent at once, without waiting for the window to end",
          "[engine][kinesis]") {
    // Scaled down with service_limits: a 60 KB invoke payload, records of 1,000 bytes at 10 per
    // second for 20 s, BatchSize 10,000 and a 60 s window: only the payload limit can fill a batch.
    const std::string data(1000, 'x');
    const Run run = run_scenario(R"json({
      "name": "payload-full", "seed": 1, "duration_s": 300,
      "service_limits": {"invoke_payload_limit_bytes": 60000},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10000,
                    "MaximumBatchingWindowInSeconds": 60, "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "s", "from_s": 0, "until_s": 20, "rate_per_s": 10, "partition_key": "k",
                   "data": ")json" + data + R"json("}]
    })json");
    const auto& report = run.report;
    REQUIRE(report["totals"]["records_put"] == 200);
    CHECK(report["totals"]["checkpointed"] == 200);
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() >= 4);  // at most 60 records fit in 60 KB
    // 60 KB of records is there after at most 6 s; the batch goes at the next poll.
    CHECK(invocations.front()["start_s"].get<double>() <= 8.0);
    // Every full batch of the 20 s of traffic is sent within the traffic's time, not a window apart.
    int sent_by_25_s = 0;
    for (const auto& invocation : invocations) sent_by_25_s += invocation["start_s"].get<double>() <= 25.0;
    CHECK(sent_by_25_s >= 3);
}

// The mapping starts at t=0, before any record exists: records that arrive later but carry an
// arrival time before the timestamp must still be passed over.
TEST_CASE("§3.7 StartingPosition AT_TIMESTAMP: records that arrived before the timestamp are never "
          "read",
          "[engine][kinesis]") {
    const Run run = run_scenario(R"json({
      "name": "at-timestamp", "seed": 1, "duration_s": 600,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10,
                    "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 10}],
      "traffic": [{"to": "s", "at_s": 0, "count": 3, "partition_key": "k", "data": "early-{i}"},
                  {"to": "s", "at_s": 9.5, "messages": [{"partition_key": "k", "data": "just-before"}]},
                  {"to": "s", "at_s": 10, "count": 3, "partition_key": "k", "data": "on-time-{i}"}]
    })json");
    const auto& report = run.report;
    for (const std::string data : {"early-0", "early-1", "early-2", "just-before"}) {
        INFO("record " << data);
        const Json record = record_by_data(report, data);
        CHECK(record["outcome"] == "in_stream");
        CHECK(record["receive_count"] == 0);
        CHECK(invocations_with(report, record["id"].get<std::string>()).empty());
    }
    std::vector<std::string> on_time;
    for (const std::string data : {"on-time-0", "on-time-1", "on-time-2"}) {
        const Json record = record_by_data(report, data);
        CHECK(record["outcome"] == "checkpointed");
        CHECK(record["receive_count"] == 1);
        on_time.push_back(record["id"].get<std::string>());
    }
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 1);
    CHECK(records_of(invocations[0]) == on_time);
    CHECK(invocations[0]["start_s"].get<double>() >= 10.0);
    CHECK(report["totals"]["in_stream"] == 4);
    // The lab shows the four early records as out of reach, not as waiting.
    const auto& mapping = *run.engine->stream_mappings()[0];
    for (std::size_t position = 0; position < 7; ++position) {
        INFO("position " << position);
        CHECK(mapping.before_starting_position(0, position) == (position < 4));
    }
}

TEST_CASE("§3.7 StartingPosition LATEST: the mapping starts at t=0, before the traffic of t=0, so "
          "it reads every record sent from then on",
          "[engine][kinesis]") {
    const Run run = run_scenario(R"json({
      "name": "latest", "seed": 1, "duration_s": 600,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "StartingPosition": "LATEST"}],
      "traffic": [{"to": "s", "at_s": 0, "count": 3, "partition_key": "k", "data": "first-{i}"},
                  {"to": "s", "at_s": 5, "count": 2, "partition_key": "k", "data": "later-{i}"}]
    })json");
    const auto& report = run.report;
    const auto records = stream_records(report);
    REQUIRE(records.size() == 5);
    const auto ids = ids_of(records);
    for (const auto& record : records) {
        INFO("record " << record["data"]);
        CHECK(record["outcome"] == "checkpointed");
        CHECK(record["receive_count"] == 1);
    }
    for (std::size_t position = 0; position < 5; ++position) {
        CHECK_FALSE(run.engine->stream_mappings()[0]->before_starting_position(0, position));
    }
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 2);
    CHECK(records_of(invocations[0]) == std::vector<std::string>(ids.begin(), ids.begin() + 3));
    CHECK(invocations[0]["start_s"].get<double>() == at_time(1.0));
    CHECK(records_of(invocations[1]) == std::vector<std::string>(ids.begin() + 3, ids.end()));
    CHECK(invocations[1]["start_s"].get<double>() >= 5.0);
    CHECK(invocations[1]["start_s"].get<double>() <= 6.1);
}

TEST_CASE("Determinism (virtual time, seeded) for streams: the same stream scenario twice gives "
          "byte-identical reports",
          "[engine][kinesis]") {
    // Several shards, ParallelizationFactor 2, failures with bisection and partial responses, an
    // on-failure queue, a throttled key and a tumbling-free aggregation: many decisions per run.
    const char* const kBusyStream = R"json({
      "name": "busy-stream", "seed": 21, "duration_s": 120,
      "service_limits": {"shard_write_records_per_s": 40},
      "queues": {"failures": {}},
      "streams": {"s": {"ShardCount": 3}},
      "functions": {
        "thrower": {"Handler": "fail-attempts", "Timeout": 10,
                    "Simulation": {"DurationMs": 60, "PerRecordMs": 2, "ColdStartMs": 250, "Params": {"report": "throw"}}},
        "sensor": {"Handler": "sensor-readings", "Timeout": 10,
                   "Simulation": {"DurationMs": 40, "PerRecordMs": 1, "ColdStartMs": 200}}},
      "mappings": [
        {"EventSourceArn": "s", "FunctionName": "thrower", "BatchSize": 8, "StartingPosition": "TRIM_HORIZON",
         "ParallelizationFactor": 2, "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 1,
         "DestinationConfig": {"OnFailure": {"Destination": "failures"}}},
        {"EventSourceArn": "s", "FunctionName": "sensor", "BatchSize": 5, "StartingPosition": "TRIM_HORIZON",
         "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 2,
         "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
      "traffic": [
        {"to": "s", "from_s": 0, "until_s": 20, "rate_per_s": 30, "partition_key": "k-{i%17}",
         "data": "{\"temperature\": {i}}"},
        {"to": "s", "at_s": 3, "count": 60, "partition_key": "hot", "data": "{\"temperature\": 5}"},
        {"to": "s", "at_s": 5, "messages": [{"partition_key": "k-3", "data": "{\"should_fail\": true}"}]}]
    })json";
    const Run first = run_scenario(kBusyStream);
    const Run second = run_scenario(kBusyStream);
    const auto& totals = first.report["totals"];
    REQUIRE(totals["invocations"].get<int>() > 50);  // the run did real work
    REQUIRE(totals["sent_to_on_failure"].get<int>() > 0);
    REQUIRE(totals["put_throttled"].get<int>() > 0);
    CHECK(first.report.dump() == second.report.dump());
}
