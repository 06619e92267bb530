// The state of each stream record as one mapping sees it, as the topology's shard bars draw it
// (docs/aws-rules.md 3.11): a failed batch is retried and blocks its shard until it succeeds
// (checkpointed, 3.18) or is given up (3.12: to the on-failure destination, 3.16, or skipped
// without one, 3.17); FilterCriteria discard the records no filter matches as they are read
// (3.22); records before the StartingPosition are never read (3.7).
//
// Times: the mapping's first poll that finds the t=0 records is at 1 s and invokes take 100 ms; a
// batch that succeeds is checkpointed as it ends and the next one is taken at once.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "lab/record_state.h"
#include "scenario_loader.h"

using namespace queuelab;
using lab::RecordState;

namespace Catch {
template <>
struct StringMaker<RecordState> {
    static std::string convert(RecordState state) {
        switch (state) {
            case RecordState::Waiting: return "Waiting";
            case RecordState::InBatch: return "InBatch";
            case RecordState::Retrying: return "Retrying";
            case RecordState::Checkpointed: return "Checkpointed";
            case RecordState::Filtered: return "Filtered";
            case RecordState::SentToOnFailure: return "SentToOnFailure";
            case RecordState::Skipped: return "Skipped";
            case RecordState::BeforeStart: return "BeforeStart";
        }
        return "?";
    }
};
}  // namespace Catch

namespace {

// One shard, BatchSize 2, five records at t=0; the third always makes the handler throw. So the
// batches are [0 1] (succeeds), [2 3] (fails), [4].
std::string poison_scenario(const std::string& mapping_extra) {
    return R"json({
      "name": "record-states", "seed": 1, "duration_s": 120,
      "queues": {"failures": {}},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 2, "StartingPosition": "TRIM_HORIZON")json" +
           mapping_extra + R"json(}],
      "traffic": [{"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"n\": 0}"},
                                                      {"partition_key": "k", "data": "{\"n\": 1}"},
                                                      {"partition_key": "k", "data": "{\"should_fail\": true}"},
                                                      {"partition_key": "k", "data": "{\"n\": 3}"},
                                                      {"partition_key": "k", "data": "{\"n\": 4}"}]}]
    })json";
}

sim::Engine engine_of(const std::string& scenario_json) {
    return sim::Engine(sim::load_scenario_text(scenario_json, "record-states.json", {}));
}

// The states of shard 0's records, oldest first, for the engine's first stream mapping.
std::vector<RecordState> shard_states(const sim::Engine& engine) {
    const auto& mapping = *engine.stream_mappings().front();
    const auto consumers = mapping.consumers();
    const lab::StreamRecordStates states(engine, mapping, consumers);
    std::vector<RecordState> out;
    for (std::size_t i = 0; i < engine.kinesis().shard_records(mapping.stream(), 0).size(); ++i) out.push_back(states.state(0, i));
    return out;
}

bool shard_blocked(const sim::Engine& engine) {
    const auto& mapping = *engine.stream_mappings().front();
    const auto consumers = mapping.consumers();
    return lab::StreamRecordStates(engine, mapping, consumers).blocked(0);
}

using S = RecordState;

}  // namespace

TEST_CASE("§3.11 / §3.18 records wait, go into a batch, are checkpointed when it succeeds, and a failed batch is retried "
          "while the records behind it wait: the shard is blocked",
          "[lab][kinesis]") {
    auto engine = engine_of(poison_scenario(""));  // MaximumRetryAttempts -1: retried until it expires
    engine.run_until(sim::from_seconds(0.5));
    CHECK(shard_states(engine) == std::vector<S>{S::Waiting, S::Waiting, S::Waiting, S::Waiting, S::Waiting});

    engine.run_until(sim::from_seconds(1.05));  // [0 1] being invoked
    CHECK(shard_states(engine) == std::vector<S>{S::InBatch, S::InBatch, S::Waiting, S::Waiting, S::Waiting});
    CHECK_FALSE(shard_blocked(engine));

    engine.run_until(sim::from_seconds(1.15));  // [0 1] succeeded; [2 3] in its first invoke
    CHECK(shard_states(engine) == std::vector<S>{S::Checkpointed, S::Checkpointed, S::InBatch, S::InBatch, S::Waiting});
    CHECK_FALSE(shard_blocked(engine));

    engine.run_until(sim::from_seconds(1.5));  // [2 3] failed: backing off before its retry
    CHECK(shard_states(engine) == std::vector<S>{S::Checkpointed, S::Checkpointed, S::Retrying, S::Retrying, S::Waiting});
    CHECK(shard_blocked(engine));

    engine.run_until(sim::from_seconds(60));  // still failing: record 4 is never read meanwhile
    CHECK(shard_states(engine) == std::vector<S>{S::Checkpointed, S::Checkpointed, S::Retrying, S::Retrying, S::Waiting});
    CHECK(shard_blocked(engine));
}

TEST_CASE("§3.12 / §3.16 / §3.17 a batch given up when MaximumRetryAttempts is used up goes to the on-failure "
          "destination, or is skipped without one, good records and all, and the shard then reads on",
          "[lab][kinesis]") {
    SECTION("with an on-failure destination") {
        auto engine = engine_of(poison_scenario(R"(, "MaximumRetryAttempts": 0,
            "DestinationConfig": {"OnFailure": {"Destination": "failures"}})"));
        engine.run();
        CHECK(shard_states(engine) ==
              std::vector<S>{S::Checkpointed, S::Checkpointed, S::SentToOnFailure, S::SentToOnFailure, S::Checkpointed});
        CHECK_FALSE(shard_blocked(engine));
    }
    SECTION("without one") {
        auto engine = engine_of(poison_scenario(R"(, "MaximumRetryAttempts": 0)"));
        engine.run();
        CHECK(shard_states(engine) == std::vector<S>{S::Checkpointed, S::Checkpointed, S::Skipped, S::Skipped, S::Checkpointed});
    }
}

TEST_CASE("§3.22 FilterCriteria on a stream: records no filter matches are filtered out as they are read, the "
          "others are delivered and checkpointed",
          "[lab][kinesis]") {
    // Only {"n": 1} and {"n": 3} match; the poison record never reaches the handler.
    auto engine = engine_of(poison_scenario(R"(, "FilterCriteria": {"Filters": [{"Pattern": "{\"data\": {\"n\": [1, 3]}}"}]})"));
    engine.run();
    CHECK(shard_states(engine) == std::vector<S>{S::Filtered, S::Checkpointed, S::Filtered, S::Checkpointed, S::Filtered});
}

TEST_CASE("§3.7 StartingPosition AT_TIMESTAMP: records put before the timestamp are never read, and later ones wait, "
          "then are checkpointed",
          "[lab][kinesis]") {
    auto engine = engine_of(R"json({
      "name": "record-states-at-timestamp", "seed": 1, "duration_s": 60,
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "slow", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"work_ms": 0}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10,
                    "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": 10}],
      "traffic": [{"to": "s", "at_s": 0, "count": 2, "partition_key": "k", "data": "early-{i}"},
                  {"to": "s", "at_s": 10.5, "count": 2, "partition_key": "k", "data": "on-time-{i}"}]
    })json");
    engine.run_until(sim::from_seconds(10.7));  // put at 10.5; the next poll is at 11 s
    CHECK(shard_states(engine) == std::vector<S>{S::BeforeStart, S::BeforeStart, S::Waiting, S::Waiting});
    engine.run();
    CHECK(shard_states(engine) == std::vector<S>{S::BeforeStart, S::BeforeStart, S::Checkpointed, S::Checkpointed});
}

TEST_CASE("a shard's checkpoint is before its oldest record Lambda is not done with", "[lab]") {
    for (const auto state : {S::Waiting, S::InBatch, S::Retrying}) CHECK_FALSE(lab::settled(state));
    for (const auto state : {S::Checkpointed, S::Filtered, S::SentToOnFailure, S::Skipped, S::BeforeStart}) {
        CHECK(lab::settled(state));
    }
}
