// Determinism (docs/aws-rules.md 5.1, virtual time and the seed; docs/report-format.md 8; engine.h:
// the same scenario gives the same run, event for event): reports are byte-identical for one seed,
// and the seed drives the MessageIds.

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// Failures, redrive to a DLQ, a steady rate of sends and scaling: many decisions per run.
const char* const kBusy = R"json({
  "name": "busy", "seed": 7, "duration_s": 120,
  "queues": {"orders": {"VisibilityTimeout": 10,
                        "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 2}},
             "orders-dlq": {}},
  "functions": {"f": {"Handler": "fail-messages", "Timeout": 5,
                      "Simulation": {"DurationMs": 40, "PerRecordMs": 3, "ColdStartMs": 250,
                                     "Params": {"fraction": 0.2, "seed": 3, "per_attempt": true}}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10,
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 50, "body": "{\"orderId\":\"o-{i}\"}"},
              {"to": "orders", "from_s": 1, "until_s": 40, "rate_per_s": 20, "body": "{\"orderId\":\"r-{i}\"}"}]
})json";

std::set<std::string> message_ids(const Json& report) {
    std::set<std::string> ids;
    for (const auto& m : report["messages"]) ids.insert(m["id"].get<std::string>());
    return ids;
}

}  // namespace

TEST_CASE("Determinism (virtual time, seeded): the same scenario twice gives byte-identical reports",
          "[engine]") {
    const Run first = run_scenario(kBusy);
    const Run second = run_scenario(kBusy);
    REQUIRE(first.report["totals"]["invocations"].get<int>() > 10);  // the run did real work
    REQUIRE(first.report["totals"]["dead_lettered"].get<int>() > 0);
    CHECK(first.report.dump() == second.report.dump());
}

TEST_CASE("Determinism: a different seed gives different MessageIds (and the seed is reported)",
          "[engine]") {
    const Run seven = run_scenario(kBusy);
    const Run eight = run_scenario(kBusy, {{"seed", "8"}});
    CHECK(seven.report["seed"] == 7);
    CHECK(eight.report["seed"] == 8);
    REQUIRE(seven.report["messages"].size() == eight.report["messages"].size());
    const auto ids_seven = message_ids(seven.report);
    const auto ids_eight = message_ids(eight.report);
    CHECK(ids_seven.size() == seven.report["messages"].size());  // unique within a run
    for (const auto& id : ids_eight) CHECK(ids_seven.count(id) == 0);
    CHECK(seven.report["invocations"].at(0).at("id") != eight.report["invocations"].at(0).at("id"));
}
