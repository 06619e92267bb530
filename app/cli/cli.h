#pragma once
// The command line (README.md "Command line"). Exit codes: 0 success, 1 a run or check
// failed, 2 bad input (one line on stderr naming the file, the field and what was expected:
// docs/scenario-format.md 9). `run` writes the report of docs/report-format.md, `compare` the
// pair of its section 7.

#include <iosfwd>
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
};

// `queuelab run`: prints the summary to `out`; errors to `err`. Returns the exit code.
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// kExitFailed, after one line on `err` saying which budget and when, if a resource budget stopped
// `engine`'s run (docs/aws-rules.md 5.25); kExitOk otherwise. `run` names the run ("", "B").
int budget_exit_code(const sim::Engine& engine, const std::string& run, std::ostream& err);

// `queuelab compare`: A is the scenario with `options.overrides` only (e.g. --seed), B adds
// `b_overrides`.
int compare_command(const RunOptions& options, const std::vector<sim::Override>& b_overrides,
                    std::ostream& out, std::ostream& err);

// `queuelab bench`: the fixed large scenario; prints its figures.
int bench_command(std::int64_t messages, std::ostream& out);

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

}  // namespace queuelab::cli
