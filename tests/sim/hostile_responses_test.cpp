// Hostile handler responses (docs/aws-rules.md 4.8, 2.14, 5.27): a response over the 6 MB a
// synchronous invoke may return fails the invoke (Function.ResponseSizeTooLarge), and with
// ReportBatchItemFailures a response holding a NUL byte or nested past the simulator's limit is
// invalid JSON: either way the whole batch returns to the queue.

#include <catch2/catch.hpp>

#include "batch_response_rules.h"
#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One message to a function that returns `raw_response` verbatim (a JSON string's content).
std::string returning(const std::string& raw_response_json, bool report_batch_item_failures) {
    return R"json({
      "name": "response",
      "duration_s": 25,
      "queues": {"q": {"VisibilityTimeout": 10}},
      "functions": {"f": {"Handler": "fixed-response", "Timeout": 3,
                          "Simulation": {"Params": {"raw_response": )json" +
           raw_response_json + R"json(}}}},
      "mappings": [{"EventSourceArn": "q", "FunctionName": "f", "BatchSize": 1)json" +
           (report_batch_item_failures ? R"(, "FunctionResponseTypes": ["ReportBatchItemFailures"])" : "") + R"json(}],
      "traffic": [{"to": "q", "at_s": 0, "messages": [{"body": "m"}]}]
    })json";
}

std::string json_string(const std::string& text) { return nlohmann::json(text).dump(); }

// The batch failed: the message came back after its visibility timeout and was never deleted.
void check_batch_returned(const Run& run) {
    const auto message = message_by_body(run.report, "m");
    CHECK(event_times(message, "received") == std::vector<double>{0.0, 10.0, 20.0});
    CHECK(events_of(message, "deleted").empty());
}

}  // namespace

TEST_CASE("§4.8 a response over 6 MB fails the invoke with Function.ResponseSizeTooLarge and the batch returns",
          "[hostile]") {
    const std::int64_t limit = ServiceLimits{}.invoke_payload_limit_bytes;
    SECTION("one byte over, even without ReportBatchItemFailures (the response is not read, its size is)") {
        const auto run = run_scenario(returning(json_string(std::string(static_cast<std::size_t>(limit) + 1, 'x')), false));
        const auto& invocation = run.report["invocations"][0];
        CHECK(invocation["result"] == "error");
        CHECK(invocation["error_type"] == "Function.ResponseSizeTooLarge");
        CHECK(invocation["error_message"] ==
              "Response payload size (6291457 bytes) exceeded maximum allowed payload size (6291456 bytes).");
        CHECK_FALSE(invocation.contains("response"));
        check_batch_returned(run);
    }
    SECTION("exactly the limit is a response like any other") {
        const auto run = run_scenario(returning(json_string(std::string(static_cast<std::size_t>(limit), 'x')), false));
        CHECK(run.report["invocations"][0]["result"] == "success");
        CHECK(run.report["totals"]["deleted"] == 1);
    }
}

TEST_CASE("§5.27 with ReportBatchItemFailures a response nested past 128 levels is invalid and fails the batch",
          "[hostile]") {
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const auto run = run_scenario(returning(json_string(deep), true));
    const auto& invocation = run.report["invocations"][0];
    CHECK(invocation["result"] == "error");
    CHECK(invocation["error_type"] == "InvalidBatchResponse");
    CHECK(invocation["error_message"] == "the response is nested deeper than 128 arrays and objects (the simulator's limit)");
    check_batch_returned(run);
}

TEST_CASE("§2.14 a response with a NUL byte is not valid JSON, whatever follows it", "[hostile]") {
    SECTION("{} NUL garbage fails the batch") {
        const auto run = run_scenario(returning(R"("{}\u0000not json")", true));
        CHECK(run.report["invocations"][0]["error_message"] == "the response is not valid JSON");
        check_batch_returned(run);
    }
    SECTION("the rules alone") {
        const auto verdict = apply_response_rules(std::string("{}\0not json", 11), {"a"}, true);
        CHECK(verdict.kind == ResponseVerdict::Kind::FunctionError);
        CHECK(verdict.error == "the response is not valid JSON");
    }
}

TEST_CASE("§2.14 a response holding a number too large for a double is not valid JSON (found by fuzzing)", "[hostile]") {
    const auto verdict = apply_response_rules("{\"batchItemFailures\": 8e2882}", {"a"}, true);
    CHECK(verdict.kind == ResponseVerdict::Kind::FunctionError);
    CHECK(verdict.error == "the response is not valid JSON");
    CHECK(apply_response_rules("8e2882", {"a"}, false).kind == ResponseVerdict::Kind::AllSucceeded);
}
