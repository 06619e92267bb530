// docs/aws-rules.md 3.2, 3.9, 3.10 and 3.21, order and windows: order is kept per shard;
// ParallelizationFactor runs 1 to 10 concurrent batches per shard and still keeps order per
// partition key (lanes: 5.13); with TumblingWindowInSeconds the handler gets and returns a state
// object per shard and window, and the last invoke of a window has isFinalInvokeForWindow (5.16).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One shard, 7 partition keys, 200 records over 10 s; each invoke works 1.5 s, so with
// ParallelizationFactor 4 several batches of the shard run at once, and each round of batches
// holds every key several times: a lane chosen by anything but the key (7 is prime, so not even
// the sequence number modulo 4) would put one key in concurrent batches.
const char* const kManyKeys = R"json({
  "name": "many-keys", "seed": 1, "duration_s": 300,
  "streams": {"s": {"ShardCount": 1}},
  "functions": {"f": {"Handler": "slow", "Timeout": 10,
                      "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"work_ms": 1500}}}},
  "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10, "StartingPosition": "TRIM_HORIZON",
                "ParallelizationFactor": 4}],
  "traffic": [{"to": "s", "from_s": 0, "until_s": 10, "rate_per_s": 20, "partition_key": "key-{i%7}",
               "data": "{\"n\": {i}}"}]
})json";

// Checks that the handler saw each partition key's records in sequence order, and never two
// batches holding the same key at once. Returns how many deliveries it checked.
int check_order_per_key(const Json& report) {
    std::map<std::string, std::string> key_of;
    for (const auto& record : stream_records(report)) {
        key_of[record["id"].get<std::string>()] = record["partition_key"].get<std::string>();
    }
    std::map<std::string, std::string> last_sequence;  // per key
    std::map<std::string, double> last_end;            // per key: end of the last batch holding it
    int deliveries = 0;
    for (const auto& invocation : report["invocations"]) {  // in start order
        const double start = invocation["start_s"].get<double>();
        std::map<std::string, bool> seen_here;
        for (const auto& id : records_of(invocation)) {
            const std::string& key = key_of.at(id);
            INFO("key " << key << " record " << id << " in the invocation of " << start << " s");
            if (last_sequence.count(key) != 0) CHECK(decimal_less(last_sequence[key], id));
            if (!seen_here[key] && last_end.count(key) != 0) CHECK(start >= last_end[key] - 1e-9);
            seen_here[key] = true;
            last_sequence[key] = id;
            ++deliveries;
        }
        for (const auto& [key, seen] : seen_here) last_end[key] = invocation["end_s"].get<double>();
    }
    return deliveries;
}

}  // namespace

TEST_CASE("§3.10 ParallelizationFactor: up to 4 batches of one shard run at once, and every "
          "partition key's records still reach the handler in sequence order, one batch at a time",
          "[engine][kinesis]") {
    const Run run = run_scenario(kManyKeys);
    const auto& report = run.report;
    const auto invocations = all_invocations(report);
    CHECK(check_order_per_key(report) == 200);  // every record delivered once, in order per key
    for (const auto& record : stream_records(report)) {
        CHECK(record["receive_count"] == 1);
        CHECK(record["outcome"] == "checkpointed");
    }
    CHECK(max_overlap(invocations) > 1);
    CHECK(max_overlap(invocations) <= 4);
    CHECK(report["totals"]["max_concurrency"].get<int>() > 1);
    CHECK(report["totals"]["max_concurrency"].get<int>() <= 4);
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("§3.9 polling / §3.2 order per shard: with ParallelizationFactor 1 a shard has one batch "
          "at a time and the handler sees the shard's records in sequence order",
          "[engine][kinesis]") {
    const Run run = run_scenario(kManyKeys, {{"mappings.0.ParallelizationFactor", "1"}});
    const auto& report = run.report;
    const auto invocations = all_invocations(report);
    CHECK(max_overlap(invocations) == 1);
    CHECK(report["totals"]["max_concurrency"] == 1);
    std::vector<std::string> delivered;
    for (const auto& invocation : invocations) {
        for (const auto& id : records_of(invocation)) delivered.push_back(id);
    }
    CHECK(delivered == ids_of(stream_records(report)));  // the whole shard, in sequence order, once
    CHECK(check_order_per_key(report) == 200);
}

TEST_CASE("§3.21 / §5.16 TumblingWindowInSeconds: batches never span two windows, the state is "
          "carried between the invokes of a window, and each window ends with a final invoke "
          "without records that returns the window's count and sum",
          "[engine][kinesis]") {
    // Readings 0, 1, 2, ... at 3 per second from 0 s to 25 s (75 records, reading i at i/3 s):
    // window [0, 10) holds readings 0-29, [10, 20) 30-59, [20, 30) 60-74.
    const Run run = run_scenario(R"json({
      "name": "tumbling", "seed": 1, "duration_s": 120,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "window-aggregator", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 4, "StartingPosition": "TRIM_HORIZON",
                    "TumblingWindowInSeconds": 10, "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "s", "from_s": 0, "until_s": 25, "rate_per_s": 3, "partition_key": "sensor",
                   "data": "{\"temperature\": {i}}"}]
    })json");
    const auto& report = run.report;
    const auto records = stream_records(report);
    REQUIRE(records.size() == 75);
    struct Reading {
        int window;
        double temperature;
    };
    std::map<std::string, Reading> readings;
    for (const auto& record : records) {
        const double sent = first_event_time(record, "sent");
        const double temperature = Json::parse(record["data"].get<std::string>())["temperature"].get<double>();
        readings[record["id"].get<std::string>()] = {static_cast<int>(std::floor(sent / 10 + 1e-9)), temperature};
        CHECK(record["outcome"] == "checkpointed");
        CHECK(record["receive_count"] == 1);
    }

    std::map<int, std::int64_t> count;  // per window, as the handler's state should have it
    std::map<int, double> sum;
    std::map<int, int> finals;
    std::map<int, double> final_start;
    int current_window = 0;
    for (const auto& invocation : report["invocations"]) {
        const auto ids = records_of(invocation);
        const double start = invocation["start_s"].get<double>();
        INFO("invocation at " << start << " s with " << ids.size() << " records");
        REQUIRE(invocation["result"] == "success");
        const Json state = Json::parse(invocation["response"].get<std::string>())["state"];
        if (ids.empty()) {
            // The final invoke of the window being read: after the window's end, with its totals
            // and the "average" that window-aggregator adds only when isFinalInvokeForWindow.
            ++finals[current_window];
            final_start[current_window] = start;
            CHECK(start >= (current_window + 1) * 10.0);
            CHECK(state["count"] == count[current_window]);
            CHECK(state["sum"].get<double>() == Approx(sum[current_window]));
            CHECK(state.contains("average"));
            ++current_window;  // the next invokes belong to a later window
            continue;
        }
        CHECK(ids.size() <= 4);
        const int window = readings.at(ids.front()).window;
        CHECK(window == current_window);
        for (const auto& id : ids) {
            CHECK(readings.at(id).window == window);  // one window per batch
            count[window] += 1;
            sum[window] += readings.at(id).temperature;
        }
        // The state came in from the previous invoke of this window and was added to.
        CHECK(state["count"] == count[window]);
        CHECK(state["sum"].get<double>() == Approx(sum[window]));
        CHECK_FALSE(state.contains("average"));
    }
    CHECK(finals == std::map<int, int>{{0, 1}, {1, 1}, {2, 1}});
    CHECK(count == std::map<int, std::int64_t>{{0, 30}, {1, 30}, {2, 15}});
    CHECK(sum[0] == Approx(435));   // 0 + ... + 29
    CHECK(sum[1] == Approx(1335));  // 30 + ... + 59
    CHECK(sum[2] == Approx(1005));  // 60 + ... + 74
    CHECK(report["end_reason"] == "drained");

    // The event of an invoke, shown again later, is the one the handler got: its records, and
    // the state the previous invoke of the window returned.
    const auto& mapping = *run.engine->stream_mappings()[0];
    const auto& invocations = report["invocations"];
    for (std::uint32_t i = 1; i < invocations.size(); ++i) {
        INFO("invocation " << i);
        const auto event = mapping.event_of(i);
        std::vector<std::string> ids;
        for (const auto& r : event.Records) ids.push_back(r.kinesis.sequenceNumber);
        CHECK(ids == records_of(invocations[i]));
        REQUIRE(event.tumbling.has_value());
        CHECK(event.tumbling->isFinalInvokeForWindow == event.Records.empty());
        const Json previous_state = Json::parse(invocations[i - 1]["response"].get<std::string>())["state"];
        if (!previous_state.contains("average")) CHECK(Json(event.tumbling->state) == previous_state);
    }
}
