// [SECTION] Tools: running the compiler, archiver and nm; the cache's folders
// [SECTION] Diagnostics
// [SECTION] Build jobs
// [SECTION] The SDK: the handler API and runtime client, compiled once
// [SECTION] Building a source

#include "handler_builder.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "digest.h"
#include "input_file.h"
#include "supervised_process.h"

extern char** environ;

namespace queuelab::runtime {
namespace {

namespace fs = std::filesystem;

// [SECTION] Tools: running the compiler, archiver and nm; the cache's folders

// The handler API's sources and the runtime client's, under the SDK folder.
const std::vector<std::string> kApiSources = {"sqs_event.cpp", "kinesis_event.cpp", "handler.cpp", "services.cpp"};
constexpr const char* kClientDir = "runtime_client";

// The symbols of the two handle() overloads (Itanium C++ ABI).
constexpr const char* kSqsHandleSymbol = "_Z6handleRKN8queuelab8SqsEventERNS_17InvocationContextE";
constexpr const char* kKinesisHandleSymbol = "_Z6handleRKN8queuelab12KinesisEventERNS_17InvocationContextE";

struct BuildFailure {
    std::string output;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw BuildFailure{path.string() + ": cannot read the file"};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A learner's source: a regular file (never a device or a pipe, which could block the read) of at
// most kMaxInputFileBytes (docs/aws-rules.md 5.27).
std::string read_source(const fs::path& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (fs::exists(status) && !fs::is_regular_file(status)) throw BuildFailure{path.string() + ": not a regular file"};
    if (fs::exists(status) && fs::file_size(path, error) > sim::kMaxInputFileBytes) {
        throw BuildFailure{path.string() + ": larger than " + std::to_string(sim::kMaxInputFileBytes >> 20) +
                           " MiB (the simulator's limit)"};
    }
    return read_file(path);
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw BuildFailure{path.string() + ": cannot write the file"};
}

std::string find_program(const std::string& name) {
    if (name.find('/') != std::string::npos) return name;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return name;
}

// This process's environment, in the C locale, so that the compiler's messages (and the cache)
// read the same whatever the user's locale.
std::vector<std::string> tool_environment() {
    std::vector<std::string> variables;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        if (std::string_view(*variable).rfind("LC_ALL=", 0) != 0) variables.emplace_back(*variable);
    }
    variables.emplace_back("LC_ALL=C");
    return variables;
}

struct ToolRun {
    bool ok = false;
    std::string output;
};

// Runs a tool (compiler, archiver, nm) to its end and collects what it printed.
ToolRun run_tool(const std::vector<std::string>& command) {
    ProcessSpec spec;
    spec.executable = find_program(command.front());
    spec.arguments.assign(command.begin() + 1, command.end());
    spec.environment = tool_environment();
    ToolRun run;
    try {
        SupervisedProcess process(spec);
        while (!process.exit()) {
            pollfd watched[2] = {{process.output_fd(), POLLIN, 0}, {process.exit_fd(), POLLIN, 0}};
            ::poll(watched, 2, 1000);
            run.output += process.read_output();
        }
        run.output += process.read_output();
        run.ok = *process.exit() == ProcessExit{false, 0};
    } catch (const SpawnError& error) {
        run.output = error.what();
    }
    return run;
}

void run_or_fail(const std::vector<std::string>& command) {
    ToolRun run = run_tool(command);
    if (!run.ok) throw BuildFailure{std::move(run.output)};
}

// A fresh folder beside the cache entries, renamed into place when complete.
fs::path scratch_dir(const fs::path& cache) {
    static std::mt19937_64 random{std::random_device{}()};
    static std::mutex random_mutex;
    std::lock_guard lock(random_mutex);
    const fs::path dir = cache / ("tmp-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(dir);
    return dir;
}

// Moves a finished folder into the cache; another build may have got there first.
void publish(const fs::path& scratch, const fs::path& entry) {
    std::error_code error;
    fs::rename(scratch, entry, error);
    if (error) fs::remove_all(scratch, error);
}

std::vector<fs::path> sdk_files(const fs::path& sdk) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(sdk / "include")) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    for (const auto& source : kApiSources) files.push_back(sdk / source);
    for (const auto& entry : fs::directory_iterator(sdk / kClientDir)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<fs::path> sdk_sources(const fs::path& sdk) {
    std::vector<fs::path> sources;
    for (const auto& source : kApiSources) sources.push_back(sdk / source);
    for (const auto& file : sdk_files(sdk)) {
        if (file.parent_path() == sdk / kClientDir && file.extension() == ".cpp") sources.push_back(file);
    }
    return sources;
}

std::vector<sim::EventSourceKind> defined_handlers(const std::string& nm_output) {
    std::vector<sim::EventSourceKind> kinds;
    std::istringstream lines(nm_output);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string address, type, symbol;
        if (!(fields >> address >> type >> symbol) || (type != "T" && type != "W")) continue;
        if (symbol == kSqsHandleSymbol) kinds.push_back(sim::EventSourceKind::SqsQueue);
        if (symbol == kKinesisHandleSymbol) kinds.push_back(sim::EventSourceKind::KinesisStream);
    }
    std::sort(kinds.begin(), kinds.end());
    return kinds;
}

const char* kind_name(sim::EventSourceKind kind) {
    switch (kind) {
        case sim::EventSourceKind::SqsQueue: return "sqs";
        case sim::EventSourceKind::KinesisStream: return "kinesis";
    }
    return "?";
}

nlohmann::json to_json(const BuildResult& result) {
    nlohmann::json kinds = nlohmann::json::array();
    for (const auto kind : result.kinds) kinds.push_back(kind_name(kind));
    return {{"ok", result.ok}, {"kinds", kinds}, {"output", result.output}};
}

BuildResult read_cached(const fs::path& entry, const std::string& source) {
    const auto saved = nlohmann::json::parse(read_file(entry / "result.json"));
    BuildResult result;
    result.source = source;
    result.ok = saved.at("ok").get<bool>();
    result.output = saved.at("output").get<std::string>();
    result.diagnostics = parse_diagnostics(result.output);
    for (const auto& kind : saved.at("kinds")) {
        result.kinds.push_back(kind == "kinesis" ? sim::EventSourceKind::KinesisStream : sim::EventSourceKind::SqsQueue);
    }
    if (result.ok) result.executable = (entry / "bootstrap").string();
    result.cached = true;
    return result;
}

}  // namespace

// [SECTION] Diagnostics

std::string Diagnostic::describe() const {
    std::string text = file;
    if (line > 0) text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
    return text + (text.empty() ? "" : ": ") + severity + ": " + message;
}

std::vector<Diagnostic> parse_diagnostics(std::string_view compiler_output) {
    static const std::regex located(R"(^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*)$)");
    std::vector<Diagnostic> diagnostics;
    std::istringstream lines{std::string(compiler_output)};
    std::string line;
    std::smatch match;
    while (std::getline(lines, line)) {
        if (std::regex_match(line, match, located)) {
            diagnostics.push_back({match[1], std::stoi(match[2]), match[3].matched ? std::stoi(match[3]) : 0,
                                   match[4], match[5]});
        } else if (line.find("undefined reference") != std::string::npos ||
                   line.find("multiple definition") != std::string::npos) {
            diagnostics.push_back({"", 0, 0, "error", line.substr(line.find_first_not_of(' '))});
        }
    }
    return diagnostics;
}

std::string BuildResult::first_error() const {
    if (ok) return {};
    for (const auto& diagnostic : diagnostics) {
        if (diagnostic.is_error()) return diagnostic.describe();
    }
    const std::string first_line = output.substr(0, output.find('\n'));
    return first_line.empty() ? source + ": the build failed" : first_line;
}

const char* to_string(BuildStage stage) {
    switch (stage) {
        case BuildStage::Queued: return "queued";
        case BuildStage::PreparingSdk: return "building the handler API";
        case BuildStage::Compiling: return "compiling";
        case BuildStage::Linking: return "linking";
        case BuildStage::Done: return "done";
    }
    return "?";
}

std::string BuildOptions::default_sdk_dir() { return QUEUELAB_HANDLER_SDK_DIR; }

std::string BuildOptions::default_cache_dir() {
    if (const char* dir = std::getenv("QUEUELAB_CACHE_DIR"); dir != nullptr && *dir != '\0') {
        return (fs::path(dir) / "handlers").string();
    }
    if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir != nullptr && *dir != '\0') {
        return (fs::path(dir) / "queuelab" / "handlers").string();
    }
    const char* home = std::getenv("HOME");
    return (fs::path(home != nullptr ? home : "/tmp") / ".cache" / "queuelab" / "handlers").string();
}

// [SECTION] Build jobs

double BuildJob::progress() const {
    switch (stage()) {
        case BuildStage::Queued: return 0;
        case BuildStage::PreparingSdk: return 0.1;
        case BuildStage::Compiling: return preparing_sdk_ ? 0.7 : 0.2;
        case BuildStage::Linking: return 0.9;
        case BuildStage::Done: return 1;
    }
    return 0;
}

void BuildJob::wait() const {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [this] { return done(); });
}

void BuildJob::set_stage(BuildStage stage) {
    if (stage == BuildStage::PreparingSdk) preparing_sdk_ = true;
    stage_ = stage;
}

void BuildJob::finish(BuildResult result) {
    {
        std::lock_guard lock(mutex_);
        result_ = std::move(result);
        stage_ = BuildStage::Done;
    }
    finished_.notify_all();
}

HandlerBuilder::HandlerBuilder(BuildOptions options)
    : options_(std::move(options)), compiler_path_(find_program(options_.compiler)) {}

HandlerBuilder::~HandlerBuilder() {
    std::vector<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
    }
    for (auto& worker : workers) worker.thread.join();
}

std::shared_ptr<BuildJob> HandlerBuilder::start(const std::string& source) {
    auto job = std::make_shared<BuildJob>();
    std::lock_guard lock(mutex_);
    std::erase_if(workers_, [](Worker& worker) {
        if (!worker.job->done()) return false;
        worker.thread.join();
        return true;
    });
    workers_.push_back({job, std::thread([this, job, source] { job->finish(run(source, job.get())); })});
    return job;
}

BuildResult HandlerBuilder::build(const std::string& source) { return run(source, nullptr); }

const std::string& HandlerBuilder::compiler_identity() {
    std::lock_guard lock(mutex_);
    if (compiler_identity_.empty()) {
        const ToolRun version = run_tool({compiler_path_, "-dumpfullversion", "-dumpmachine"});
        compiler_identity_ = compiler_path_ + "\n" + version.output;
    }
    return compiler_identity_;
}

// [SECTION] The SDK: the handler API and runtime client, compiled once

HandlerBuilder::Sdk HandlerBuilder::prepare_sdk(BuildJob* job) {
    const fs::path sdk = options_.sdk_dir;
    std::string key = compiler_identity() + "LC_ALL=C\n" + sdk.string();
    for (const auto& flag : options_.flags) key += "\n" + flag;
    for (const auto& file : sdk_files(sdk)) key += "\n" + fs::relative(file, sdk).string() + "\n" + sim::sha256_hex(read_file(file));
    const fs::path entry = fs::path(options_.cache_dir) / ("sdk-" + sim::sha256_hex(key).substr(0, 32));
    const Sdk found{(entry / "libqueuelab_handler_sdk.a").string(), (entry / "pch").string()};
    std::lock_guard lock(mutex_);  // one SDK build at a time in this process
    if (fs::exists(entry)) return found;
    if (job != nullptr) job->set_stage(BuildStage::PreparingSdk);
    const fs::path scratch = scratch_dir(options_.cache_dir);
    std::vector<std::string> objects;
    for (const auto& source : sdk_sources(sdk)) {
        const std::string object = (scratch / (source.stem().string() + ".o")).string();
        std::vector<std::string> command = {compiler_path_};
        command.insert(command.end(), options_.flags.begin(), options_.flags.end());
        command.insert(command.end(), {"-I" + (sdk / "include").string(), "-I" + (sdk / kClientDir).string(), "-c",
                                       source.string(), "-o", object});
        run_or_fail(command);
        objects.push_back(object);
    }
    std::vector<std::string> archive = {"ar", "rcs", (scratch / "libqueuelab_handler_sdk.a").string()};
    archive.insert(archive.end(), objects.begin(), objects.end());
    run_or_fail(archive);
    // The precompiled header: a header that includes the SDK's, compiled where "queuelab/handler.h"
    // is looked up first.
    fs::create_directories(scratch / "pch-source" / "queuelab");
    fs::create_directories(scratch / "pch" / "queuelab");
    const fs::path wrapper = scratch / "pch-source" / "queuelab" / "handler.h";
    write_file(wrapper, "#include \"" + (sdk / "include" / "queuelab" / "handler.h").string() + "\"\n");
    std::vector<std::string> pch = {compiler_path_};
    pch.insert(pch.end(), options_.flags.begin(), options_.flags.end());
    pch.insert(pch.end(), {"-x", "c++-header", wrapper.string(), "-o", (scratch / "pch" / "queuelab" / "handler.h.gch").string()});
    run_or_fail(pch);
    for (const auto& object : objects) fs::remove(object);
    publish(scratch, entry);
    return found;
}

// [SECTION] Building a source

BuildResult HandlerBuilder::run(const std::string& source_path, BuildJob* job) {
    BuildResult result;
    const fs::path source = fs::absolute(source_path).lexically_normal();
    result.source = source.string();
    try {
        const std::string text = read_source(source);
        const Sdk sdk = prepare_sdk(job);
        std::string key = sdk.library + "\n" + source.string() + "\n" + text;
        for (const auto& flag : options_.flags) key += "\n" + flag;
        const fs::path entry = fs::path(options_.cache_dir) / ("handler-" + sim::sha256_hex(key).substr(0, 32));
        if (fs::exists(entry / "result.json")) return read_cached(entry, result.source);

        if (job != nullptr) job->set_stage(BuildStage::Compiling);
        const fs::path scratch = scratch_dir(options_.cache_dir);
        const std::string object = (scratch / "handler.o").string();
        std::vector<std::string> compile = {compiler_path_};
        compile.insert(compile.end(), options_.flags.begin(), options_.flags.end());
        compile.insert(compile.end(), {"-Winvalid-pch", "-I" + sdk.pch_dir, "-I" + (fs::path(options_.sdk_dir) / "include").string(),
                                       "-c", source.string(), "-o", object});
        ToolRun compiled = run_tool(compile);
        result.output = compiled.output;
        if (compiled.ok) {
            result.kinds = defined_handlers(run_tool({"nm", object}).output);
            if (result.kinds.empty()) {
                result.output += source.string() +
                                 ":1:1: error: the source defines neither handle(const queuelab::SqsEvent&, "
                                 "queuelab::InvocationContext&) nor handle(const queuelab::KinesisEvent&, "
                                 "queuelab::InvocationContext&)\n";
            } else {
                if (job != nullptr) job->set_stage(BuildStage::Linking);
                const ToolRun linked =
                    run_tool({compiler_path_, object, sdk.library, "-pthread", "-o", (scratch / "bootstrap").string()});
                result.output += linked.output;
                result.ok = linked.ok;
            }
        }
        fs::remove(object);
        write_file(scratch / "result.json", to_json(result).dump());
        publish(scratch, entry);
        BuildResult built = read_cached(entry, result.source);
        built.cached = false;
        return built;
    } catch (const BuildFailure& failure) {
        result.ok = false;
        result.output += failure.output;
        result.diagnostics = parse_diagnostics(result.output);
        return result;
    } catch (const std::exception& failure) {
        result.ok = false;
        result.output += failure.what();
        return result;
    }
}

}  // namespace queuelab::runtime
