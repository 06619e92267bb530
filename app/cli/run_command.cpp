#include <iostream>

#include "cli.h"
#include "engine.h"
#include "input_error.h"
#include "report.h"
#include "summary_table.h"

namespace queuelab::cli {

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
    try {
        sim::Engine engine(sim::load_scenario_file(options.scenario_path, options.overrides, *options.catalog),
                           {.catalog = options.catalog});
        engine.run();
        print_summary(out, summarize(engine));
        if (!options.out_path.empty()) {
            sim::write_file_atomically(options.out_path, sim::build_report(engine).dump(2) + "\n");
            out << "report written to " << options.out_path << "\n";
        }
        return kExitOk;
    } catch (const sim::InputError& error) {
        err << error.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& error) {
        err << "queuelab: " << error.what() << "\n";
        return kExitFailed;
    }
}

}  // namespace queuelab::cli
