#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "engine.h"
#include "report.h"

namespace queuelab::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The fixed benchmark: `messages` messages sent at once, BatchSize 10, a trivial handler that
// succeeds, pollers free to scale to 1,000 concurrent invokes.
std::string bench_scenario(std::int64_t messages) {
    return R"({
      "name": "bench", "seed": 1, "duration_s": 86400,
      "queues": {"bench": {"VisibilityTimeout": 60}},
      "functions": {"trivial": {"Handler": "fixed-response", "Timeout": 30,
                                "Simulation": {"DurationMs": 100, "ColdStartMs": 200}}},
      "mappings": [{"EventSourceArn": "bench", "FunctionName": "trivial", "BatchSize": 10,
                    "ScalingConfig": {"MaximumConcurrency": 1000}}],
      "traffic": [{"to": "bench", "at_s": 0, "count": )" +
           std::to_string(messages) + R"(, "body": "{\"orderId\":\"o-{i}\"}"}]
    })";
}

// The process's peak resident memory so far, in bytes.
double peak_memory_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) * 1024.0;  // ru_maxrss is in KiB on Linux
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void line(std::ostream& out, const char* format, auto... values) {
    char text[256];
    std::snprintf(text, sizeof text, format, values...);
    out << text;
}

}  // namespace

int bench_command(const BenchOptions& options, std::ostream& out) {
    const auto scenario = options.scenario_path.empty()
                              ? sim::load_scenario_text(bench_scenario(options.messages), "<bench>")
                              : sim::load_scenario_file(options.scenario_path, {}, *options.catalog);
    const double memory_before = peak_memory_bytes();
    const auto started = Clock::now();
    sim::Engine engine(scenario, {.keep_history = options.history, .catalog = options.catalog});
    engine.run();
    const double wall_s = seconds_since(started);
    const double memory_after_run = peak_memory_bytes();
    const auto totals = sim::compute_totals(engine);
    const auto subjects = static_cast<double>(totals.sent + totals.records_put);
    if (options.scenario_path.empty()) {
        out << "queuelab bench: " << options.messages
            << " messages, BatchSize 10, trivial handler, MaximumConcurrency 1000, history "
            << (options.history ? "on" : "off") << "\n";
    } else {
        out << "queuelab bench: " << options.scenario_path << ", history " << (options.history ? "on" : "off") << "\n";
    }
    line(out, "  messages               %lld sent, %lld deleted, %lld dead-lettered\n", static_cast<long long>(totals.sent),
         static_cast<long long>(totals.deleted), static_cast<long long>(totals.dead_lettered));
    if (totals.records_put > 0) line(out, "  stream records         %lld put\n", static_cast<long long>(totals.records_put));
    line(out, "  invocations            %lld (max concurrency %lld)\n", static_cast<long long>(totals.invocations),
         static_cast<long long>(totals.max_concurrency));
    line(out, "  virtual time           %.1f s (%s)\n", sim::to_seconds(engine.now()), engine.end_reason().c_str());
    line(out, "  events                 %llu\n", static_cast<unsigned long long>(engine.events_processed()));
    line(out, "  wall time              %.3f s\n", wall_s);
    // The targets of issue 14 for the fixed benchmark; a scenario's own are in the README.
    const bool fixed = options.scenario_path.empty();
    line(out, "  messages per second    %.0f (messages and stream records%s)\n", subjects / wall_s,
         fixed ? "; target: 3,000,000" : "");
    line(out, "  invocations per second %.0f\n", static_cast<double>(totals.invocations) / wall_s);
    line(out, "  peak memory            %.0f MB, %.0f B per message%s\n", memory_after_run / 1e6,
         (memory_after_run - memory_before) / std::max(1.0, subjects), fixed ? " (target: 150 B with history on)" : "");
    if (!options.report_path.empty()) {
        std::error_code no_file;
        const bool replacing = std::filesystem::exists(options.report_path, no_file);
        const auto report_started = Clock::now();
        sim::write_report_file(options.report_path, engine, options.pretty);
        const double report_s = seconds_since(report_started);
        const double memory_after_report = peak_memory_bytes();
        const auto bytes = static_cast<double>(std::filesystem::file_size(options.report_path));
        line(out, "  report                 %.3f s for %.0f MB (%.0f B per message), %.2f x the run's time%s\n", report_s,
             bytes / 1e6, bytes / std::max(1.0, subjects), report_s / wall_s,
             replacing ? " (it replaced a file: freeing the old one is counted)" : "");
        line(out, "  peak memory with it    %.0f MB, %.2f x the run's own (target: under 2 x)\n", memory_after_report / 1e6,
             (memory_after_report - memory_before) / std::max(1.0, memory_after_run - memory_before));
    }
    return engine.end_reason() == "drained" || engine.end_reason() == "duration" ? kExitOk : kExitFailed;
}

}  // namespace queuelab::cli
