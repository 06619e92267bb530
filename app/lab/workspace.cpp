// [SECTION] Templates and new handlers
// [SECTION] The editor
// [SECTION] Watching
// [SECTION] The workspace

#include "workspace.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "handler_templates.inc"
#include "paths.h"
#include "atomic_file.h"

namespace queuelab::lab {

namespace fs = std::filesystem;

// [SECTION] Templates and new handlers

std::string_view template_source(HandlerTemplate kind) {
    switch (kind) {
        case HandlerTemplate::Sqs: return kSqsHandlerTemplate;
        case HandlerTemplate::Kinesis: return kKinesisHandlerTemplate;
    }
    return kSqsHandlerTemplate;
}

const char* template_stem(HandlerTemplate kind) {
    switch (kind) {
        case HandlerTemplate::Sqs: return "sqs_handler";
        case HandlerTemplate::Kinesis: return "kinesis_handler";
    }
    return "sqs_handler";
}

fs::path handlers_dir() { return data_dir() / "handlers"; }

namespace {

bool plain_file_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.front() != '.' && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

}  // namespace

NewHandler create_handler(const fs::path& folder, const std::string& name, HandlerTemplate kind) {
    NewHandler result;
    if (!plain_file_name(name)) {
        result.error = "a handler's name must be a plain file name (no '/', not starting with '.'), got \"" + name + "\"";
        return result;
    }
    const fs::path target = folder / (fs::path(name).has_extension() ? name : name + ".cpp");
    std::error_code made;
    fs::create_directories(folder, made);
    if (made) {
        result.error = "cannot create " + folder.string() + ": " + made.message();
        return result;
    }
    try {
        if (!sim::write_new_file_atomically(target.string(), std::string(template_source(kind)))) {
            result.error = target.string() + " already exists; it is left as it is";
            return result;
        }
    } catch (const std::runtime_error& error) {
        result.error = error.what();
        return result;
    }
    result.path = target;
    return result;
}

std::string free_handler_name(const fs::path& folder, HandlerTemplate kind) {
    const std::string stem = template_stem(kind);
    std::error_code error;
    for (int n = 1;; ++n) {
        const std::string name = stem + (n == 1 ? "" : "_" + std::to_string(n)) + ".cpp";
        if (!fs::exists(folder / name, error)) return name;
    }
}

std::vector<fs::path> list_handlers(const fs::path& folder) {
    std::vector<fs::path> found;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        if (it->path().extension() == ".cpp" && it->is_regular_file(error)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<sim::Override> assign_source_edits(const std::string& function, const fs::path& source) {
    const std::string at = "functions." + function + ".";
    return {sim::Override{at + "Runtime", nlohmann::json("provided.al2023").dump(), ""},
            sim::Override{at + "Simulation.Source", nlohmann::json(source.string()).dump(), ""}};
}

// [SECTION] The editor

std::vector<std::string> editor_command(const fs::path& file, const char* visual, const char* editor) {
    for (const char* chosen : {visual, editor}) {
        if (chosen != nullptr && *chosen != '\0') return {"/bin/sh", "-c", std::string(chosen) + " \"$1\"", "sh", file.string()};
    }
    return {"xdg-open", file.string()};
}

bool launch_detached(const std::vector<std::string>& argv, std::string& error) {
    if (argv.empty()) {
        error = "nothing to run";
        return false;
    }
    int exec_failed[2];
    if (::pipe2(exec_failed, O_CLOEXEC) != 0) {
        error = "cannot start " + argv.front() + ": " + std::strerror(errno);
        return false;
    }
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const pid_t middle = ::fork();
    if (middle == 0) {
        ::setsid();
        if (::fork() == 0) {
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, STDIN_FILENO);
            ::execvp(args[0], args.data());
            const int failed = errno;
            (void)!::write(exec_failed[1], &failed, sizeof failed);
        }
        ::_exit(0);
    }
    ::close(exec_failed[1]);
    if (middle < 0) {
        ::close(exec_failed[0]);
        error = "cannot start " + argv.front() + ": " + std::strerror(errno);
        return false;
    }
    ::waitpid(middle, nullptr, 0);
    int failed = 0;
    const bool exec_error = ::read(exec_failed[0], &failed, sizeof failed) == static_cast<ssize_t>(sizeof failed);
    ::close(exec_failed[0]);
    if (exec_error) {
        error = "cannot start " + argv.front() + ": " + std::strerror(failed);
        return false;
    }
    return true;
}

// [SECTION] Watching

FileWatch::FileWatch(fs::path path) : path_(std::move(path)), last_(stamp(path_)) {}

FileWatch::Stamp FileWatch::stamp(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return {};
    return {static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec,
            static_cast<std::int64_t>(info.st_size)};
}

bool FileWatch::poll() {
    const Stamp now = stamp(path_);
    const bool changed = !(now == last_);
    last_ = now;
    return changed;
}

// [SECTION] The workspace

void Workspace::assign(const std::string& function, const fs::path& source) {
    job_source_ = fs::absolute(source).lexically_normal();
    job_function_ = function;
    job_ = builder_.start(job_source_.string());
}

std::string Workspace::progress_text() const {
    if (!job_) return {};
    return "building " + job_source_.filename().string() + "\xE2\x80\xA6";
}

std::vector<fs::path> Workspace::watched() const {
    std::vector<fs::path> paths;
    for (const auto& [path, watch] : watches_) paths.push_back(path);
    return paths;
}

// Watches exactly the sources the pending scenario runs.
void Workspace::watch_sources(const LabState& lab) {
    std::map<fs::path, FileWatch> now;
    if (lab.has_scenario()) {
        const auto& scenario = lab.pending_scenario();
        for (const auto& [name, function] : scenario.functions) {
            if (function.simulation.Source.empty()) continue;
            const auto path = fs::absolute(fs::path(scenario.directory) / function.simulation.Source).lexically_normal();
            const auto kept = watches_.find(path);
            now.emplace(path, kept != watches_.end() ? kept->second : FileWatch(path));
        }
    }
    watches_ = std::move(now);
}

void Workspace::finish(LabState& lab) {
    last_build_ = job_->result();
    const std::string function = std::exchange(job_function_, {});
    job_.reset();
    if (!last_build_->ok) return;
    if (!function.empty()) {
        if (auto error = lab.propose_edits(assign_source_edits(function, job_source_)); !error.empty()) {
            lab.last_error = error;
            return;
        }
        watch_sources(lab);
    }
    const bool playing = lab.playing;
    lab.restart();
    lab.playing = playing;
}

bool Workspace::update(LabState& lab, double now_s) {
    if (job_) {
        if (!job_->done()) return false;
        finish(lab);
        return true;
    }
    if (now_s - last_poll_s_ < poll_interval_s_) return false;
    last_poll_s_ = now_s;
    watch_sources(lab);
    for (auto& [path, watch] : watches_) {
        if (!watch.poll()) continue;
        job_source_ = path;
        job_ = builder_.start(path.string());
        return false;
    }
    return false;
}

}  // namespace queuelab::lab
