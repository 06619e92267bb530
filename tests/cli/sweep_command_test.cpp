// queuelab sweep (README.md "Sweeps"): the grid of --vary values and --seeds, one CSV row per point
// in grid order whatever the number of worker threads, and bad input as one line.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "json_reader.h"
#include "lab/sweep_chart.h"
#include "lab/sweep_csv.h"
#include "totals.h"

namespace {

using namespace queuelab::cli;

const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome sweep(SweepOptions options) {
    std::ostringstream out, err;
    const int code = sweep_command(options, out, err);
    return {code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The column `name` of a CSV row (fields without quotes).
std::string column(const std::string& header, const std::string& row, const std::string& name) {
    const auto names = queuelab::sim::split(header, ',');
    const auto fields = queuelab::sim::split(row, ',');
    REQUIRE(names.size() == fields.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return fields[i];
    }
    FAIL("no column " << name);
    return "";
}

}  // namespace

TEST_CASE("sweep: the grid is every combination, the first axis slowest, the seed fastest", "[cli][sweep]") {
    const auto points = sweep_grid(parse_vary({"a.b=1,2", "c=[],[\"x\",\"y\"],{\"k\":[1,2]}"}), 2);
    REQUIRE(points.size() == 12);
    CHECK(points[0].overrides[0].value == "1");
    CHECK(points[0].overrides[1].value == "[]");
    CHECK(*points[0].seed == 1);
    CHECK(*points[1].seed == 2);
    CHECK(points[2].overrides[1].value == "[\"x\",\"y\"]");
    CHECK(points[4].overrides[1].value == "{\"k\":[1,2]}");
    CHECK(points[6].overrides[0].value == "2");
    CHECK(points[11].overrides[0].path == "a.b");
    CHECK(points[11].overrides[1].path == "c");
    CHECK_FALSE(sweep_grid(parse_vary({"a=1"}), 0)[0].seed.has_value());
}

TEST_CASE("sweep: one CSV row per point with the totals, in grid order on any number of threads", "[cli][sweep]") {
    SweepOptions options;
    options.scenario_path = kPoisonPill;
    options.vary = {"queues.orders.RedrivePolicy.maxReceiveCount=1,3", "mappings.0.FunctionResponseTypes=[],[\"ReportBatchItemFailures\"]"};
    options.seeds = 2;
    options.out_path = (std::filesystem::temp_directory_path() / "queuelab-sweep-test.csv").string();
    options.jobs = 1;
    const auto one_thread = sweep(options);
    REQUIRE(one_thread.exit_code == 0);
    options.jobs = 3;
    const auto three_threads = sweep(options);
    REQUIRE(three_threads.exit_code == 0);
    std::ostringstream file;
    file << std::ifstream(options.out_path).rdbuf();
    const auto rows = lines_of(file.str());
    REQUIRE(rows.size() == 1 + 8);
    CHECK(file.str() == one_thread.out.substr(0, file.str().size()));
    CHECK(file.str() == three_threads.out.substr(0, file.str().size()));
    const auto& header = rows[0];
    CHECK(header.rfind("point,seed,queues.orders.RedrivePolicy.maxReceiveCount,mappings.0.FunctionResponseTypes,"
                       "end_reason,drain_time_s,sent,deleted,", 0) == 0);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(column(header, rows[i], "point") == std::to_string(i - 1));
        CHECK(column(header, rows[i], "seed") == std::to_string(1 + (i - 1) % 2));
        CHECK(column(header, rows[i], "end_reason") == "drained");
        CHECK(column(header, rows[i], "sent") == "10");
    }
    CHECK(rows[1].find(",1,[],") != std::string::npos);
    CHECK(rows[3].find(",1,\"[\"\"ReportBatchItemFailures\"\"]\",") != std::string::npos);
    CHECK(rows[8].find(",3,\"[\"\"ReportBatchItemFailures\"\"]\",") != std::string::npos);
    // poison-pill (docs/aws-rules.md 2.11, 2.12): without ReportBatchItemFailures the response is
    // ignored and the poison pill is deleted with its batch (lost); with it, it reaches the DLQ.
    for (const std::size_t row : {1, 2, 5, 6}) {
        CHECK(column(header, rows[row], "lost") == "1");
        CHECK(column(header, rows[row], "dead_lettered") == "0");
    }
    for (const std::size_t row : {3, 4, 7, 8}) {
        CHECK(column(header, rows[row], "lost") == "0");
        CHECK(column(header, rows[row], "dead_lettered") == "1");
    }
    std::filesystem::remove(options.out_path);
}

TEST_CASE("sweep: bad input is one line naming the point's field, exit 2, nothing written", "[cli][sweep]") {
    SweepOptions options;
    options.scenario_path = kPoisonPill;
    options.out_path = (std::filesystem::temp_directory_path() / "queuelab-sweep-bad.csv").string();
    std::filesystem::remove(options.out_path);
    SECTION("a value out of range") {
        options.vary = {"queues.orders.VisibilityTimeout=30,50000"};
        const auto outcome = sweep(options);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find("queues.orders.VisibilityTimeout") != std::string::npos);
        CHECK(outcome.err.find("(value from --vary)") != std::string::npos);
    }
    SECTION("no '='") {
        options.vary = {"queues.orders.VisibilityTimeout"};
        const auto outcome = sweep(options);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.rfind("--vary: ", 0) == 0);
    }
    SECTION("an empty value") {
        options.vary = {"queues.orders.VisibilityTimeout=30,,60"};
        CHECK(sweep(options).exit_code == 2);
    }
    CHECK_FALSE(std::filesystem::exists(options.out_path));
}

// The Sweep view's reader (app/lab/sweep_csv.h) takes the file as the command writes it: every
// varied key, quoted JSON values, every total; and its best point is one that lost nothing.
TEST_CASE("sweep: the lab reads the CSV the command writes, and its best point lost nothing", "[cli][sweep]") {
    SweepOptions options;
    options.scenario_path = kPoisonPill;
    options.vary = {"queues.orders.RedrivePolicy.maxReceiveCount=1,3", "mappings.0.FunctionResponseTypes=[],[\"ReportBatchItemFailures\"]"};
    options.seeds = 2;
    options.out_path = (std::filesystem::temp_directory_path() / "queuelab-sweep-lab.csv").string();
    REQUIRE(sweep(options).exit_code == 0);
    const auto results = queuelab::lab::read_sweep_csv(options.out_path);
    CHECK(results.keys == std::vector<std::string>{"queues.orders.RedrivePolicy.maxReceiveCount", "mappings.0.FunctionResponseTypes"});
    REQUIRE(results.metrics.size() == 1 + queuelab::sim::total_fields().size());
    CHECK(results.metrics.front() == "drain_time_s");
    CHECK(results.metrics.back() == "cost_usd");
    REQUIRE(results.rows.size() == 8);
    CHECK(results.rows[2].values == std::vector<std::string>{"1", "[\"ReportBatchItemFailures\"]"});
    CHECK(results.rows[7].seed == 2);
    const auto points = queuelab::lab::grid_points(results);
    REQUIRE(points.size() == 4);
    const auto best = queuelab::lab::best_point(results, points, *results.metric_index("cost_usd"));
    REQUIRE(best.point);
    CHECK(points[*best.point].values[1] == "[\"ReportBatchItemFailures\"]");  // without it the poison pill is lost
    std::filesystem::remove(options.out_path);
}
