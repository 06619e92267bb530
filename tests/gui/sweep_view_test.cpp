// The Sweep view (app/gui/sweep_view.h) charts the CSV of a real `queuelab sweep` run: a line per
// MaximumConcurrency labelled KEY=VALUE, the BatchSize values under the x axis, and the best point
// among those that lost nothing, at 1280x720 and 2560x1440. Without the view none of these is
// drawn and the test fails. A bad CSV given with --sweep is one line and exit code 2.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gui_test_support.h"
#include "lab/sweep_chart.h"
#include "lab/sweep_csv.h"

using namespace queuelab::gui_tests;
using Catch::Matchers::Contains, Catch::Matchers::EndsWith;

namespace {

std::filesystem::path folder() {
    const auto path = std::filesystem::temp_directory_path() / "queuelab-gui-tests";
    std::filesystem::create_directories(path);
    return path;
}

// poison-pill over BatchSize 1, 5, 10 and MaximumConcurrency 2, 5, three seeds each, into a file of
// the test's own (CTest runs tests side by side).
std::string swept_poison_pill(const std::string& name) {
    const auto csv = (folder() / (name + ".csv")).string();
    std::filesystem::remove(csv);
    const std::string command = std::string(QUEUELAB_EXECUTABLE) + " sweep " + kPoisonPill +
                                " --vary mappings.0.BatchSize=1,5,10 --vary mappings.0.ScalingConfig.MaximumConcurrency=2,5"
                                " --seeds 3 --out " + csv + " > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    return csv;
}

}  // namespace

TEST_CASE("the Sweep view charts a sweep's CSV: a line per other key's value, the x values and the best point", "[gui][sweep]") {
    const auto csv = swept_poison_pill("sweep");
    const auto results = queuelab::lab::read_sweep_csv(csv);
    const auto best = queuelab::lab::best_point(results, queuelab::lab::grid_points(results), *results.metric_index("cost_usd"));
    // BatchSize 10 needs the fewest invocations, MaximumConcurrency 2 the fewest receives; nothing is lost anywhere.
    CHECK_THAT(best.choice, EndsWith("the lowest among the points that drained and lost nothing in every run is BatchSize=10, MaximumConcurrency=2:"));
    for (const char* size : {"1280x720", "2560x1440"}) {
        INFO(size);
        const std::string text = text_drawn("--sweep " + csv + " --size " + size, std::string("sweep-") + size);
        CHECK_THAT(text, Contains("18 runs: 6 points \xC3\x97 3 seeds"));
        CHECK_THAT(text, Contains("cost (Lambda + SQS) by BatchSize: the same for every seed"));  // poison-pill has no chance in it
        CHECK_THAT(text, Contains("MaximumConcurrency=2 \n"));  // the legend's entries
        CHECK_THAT(text, Contains("MaximumConcurrency=5 \n"));
        CHECK_THAT(text, Contains("x 1\nx 5\nx 10\n"));
        CHECK_THAT(text, Contains(best.choice + "\n" + best.value));
        CHECK_THAT(text, Contains("best\n"));  // the marker on the chart
        CHECK_THAT(text, Contains("| 0 | 1 | 1 | 2 | $"));  // the table's first row
    }
}

TEST_CASE("the Sweep view charts the metric and the key given by --sweep-y and --sweep-x, and JSON values as categories", "[gui][sweep]") {
    const auto csv = swept_poison_pill("sweep-axes");
    const std::string text = text_drawn("--sweep " + csv + " --sweep-y processed_ok --sweep-x MaximumConcurrency", "sweep-axes");
    CHECK_THAT(text, Contains("processed ok by MaximumConcurrency: the same for every seed"));
    CHECK_THAT(text, Contains("BatchSize=1 \n"));
    CHECK_THAT(text, Contains("BatchSize=10 \n"));
    CHECK_THAT(text, Contains("x 2\nx 5\n"));
    CHECK_THAT(text, Contains("Best for processed ok: the highest among the points that drained and lost nothing in every run is "
                              "BatchSize=1, MaximumConcurrency=2:\n9 (mean of 3 seeds); 5 other points have the same."));

    const auto json = (folder() / "sweep-json.csv").string();
    const std::string command = std::string(QUEUELAB_EXECUTABLE) + " sweep " + kPoisonPill +
                                " --vary 'mappings.0.FunctionResponseTypes=[],[\"ReportBatchItemFailures\"]' --out " + json + " > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    const std::string categories = text_drawn("--sweep " + json + " --sweep-y lost", "sweep-json");
    CHECK_THAT(categories, Contains("x []\nx [\"ReportBatchItemFailures\"]\n"));
    CHECK_THAT(categories, Contains("Best for lost (gone after a failure): the lowest among the points that drained and lost nothing in "
                                    "every run is FunctionResponseTypes=[\"ReportBatchItemFailures\"]:\n0."));
}

// dlq-redrive's flaky handler fails a seeded half of the attempts: how many reach the DLQ depends on the seed.
TEST_CASE("the Sweep view says when its bars are the seeds' range", "[gui][sweep]") {
    const auto csv = (folder() / "sweep-seeds.csv").string();
    const std::string command = std::string(QUEUELAB_EXECUTABLE) + " sweep " + example("dlq-redrive.json") +
                                " --vary queues.orders.RedrivePolicy.maxReceiveCount=2,5 --seeds 3 --out " + csv + " > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    const std::string text = text_drawn("--sweep " + csv + " --sweep-y dead_lettered", "sweep-seeds");
    CHECK_THAT(text, Contains("dead-lettered by maxReceiveCount: mean over the seeds, bar from min to max"));
    CHECK_THAT(text, Contains("6 runs: 2 points \xC3\x97 3 seeds"));
}

TEST_CASE("a sweep CSV the lab cannot read is one line naming the file, the line and what was expected, exit code 2", "[gui][sweep]") {
    SECTION("a missing file") {
        const auto run = without_display("--sweep /no/such/results.csv");
        CHECK(run.exit_code == 2);
        CHECK(run.err == "/no/such/results.csv: cannot read file: No such file or directory\n");
    }
    SECTION("a row with a field too few") {
        const auto bad = (folder() / "bad-sweep.csv").string();
        std::ofstream(bad) << "point,seed,mappings.0.BatchSize,end_reason,drain_time_s,lost,cost_usd\n"
                              "0,1,1,drained,90,0,2e-05\n"
                              "1,1,5,drained,90,0\n";
        const auto run = without_display("--sweep " + bad);
        CHECK(run.exit_code == 2);
        CHECK(run.err == bad + ":3: expected 7 fields, as the header has, got 6\n");
    }
    SECTION("a metric the file does not have") {
        const auto csv = swept_poison_pill("sweep-bad-axis");
        const auto run = without_display("--sweep " + csv + " --sweep-y cost");
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.err, Contains("--sweep-y: expected a numeric column of " + csv + " (drain_time_s, sent, "));
        CHECK_THAT(run.err, Contains("cost_usd), got \"cost\"\n"));
    }
    SECTION("a good file with no display: no window to chart it in") {
        const auto run = without_display("--sweep " + swept_poison_pill("sweep-no-display"));
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Contains("no display (or no OpenGL 3.0) available to chart the sweep "));
    }
}
