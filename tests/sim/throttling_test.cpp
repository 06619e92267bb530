// docs/aws-rules.md 2.10 throttled invokes and 2.7 ScalingConfig.MaximumConcurrency, with 4.2
// ReservedConcurrentExecutions and 4.3 throttling: throttled receives count towards
// maxReceiveCount.

#include <catch2/catch.hpp>

#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// 20 messages, batches of 1, a 3 s handler and a 5 s visibility timeout. The mapping has no
// MaximumConcurrency, so it starts 5 pollers whatever the function's reserved concurrency (1).
const char* const kThrottled = R"json({
  "name": "throttling", "seed": 8, "duration_s": 600,
  "queues": {"orders": {"VisibilityTimeout": 5,
                        "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 1}},
             "orders-dlq": {}},
  "functions": {"f": {"Handler": "slow", "Timeout": 5, "ReservedConcurrentExecutions": 1,
                      "Simulation": {"DurationMs": 10, "ColdStartMs": 200, "Params": {"work_ms": 3000}}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 1}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 20, "body": "m-{i}"}]
})json";

}  // namespace

TEST_CASE("§2.10 throttling / §4.2 ReservedConcurrentExecutions: with 5 pollers and reserved "
          "concurrency 1, throttled messages reach the DLQ although the handler never saw them",
          "[engine]") {
    const int max_receive_count = GENERATE(1, 2);
    INFO("maxReceiveCount " << max_receive_count);
    const Run run = run_scenario(
        kThrottled, {{"queues.orders.RedrivePolicy.maxReceiveCount", std::to_string(max_receive_count)}});
    const auto& report = run.report;
    CHECK(report["totals"]["throttles"].get<int>() > 0);
    CHECK(report["totals"]["max_concurrency"] == 1);  // never beyond the reserved concurrency

    int never_seen_dead_lettered = 0;
    for (const auto& m : report["messages"]) {
        INFO(m["body"]);
        const auto invocations = invocations_with(report, m["id"].get<std::string>());
        if (m["outcome"] == "dead_lettered") {
            CHECK(m["receive_count"] == max_receive_count);
            if (m["handler_ok"] == 0 && m["handler_failed"] == 0) {
                ++never_seen_dead_lettered;
                // Every attempt to hand it to the function was throttled.
                REQUIRE_FALSE(invocations.empty());
                for (const auto& invocation : invocations) CHECK(invocation["result"] == "throttled");
            }
        } else {
            // The handler always succeeds: whatever reached it was deleted.
            CHECK(m["outcome"] == "deleted");
            CHECK(m["handler_ok"] == 1);
        }
    }
    CHECK(never_seen_dead_lettered > 0);
    CHECK(report["totals"]["dead_lettered"] == never_seen_dead_lettered);
    for (const auto& invocation : report["invocations"]) {
        if (invocation["result"] == "throttled") {
            CHECK(invocation.at("error_type") == "TooManyRequestsException");
            CHECK_THAT(invocation.at("error_message").get<std::string>(),
                       Catch::Matchers::Contains("ReservedFunctionConcurrentInvocationLimitExceeded"));
        }
    }
}

TEST_CASE("§2.7 ScalingConfig.MaximumConcurrency: capped at the reserved concurrency, the mapping "
          "is never throttled and nothing is dead-lettered",
          "[engine]") {
    const Run run = run_scenario(kThrottled, {{"functions.f.ReservedConcurrentExecutions", "2"},
                                              {"mappings.0.ScalingConfig", R"({"MaximumConcurrency": 2})"}});
    const auto& report = run.report;
    CHECK(report["totals"]["throttles"] == 0);
    CHECK(report["totals"]["dead_lettered"] == 0);
    CHECK(report["totals"]["deleted"] == 20);
    CHECK(report["totals"]["max_concurrency"] == 2);
    for (const auto& m : report["messages"]) {
        CHECK(m["receive_count"] == 1);
        CHECK(m["handler_ok"] == 1);
    }
    // 20 batches of 1, two at a time, about 3 s each.
    CHECK(report["totals"]["invocations"] == 20);
    CHECK(series_at(report, "orders->f.pollers", 0) == 2);
}
