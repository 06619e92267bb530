#pragma once
// Helpers for the export tests ([export]): a fresh work folder per test in the build tree, files
// written there, the CLI's export and import run as a user runs them, and the handler catalog
// (built-ins, and learners' sources built into the runtime tests' cache).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "test_handlers.h"

namespace queuelab::exporting::test {

namespace fs = std::filesystem;

inline const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";
inline const std::string kLearnerOrderProcessor =
    std::string(QUEUELAB_SOURCE_DIR) + "/tests/runtime/fixtures/order_processor.cpp";

// An empty folder of the build tree for one test; the same path each run, so that the projects
// built in it hit the compiler cache.
inline fs::path work_dir(const std::string& name) {
    const fs::path dir = fs::path(QUEUELAB_EXPORT_WORK) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline std::string write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

inline std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline runtime::HandlerBuilder& test_builder() { return queuelab::test::test_handler_builder(); }
inline const sim::HandlerCatalog& test_catalog() { return queuelab::test::test_handler_catalog(); }

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

inline cli::ExportOptions export_options(const std::string& handler, const std::string& scenario, const fs::path& out,
                                        bool force = false) {
    cli::ExportOptions options;
    options.handler = handler;
    options.scenario_path = scenario;
    options.out_dir = out.string();
    options.force = force;
    return options;
}

inline cli::ImportOptions import_options(const fs::path& template_path, const fs::path& out) {
    cli::ImportOptions options;
    options.template_path = template_path.string();
    options.out_path = out.string();
    return options;
}

inline Outcome run_export(cli::ExportOptions options) {
    options.catalog = &test_catalog();
    std::ostringstream out, err;
    const int code = cli::export_command(options, out, err);
    return {code, out.str(), err.str()};
}

inline Outcome run_import(cli::ImportOptions options) {
    options.catalog = &test_catalog();
    std::ostringstream out, err;
    const int code = cli::import_command(options, out, err);
    return {code, out.str(), err.str()};
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace queuelab::exporting::test
