// examples/python-handler (README "Handlers in other languages"): a handler written in Python with
// the standard library only runs as a Simulation.Bootstrap through the Lambda Runtime API
// (docs/aws-rules.md 6.2 to 6.5), and its batchItemFailures are honoured as a built-in's are
// (docs/aws-rules.md 2.12 with ReportBatchItemFailures, 1.15 the DLQ after maxReceiveCount).

#include "runtime_test_support.h"

#include <cstdlib>

#include "engine.h"
#include "report.h"
#include "scenario_loader.h"
#include "totals.h"

namespace queuelab::runtime::test {

TEST_CASE("examples/python-handler: the Python bootstrap's batchItemFailures send every fifth order to the DLQ",
          "[runtime][engine][python]") {
    if (std::system("python3 -c 'import json, urllib.request' > /dev/null 2>&1") != 0) {
        WARN("skipped: python3 is not installed (scripts/setup-debian.sh installs it)");
        return;
    }
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/examples/python-handler/scenario.json";
    const RuntimeCatalog catalog(test_builder());
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(sim::load_scenario_file(scenario, {}, catalog), options);
    engine.run();
    const sim::Totals totals = sim::compute_totals(engine);
    // 20 orders; quantity {i%5} is 0 for o-0, o-5, o-10 and o-15, which the handler reports as
    // failed on each of their 3 receives (maxReceiveCount), so they move to orders-dlq.
    CHECK(totals.sent == 20);
    CHECK(totals.deleted == 16);
    CHECK(totals.dead_lettered == 4);
    CHECK(totals.processed_ok == 16);
    CHECK(totals.lost == 0);
    CHECK(totals.invocation_errors == 0);
    CHECK(totals.invocations == 4);  // two batches of 10, then the 4 failed orders twice more
    const nlohmann::json report = sim::build_report(engine);
    for (const auto& message : report["messages"]) {
        INFO(message["body"]);
        const bool bad = nlohmann::json::parse(message["body"].get<std::string>())["quantity"] == 0;
        CHECK(message["outcome"] == (bad ? "dead_lettered" : "deleted"));
        CHECK(message["handler_failed"] == (bad ? 3 : 0));
    }
    // What the Python process printed is the invocation's log.
    bool printed = false;
    for (const auto& invocation : report["invocations"]) {
        if (invocation.contains("logs") && invocation["logs"].get<std::string>().find("processed order o-1\n") != std::string::npos) {
            printed = true;
        }
    }
    CHECK(printed);
}

}  // namespace queuelab::runtime::test
