#include <iostream>

#include "cli.h"
#include "input_error.h"
#include "project_export.h"
#include "report.h"
#include "template_import.h"

namespace queuelab::cli {

int export_command(const ExportOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab export", err, [&] {
        const exporting::HandlerChoice handler = exporting::choose_handler(options.handler);
        const exporting::Trial trial = exporting::export_handler({handler, options.scenario_path, options.function},
                                                                 options.out_dir, options.force, *options.catalog);
        if (!trial.passed()) {
            err << "queuelab export: " << handler.display_name() << " has not passed its tests in "
                << options.scenario_path << " (function " << trial.function << "), so it is not exported:\n";
            for (const auto& failure : trial.failures) err << "  " << failure << "\n";
            return kExitFailed;
        }
        out << "exported " << trial.function << " (" << handler.display_name() << ") to " << options.out_dir << ": "
            << trial.replays.size() << " replayed invocations in tests/replay.json\n"
            << "test it: cmake -S " << options.out_dir << " -B " << options.out_dir << "/build && cmake --build "
            << options.out_dir << "/build && ctest --test-dir " << options.out_dir << "/build\n";
        return kExitOk;
    });
}

int import_command(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab import", err, [&] {
        exporting::ImportOptions import{.template_path = options.template_path, .scenario_path = options.out_path,
                                        .sets = options.sets};
        if (!options.handler.empty()) import.default_handler = options.handler;
        const exporting::ImportResult result = exporting::import_template(import, *options.catalog);
        for (const auto& note : result.notes) err << options.template_path << ": " << note << "\n";
        sim::write_file_atomically(options.out_path, result.scenario.dump(2) + "\n");
        out << "scenario written to " << options.out_path << "\n";
        return kExitOk;
    });
}

}  // namespace queuelab::cli
