// Reading the downstreams and tables of a scenario (docs/scenario-format.md 4.5 and 4.6; the limits
// of docs/aws-rules.md 5.25 and the tables of 7.11): defaults, and one-line errors naming the field.

#include <catch2/catch.hpp>

#include <string>

#include "input_error.h"
#include "scenario_loader.h"

using namespace queuelab::sim;

namespace {

std::string with(const std::string& downstreams, const std::string& tables = "{}") {
    return R"({"name": "x", "downstreams": )" + downstreams + R"(, "tables": )" + tables + "}";
}

std::string error_of(const std::string& text) {
    try {
        load_scenario_text(text, "deps.json");
    } catch (const InputError& error) {
        CHECK(std::string(error.what()).find('\n') == std::string::npos);
        return error.what();
    }
    FAIL("no InputError for:\n" << text);
    return {};
}

}  // namespace

TEST_CASE("§5.25 a downstream's settings: defaults, a fixed latency, a distribution with its seed, outages, slow periods",
          "[scenario]") {
    const Scenario s = load_scenario_text(with(R"({
      "db": {},
      "api": {"MaxConnections": 10, "LatencyMs": 35, "ErrorRate": 0.01, "RequestsPerSecond": 50, "TimeoutMs": 800,
              "SaturationSlowdown": 3, "Outages": [{"from_s": 60, "until_s": 90}],
              "SlowPeriods": [{"from_s": 100, "until_s": 220, "LatencyMs": {"Distribution": "uniform", "MinMs": 1, "MaxMs": 9}}]},
      "tail": {"LatencyMs": {"Distribution": "lognormal", "MedianMs": 20, "P99Ms": 300, "Seed": 7}}})"),
                                          "deps.json");
    const DownstreamConfig& db = s.downstreams.at("db");
    CHECK(db.MaxConnections == 100);
    CHECK(db.LatencyMs.distribution == LatencySpec::Distribution::Fixed);
    CHECK(db.LatencyMs.FixedMs == 10);
    CHECK(db.ErrorRate == 0);
    CHECK_FALSE(db.RequestsPerSecond);
    CHECK_FALSE(db.TimeoutMs);
    const DownstreamConfig& api = s.downstreams.at("api");
    CHECK(api.MaxConnections == 10);
    CHECK(api.LatencyMs.FixedMs == 35);
    CHECK(api.RequestsPerSecond == 50);
    CHECK(api.TimeoutMs == 800);
    CHECK(api.SaturationSlowdown == 3);
    REQUIRE(api.Outages.size() == 1);
    CHECK(api.Outages[0].from_s == 60);
    CHECK(api.Outages[0].until_s == 90);
    REQUIRE(api.SlowPeriods.size() == 1);
    CHECK(api.SlowPeriods[0].from_s == 100);
    CHECK(api.SlowPeriods[0].until_s == 220);
    CHECK(api.SlowPeriods[0].LatencyMs.distribution == LatencySpec::Distribution::Uniform);
    CHECK(api.SlowPeriods[0].LatencyMs.MaxMs == 9);
    const LatencySpec& tail = s.downstreams.at("tail").LatencyMs;
    CHECK(tail.distribution == LatencySpec::Distribution::LogNormal);
    CHECK(tail.MedianMs == 20);
    CHECK(tail.P99Ms == 300);
    CHECK(tail.Seed == 7u);
}

TEST_CASE("§5.25 invalid downstream settings are one-line errors naming the field", "[scenario]") {
    CHECK(error_of(with(R"({"db": {"MaxConnections": 0}})")) ==
          "deps.json:1: downstreams.db.MaxConnections: expected an integer from 1 to 1000000, got 0");
    CHECK(error_of(with(R"({"db": {"ErrorRate": 1.5}})")) ==
          "deps.json:1: downstreams.db.ErrorRate: expected a number from 0 to 1, got 1.5");
    CHECK(error_of(with(R"({"db": {"Latency": 5}})")).find("downstreams.db.Latency: unknown key") != std::string::npos);
    CHECK(error_of(with(R"({"db": {"LatencyMs": "slow"}})")) ==
          "deps.json:1: downstreams.db.LatencyMs: expected a number of milliseconds or {\"Distribution\": fixed | uniform | "
          "exponential | lognormal, ...}, got the string \"slow\"");
    CHECK(error_of(with(R"({"db": {"LatencyMs": {"Distribution": "gaussian"}}})")) ==
          "deps.json:1: downstreams.db.LatencyMs.Distribution: expected one of fixed, uniform, exponential, lognormal, got "
          "\"gaussian\"");
    CHECK(error_of(with(R"({"db": {"LatencyMs": {"Distribution": "uniform", "MinMs": 10}}})")) ==
          "deps.json:1: downstreams.db.LatencyMs.MaxMs: missing; expected a number of at least 10");
    CHECK(error_of(with(R"({"db": {"LatencyMs": {"Distribution": "lognormal", "MedianMs": 20, "P99Ms": 10}}})")) ==
          "deps.json:1: downstreams.db.LatencyMs.P99Ms: expected a number greater than 20, got 10");
    CHECK(error_of(with(R"({"db": {"LatencyMs": {"Distribution": "exponential", "MeanMs": 5, "MinMs": 1}}})"))
              .find("downstreams.db.LatencyMs.MinMs: unknown key") != std::string::npos);
    CHECK(error_of(with(R"({"db": {"Outages": [{"from_s": 50, "until_s": 40}]}})")) ==
          "deps.json:1: downstreams.db.Outages.0.until_s: expected a number greater than 50 and at most 2592000, got 40");
    CHECK(error_of(with(R"({"db": {"SlowPeriods": [{"from_s": 10, "until_s": 20}]}})")) ==
          "deps.json:1: downstreams.db.SlowPeriods.0.LatencyMs: missing; expected a number of milliseconds or a distribution");
    CHECK(error_of(with(R"({"db": {"SlowPeriods": [{"from_s": 1e300, "until_s": 1e301, "LatencyMs": 5}]}})")) ==
          "deps.json:1: downstreams.db.SlowPeriods.0.from_s: expected a number from 0 to 2592000, got 1e+300");
    CHECK(error_of(with(R"({"db": {"SlowPeriods": [{"from_s": 10, "until_s": 20, "LatencyMs": 5, "Latency": 1}]}})"))
              .find("downstreams.db.SlowPeriods.0.Latency: unknown key") != std::string::npos);
    CHECK(error_of(with(R"({"db": {"TimeoutMs": 0}})")) ==
          "deps.json:1: downstreams.db.TimeoutMs: expected a number greater than 0, got 0");
    CHECK(error_of(with(R"({"my db": {}})")) ==
          "deps.json:1: downstreams.my db: expected a downstream name of 1 to 64 alphanumeric characters, hyphens or "
          "underscores, got \"my db\"");
}

TEST_CASE("§7.11 a table's KeySchema: one HASH key, \"id\" by default", "[scenario]") {
    const Scenario s = load_scenario_text(with("{}", R"({"plain": {}, "keyed": {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}})"),
                                          "deps.json");
    CHECK(s.tables.at("plain").partition_key == "id");
    CHECK(s.tables.at("keyed").partition_key == "pk");
    CHECK(error_of(with("{}", R"({"t1": {}})")).find("tables.t1: expected a table name of 3 to 255") != std::string::npos);
    CHECK(error_of(with("{}", R"({"orders": {"KeySchema": [{"AttributeName": "pk", "KeyType": "RANGE"}]}})")) ==
          "deps.json:1: tables.orders.KeySchema.0.KeyType: expected \"HASH\" (the simulator has no sort keys), got \"RANGE\"");
}
