// The learner's handler workspace (app/lab/workspace.h): new handlers from the templates, written
// atomically and never over an existing file; the editor command; file watching; and the
// templates themselves, built with the HandlerBuilder and run as Simulation.Source
// (docs/aws-rules.md 6): each compiles as is and reports exactly the records that failed
// (batchItemFailures, 2.11 for SQS, 3.19 for streams). The builds come from the test cache that
// prebuild_handlers fills while the project builds.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "engine.h"
#include "lab/paths.h"
#include "lab/workspace.h"
#include "runtime_catalog.h"
#include "scenario_loader.h"
#include "test_handlers.h"
#include "totals.h"

using namespace queuelab;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
    const fs::path folder = fs::temp_directory_path() / ("queuelab-workspace-test-" + std::to_string(::getpid())) / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

runtime::HandlerBuilder& test_builder() { return test::test_handler_builder(); }

std::string template_file(const char* name) { return std::string(QUEUELAB_SOURCE_DIR) + "/handlers/templates/" + name; }

std::string lesson(const std::string& name) { return std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + name; }

}  // namespace

TEST_CASE("New handler writes the template, atomically, and never over an existing file", "[lab][workspace]") {
    const auto folder = fresh_folder("new");
    const auto name = lab::free_handler_name(folder, lab::HandlerTemplate::Sqs);
    CHECK(name == "sqs_handler.cpp");
    const auto made = lab::create_handler(folder, name, lab::HandlerTemplate::Sqs);
    REQUIRE(made.error.empty());
    CHECK(made.path == folder / "sqs_handler.cpp");
    CHECK(lab::read_text_file(made.path) == std::string(lab::template_source(lab::HandlerTemplate::Sqs)));
    CHECK(lab::read_text_file(made.path) == lab::read_text_file(template_file("sqs_handler.cpp")));
    CHECK(lab::free_handler_name(folder, lab::HandlerTemplate::Sqs) == "sqs_handler_2.cpp");

    write(made.path, "// my work\n");
    const auto again = lab::create_handler(folder, "sqs_handler", lab::HandlerTemplate::Kinesis);
    CHECK(again.path.empty());
    CHECK(again.error == made.path.string() + " already exists; it is left as it is");
    CHECK(lab::read_text_file(made.path) == "// my work\n");

    const auto kinesis = lab::create_handler(folder, "readings", lab::HandlerTemplate::Kinesis);
    REQUIRE(kinesis.error.empty());
    CHECK(lab::read_text_file(kinesis.path) == lab::read_text_file(template_file("kinesis_handler.cpp")));
    CHECK(lab::list_handlers(folder) == std::vector<fs::path>{folder / "readings.cpp", folder / "sqs_handler.cpp"});
    CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 2);  // no temporary file left

    CHECK_FALSE(lab::create_handler(folder, "../escape", lab::HandlerTemplate::Sqs).error.empty());
    CHECK_FALSE(lab::create_handler(folder, ".hidden", lab::HandlerTemplate::Sqs).error.empty());
    CHECK_FALSE(fs::exists(folder.parent_path() / "escape.cpp"));
}

TEST_CASE("The learner's handlers live in the data folder", "[lab][workspace]") {
    ::setenv("QUEUELAB_DATA_HOME", "/tmp/queuelab-data-home", 1);
    CHECK(lab::handlers_dir() == fs::path("/tmp/queuelab-data-home/handlers"));
    ::unsetenv("QUEUELAB_DATA_HOME");
}

TEST_CASE("Open in editor: $VISUAL, else $EDITOR (with its arguments), else xdg-open, started detached", "[lab][workspace]") {
    const fs::path file = "/tmp/my handler.cpp";
    using Command = std::vector<std::string>;
    CHECK(lab::editor_command(file, "code -w", "vi") == Command{"/bin/sh", "-c", "code -w \"$1\"", "sh", file.string()});
    CHECK(lab::editor_command(file, "", "vi") == Command{"/bin/sh", "-c", "vi \"$1\"", "sh", file.string()});
    CHECK(lab::editor_command(file, nullptr, nullptr) == Command{"xdg-open", file.string()});

    const auto folder = fresh_folder("editor");
    const fs::path opened = folder / "opened file.cpp";
    std::string error;
    CHECK(lab::launch_detached(lab::editor_command(opened, "touch", nullptr), error));
    CHECK(error.empty());
    for (int i = 0; i < 200 && !fs::exists(opened); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(fs::exists(opened));

    CHECK_FALSE(lab::launch_detached({"/nonexistent/editor"}, error));
    CHECK(error == "cannot start /nonexistent/editor: No such file or directory");
}

TEST_CASE("A watched file reports a change of size or modification time once", "[lab][workspace]") {
    const auto folder = fresh_folder("watch");
    const auto file = folder / "handler.cpp";
    write(file, "one");
    lab::FileWatch watch(file);
    CHECK_FALSE(watch.poll());
    write(file, "three");
    CHECK(watch.poll());
    CHECK_FALSE(watch.poll());
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    CHECK(watch.poll());
    fs::remove(file);
    CHECK(watch.poll());
}

TEST_CASE("§2.11 the SQS template, built as is, reports exactly the poison message in batchItemFailures (poison-pill)",
          "[lab][workspace][runtime]") {
    const runtime::RuntimeCatalog catalog(test_builder());
    const auto scenario =
        sim::load_scenario_file(lesson("poison-pill.json"), lab::assign_source_edits("processor", template_file("sqs_handler.cpp")), catalog);
    CHECK(scenario.functions.at("processor").Runtime == "provided.al2023");
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(scenario, options);
    engine.run();
    std::uint32_t poison = sim::kNone;
    for (std::uint32_t i = 0; i < engine.sqs().messages().size(); ++i) {
        if (engine.sqs().message(i).body() == "not json") poison = i;
    }
    REQUIRE(poison != sim::kNone);
    for (const auto& invocation : engine.recorder().invocations()) {
        for (const auto failed : invocation.failures) CHECK(failed == poison);
    }
    const auto totals = sim::compute_totals(engine);
    CHECK(totals.deleted == 9);
    CHECK(totals.dead_lettered == 1);
    CHECK(engine.sqs().message(poison).dead_lettered);
    CHECK(totals.invocation_errors == 0);
}

TEST_CASE("§3.19 the Kinesis template, built as is, reports the first bad record by its sequence number",
          "[lab][workspace][runtime]") {
    const runtime::RuntimeCatalog catalog(test_builder());
    const auto scenario = sim::load_scenario_text(R"({
      "name": "kinesis-template", "seed": 1, "duration_s": 60,
      "streams": {"readings": {"ShardCount": 1}},
      "functions": {"reader": {"Handler": "handler", "Simulation": {"DurationMs": 10, "ColdStartMs": 100}}},
      "mappings": [{"EventSourceArn": "readings", "FunctionName": "reader", "BatchSize": 10, "StartingPosition": "TRIM_HORIZON",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 0}],
      "traffic": [{"to": "readings", "at_s": 0, "messages": [
        {"partition_key": "k", "data": "{\"t\": 1}"}, {"partition_key": "k", "data": "broken"},
        {"partition_key": "k", "data": "{\"t\": 3}"}]}]
    })", "kinesis-template.json", lab::assign_source_edits("reader", template_file("kinesis_handler.cpp")), catalog);
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(scenario, options);
    engine.run();
    REQUIRE_FALSE(engine.recorder().invocations().empty());
    const auto& first = engine.recorder().invocations()[0];
    REQUIRE(first.records.size() == 3);
    CHECK(first.response_payload ==
          R"({"batchItemFailures":[{"itemIdentifier":")" + engine.kinesis().sequence_number(first.records[1].message) + "\"}]}");
    CHECK(first.logs.view().find("record " + engine.kinesis().sequence_number(first.records[1].message) + " failed: the data is not JSON") !=
          std::string::npos);
}

TEST_CASE("The workspace builds in the background, then assigns the handler and reruns, and a save rebuilds and reruns",
          "[lab][workspace][runtime]") {
    const runtime::RuntimeCatalog catalog(test_builder());
    lab::LabState lab;
    lab.set_catalog(catalog);
    REQUIRE(lab.open_scenario(lesson("poison-pill.json")));
    lab::Workspace workspace(test_builder(), 1.0);
    const fs::path source = QUEUELAB_WORKSPACE_FIXTURE;
    double now = 0;
    const auto settle = [&] {
        for (int i = 0; i < 6000 && !workspace.update(lab, now); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    };

    workspace.assign("processor", source);
    CHECK(workspace.progress_text() == "building sqs_handler.cpp\xE2\x80\xA6");
    const auto generation = lab.run(lab::RunId::A).generation;
    settle();
    REQUIRE(workspace.last_build() != nullptr);
    CHECK(workspace.last_build()->ok);
    CHECK_FALSE(workspace.building());
    const auto& function = lab.pending_scenario().functions.at("processor");
    CHECK(function.simulation.Source == source.string());
    CHECK(function.Runtime == "provided.al2023");
    CHECK(lab.run(lab::RunId::A).generation > generation);
    CHECK(lab.last_error.empty());
    CHECK(workspace.watched() == std::vector<fs::path>{source});

    // Nothing changed: polls start no build.
    now += 1.5;
    CHECK_FALSE(workspace.update(lab, now));
    CHECK_FALSE(workspace.building());

    // A save (a new modification time) is seen at the next poll, a second later, and rebuilt.
    fs::last_write_time(source, fs::last_write_time(source) + std::chrono::seconds(2));
    now += 0.5;
    CHECK_FALSE(workspace.update(lab, now));
    CHECK_FALSE(workspace.building());
    now += 0.6;
    workspace.update(lab, now);
    CHECK(workspace.building());
    const auto before_save = lab.run(lab::RunId::A).generation;
    settle();
    CHECK(lab.run(lab::RunId::A).generation > before_save);
}
