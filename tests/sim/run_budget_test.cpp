// A run's resource budget (docs/aws-rules.md 5.28) and dead-letter cycles (5.29, 1.5, 1.15): a run
// that would do more than max_events_per_instant events at one virtual instant, or keep more than
// max_stored_bytes, stops with end_reason saying which, deterministically, instead of hanging or
// being killed by the OS; a cycle of dead-letter queues, which would bounce a message without time
// moving, is refused when the scenario loads.

#include <catch2/catch.hpp>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// Issue 15's cycle: a's dead-letter queue is b and b's is a, both with maxReceiveCount 1, each read
// by a mapping, and one message whose every invoke fails.
const std::string kRedriveCycle = R"json({
  "name": "redrive-cycle",
  "duration_s": 120,
  "queues": {
    "a": {"VisibilityTimeout": 30, "RedrivePolicy": {"deadLetterTargetArn": "b", "maxReceiveCount": 1}},
    "b": {"VisibilityTimeout": 30, "RedrivePolicy": {"deadLetterTargetArn": "a", "maxReceiveCount": 1}}
  },
  "functions": {"f": {"Handler": "fail-attempts", "Timeout": 3, "Simulation": {"Params": {"report": "throw"}}}},
  "mappings": [{"EventSourceArn": "a", "FunctionName": "f"}, {"EventSourceArn": "b", "FunctionName": "f"}],
  "traffic": [{"to": "a", "at_s": 0, "messages": [{"body": "{\"fail_attempts\": 1000}"}]}]
})json";

// 1,000 messages sent 0.1 ns apart: in whole microseconds, 1,000 send events at t = 0.
const std::string kBurst = R"json({
  "name": "burst",
  "duration_s": 60,
  "queues": {"q": {}},
  "functions": {"f": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "q", "FunctionName": "f"}],
  "traffic": [{"to": "q", "from_s": 0, "until_s": 1e-7, "rate_per_s": 1e10, "body": "{\"orderId\": \"o-{i}\"}"}]
})json";

// 50 messages a second for a minute, each kept with its history; drained well before 120 s.
const std::string kSteadyTraffic = R"json({
  "name": "steady",
  "duration_s": 120,
  "queues": {"q": {}},
  "functions": {"f": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "q", "FunctionName": "f"}],
  "traffic": [{"to": "q", "from_s": 0, "until_s": 60, "rate_per_s": 50, "body": "{\"orderId\": \"o-{i}\"}"}]
})json";

}  // namespace

TEST_CASE("§5.29 a dead-letter cycle a↔b is refused in one line naming the cycle", "[budget]") {
    try {
        load_scenario_text(kRedriveCycle, "cycle.json");
        FAIL("no InputError");
    } catch (const InputError& error) {
        CHECK(error.field == "queues.a.RedrivePolicy.deadLetterTargetArn");
        CHECK(error.expected ==
              "expected a dead-letter queue that does not lead back to \"a\", got the cycle a -> b -> a "
              "(queuelab refuses dead-letter cycles, docs/aws-rules.md 5.29)");
    }
}

TEST_CASE("§5.29 a longer cycle is refused too, and a chain of dead-letter queues is not a cycle", "[budget]") {
    const std::string chain = R"json({"name": "chain", "queues": {
        "a": {"RedrivePolicy": {"deadLetterTargetArn": "b", "maxReceiveCount": 1}},
        "b": {"RedrivePolicy": {"deadLetterTargetArn": "c", "maxReceiveCount": 1}},
        "c": {}}})json";
    CHECK(load_scenario_text(chain, "chain.json").queues.at("b").redrive_policy->deadLetterTargetArn == "c");
    try {
        load_scenario_text(chain, "cycle.json",
                           {{"queues.c.RedrivePolicy", R"({"deadLetterTargetArn": "b", "maxReceiveCount": 3})"}});
        FAIL("no InputError");
    } catch (const InputError& error) {
        CHECK(error.field == "queues.b.RedrivePolicy.deadLetterTargetArn");
        CHECK_THAT(error.expected, Catch::Matchers::Contains("got the cycle b -> c -> b "));
    }
}

TEST_CASE("§5.28 more events at one virtual instant than max_events_per_instant stop the run with end_reason work_budget",
          "[budget]") {
    const auto whole = run_scenario(kBurst);
    REQUIRE(whole.report["end_reason"] == "drained");
    const auto stopped = run_scenario(kBurst, {{"service_limits.max_events_per_instant", "500"}});
    CHECK(stopped.report["end_reason"] == "work_budget");
    CHECK(stopped.report["ended_at_s"].get<double>() == at_time(0));
    CHECK(stopped.report["totals"]["deleted"] == 0);
}

TEST_CASE("§5.28 a budget stop is deterministic: the same scenario stops at the same event", "[budget]") {
    const auto first = run_scenario(kBurst, {{"service_limits.max_events_per_instant", "500"}});
    const auto second = run_scenario(kBurst, {{"service_limits.max_events_per_instant", "500"}});
    CHECK(first.engine->events_processed() == second.engine->events_processed());
    CHECK(first.report.dump() == second.report.dump());
}

TEST_CASE("§5.28 a run that would keep more than max_stored_bytes stops with end_reason memory_budget", "[budget]") {
    const auto whole = run_scenario(kSteadyTraffic);
    REQUIRE(whole.report["end_reason"] == "drained");
    const std::int64_t budget = whole.engine->stored_bytes() * 3 / 4;  // above the traffic's own bytes
    const auto stopped = run_scenario(kSteadyTraffic, {{"service_limits.max_stored_bytes", std::to_string(budget)}});
    CHECK(stopped.report["end_reason"] == "memory_budget");
    CHECK(stopped.engine->stored_bytes() > budget);
    CHECK(stopped.report["ended_at_s"].get<double>() > 10);
    CHECK(stopped.report["ended_at_s"].get<double>() < 60);  // before the traffic ends
}

TEST_CASE("§5.28 traffic the memory budget cannot hold is refused when the scenario loads", "[budget]") {
    try {
        load_scenario_text(kSteadyTraffic, "steady.json", {{"service_limits.max_stored_bytes", "100000"}});
        FAIL("no InputError");
    } catch (const InputError& error) {
        CHECK(error.field == "traffic");
        CHECK_THAT(error.expected, Catch::Matchers::StartsWith("expected at most 100000 bytes of messages and records in all"));
    }
}

TEST_CASE("§5.28 the budget does not touch a run within it", "[budget]") {
    const auto run = run_scenario(kSteadyTraffic);
    CHECK(run.report["end_reason"] == "drained");
    CHECK(run.report["totals"]["deleted"] == 3000);
}
