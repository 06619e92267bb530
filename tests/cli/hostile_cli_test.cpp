// The command line under hostile use (README.md "Command line", docs/aws-rules.md 5.27 and 5.28):
// every argument error is one line and exit code 2, --seed is checked like the file's "seed", a
// run its budget stopped exits 1 saying why, and --out is written through a unique temporary file
// whose errors name --out and the OS's reason.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

// run_cli as `queuelab <arguments>` with std::cout and std::cerr captured.
Outcome run_queuelab(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "queuelab");
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    std::ostringstream out, err;
    auto* const old_out = std::cout.rdbuf(out.rdbuf());
    auto* const old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = queuelab::cli::run_cli(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

// Exactly one line (one newline, at the end).
bool one_line(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

fs::path fresh_folder(const std::string& name) {
    const auto folder = fs::temp_directory_path() / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::string text_of(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("argument errors are one line and exit 2", "[cli][hostile]") {
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {"run", kPoisonPill, "--bogus"}, {"run"}, {"compare", kPoisonPill}, {"frobnicate"}, {"bench", "--messages", "0"}}) {
        DYNAMIC_SECTION(arguments.front() << " with " << arguments.size() - 1 << " arguments") {
            const auto outcome = run_queuelab(arguments);
            CHECK(outcome.exit_code == 2);
            CHECK(one_line(outcome.err));
            CHECK_THAT(outcome.err, StartsWith("queuelab"));
            CHECK_THAT(outcome.err, Contains("--help lists the options"));
        }
    }
    SECTION("the line names what is wrong") {
        CHECK_THAT(run_queuelab({"run", kPoisonPill, "--bogus"}).err, Contains("--bogus"));
        CHECK_THAT(run_queuelab({"run"}).err, StartsWith("queuelab run: SCENARIO is required"));
    }
}

TEST_CASE("the --seed option is checked as the scenario's seed is: no wrapping, no clamping", "[cli][hostile]") {
    for (const std::string seed : {"-1", "18446744073709551616", "abc", "1.5"}) {
        DYNAMIC_SECTION("--seed " << seed) {
            const auto outcome = run_queuelab({"run", kPoisonPill, "--seed", seed});
            CHECK(outcome.exit_code == 2);
            CHECK(one_line(outcome.err));
            CHECK_THAT(outcome.err, StartsWith(kPoisonPill + ": seed: expected a non-negative integer, got "));
            CHECK_THAT(outcome.err, Contains("(value from --seed)"));
        }
    }
    SECTION("the largest seed runs") {
        const auto folder = fresh_folder("queuelab-seed-test");
        const auto report = (folder / "report.json").string();
        CHECK(run_queuelab({"run", kPoisonPill, "--seed", "18446744073709551615", "--out", report}).exit_code == 0);
        CHECK(nlohmann::json::parse(text_of(report))["seed"] == 18446744073709551615ull);
    }
}

TEST_CASE("§5.29 issue 15's redrive cycle is bad input: one line, exit 2, no report", "[cli][hostile]") {
    const auto folder = fresh_folder("queuelab-cycle-test");
    const auto scenario = folder / "cycle.json";
    std::ofstream(scenario) << R"json({"name": "redrive-cycle", "duration_s": 120,
      "queues": {"a": {"RedrivePolicy": {"deadLetterTargetArn": "b", "maxReceiveCount": 1}},
                 "b": {"RedrivePolicy": {"deadLetterTargetArn": "a", "maxReceiveCount": 1}}},
      "functions": {"f": {"Handler": "fail-attempts", "Simulation": {"Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "a", "FunctionName": "f"}, {"EventSourceArn": "b", "FunctionName": "f"}],
      "traffic": [{"to": "a", "messages": [{"body": "{\"fail_attempts\": 9}"}]}]})json";
    const auto report = folder / "report.json";
    const auto outcome = run_queuelab({"run", scenario.string(), "--out", report.string()});
    CHECK(outcome.exit_code == 2);
    CHECK(one_line(outcome.err));
    CHECK_THAT(outcome.err, Contains("queues.a.RedrivePolicy.deadLetterTargetArn: expected a dead-letter queue that does "
                                     "not lead back to \"a\", got the cycle a -> b -> a"));
    CHECK_FALSE(fs::exists(report));
}

TEST_CASE("§5.28 a run its work budget stops says why in one line and exits 1, with its report", "[cli][hostile]") {
    const auto folder = fresh_folder("queuelab-budget-test");
    const auto scenario = folder / "burst.json";
    std::ofstream(scenario) << R"json({"name": "burst", "duration_s": 60, "queues": {"q": {}},
      "functions": {"f": {"Handler": "order-processor"}},
      "mappings": [{"EventSourceArn": "q", "FunctionName": "f"}],
      "traffic": [{"to": "q", "from_s": 5, "until_s": 5.0000001, "rate_per_s": 1e10, "body": "{\"orderId\": \"o-{i}\"}"}]})json";
    const auto report = (folder / "report.json").string();
    const auto outcome = run_queuelab({"run", scenario.string(), "--set", "service_limits.max_events_per_instant=500",
                                       "--out", report});
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.err == "queuelab: the run stopped at 5 s: more than 500 events at one virtual instant (work budget, "
                         "service limit max_events_per_instant); docs/aws-rules.md 5.28\n");
    CHECK(nlohmann::json::parse(text_of(report))["end_reason"] == "work_budget");
}

TEST_CASE("the --out report is written through a unique temporary file in its folder", "[cli][hostile]") {
    const auto folder = fresh_folder("queuelab-out-test");
    SECTION("a user's <out>.tmp is left alone, and no temporary file is left behind") {
        const auto report = folder / "report.json";
        std::ofstream(folder / "report.json.tmp") << "the user's own file";
        CHECK(run_queuelab({"run", kPoisonPill, "--out", report.string()}).exit_code == 0);
        CHECK(text_of(folder / "report.json.tmp") == "the user's own file");
        CHECK(nlohmann::json::parse(text_of(report))["scenario"] == "poison-pill");
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path().filename());
        std::sort(files.begin(), files.end());
        CHECK(files == std::vector<fs::path>{"report.json", "report.json.tmp"});
    }
    SECTION("an error names --out and the OS's reason") {
        const auto missing = (folder / "no-such-folder" / "report.json").string();
        const auto outcome = run_queuelab({"run", kPoisonPill, "--out", missing});
        CHECK(outcome.exit_code == 1);
        CHECK(outcome.err == "queuelab: cannot write " + missing + ": No such file or directory\n");
    }
    SECTION("a failed rename leaves no temporary file") {
        fs::create_directories(folder / "taken.json" / "inside");  // a folder in the way of the report
        const auto outcome = run_queuelab({"run", kPoisonPill, "--out", (folder / "taken.json").string()});
        CHECK(outcome.exit_code == 1);
        CHECK_THAT(outcome.err, Contains("taken.json: Is a directory"));
        CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
    }
}
