#pragma once
// The learner's handler workspace: C++ handler sources kept in the user's data folder, written
// from a template, assigned to a scenario's function (Runtime provided.al2023 and
// Simulation.Source, docs/aws-rules.md 6), opened in the learner's editor, watched, and rebuilt in
// the background (runtime::HandlerBuilder) so that the lab reruns the scenario on every save
// without ever waiting for the compiler on the GUI thread.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handler_builder.h"
#include "lab_state.h"

namespace queuelab::lab {

// [Templates] Each compiles as is and shows the parse -> handle -> collect-failures split with
// batchItemFailures (handlers/templates/).
enum class HandlerTemplate { Sqs, Kinesis };
std::string_view template_source(HandlerTemplate kind);
// "sqs_handler", "kinesis_handler": the template's file name without ".cpp".
const char* template_stem(HandlerTemplate kind);

// data_dir()/handlers: where the learner's handlers live.
std::filesystem::path handlers_dir();

struct NewHandler {
    std::filesystem::path path;  // the file written, when ok
    std::string error;           // one line, when not
};

// Writes the template into `folder` (created when missing) as `name` (".cpp" added when it has no
// extension); `name` must be a plain file name. Never replaces an existing file; the write is
// atomic (a temporary file, then a hard link that fails if the name is taken).
NewHandler create_handler(const std::filesystem::path& folder, const std::string& name, HandlerTemplate kind);
// The first of "sqs_handler.cpp", "sqs_handler_2.cpp", ... not yet in `folder`.
std::string free_handler_name(const std::filesystem::path& folder, HandlerTemplate kind);
// The .cpp files in `folder`, by name.
std::vector<std::filesystem::path> list_handlers(const std::filesystem::path& folder);

// The edits that make `function` run the handler built from `source`.
std::vector<sim::Override> assign_source_edits(const std::string& function, const std::filesystem::path& source);

// [Editor] $VISUAL, else $EDITOR (either may carry arguments: run through sh), else xdg-open.
// Empty strings count as unset.
std::vector<std::string> editor_command(const std::filesystem::path& file, const char* visual, const char* editor);
// Starts `argv` in a session of its own, detached from the lab (never waited for: it is
// reparented, and its end is reaped by init). Returns once it is running; false, with `error`
// set, when it could not be started.
bool launch_detached(const std::vector<std::string>& argv, std::string& error);

// [Watching] A file's modification time and size, compared at each poll.
class FileWatch {
public:
    explicit FileWatch(std::filesystem::path path);
    const std::filesystem::path& path() const { return path_; }
    // True when the file's mtime or size differs from the last poll (or construction). A file
    // that cannot be read counts as a state of its own.
    bool poll();

private:
    struct Stamp {
        std::int64_t mtime_ns = -1;
        std::int64_t size = -1;
        bool operator==(const Stamp&) const = default;
    };
    static Stamp stamp(const std::filesystem::path& path);
    std::filesystem::path path_;
    Stamp last_;
};

// [The workspace] Assignments and rebuilds. Call update() every frame: it polls the sources the
// pending scenario runs (its Simulation.Source fields) at most once per `poll_interval_s`, starts
// a background build when one changed, and, when a build finishes, applies what waited for it
// (an assignment's edits, then a restart; or a restart of the runs after a save). A build that
// fails leaves the runs as they are and keeps its diagnostics for the view.
class Workspace {
public:
    explicit Workspace(runtime::HandlerBuilder& builder, double poll_interval_s = 1.0)
        : builder_(builder), poll_interval_s_(poll_interval_s) {}

    // Builds `source` in the background, then assigns it to `function` and restarts.
    void assign(const std::string& function, const std::filesystem::path& source);
    // `now_s`: a monotonic clock in seconds. Returns true when it changed the lab.
    bool update(LabState& lab, double now_s);

    // The build under way, if any.
    bool building() const { return job_ != nullptr; }
    // "building order_handler.cpp…"; empty when idle.
    std::string progress_text() const;
    double progress() const { return job_ ? job_->progress() : 0.0; }
    // The last finished build (ok or not), if any.
    const runtime::BuildResult* last_build() const { return last_build_ ? &*last_build_ : nullptr; }
    // The sources watched (absolute), for the view.
    std::vector<std::filesystem::path> watched() const;

private:
    void watch_sources(const LabState& lab);
    void finish(LabState& lab);

    runtime::HandlerBuilder& builder_;
    double poll_interval_s_;
    double last_poll_s_ = -1e300;
    std::map<std::filesystem::path, FileWatch> watches_;
    std::shared_ptr<runtime::BuildJob> job_;
    std::filesystem::path job_source_;
    std::string job_function_;   // set for an assignment
    std::filesystem::path queued_;  // a source that changed while another build ran
    std::optional<runtime::BuildResult> last_build_;
};

}  // namespace queuelab::lab
