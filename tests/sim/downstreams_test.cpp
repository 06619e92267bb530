// Downstream dependencies (docs/aws-rules.md 5.25; docs/scenario-format.md 4.5): a handler's call
// holds a connection for its duration; past MaxConnections a call is refused (TooManyConnections),
// as during an outage (ServiceUnavailable) and over RequestsPerSecond (TooManyRequests); latency is
// drawn from its seeded distribution and slowed by the connections in use; ErrorRate fails calls
// and TimeoutMs gives up on slow ones. Calls are decided in the order handlers run (5.24). The
// report's downstream totals and series (docs/report-format.md 6, 9).

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "service_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// `count` messages at `at_s` (and more at later times in `extra_traffic`), each in its own invoke of
// call-downstream against "db" with `settings`; no cold start, DurationMs 10.
std::string scenario(const std::string& settings, int count = 3, const std::string& extra_traffic = "") {
    return R"({"name": "db", "seed": 5, "duration_s": 20,
      "queues": {"in": {"VisibilityTimeout": 30}},
      "downstreams": {"db": )" + settings + R"(},
      "functions": {"f": {"Handler": "call-downstream", "Timeout": 10,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"Downstream": "db", "Operation": "SELECT"}}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
      "traffic": [{"to": "in", "at_s": 0, "count": )" + std::to_string(count) + R"(, "body": "m-{i}"})" + extra_traffic + R"(]})";
}

std::vector<std::string> results(const Json& report) {
    std::vector<std::string> found;
    for (const auto& call : calls_of(report)) found.push_back(call["result"].get<std::string>());
    return found;
}

std::vector<double> durations(const Json& report) {
    std::vector<double> found;
    for (const auto& call : calls_of(report)) found.push_back(call["duration_ms"].get<double>());
    return found;
}

}  // namespace

TEST_CASE("§5.25 MaxConnections: three calls at once against two connections, the third is refused at once",
          "[engine][downstreams]") {
    const Run run = run_scenario(scenario(R"({"MaxConnections": 2, "LatencyMs": 100})"));
    const auto calls = calls_of(run.report);
    REQUIRE(calls.size() == 3);
    CHECK(results(run.report) == std::vector<std::string>{"ok", "ok", "TooManyConnections"});
    CHECK(calls[0]["service"] == "downstream");
    CHECK(calls[0]["operation"] == "SELECT");
    CHECK(calls[0]["target"] == "db");
    CHECK(calls[2]["duration_ms"].get<double>() == Approx(1));  // downstream_refusal_ms
    CHECK(calls[2]["error_message"] == "too many connections: db has 2 in use");
    const Json& db = run.report["downstreams"]["db"];
    CHECK(db["max_connections"] == 2);
    CHECK(db["errors"]["TooManyConnections"] == 1);
    // The refused record failed and came back after its visibility timeout... after the run's 20 s.
    CHECK(run.report["totals"]["processed_ok"] == 2);
}

TEST_CASE("§5.25 latency: a fixed LatencyMs is the call's duration, slowed by SaturationSlowdown in proportion to "
          "the connections in use, and it adds to the invocation",
          "[engine][downstreams]") {
    const Run run = run_scenario(scenario(R"({"MaxConnections": 4, "LatencyMs": 100, "SaturationSlowdown": 3})"));
    // 0, 1 and 2 of 4 connections in use: 100 × (1 + 2 × 0), × (1 + 2 × 1/4), × (1 + 2 × 2/4).
    CHECK(durations(run.report) == std::vector<double>{100, 150, 200});
    CHECK(run.report["invocations"][2]["duration_ms"].get<double>() == Approx(10 + 200));
    CHECK(run.report["downstreams"]["db"]["max_connections"] == 3);
}

TEST_CASE("§5.25 outages refuse calls while they last, RequestsPerSecond refuses the calls over the rate in a second, "
          "and TimeoutMs gives up on a slow call",
          "[engine][downstreams]") {
    SECTION("an outage from 0 to 5 s") {
        const Run run = run_scenario(scenario(R"({"LatencyMs": 20, "Outages": [{"from_s": 0, "until_s": 5}]})", 1,
                                              R"(, {"to": "in", "at_s": 6, "messages": [{"body": "after"}]})"));
        CHECK(results(run.report) == std::vector<std::string>{"ServiceUnavailable", "ok"});
    }
    SECTION("two requests per second") {
        const Run run = run_scenario(scenario(R"({"LatencyMs": 20, "RequestsPerSecond": 2})"));
        CHECK(results(run.report) == std::vector<std::string>{"ok", "ok", "TooManyRequests"});
        CHECK(run.report["downstreams"]["db"]["errors"]["TooManyRequests"] == 1);
    }
    SECTION("a 200 ms timeout on 500 ms calls") {
        const Run run = run_scenario(scenario(R"({"LatencyMs": 500, "TimeoutMs": 200})", 1));
        CHECK(results(run.report) == std::vector<std::string>{"Timeout"});
        CHECK(durations(run.report) == std::vector<double>{200});
    }
}

TEST_CASE("§5.25 a call started in a SlowPeriod takes the period's latency, and before and after it the downstream's own",
          "[engine][downstreams]") {
    const Run run = run_scenario(scenario(R"({"LatencyMs": 20, "SlowPeriods": [{"from_s": 5, "until_s": 10, "LatencyMs": 4000}]})", 1,
                                          R"(, {"to": "in", "at_s": 5, "messages": [{"body": "slow"}]},
                                              {"to": "in", "at_s": 10, "messages": [{"body": "after"}]})"));
    CHECK(durations(run.report) == std::vector<double>{20, 4000, 20});
    CHECK(run.report["invocations"][1]["duration_ms"].get<double>() == Approx(10 + 4000));
}

TEST_CASE("§5.25 ErrorRate fails that share of calls with InternalError, drawn from the seed", "[engine][downstreams]") {
    const Run always = run_scenario(scenario(R"({"LatencyMs": 20, "ErrorRate": 1})", 5));
    CHECK(results(always.report) == std::vector<std::string>(5, "InternalError"));
    const Run half = run_scenario(scenario(R"({"LatencyMs": 20, "ErrorRate": 0.5})", 200));
    const Json& db = half.report["downstreams"]["db"];
    const auto failed = db["errors"]["InternalError"].get<int>();
    CHECK(failed > 70);
    CHECK(failed < 130);
    CHECK(db["succeeded"].get<int>() + failed == db["calls"].get<int>());
    CHECK(run_scenario(scenario(R"({"LatencyMs": 20, "ErrorRate": 0.5})", 200)).report.dump() == half.report.dump());
}

TEST_CASE("§5.25 latency distributions: uniform stays within its bounds, lognormal has its median and 99th "
          "percentile, and the Seed picks the draws",
          "[engine][downstreams]") {
    const auto latencies = [](const std::string& latency) {
        const Run run = run_scenario(scenario(R"({"MaxConnections": 100000, "LatencyMs": )" + latency + "}", 2000));
        auto values = durations(run.report);
        std::sort(values.begin(), values.end());
        return values;
    };
    const auto uniform = latencies(R"({"Distribution": "uniform", "MinMs": 10, "MaxMs": 30, "Seed": 1})");
    CHECK(uniform.front() >= 10);
    CHECK(uniform.back() <= 30);
    const auto lognormal = latencies(R"({"Distribution": "lognormal", "MedianMs": 40, "P99Ms": 400, "Seed": 1})");
    CHECK(lognormal[lognormal.size() / 2] == Approx(40).epsilon(0.1));
    CHECK(lognormal[lognormal.size() * 99 / 100] == Approx(400).epsilon(0.25));
    const auto exponential = latencies(R"({"Distribution": "exponential", "MeanMs": 50, "Seed": 1})");
    double sum = 0;
    for (const double ms : exponential) sum += ms;
    CHECK(sum / static_cast<double>(exponential.size()) == Approx(50).epsilon(0.1));
    CHECK(latencies(R"({"Distribution": "uniform", "MinMs": 10, "MaxMs": 30, "Seed": 2})") != uniform);
}

TEST_CASE("§5.25 a call to a downstream the scenario does not have is ResourceNotFoundException", "[engine][downstreams]") {
    const Run run = run_scenario(R"({"name": "db", "seed": 5, "duration_s": 5,
      "queues": {"in": {}},
      "downstreams": {"db": {}},
      "functions": {"f": {"Handler": "call-downstream", "Timeout": 10,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0, "Params": {"Downstream": "cache"}}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]}]})");
    const auto calls = calls_of(run.report);
    REQUIRE_FALSE(calls.empty());
    CHECK(calls[0]["result"] == "ResourceNotFoundException");
    CHECK(calls[0]["error_message"] == "no downstream named cache in this scenario (one of: db)");
}

TEST_CASE("docs/report-format.md 6: each downstream's series count its connections at the sample and the calls, "
          "errors and mean latency since the previous one",
          "[engine][downstreams]") {
    const Run run = run_scenario(scenario(R"({"MaxConnections": 2, "LatencyMs": 300})") );
    // Samples every 0.1 s; the one at 0 comes before the invokes of time 0. At 0.1 s two calls
    // hold their connections, and the three calls started since the sample before are counted.
    CHECK(series_at(run.report, "db.calls", 0.0) == 0);
    CHECK(series_at(run.report, "db.connections", 0.1) == 2);
    CHECK(series_at(run.report, "db.calls", 0.1) == 3);
    CHECK(series_at(run.report, "db.errors", 0.1) == 1);
    CHECK(series_at(run.report, "db.latency_ms", 0.1) == Approx((300 + 300 + 1) / 3.0));
    CHECK(series_at(run.report, "db.connections", 0.4) == 0);
}

TEST_CASE("§5.25 §2.7 the database-protection example: unprotected, the pollers outgrow the 10 connections and "
          "orders fail into the dead-letter queue, with MaximumConcurrency 10 the database stays healthy",
          "[engine][downstreams][examples]") {
    const std::string file = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/database-protection.json";
    const auto run_file = [&](const std::vector<Override>& overrides) {
        Run run{std::make_unique<Engine>(load_scenario_file(file, overrides)), {}};
        run.engine->run();
        run.report = build_report(*run.engine);
        return run;
    };
    const Run unprotected = run_file({});
    const Json& db = unprotected.report["downstreams"]["orders-db"];
    CHECK(db["errors"]["TooManyConnections"].get<int>() > 0);
    CHECK(db["max_connections"] == 10);
    CHECK(unprotected.report["totals"]["dead_lettered"].get<int>() > 0);
    CHECK(unprotected.report["totals"]["max_concurrency"].get<int>() > 10);

    const Run protected_run = run_file({{"mappings.0.ScalingConfig.MaximumConcurrency", "10"}});
    const Json& healthy = protected_run.report["downstreams"]["orders-db"];
    CHECK(healthy["errors"].empty());
    CHECK(healthy["calls"] == 3000);
    CHECK(healthy["max_connections"] == 10);
    CHECK(protected_run.report["totals"]["deleted"] == 3000);
    CHECK(protected_run.report["totals"]["dead_lettered"] == 0);
    CHECK(protected_run.report["totals"]["max_concurrency"] == 10);
}
