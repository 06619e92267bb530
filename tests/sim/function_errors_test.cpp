// docs/aws-rules.md 2.9 function error, with 4.6 Timeout, 4.9 handler exceptions and 4.10 runtime
// crashes: an exception, a timeout or a crash fails the batch (it comes back after the visibility
// timeout) but never stops the run.

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "engine_test_support.h"
#include "function_code.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;
using Catch::Matchers::Contains;

TEST_CASE("§2.9 function error / §4.9 exception / §4.6 Timeout: a handler that throws and one that "
          "times out fail their batches, which are retried, and the run goes on",
          "[engine]") {
    // "not json" makes throw-on-failure throw on every delivery; "sleeper" works 5 s with a 2 s
    // Timeout. Visibility timeouts are 10 s; a good order arrives at 25 s while both keep failing.
    const Run run = run_scenario(R"json({
      "name": "errors", "seed": 13, "duration_s": 38,
      "queues": {"throwing": {"VisibilityTimeout": 10}, "timing-out": {"VisibilityTimeout": 10}},
      "functions": {
        "thrower": {"Handler": "throw-on-failure", "Timeout": 3,
                    "Simulation": {"DurationMs": 50, "ColdStartMs": 300}},
        "sleeper": {"Handler": "slow", "Timeout": 2,
                    "Simulation": {"DurationMs": 50, "ColdStartMs": 300, "Params": {"work_ms": 5000}}}},
      "mappings": [{"EventSourceArn": "throwing", "FunctionName": "thrower"},
                   {"EventSourceArn": "timing-out", "FunctionName": "sleeper"}],
      "traffic": [{"to": "throwing", "at_s": 0, "messages": [{"body": "not json"}]},
                  {"to": "throwing", "at_s": 25, "messages": [{"body": "{\"orderId\":\"fine\"}"}]},
                  {"to": "timing-out", "at_s": 0, "messages": [{"body": "slow-1"}]}]
    })json");
    const auto& report = run.report;
    CHECK(report["end_reason"] == "duration");
    CHECK(report["ended_at_s"].get<double>() == at_time(38));

    const Json poison = message_by_body(report, "not json");
    const Json slow = message_by_body(report, "slow-1");
    // Each failed batch came back after its visibility timeout and was delivered again.
    CHECK(event_times(poison, "received") == std::vector<double>{0, 10, 20, 30});
    CHECK(event_times(slow, "received") == std::vector<double>{0, 10, 20, 30});
    CHECK(poison["handler_failed"] == 4);
    CHECK(slow["handler_failed"] == 4);
    CHECK(events_of(poison, "deleted").empty());
    CHECK(events_of(slow, "deleted").empty());

    const auto thrown = invocations_with(report, poison["id"].get<std::string>());
    REQUIRE(thrown.size() == 4);
    for (const auto& invocation : thrown) {
        CHECK(invocation["result"] == "error");
        CHECK_THAT(invocation.at("error_message").get<std::string>(), Contains("not an order"));
    }
    const auto timed_out = invocations_with(report, slow["id"].get<std::string>());
    REQUIRE(timed_out.size() == 4);
    for (const auto& invocation : timed_out) {
        CHECK(invocation["result"] == "timeout");
        CHECK(invocation.at("error_type") == "Sandbox.Timedout");
        CHECK_THAT(invocation.at("error_message").get<std::string>(), Contains("Task timed out after 2.00 seconds"));
        CHECK(invocation.at("duration_ms").get<double>() == Approx(2000));  // stopped at Timeout
    }
    // The good order sent while the other message keeps failing is processed at once.
    const Json fine = message_by_body(report, R"({"orderId":"fine"})");
    CHECK(fine["outcome"] == "deleted");
    CHECK(event_times(fine, "received") == std::vector<double>{25.0});
    CHECK(fine["handler_ok"] == 1);

    CHECK(report["totals"]["timeouts"] == 4);
    CHECK(report["totals"]["invocation_errors"] == 8);
    CHECK(report["totals"]["invocations"] == 9);
}

TEST_CASE("§2.9 function error / §4.10 runtime crash: a crashed runtime fails the batch with "
          "Runtime.ExitError and its environment is not reused (the next invoke is a cold start)",
          "[engine]") {
    const Run run = run_scenario(R"json({
      "name": "crash", "seed": 3, "duration_s": 60,
      "queues": {"q": {"VisibilityTimeout": 10}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 3,
                          "Simulation": {"DurationMs": 50, "ColdStartMs": 300, "Params": {"report": "crash"}}}},
      "mappings": [{"EventSourceArn": "q", "FunctionName": "f", "ScalingConfig": {"MaximumConcurrency": 2}}],
      "traffic": [{"to": "q", "at_s": 0, "messages": [{"body": "{\"fail_attempts\": 1}"}]}]
    })json");
    const Json message = message_by_body(run.report, "{\"fail_attempts\": 1}");
    const auto invocations = invocations_with(run.report, message["id"].get<std::string>());
    REQUIRE(invocations.size() == 2);
    CHECK(invocations[0]["result"] == "crashed");
    CHECK(invocations[0]["error_type"] == "Runtime.ExitError");
    CHECK(invocations[1]["result"] == "success");
    CHECK(invocations[1]["cold_start"] == true);  // the crashed environment was discarded
    CHECK(event_times(message, "received") == std::vector<double>{0, 10});
    CHECK(message["outcome"] == "deleted");
}

TEST_CASE("§4.9 a handler that returns a failure ends its invoke as one that throws does: a function error "
          "with the failure's errorType (Unhandled when it has none) and errorMessage",
          "[engine]") {
    using queuelab::HandlerResponse;
    using queuelab::InvocationContext;
    using queuelab::SqsEvent;
    const auto outcome_of = [](queuelab::SqsHandler handler) {
        auto code = make_in_process_code(std::move(handler), {});
        InvocationContext context("r-1", "f", "arn:aws:lambda:us-east-1:123456789012:function:f", 128, 3000, 0);
        const SqsEvent event;
        return code->invoke(0, &event, context);
    };
    const CodeOutcome returned = outcome_of([](const SqsEvent&, InvocationContext&) {
        return HandlerResponse::failure("order 7 was rejected", "OrderRejected");
    });
    CHECK(returned.result == InvocationResult::Error);
    CHECK(returned.error_type == "OrderRejected");
    CHECK(returned.error_message == "order 7 was rejected");
    CHECK(returned.payload.empty());
    CHECK_FALSE(returned.environment_lost);

    const CodeOutcome untyped = outcome_of([](const SqsEvent&, InvocationContext&) {
        return HandlerResponse::failure("order 7 was rejected", "");
    });
    const CodeOutcome thrown = outcome_of([](const SqsEvent&, InvocationContext&) -> HandlerResponse {
        throw std::runtime_error("order 7 was rejected");
    });
    for (const CodeOutcome* outcome : {&untyped, &thrown}) {
        CHECK(outcome->result == InvocationResult::Error);
        CHECK(outcome->error_type == "Unhandled");
        CHECK(outcome->error_message == "order 7 was rejected");
    }
}
