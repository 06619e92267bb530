#include <algorithm>
#include <iostream>

#include "cli.h"
#include "engine.h"
#include "input_error.h"
#include "json_writer.h"
#include "report.h"
#include "summary_table.h"

namespace queuelab::cli {
namespace {

std::string describe(const std::vector<sim::Override>& overrides) {
    std::string text;
    for (const auto& o : overrides) text += (text.empty() ? "" : ", ") + o.path + "=" + o.value;
    return text;
}

}  // namespace

int compare_command(const RunOptions& options, const std::vector<sim::Override>& b_overrides,
                    std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        auto all_b = options.overrides;
        all_b.insert(all_b.end(), b_overrides.begin(), b_overrides.end());
        const auto& catalog = *options.catalog;
        sim::Engine a(sim::load_scenario_file(options.scenario_path, options.overrides, catalog), {.keep_history = options.keep_history, .catalog = &catalog});
        sim::Engine b(sim::load_scenario_file(options.scenario_path, all_b, catalog),
                      {.keep_history = options.keep_history, .catalog = &catalog});
        a.run();
        b.run();
        print_comparison(out, summarize(a, "A"), summarize(b, describe(b_overrides)));
        if (!options.out_path.empty()) {
            sim::write_file_atomically(options.out_path, [&](const sim::ChunkSink& sink) {
                sim::JsonWriter report(sink, options.pretty ? 2 : -1);
                report.begin_object().member("overrides_b", describe(b_overrides));
                sim::write_report(report.key("a"), a);
                sim::write_report(report.key("b"), b);
                report.end_object().flush();
                sink("\n");
            });
            out << "report written to " << options.out_path << "\n";
        }
        const int a_exit = budget_exit_code(a, "A", err);
        const int b_exit = budget_exit_code(b, "B", err);
        return std::max(a_exit, b_exit);
    });
}

}  // namespace queuelab::cli
