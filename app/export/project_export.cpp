#include "project_export.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "builtin_handlers.h"
#include "input_error.h"
#include "sam_template.h"

namespace queuelab::exporting {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] Reading the SDK and the templates

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sim::InputError(path.string(), "", 0, "expected this file of queuelab's (is the source tree there?)");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [key, value] : values) {
        const std::string marker = "{{" + key + "}}";
        for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size())) {
            text.replace(at, marker.size(), value);
        }
    }
    return text;
}

// [SECTION] The business logic

// src/handler.cpp of a built-in: handle() for each kind of event it takes, made once from the
// Params it was tested with.
std::string builtin_adapter(const BuiltinHandler& builtin, const json& params) {
    std::string factory = builtin.name;
    for (char& c : factory) c = c == '-' ? '_' : c;
    factory = "queuelab::builtin::" + factory + "_handler()";
    std::string text = "// handle() for the built-in handler " + builtin.name +
                       " (builtin/), with the Simulation.Params it was tested with in queuelab.\n"
                       "#include \"builtin/builtins.h\"\n\nnamespace {\n\nconst nlohmann::json& params() {\n"
                       "    static const nlohmann::json value = nlohmann::json::parse(R\"queuelab(" +
                       params.dump() + ")queuelab\");\n    return value;\n}\n\n}  // namespace\n";
    const auto entry = [&](const std::string& event, const std::string& type, const std::string& make) {
        return "\nqueuelab::HandlerResponse handle(const queuelab::" + event +
               "& event, queuelab::InvocationContext& context) {\n    static const queuelab::" + type + " handler = " +
               factory + "." + make + "(params());\n    return handler(event, context);\n}\n";
    };
    if (builtin.make_sqs) text += entry("SqsEvent", "SqsHandler", "make_sqs");
    if (builtin.make_kinesis) text += entry("KinesisEvent", "KinesisHandler", "make_kinesis");
    return text;
}

// The built-in's source and what it includes from handlers/builtin: every shared header, and the
// parameter reader.
void add_builtin_logic(ProjectFiles& files, const BuiltinHandler& builtin, const json& params, const fs::path& sdk) {
    const fs::path builtin_dir = sdk / "builtin";
    for (const auto& entry : fs::directory_iterator(builtin_dir)) {
        if (entry.path().extension() == ".h") files["src/builtin/" + entry.path().filename().string()] = read_file(entry.path());
    }
    const std::string source = fs::path(builtin.source_file).filename().string();
    for (const std::string& file : {source, std::string("handler_params.cpp")}) {
        files["src/builtin/" + file] = read_file(builtin_dir / file);
    }
    files["src/builtin_handlers.h"] = read_file(sdk / "builtin_handlers.h");
    files["src/handler.cpp"] = builtin_adapter(builtin, params);
}

std::string logic_sources(const ProjectFiles& files) {
    std::string list;
    for (const auto& [path, text] : files) {
        if (path.rfind("src/", 0) == 0 && path != "src/main.cpp" && fs::path(path).extension() == ".cpp") list += "  " + path + "\n";
    }
    return list;
}

std::string logic_table(const HandlerChoice& handler) {
    if (handler.is_source()) {
        return "| `src/" + handler.source.filename().string() + "` | the business logic: your handler, as you tested it |\n";
    }
    std::string table = "| `src/builtin/" + fs::path(find_builtin_handler(handler.builtin)->source_file).filename().string() +
                        "` | the business logic: the built-in handler's own source, with the helpers it includes |\n";
    return table + "| `src/handler.cpp` | `handle()` for the built-in, with the parameters it was tested with |\n";
}

json replay_file(const Trial& trial) {
    json invocations = json::array();
    for (const Replay& replay : trial.replays) invocations.push_back(to_json(replay));
    return {{"scenario", trial.document.value("name", "")}, {"function", trial.function}, {"invocations", invocations}};
}

std::string verdict(const Trial& trial) {
    return "ran " + std::to_string(trial.totals.invocations) + " invocations with nothing lost, and every invoke returned a response.";
}

}  // namespace

ExportPaths ExportPaths::defaults() { return {QUEUELAB_HANDLER_SDK_DIR, QUEUELAB_EXPORT_TEMPLATES}; }

ProjectFiles project_files(const Trial& trial, const HandlerChoice& handler, const ExportPaths& paths) {
    ProjectFiles files;
    const fs::path& sdk = paths.sdk_dir;
    for (const auto& entry : fs::directory_iterator(sdk / "include" / "queuelab")) {
        files["include/queuelab/" + entry.path().filename().string()] = read_file(entry.path());
    }
    for (const char* source : {"sqs_event.cpp", "kinesis_event.cpp", "handler.cpp"}) {
        files[std::string("handler_api/") + source] = read_file(sdk / source);
    }
    std::string source_in_project;
    if (handler.is_source()) {
        source_in_project = "src/" + handler.source.filename().string();
        files[source_in_project] = read_file(handler.source);
    } else {
        const json params = trial.document["functions"][trial.function]["Simulation"].value("Params", json::object());
        add_builtin_logic(files, *find_builtin_handler(handler.builtin), params, sdk);
    }
    files["src/main.cpp"] = read_file(paths.templates_dir / "main.cpp");
    files["tests/replay_test.cpp"] = read_file(paths.templates_dir / "replay_test.cpp");
    files["tests/replay.json"] = replay_file(trial).dump(2) + "\n";
    const TemplateInput input{trial.document, trial.scenario, trial.function, "build/bootstrap.zip", source_in_project};
    files["template.yaml"] = sam_template(input);
    files["serverless.yml"] = serverless_template(input);
    const std::map<std::string, std::string> values = {
        {"function", trial.function},
        {"project", logical_id(trial.function, "")},
        {"handler", handler.display_name()},
        {"scenario", fs::path(trial.scenario_path).filename().string()},
        {"verdict", verdict(trial)},
        {"replay_count", std::to_string(trial.replays.size())},
        {"logic_sources", logic_sources(files)},
        {"logic_table", logic_table(handler)}};
    files["CMakeLists.txt"] = fill(read_file(paths.templates_dir / "CMakeLists.txt"), values);
    files["README.md"] = fill(read_file(paths.templates_dir / "README.md"), values);
    return files;
}

void check_destination(const fs::path& dir, bool force) {
    std::error_code error;
    if (!fs::exists(dir, error) || force) return;
    if (!fs::is_directory(dir, error)) throw sim::InputError(dir.string(), "", 0, "expected a folder to export into, got a file");
    if (!fs::is_empty(dir, error)) {
        throw sim::InputError(dir.string(), "", 0, "expected an empty or new folder: it has files (--force replaces them)");
    }
}

void write_project(const ProjectFiles& files, const fs::path& dir, bool force) {
    check_destination(dir, force);
    const fs::path target = fs::absolute(dir).lexically_normal();
    const std::string stamp = std::to_string(::getpid());
    const fs::path scratch = target.parent_path() / ("." + target.filename().string() + ".export-" + stamp);
    const fs::path old = target.parent_path() / ("." + target.filename().string() + ".replaced-" + stamp);
    std::error_code ignored;
    try {
        fs::remove_all(scratch, ignored);
        for (const auto& [path, text] : files) {
            const fs::path file = scratch / path;
            fs::create_directories(file.parent_path());
            std::ofstream out(file, std::ios::binary);
            out << text;
            if (!out.flush()) throw std::runtime_error(file.string() + ": cannot write the file");
        }
        if (fs::exists(target)) fs::rename(target, old);
        fs::rename(scratch, target);
    } catch (...) {
        fs::remove_all(scratch, ignored);
        if (!fs::exists(target, ignored) && fs::exists(old, ignored)) fs::rename(old, target, ignored);
        throw;
    }
    fs::remove_all(old, ignored);
}

Trial export_handler(const TrialRequest& request, const fs::path& dir, bool force, const sim::HandlerCatalog& catalog,
                     const ExportPaths& paths) {
    check_destination(dir, force);
    Trial trial = run_trial(request, catalog);
    if (trial.passed()) write_project(project_files(trial, request.handler, paths), dir, force);
    return trial;
}

}  // namespace queuelab::exporting
