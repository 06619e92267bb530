// Golden traces (as SimGrid's .tesh tests): a few example scenarios keep a reviewed, checked-in
// trace of every message event; a change in semantics shows up as a readable diff. Test names cite
// the rules of docs/aws-rules.md each scenario shows.
// To accept a deliberate change: QUEUELAB_UPDATE_GOLDEN=1 build/tests/sim_tests "[golden]",
// then review `git diff tests/sim/golden/`.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine.h"
#include "report.h"
#include "scenario_loader.h"

namespace {

using queuelab::sim::Engine;

// One line per history event, in time order: "<t> <who> <event> <details>", where who is the
// message body or the record's partition key and data (readable, unlike generated ids).
std::string trace_of(const std::string& scenario_file) {
    Engine engine(queuelab::sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/" + scenario_file));
    engine.run();
    const auto report = queuelab::sim::build_report(engine);
    std::vector<std::pair<double, std::string>> lines;
    for (const auto& message : report["messages"]) {
        const std::string who = message.contains("body") ? message["body"].get<std::string>()
                                                         : message["partition_key"].get<std::string>() + " " +
                                                               message["data"].get<std::string>();
        for (const auto& event : message["history"]) {
            std::string details;
            for (const char* key : {"queue", "receive_count", "handler", "shard", "condition"}) {
                if (event.contains(key)) details += std::string(" ") + key + "=" + event[key].dump();
            }
            char time[32];
            std::snprintf(time, sizeof time, "%10.3f", event["t"].get<double>());
            lines.emplace_back(event["t"].get<double>(),
                               std::string(time) + "  " + who + "  " + event["event"].get<std::string>() + details);
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string trace;
    for (const auto& [t, line] : lines) trace += line + "\n";
    return trace;
}

void check_against_golden(const std::string& scenario_file, const std::string& golden_name) {
    const std::string golden_path = std::string(QUEUELAB_SOURCE_DIR) + "/tests/sim/golden/" + golden_name;
    const std::string actual = trace_of(scenario_file);
    if (std::getenv("QUEUELAB_UPDATE_GOLDEN") != nullptr) std::ofstream(golden_path) << actual;
    std::ifstream in(golden_path);
    REQUIRE(in.good());
    std::stringstream expected;
    expected << in.rdbuf();
    CHECK(actual == expected.str());
}

}  // namespace

TEST_CASE("golden trace: poison-pill (§1.15 RedrivePolicy, §2.12 ReportBatchItemFailures)",
          "[golden]") {
    check_against_golden("lessons/scenarios/poison-pill.json", "poison-pill.trace");
}

TEST_CASE("golden trace: fifo-groups (§1.20 FIFO ordering)", "[golden]") {
    check_against_golden("lessons/scenarios/fifo-groups.json", "fifo-groups.trace");
}

TEST_CASE("golden trace: stream-partial-batch (§3.19 ReportBatchItemFailures for streams)",
          "[golden]") {
    check_against_golden("lessons/scenarios/stream-partial-batch.json", "stream-partial-batch.trace");
}
