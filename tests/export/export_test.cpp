// queuelab export (docs/export.md): the verdict "passed its tests", the refusals, the files of the
// project, its atomic writing, and its template.yaml read back by queuelab import.

#include "export_test_support.h"

#include "project_export.h"

namespace queuelab::exporting::test {
namespace {

using nlohmann::json;

// The scenario's resources, for comparing two scenarios' settings.
json resources(const json& scenario) {
    json only = json::object();
    for (const char* key : {"queues", "streams", "functions", "mappings"}) {
        if (scenario.contains(key)) only[key] = scenario[key];
    }
    return only;
}

// An imported scenario's resources without the Runtime SAM requires of every function: the
// template states provided.al2023, the scenario's default (docs/export.md 2).
json imported_resources(json scenario) {
    for (auto& [name, function] : scenario["functions"].items()) {
        CHECK(function["Runtime"] == "provided.al2023");
        function.erase("Runtime");
    }
    return resources(scenario);
}

}  // namespace

TEST_CASE("export refuses a handler whose invokes fail, naming each failed invocation", "[export]") {
    const fs::path dir = work_dir("refused");
    // throw-on-failure throws for poison-pill's "not json" message: function errors (docs/aws-rules.md 4.9).
    const Outcome outcome = run_export(export_options("throw-on-failure", kPoisonPill, (dir / "project").string()));
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "throw-on-failure has not passed its tests in " + kPoisonPill + " (function processor)"));
    CHECK(contains(outcome.err, "ended with error"));
    CHECK_FALSE(fs::exists(dir / "project"));
    CHECK(fs::is_empty(dir));
}

TEST_CASE("export refuses a handler that lost messages", "[export]") {
    const fs::path dir = work_dir("lost");
    // poison-pill without ReportBatchItemFailures: order-processor's partial batch response is
    // ignored, the batch counts as a success and the bad message is deleted although reported
    // failed (docs/aws-rules.md 2.11; README.md "Command line", compare).
    json scenario_json = json::parse(read(kPoisonPill));
    scenario_json["mappings"][0].erase("FunctionResponseTypes");
    const std::string scenario = write(dir / "lost.json", scenario_json.dump());
    const Outcome outcome = run_export(export_options("order-processor", scenario, dir / "project"));
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "were lost: deleted although the handler last reported them failed (totals.lost)"));
}

TEST_CASE("export into a folder that has files needs --force, and replaces it whole", "[export]") {
    const fs::path dir = work_dir("force");
    const std::string project = (dir / "project").string();
    write(dir / "project" / "mine.txt", "keep me");
    const Outcome refused = run_export(export_options("order-processor", kPoisonPill, project));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == project + ": expected an empty or new folder: it has files (--force replaces them)\n");
    CHECK(read(dir / "project" / "mine.txt") == "keep me");

    const Outcome outcome = run_export(export_options("order-processor", kPoisonPill, project, true));
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    CHECK_FALSE(fs::exists(dir / "project" / "mine.txt"));
    CHECK(fs::exists(dir / "project" / "template.yaml"));
    // Written beside the folder and renamed into place: nothing else is left in the parent.
    std::vector<std::string> entries;
    for (const auto& entry : fs::directory_iterator(dir)) entries.push_back(entry.path().filename().string());
    CHECK(entries == std::vector<std::string>{"project"});
}

TEST_CASE("an unknown handler or a missing source is bad input", "[export]") {
    const fs::path dir = work_dir("unknown");
    const Outcome unknown = run_export(export_options("no-such-handler", kPoisonPill, (dir / "p").string()));
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.rfind("no-such-handler: expected a built-in handler (", 0) == 0);
    const Outcome missing = run_export(export_options((dir / "missing.cpp").string(), kPoisonPill, (dir / "p").string()));
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "missing.cpp: expected a readable C++ source file"));
}

TEST_CASE("a built-in's project holds its own source, the handler API, the glue and the replays", "[export]") {
    const fs::path dir = work_dir("builtin-files");
    const Outcome outcome = run_export(export_options("order-processor", kPoisonPill, (dir / "project").string()));
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const fs::path project = dir / "project";
    // The business logic is the built-in's real source, byte for byte.
    CHECK(read(project / "src/builtin/order_processor.cpp") ==
          read(fs::path(QUEUELAB_SOURCE_DIR) / "handlers/builtin/order_processor.cpp"));
    CHECK(read(project / "include/queuelab/handler.h") == read(fs::path(QUEUELAB_SOURCE_DIR) / "handlers/include/queuelab/handler.h"));
    CHECK(contains(read(project / "src/main.cpp"), "aws::lambda_runtime::run_handler"));
    CHECK(contains(read(project / "CMakeLists.txt"), "aws_lambda_package_target(bootstrap)"));
    CHECK(contains(read(project / "template.yaml"), "Runtime: provided.al2023"));
    // poison-pill: 10 messages in batches of up to 10; the bad one comes back until maxReceiveCount 3.
    const json replays = json::parse(read(project / "tests/replay.json"));
    REQUIRE(replays["invocations"].size() >= 2);
    const json& first = replays["invocations"][0];
    CHECK(first["event"]["Records"][0]["eventSource"] == "aws:sqs");
    CHECK(json::parse(first["response"].get<std::string>())["batchItemFailures"].size() == 1);
}

TEST_CASE("the exported template.yaml imports back to the scenario's settings", "[export][import]") {
    const fs::path dir = work_dir("template-round-trip");
    const Outcome exported = run_export(export_options("order-processor", kPoisonPill, (dir / "project").string()));
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    const Outcome imported = run_import(import_options((dir / "project/template.yaml").string(), (dir / "back.json").string()));
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    const json original = json::parse(read(kPoisonPill));
    const json back = json::parse(read(dir / "back.json"));
    CHECK(imported_resources(back) == resources(original));
    CHECK(back["traffic"] == original["traffic"]);
    CHECK(back["seed"] == original["seed"]);
    // What is left out is only what the simulator does not model.
    CHECK(contains(imported.err, "Properties.CodeUri: not simulated, left out"));
    CHECK(contains(imported.err, "Properties.Architectures: not simulated, left out"));
}

TEST_CASE("a stream scenario's template imports back too", "[export][import]") {
    const fs::path dir = work_dir("stream-template");
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-partial-batch.json";
    const json original = json::parse(read(scenario));
    const std::string handler = original["functions"].begin().value()["Handler"];
    const Outcome exported = run_export(export_options(handler, scenario, (dir / "project").string()));
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    const Outcome imported = run_import(import_options((dir / "project/template.yaml").string(), (dir / "back.json").string()));
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    CHECK(imported_resources(json::parse(read(dir / "back.json"))) == resources(original));
}

}  // namespace queuelab::exporting::test
