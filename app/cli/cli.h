#pragma once
// The command line (README.md "Command line"). Exit codes: 0 success, 1 a run or check
// failed, 2 bad input (one line on stderr naming the file, the field and what was expected:
// docs/scenario-format.md 9). `run` writes the report of docs/report-format.md, `compare` the
// pair of its section 7.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario_loader.h"

namespace queuelab::sim {
class Engine;
}

namespace queuelab::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

int run_cli(int argc, char** argv);

// Runs a command and turns what it throws into its exit code: sim::InputError is bad input (its
// one line), any other std::exception a failure ("<name>: <what>").
int exit_code_of(const char* name, std::ostream& err, const std::function<int()>& command);

// The one line printed for a command line that cannot be parsed: "queuelab run: <what> (queuelab
// run --help lists the options)". Header-only, so the desktop lab's options use it too.
inline std::string argument_error_line(const std::string& command, std::string what) {
    for (char& c : what) {
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return command + ": " + what + " (" + command + " --help lists the options)";
}

struct RunOptions {
    std::string scenario_path;
    std::vector<sim::Override> overrides;  // --seed is an override of "seed"
    std::string out_path;                  // empty: no report file
    bool pretty = false;                   // --pretty: the report indented (two spaces), else compact
    bool keep_history = true;              // --no-history: the report's messages without "history"
    // The functions' code: built-ins, learners' sources and Runtime API executables.
    const sim::HandlerCatalog* catalog = &sim::default_catalog();
};

// `queuelab run`: prints the summary to `out`; errors to `err`. Returns the exit code.
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// kExitFailed, after one line on `err` saying which budget and when, if a resource budget stopped
// `engine`'s run (docs/aws-rules.md 5.28); kExitOk otherwise. `run` names the run ("", "B").
int budget_exit_code(const sim::Engine& engine, const std::string& run, std::ostream& err);

// `queuelab compare`: A is the scenario with `options.overrides` only (e.g. --seed), B adds
// `b_overrides`.
int compare_command(const RunOptions& options, const std::vector<sim::Override>& b_overrides,
                    std::ostream& out, std::ostream& err);

// `queuelab bench`: the fixed large scenario (or any scenario file) run as fast as possible; prints
// messages per second, invocations per second and peak memory, and with report_path the time and
// memory of writing the report. Figures only, never asserted (README.md "Performance").
struct BenchOptions {
    std::int64_t messages = 1'000'000;  // the fixed scenario's messages
    std::string scenario_path;          // --scenario FILE instead of the fixed scenario
    bool history = false;               // --history: keep per-message histories (as run does)
    std::string report_path;            // --out REPORT.json: write the report and time it
    bool pretty = false;                // --pretty: the report indented
    const sim::HandlerCatalog* catalog = &sim::default_catalog();
};
int bench_command(const BenchOptions& options, std::ostream& out);
// `queuelab bench --runtime`: a learner's handler out of process: the Runtime API round trip and a
// run of `messages` messages.
int runtime_bench_command(std::int64_t messages, std::ostream& out);

// `queuelab sweep`: a scenario run over a grid of settings, on all local cores (README.md "Sweeps").
struct SweepOptions {
    std::string scenario_path;
    std::vector<std::string> vary;  // --vary KEY=V1,V2,...: one axis of the grid each
    int seeds = 0;                  // --seeds N: each point with seeds 1..N; 0: the scenario's own seed
    int jobs = 0;                   // --jobs N: worker threads; 0: one per local core
    std::string out_path;           // --out results.csv; empty: the CSV on `out` only
    const sim::HandlerCatalog* catalog = &sim::default_catalog();
};
// One axis: a scenario field (a --set KEY) and its values (JSON, or strings), in order.
struct SweepAxis {
    std::string key;
    std::vector<std::string> values;
};
// One point of the grid: a value per axis, and the seed when --seeds is given.
struct SweepPoint {
    std::vector<sim::Override> overrides;
    std::optional<std::uint64_t> seed;
};
// "KEY=V1,V2,..." per axis; commas inside JSON brackets, braces or strings do not split. Throws
// InputError naming --vary.
std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary);
// Every combination, the first axis slowest and the seed fastest: the CSV's row order.
std::vector<SweepPoint> sweep_grid(const std::vector<SweepAxis>& axes, int seeds);
// The CSV header: point, seed, each axis's key, end_reason, drain_time_s, then every total.
std::string sweep_header(const std::vector<SweepAxis>& axes);
// Checks every point, runs them on worker threads (one Engine each, no history), and prints one CSV
// row per point in grid order, whatever order they finish in; with out_path also writes the file.
int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream& err);

// `queuelab handlers`: the built-in handlers, one a line.
int handlers_command(std::ostream& out);

// The markers around the generated parameter reference in the README.
constexpr std::string_view kParametersBegin = "<!-- BEGIN generated: queuelab parameters -->";
constexpr std::string_view kParametersEnd = "<!-- END generated: queuelab parameters -->";

// `text` with the block between the markers replaced by the tables of sim/parameters.h. Throws
// InputError (naming `file`) when the markers are missing.
std::string with_parameter_reference(const std::string& text, const std::string& file);

// `queuelab parameters`: the parameter reference as Markdown, or with `update_path` written into
// that file between the markers.
int parameters_command(const std::string& update_path, std::ostream& out);

// Where the lessons and the learner's progress are; empty: the defaults
// (curriculum::default_lessons_dir(), curriculum::ProgressStore::default_file()).
struct CurriculumPaths {
    std::filesystem::path lessons_dir;
    std::filesystem::path progress_file;
};

struct CheckOptions {
    std::string lesson_id;
    const sim::HandlerCatalog* catalog = &sim::default_catalog();  // the functions' code
    CurriculumPaths paths;
    bool work = false;                 // --work: the learner's saved work instead of the reference
    std::vector<std::string> answers;  // --answer KEY=VALUE: the learner's answers (saved)
    std::vector<std::string> sets;     // --set KEY=VALUE: the learner's edits of an exercise (saved)
    std::string handler;               // --handler NAME: the handler of tasks that let you choose one
    std::string task;                  // --task ID: only this task
};

// `queuelab check`: one line per check (PASS / FAIL, measured against expected), then a summary
// line. Without --work, --answer or --set it checks the reference solution and records nothing;
// otherwise it checks the learner's work and records it in their progress. Returns 0 when every
// check passed, 1 when one failed, 2 for bad input.
int check_command(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct LessonsOptions {
    CurriculumPaths paths;
    std::string lesson_id;      // empty: list every lesson
    std::string hint_task;      // --hint TASK: show (and record) that task's next hint
    std::string solution_task;  // --solution TASK: show the reference solution (recorded as shown)
    bool mark_read = false;     // --read: mark the lesson's Read part done
};

// `queuelab lessons [ID]`: the list with the learner's progress, or one lesson's text and tasks.
// Broken lesson files are listed on `err` (one line each) and make the exit code 2.
int lessons_command(const LessonsOptions& options, std::ostream& out, std::ostream& err);

struct ProgressOptions {
    CurriculumPaths paths;
    std::filesystem::path export_to;  // --export FILE
    std::filesystem::path import_from;  // --import FILE (replaces the progress)
    bool reset = false;               // --reset [LESSON_ID]
    std::string lesson_id;
};

// `queuelab progress`: where the progress file is, and export, import or reset it.
int progress_command(const ProgressOptions& options, std::ostream& out, std::ostream& err);

struct ExportOptions {
    std::string handler;        // HANDLER: a built-in's name or a learner's .cpp
    std::string scenario_path;  // --scenario
    std::string out_dir;        // --out
    std::string function;       // --function: which of the scenario's functions; empty: the only one
    bool force = false;         // --force: replace a folder that has files
    const sim::HandlerCatalog* catalog = &sim::default_catalog();  // the functions' code
};

// `queuelab export`: runs the scenario with the handler, refuses (1) when it has not passed its
// tests (docs/export.md), else writes the project. 2 for bad input, a folder that has files
// without --force included.
int export_command(const ExportOptions& options, std::ostream& out, std::ostream& err);

struct ImportOptions {
    std::string template_path;
    std::string out_path;  // --out: the scenario file
    std::string handler;   // --handler: the built-in for functions whose Handler names none
    std::vector<std::string> sets;  // --set opt:NAME=VALUE or env:NAME=VALUE: serverless.yml's variables
    const sim::HandlerCatalog* catalog = &sim::default_catalog();
};

// `queuelab import`: a SAM or CloudFormation template, or a serverless.yml, into a scenario file;
// what it leaves out is listed on `err`, one line each. 2 for a bad file.
int import_command(const ImportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace queuelab::cli
