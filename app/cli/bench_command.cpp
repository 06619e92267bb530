#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "engine.h"
#include "report.h"

namespace queuelab::cli {
namespace {

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

double peak_memory_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int bench_command(std::int64_t messages, std::ostream& out) {
    const auto scenario = sim::load_scenario_text(bench_scenario(messages), "<bench>");
    const auto started = std::chrono::steady_clock::now();
    sim::Engine engine(scenario);
    engine.run();
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto totals = sim::compute_totals(engine);
    char line[256];
    out << "queuelab bench: " << messages << " messages, BatchSize 10, trivial handler, MaximumConcurrency 1000\n";
    std::snprintf(line, sizeof line, "  deleted                %lld of %lld\n", static_cast<long long>(totals.deleted),
                  static_cast<long long>(totals.sent));
    out << line;
    std::snprintf(line, sizeof line, "  invocations            %lld (max concurrency %lld)\n",
                  static_cast<long long>(totals.invocations), static_cast<long long>(totals.max_concurrency));
    out << line;
    std::snprintf(line, sizeof line, "  virtual time           %.1f s\n", sim::to_seconds(engine.now()));
    out << line;
    std::snprintf(line, sizeof line, "  events                 %llu\n",
                  static_cast<unsigned long long>(engine.events_processed()));
    out << line;
    std::snprintf(line, sizeof line, "  wall time              %.3f s\n", wall_s);
    out << line;
    std::snprintf(line, sizeof line, "  messages per second    %.0f (target: 1,000,000)\n",
                  static_cast<double>(totals.sent) / wall_s);
    out << line;
    std::snprintf(line, sizeof line, "  peak memory            %.0f MB (target: under 500 MB)\n", peak_memory_mb());
    out << line;
    return totals.deleted == totals.sent ? kExitOk : kExitFailed;
}

}  // namespace queuelab::cli
