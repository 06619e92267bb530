// The command line as a user runs it (README.md "Command line"): exit codes, the one-line
// bad-input error on stderr (docs/scenario-format.md 9), the report file (docs/report-format.md).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace {

using queuelab::cli::RunOptions;

const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

std::string temp_file(const std::string& name, const std::string& text) {
    const auto path = (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(path) << text;
    return path;
}

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome run(RunOptions options) {
    std::ostringstream out, err;
    const int code = queuelab::cli::run_command(options, out, err);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("run prints a summary, writes the report and exits 0", "[cli]") {
    const auto report_path = (std::filesystem::temp_directory_path() / "queuelab-cli-report.json").string();
    const auto outcome = run(RunOptions{kPoisonPill, {}, report_path});
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.out.find("dead-lettered") != std::string::npos);
    const auto report = nlohmann::json::parse(std::ifstream(report_path));
    CHECK(report["scenario"] == "poison-pill");
    CHECK(report["totals"]["dead_lettered"] == 1);
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("bench --out times the report and says when the time includes freeing a file it replaced", "[cli]") {
    const auto report_path = (std::filesystem::temp_directory_path() / "queuelab-bench-report.json").string();
    std::filesystem::remove(report_path);
    queuelab::cli::BenchOptions options;
    options.messages = 100;
    options.report_path = report_path;
    for (const bool replacing : {false, true}) {
        std::ostringstream out;
        CHECK(queuelab::cli::bench_command(options, out) == 0);
        CHECK(out.str().find("x the run's time") != std::string::npos);
        CHECK((out.str().find("it replaced a file") != std::string::npos) == replacing);
        CHECK(nlohmann::json::parse(std::ifstream(report_path))["totals"]["deleted"] == 100);
    }
    std::filesystem::remove(report_path);
}

TEST_CASE("bench states the fixed benchmark's targets, and not for a scenario of the user's", "[cli]") {
    queuelab::cli::BenchOptions options;
    options.messages = 100;
    for (const bool fixed : {true, false}) {
        if (!fixed) options.scenario_path = kPoisonPill;
        std::ostringstream out;
        CHECK(queuelab::cli::bench_command(options, out) == 0);
        CHECK(out.str().find("peak memory") != std::string::npos);
        CHECK((out.str().find("target: 3,000,000") != std::string::npos) == fixed);
        CHECK((out.str().find("target: 150 B") != std::string::npos) == fixed);
    }
}

TEST_CASE("bad input exits 2 with one line naming the file and the field", "[cli]") {
    SECTION("not JSON") {
        const auto path = temp_file("queuelab-bad.json", "{\n  \"name\": \"x\",\n  oops\n}\n");
        const auto outcome = run(RunOptions{path, {}, {}});
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find(path) != std::string::npos);
        CHECK(outcome.err.find(":3") != std::string::npos);
    }
    SECTION("an out-of-range value given with --set") {
        const auto outcome = run(RunOptions{kPoisonPill, {{"queues.orders.VisibilityTimeout", "50000"}}, {}});
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find("queues.orders.VisibilityTimeout") != std::string::npos);
    }
    SECTION("a missing file") {
        const auto outcome = run(RunOptions{"/nonexistent/scenario.json", {}, {}});
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.find("/nonexistent/scenario.json") != std::string::npos);
    }
    SECTION("whatever the error, it is a single line") {
        const auto outcome = run(RunOptions{kPoisonPill, {{"functions.processor.Handler", "no-such-handler"}}, {}});
        CHECK(outcome.exit_code == 2);
        CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
    }
}

TEST_CASE("docs/scenario-format.md 4.5: a downstream with invalid settings is bad input: exit 2, one line", "[cli]") {
    const std::string database_protection = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/database-protection.json";
    const auto outcome = run(RunOptions{database_protection, {{"downstreams.orders-db.MaxConnections", "0"}}, {}});
    CHECK(outcome.exit_code == 2);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
    CHECK(outcome.err.find("downstreams.orders-db.MaxConnections: expected an integer from 1 to 1000000, got 0") !=
          std::string::npos);
}

TEST_CASE("compare shows A and B side by side and marks what differs", "[cli]") {
    std::ostringstream out, err;
    const int code = queuelab::cli::compare_command(RunOptions{kPoisonPill, {}, {}},
                                                    {{"mappings.0.FunctionResponseTypes", "[]"}}, out, err);
    CHECK(code == 0);
    // docs/aws-rules.md 2.11: without ReportBatchItemFailures the returned batchItemFailures are
    // ignored: 1 lost.
    CHECK(out.str().find("* lost (gone after a failure)     0                       1                       worse\n") !=
          std::string::npos);
    CHECK(out.str().find("* dead-lettered                   1                       0                       better\n") !=
          std::string::npos);
    CHECK(out.str().find("\n  B is worse: it loses 1 that A kept; better: dead-lettered -1") != std::string::npos);
    CHECK(out.str().find("\n  lost: messages deleted, and stream records checkpointed past, although the handler last "
                         "reported them failed\n") != std::string::npos);
}

TEST_CASE("§3.26 compare counts a failed stream record that the checkpoint passed as lost", "[cli]") {
    std::ostringstream out, err;
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-partial-batch.json";
    const int code = queuelab::cli::compare_command(RunOptions{scenario, {}, {}},
                                                    {{"mappings.0.FunctionResponseTypes", "[]"}}, out, err);
    CHECK(code == 0);
    CHECK(out.str().find("* lost (gone after a failure)     0                       1                       worse\n") !=
          std::string::npos);
    CHECK(out.str().find("\n  B is worse: it loses 1 that A kept") != std::string::npos);
}

TEST_CASE("compare prints each run's time to drain, and \"never: N unread\" for a run that left messages "
          "in a queue no mapping reads",
          "[cli]") {
    std::ostringstream out, err;
    const int code = queuelab::cli::compare_command(RunOptions{kPoisonPill, {}, {}}, {{"mappings.0.Enabled", "false"}},
                                                    out, err);
    CHECK(code == 0);
    CHECK(err.str().empty());
    // A drains once the poison message reaches the DLQ; B's disabled mapping never polls (§2 Enabled),
    // so B ends at 0 s with the 10 messages still in the queue.
    CHECK(out.str().find("* time to drain                   1 min 30.0 s            never: 10 unread        worse\n") !=
          std::string::npos);
}

TEST_CASE("the README's complete scenario example is valid and runs", "[cli]") {
    std::ifstream readme(std::string(QUEUELAB_SOURCE_DIR) + "/README.md");
    const std::string text((std::istreambuf_iterator<char>(readme)), std::istreambuf_iterator<char>());
    const auto start = text.find("```json\n", text.find("A complete example"));
    REQUIRE(start != std::string::npos);
    const auto end = text.find("```", start + 8);
    const auto path = temp_file("queuelab-readme-example.json", text.substr(start + 8, end - start - 8));
    const auto outcome = run(RunOptions{path, {}, {}});
    CHECK(outcome.err.empty());
    CHECK(outcome.exit_code == 0);
}
