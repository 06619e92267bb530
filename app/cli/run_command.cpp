#include <iostream>

#include "cli.h"
#include "engine.h"
#include "input_error.h"
#include "json_reader.h"
#include "report.h"
#include "summary_table.h"

namespace queuelab::cli {

int budget_exit_code(const sim::Engine& engine, const std::string& run, std::ostream& err) {
    const auto& limits = engine.scenario().limits;
    std::string what;
    if (engine.end_reason() == "work_budget") {
        what = "more than " + std::to_string(limits.max_events_per_instant) +
               " events at one virtual instant (work budget, service limit max_events_per_instant)";
    } else if (engine.end_reason() == "memory_budget") {
        what = "more than " + std::to_string(limits.max_stored_bytes) +
               " bytes kept (memory budget, service limit max_stored_bytes)";
    } else {
        return kExitOk;
    }
    err << "queuelab: " << (run.empty() ? "the run" : "run " + run) << " stopped at "
        << sim::format_number(sim::to_seconds(engine.now())) << " s: " << what << "; docs/aws-rules.md 5.28\n";
    return kExitFailed;
}

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        sim::Engine engine(sim::load_scenario_file(options.scenario_path, options.overrides, *options.catalog),
                           {.keep_history = options.keep_history, .catalog = options.catalog});
        engine.run();
        print_summary(out, summarize(engine));
        if (!options.out_path.empty()) {
            sim::write_report_file(options.out_path, engine, options.pretty);
            out << "report written to " << options.out_path << "\n";
        }
        return budget_exit_code(engine, "", err);
    });
}

}  // namespace queuelab::cli
