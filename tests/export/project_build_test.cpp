// Exported projects as their users build them (docs/export.md "Tests"): configured, built and
// tested with CMake in the build tree, for a built-in and for a learner's source; and the round
// trip: the project's Lambda executable, built against AWS's C++ runtime, run by the simulator as a
// Simulation.Bootstrap, gives the outcomes the handler gave in the lab. Label "export" (CTest).

#include "export_test_support.h"

#include <cstdlib>

#include "engine.h"
#include "report.h"
#include "scenario_loader.h"

namespace queuelab::exporting::test {
namespace {

using nlohmann::json;

// Runs a shell command with its output in `log`; returns its exit status.
int shell(const std::string& command, const fs::path& log) {
    const int status = std::system((command + " > '" + log.string() + "' 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Configures and builds `target` of the project in <project>/build, quickly: no optimisation, and
// the compiler cache of this build when it has one.
void build(const fs::path& project, const std::string& target, const std::string& extra = {}) {
    std::string configure = std::string("'") + QUEUELAB_CMAKE + "' -S '" + project.string() + "' -B '" +
                            (project / "build").string() + "' -G '" + QUEUELAB_CMAKE_GENERATOR +
                            "' -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 " + extra;
    if (!std::string(QUEUELAB_CXX_LAUNCHER).empty()) configure += std::string(" -DCMAKE_CXX_COMPILER_LAUNCHER=") + QUEUELAB_CXX_LAUNCHER;
    const fs::path log = project / "configure.log";
    INFO(read(log));
    REQUIRE(shell(configure, log) == 0);
    const fs::path build_log = project / "build.log";
    const int built = shell(std::string("'") + QUEUELAB_CMAKE + "' --build '" + (project / "build").string() + "' --target " + target, build_log);
    INFO(read(build_log));
    REQUIRE(built == 0);
}

fs::path export_project(const std::string& name, const std::string& handler) {
    const fs::path project = work_dir(name) / "project";
    const Outcome outcome = run_export(export_options(handler, kPoisonPill, project.string()));
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    return project;
}

// Its tests pass; and they can fail: with a response changed in replay.json they do.
void check_tests(const fs::path& project) {
    const fs::path log = project / "ctest.log";
    {
        INFO(read(log));
        CHECK(shell(std::string("'") + QUEUELAB_CTEST + "' --test-dir '" + (project / "build").string() + "'", log) == 0);
        CHECK(contains(read(log), "100% tests passed"));
    }
    json replays = json::parse(read(project / "tests/replay.json"));
    replays["invocations"][0]["response"] = "{}";
    write(project / "tests/replay.json", replays.dump());
    CHECK(shell("'" + (project / "build/replay_tests").string() + "'", log) != 0);
}

// A run's report without what a process measures or prints.
json outcomes(sim::Engine& engine) {
    json report = sim::build_report(engine);
    for (auto& invocation : report["invocations"]) invocation.erase("logs");
    return {{"totals", report["totals"]}, {"messages", report["messages"]}, {"invocations", report["invocations"]}};
}

}  // namespace

TEST_CASE("a built-in's exported project builds and passes its own tests without aws-lambda-runtime", "[export]") {
    const fs::path project = export_project("builtin-project", "order-processor");
    build(project, "replay_tests");
    CHECK(contains(read(project / "configure.log"), "aws-lambda-runtime not found: the Lambda executable (bootstrap) is not built"));
    check_tests(project);
}

TEST_CASE("a learner's exported source builds and passes its own tests", "[export]") {
    const fs::path project = export_project("source-project", kLearnerOrderProcessor);
    CHECK(read(project / "src/order_processor.cpp") == read(kLearnerOrderProcessor));
    build(project, "replay_tests");
    check_tests(project);
    // Imported back, the function runs the project's copy of the source.
    const fs::path back = project.parent_path() / "back.json";
    REQUIRE(run_import(import_options(project / "template.yaml", back)).exit_code == 0);
    CHECK(json::parse(read(back))["functions"]["processor"]["Simulation"]["Source"] == "project/src/order_processor.cpp");
}

TEST_CASE("round trip: the exported bootstrap, built with aws-lambda-cpp, gives the lab's outcomes", "[export]") {
    const std::string prefix = QUEUELAB_AWS_LAMBDA_CPP_PREFIX;
    if (prefix.empty()) {
        WARN("skipped: aws-lambda-cpp's source was not found at configure time (third_party/aws-lambda-cpp, or "
             "QUEUELAB_AWS_LAMBDA_CPP_SOURCE), or libcurl4-openssl-dev is missing");
        return;
    }
    const fs::path project = export_project("round-trip", "order-processor");
    build(project, "bootstrap", "-DCMAKE_PREFIX_PATH='" + prefix + "'");

    sim::Engine lab(sim::load_scenario_file(kPoisonPill));
    lab.run();
    json document = json::parse(read(kPoisonPill));
    document["functions"]["processor"]["Simulation"]["Bootstrap"] = (project / "build/bootstrap").string();
    const sim::HandlerCatalog& catalog = test_catalog();
    sim::Engine deployed(sim::scenario_from_json(document, kPoisonPill, {}, catalog), {.catalog = &catalog});
    deployed.run();
    // Every message's outcome, every invocation's records, result and response, and the totals.
    CHECK(outcomes(deployed) == outcomes(lab));
    CHECK(sim::compute_totals(deployed).invocations > 0);
}

}  // namespace queuelab::exporting::test
