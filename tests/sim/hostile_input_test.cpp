// Hostile scenario text never crashes, hangs or lies (docs/aws-rules.md 5.27): JSON nested too
// deep, NUL bytes, duplicate keys, time values that would overflow virtual time or stop it, and
// control characters in what an error names are all bad input, reported in one line.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "input_error.h"
#include "json_text.h"
#include "scenario_loader.h"

using namespace queuelab::sim;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// A small valid scenario: a queue with a mapping, a stream with a mapping, and traffic entry 0 a
// rate to the queue, 1 a count to the queue, 2 a count to the stream.
const std::string kScenario = R"json({
  "name": "bounds",
  "duration_s": 60,
  "queues": {"orders": {}},
  "streams": {"readings": {}},
  "functions": {"f": {"Handler": "order-processor"}, "g": {"Handler": "sensor-readings"}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f"},
               {"EventSourceArn": "readings", "FunctionName": "g", "StartingPosition": "TRIM_HORIZON"}],
  "traffic": [{"to": "orders", "from_s": 0, "until_s": 10, "rate_per_s": 1, "body": "{}"},
              {"to": "orders", "at_s": 1, "count": 2, "body": "{}"},
              {"to": "readings", "at_s": 1, "count": 2, "partition_key": "k", "data": "{}"}]
})json";

// The InputError loading `text` (with `overrides`) throws; fails the test if none is thrown.
InputError error_of(const std::string& text, const std::vector<Override>& overrides = {},
                    const std::string& file = "hostile.json") {
    try {
        load_scenario_text(text, file, overrides);
    } catch (const InputError& error) {
        const std::string line = error.what();
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\0') == std::string::npos);
        return error;
    }
    FAIL("no InputError");
    throw;
}

std::string nested_arrays(int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

std::string with_params(const std::string& params) {
    return R"({"name": "deep", "functions": {"f": {"Handler": "fixed-response", "Simulation": {"Params": )" + params +
           "}}}}";
}

}  // namespace

TEST_CASE("§5.27 JSON nested deeper than 128 arrays and objects is bad input, never a stack overflow", "[hostile]") {
    SECTION("the bound itself: 128 levels parse, 129 do not") {
        CHECK(parse_json_text(nested_arrays(kMaxJsonDepth), DuplicateKeys::Reject).has_value());
        JsonTextError error;
        CHECK_FALSE(parse_json_text(nested_arrays(kMaxJsonDepth + 1), DuplicateKeys::Reject, &error).has_value());
        CHECK(error.kind == JsonTextError::Kind::TooDeep);
        CHECK(error.byte == static_cast<std::size_t>(kMaxJsonDepth));  // the 129th '['
    }
    SECTION("in Simulation.Params, 100,000 levels deep") {
        const auto error = error_of(with_params(R"({"x": )" + nested_arrays(100'000) + "}"));
        CHECK(error.line == 1);
        CHECK(error.expected == "invalid JSON: nested deeper than 128 arrays and objects (the simulator's limit)");
    }
    SECTION("in a FilterCriteria pattern, which is JSON inside a string") {
        const std::string pattern = std::string(10'000, '{') + std::string(10'000, '}');
        const auto error = error_of(kScenario, {{"mappings.0.FilterCriteria", R"({"Filters": [{"Pattern": ")" + pattern + "\"}]}"}});
        CHECK(error.field == "mappings.0.FilterCriteria.Filters.0.Pattern");
        CHECK_THAT(error.expected, Contains("not valid JSON: nested deeper than 128 arrays and objects"));
    }
    SECTION("in a --set value") {
        const auto error = error_of(kScenario, {{"functions.f.Simulation.Params.x", nested_arrays(10'000)}});
        CHECK(error.file == "--set");
        CHECK(error.field == "functions.f.Simulation.Params.x");
        CHECK_THAT(error.expected, Contains("nested deeper than 128 arrays and objects"));
    }
}

TEST_CASE("§5.27 a NUL byte is bad input, never the end of the text", "[hostile]") {
    SECTION("trailing garbage after a NUL") {
        const std::string text = kScenario + std::string(1, '\0') + "not json at all";
        const auto error = error_of(text);
        CHECK(error.line == 12);
        CHECK(error.expected == "invalid JSON: a NUL byte (JSON text cannot hold one)");
    }
    SECTION("inside a string") {
        const auto error = error_of(std::string("{\"name\": \"a") + '\0' + "b\"}");
        CHECK(error.expected == "invalid JSON: a NUL byte (JSON text cannot hold one)");
    }
    SECTION("an escaped NUL (\\u0000) is a character like any other") {
        CHECK_NOTHROW(load_scenario_text(R"({"name": "a\u0000b"})", "nul.json"));
    }
}

TEST_CASE("§5.27 a number too large for a double is invalid JSON on its line (found by fuzzing)", "[hostile]") {
    const auto error = error_of("{\"name\": \"x\",\n \"duration_s\": 1e999}");
    CHECK(error.line == 2);
    CHECK(error.expected == "invalid JSON: number overflow parsing '1e999'");
}

TEST_CASE("§5.27 a key given twice in one object is bad input naming the key", "[hostile]") {
    SECTION("a second \"queues\" would have dropped every queue") {
        const auto error = error_of("{\"name\": \"x\",\n \"queues\": {\"orders\": {}},\n \"queues\": {}\n}");
        CHECK(error.field == "queues");
        CHECK(error.line == 3);
        CHECK(error.expected == "duplicate key; each key may appear only once in an object");
    }
    SECTION("nested in an object") {
        const auto error = error_of(R"({"name": "x", "queues": {"q": {"VisibilityTimeout": 1, "VisibilityTimeout": 2}}})");
        CHECK(error.field == "queues.q.VisibilityTimeout");
    }
    SECTION("inside an array") {
        const auto error = error_of(R"({"name": "x", "queues": {"q": {}}, "functions": {"f": {"Handler": "order-processor"}},
            "mappings": [{"EventSourceArn": "q", "FunctionName": "f"},
                         {"EventSourceArn": "q", "FunctionName": "f", "BatchSize": 5, "BatchSize": 6}]})");
        CHECK(error.field == "mappings.1.BatchSize");
    }
    SECTION("in a --set value") {
        const auto error = error_of(kScenario, {{"functions.f.Simulation.Params", R"({"a": 1, "a": 2})"}});
        CHECK(error.file == "--set");
        CHECK_THAT(error.expected, Contains("\"a\" is given twice"));
    }
    SECTION("the same key in two objects is fine") {
        CHECK_NOTHROW(load_scenario_text(R"({"name": "x", "queues": {"a": {"DelaySeconds": 1}, "b": {"DelaySeconds": 1}}})",
                                         "twice.json"));
    }
}

TEST_CASE("§5.27 every time value is checked against its range before it becomes microseconds", "[hostile]") {
    // Each of these hung, divided by zero or overflowed virtual time before (issue 15).
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"sample_interval_s", "1e-7"},
        {"sample_interval_s", "1e308"},
        {"service_limits.esm_long_poll_wait_s", "0"},
        {"service_limits.esm_long_poll_wait_s", "1e308"},
        {"service_limits.stream_poll_interval_s", "1e-9"},
        {"service_limits.stream_poll_interval_s", "1e308"},
        {"service_limits.esm_backoff_initial_s", "1e308"},
        {"service_limits.esm_backoff_max_s", "0"},
        {"service_limits.scaling_period_s", "1e-9"},
        {"service_limits.idle_environment_lifetime_s", "1e308"},
        {"service_limits.max_init_s", "1e308"},
        {"traffic.0.from_s", "1e300"},
        {"traffic.0.until_s", "1e300"},
        {"traffic.1.at_s", "1e13"},
        {"traffic.2.at_s", "18446744073709551616"},
        {"mappings.1.StartingPositionTimestamp", "1e300"},
        {"functions.f.Simulation.DurationMs", "1e300"},
    };
    for (const auto& [path, value] : cases) {
        DYNAMIC_SECTION(path << " = " << value) {
            std::vector<Override> overrides = {{path, value}};
            if (path == "mappings.1.StartingPositionTimestamp") overrides.insert(overrides.begin(), {"mappings.1.StartingPosition", "AT_TIMESTAMP"});
            const auto error = error_of(kScenario, overrides);
            CHECK(error.field == path);
            CHECK_THAT(error.expected, StartsWith("expected"));
        }
    }
    SECTION("the bounds themselves are accepted: 30 days, and 1 µs for a period") {
        CHECK_NOTHROW(load_scenario_text(kScenario, "bounds.json",
                                         {{"duration_s", "2592000"},
                                          {"traffic.1.at_s", "2592000"},
                                          {"traffic.0.until_s", "2592000"},
                                          {"service_limits.scaling_period_s", "0.000001"},
                                          {"service_limits.esm_backoff_initial_s", "0.000001"}}));
    }
    SECTION("at most 1,000,000 samples: the least sample interval follows duration_s") {
        const auto error = error_of(kScenario, {{"sample_interval_s", "0.00001"}});
        CHECK(error.expected == "expected 0 (chosen from duration_s) or a number from 6e-05 to 2592000 (at most "
                                "1000000 samples over duration_s 60), got 1e-05 (value from --set)");
    }
}

TEST_CASE("§5.27 service limits that size the engine's tables are bounded", "[hostile]") {
    CHECK(error_of(kScenario, {{"service_limits.esm_max_concurrency", "2147483647"}}).field ==
          "service_limits.esm_max_concurrency");
    CHECK(error_of(kScenario, {{"service_limits.short_poll_servers", "33"}}).field == "service_limits.short_poll_servers");
    const auto error = error_of(kScenario, {{"service_limits.esm_initial_concurrency", "20"},
                                            {"service_limits.esm_max_concurrency", "10"}});
    CHECK(error.field == "service_limits.esm_initial_concurrency");
    CHECK(error.expected == "expected esm_initial_concurrency (20) at most esm_max_concurrency (10) (value from --set)");
}

TEST_CASE("§5.27 an error line escapes control characters in the file name, the path and the text", "[hostile]") {
    SECTION("a key holding a newline and a NUL") {
        const auto error = error_of(R"({"name": "x", "qu\neu\u0000es": {}})");
        CHECK(error.field == std::string("qu\neu") + '\0' + "es");
        CHECK_THAT(error.what(), StartsWith("hostile.json:1: qu\\neu\\u0000es: unknown key"));
    }
    SECTION("a file name holding a newline") {
        const auto error = error_of("{", {}, "two\nlines.json");
        CHECK_THAT(error.what(), StartsWith("two\\nlines.json:1: invalid JSON"));
    }
}

TEST_CASE("§5.27 a scenario file larger than 64 MiB is refused before it is parsed", "[hostile]") {
    const std::string path = "/dev/zero";  // endless: it must not be read to the end
    try {
        load_scenario_file(path);
        FAIL("no InputError");
    } catch (const InputError& error) {
        CHECK(std::string(error.what()) == "/dev/zero: expected a scenario file of at most 64 MiB (the simulator's limit), got more");
    }
}
