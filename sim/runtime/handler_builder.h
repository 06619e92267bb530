#pragma once
// Builds a learner's handler source into a process that speaks the Lambda Runtime API: the
// source is compiled with the system compiler (g++ -std=c++20) against the handler API headers
// (handlers/include, "queuelab/handler.h") and linked with the handler API and queuelab's runtime
// client (handlers/runtime_client), which the builder compiles itself from the handler SDK
// folder, once, into a library and a precompiled header. Builds run in the background (the lab)
// or at once (the CLI, the catalog), and are kept in a cache folder by a hash of everything that
// goes into them: the compiler and its flags, the SDK's files, the source's path and text. A
// failed build is cached too, so its errors come back at once.
//
// A source must define handle() for SQS events, Kinesis events or both:
//   queuelab::HandlerResponse handle(const queuelab::SqsEvent&, queuelab::InvocationContext&);
//   queuelab::HandlerResponse handle(const queuelab::KinesisEvent&, queuelab::InvocationContext&);
// One that defines neither fails with an error saying so.
//
// Thread-safe.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "event_source.h"

namespace queuelab::runtime {

// One compiler message: "FILE:LINE:COLUMN: SEVERITY: MESSAGE".
struct Diagnostic {
    std::string file;      // empty for messages about no file (the linker's)
    int line = 0;          // 0: none
    int column = 0;        // 0: none
    std::string severity;  // "error", "fatal error", "warning" or "note"
    std::string message;
    bool is_error() const { return severity == "error" || severity == "fatal error"; }
    std::string describe() const;  // the one-line form above
};

// The diagnostics in GCC's (or Clang's) output, in order; context lines ("In function ...",
// source excerpts, carets) are left out. Linker errors come without a file.
std::vector<Diagnostic> parse_diagnostics(std::string_view compiler_output);

struct BuildOptions {
    std::string compiler = "g++";      // a name looked up in PATH, or a path
    std::vector<std::string> flags = {"-std=c++20", "-O1", "-Wall", "-Wextra", "-fdiagnostics-color=never"};
    std::string sdk_dir = default_sdk_dir();      // include/, the API and runtime client sources
    std::string cache_dir = default_cache_dir();

    // The handler SDK of this build of queuelab (the source tree's handlers/).
    static std::string default_sdk_dir();
    // $QUEUELAB_CACHE_DIR, else $XDG_CACHE_HOME/queuelab, else ~/.cache/queuelab; then /handlers.
    static std::string default_cache_dir();
};

struct BuildResult {
    std::string source;
    bool ok = false;
    std::string executable;                    // the built program, when ok
    std::vector<sim::EventSourceKind> kinds;   // the handle() overloads the source defines
    std::vector<Diagnostic> diagnostics;       // errors, warnings and notes, in order
    std::string output;                        // what the compiler and linker printed
    bool cached = false;                       // found in the cache, not built now
    // The first error in one line ("handler.cpp:12:5: error: ..."); empty when ok.
    std::string first_error() const;
};

enum class BuildStage { Queued, PreparingSdk, Compiling, Linking, Done };
const char* to_string(BuildStage stage);

// A build under way in the background.
class BuildJob {
public:
    BuildStage stage() const { return stage_.load(); }
    // A rough fraction of the work done, 0 to 1, for a progress bar.
    double progress() const;
    bool done() const { return stage() == BuildStage::Done; }
    void wait() const;
    // REQUIRES: done().
    const BuildResult& result() const { return result_; }

private:
    friend class HandlerBuilder;
    void set_stage(BuildStage stage);
    void finish(BuildResult result);

    std::atomic<BuildStage> stage_{BuildStage::Queued};
    std::atomic<bool> preparing_sdk_{false};
    BuildResult result_;
    mutable std::mutex mutex_;
    mutable std::condition_variable finished_;
};

class HandlerBuilder {
public:
    explicit HandlerBuilder(BuildOptions options = {});
    // Waits for the builds it started.
    ~HandlerBuilder();
    HandlerBuilder(const HandlerBuilder&) = delete;
    HandlerBuilder& operator=(const HandlerBuilder&) = delete;

    // Starts building `source` (a path) in the background.
    std::shared_ptr<BuildJob> start(const std::string& source);
    // Builds `source` now.
    BuildResult build(const std::string& source);

    const BuildOptions& options() const { return options_; }

private:
    BuildResult run(const std::string& source, BuildJob* job);
    struct Sdk {
        std::string library;
        std::string pch_dir;
    };
    // Builds (or finds) the SDK's library and precompiled header. Throws BuildFailure.
    Sdk prepare_sdk(BuildJob* job);
    const std::string& compiler_identity();

    BuildOptions options_;
    std::string compiler_path_;
    struct Worker {
        std::shared_ptr<BuildJob> job;
        std::thread thread;
    };
    std::mutex mutex_;  // the SDK's preparation, the identity, the workers
    std::string compiler_identity_;
    std::vector<Worker> workers_;
};

}  // namespace queuelab::runtime
