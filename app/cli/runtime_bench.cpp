// `queuelab bench --runtime`: the out-of-process figures. A learner's handler (a trivial one,
// written into the build cache) is built, then (1) one warm execution environment is invoked
// again and again through the Runtime API to time a round trip over loopback, and (2) a
// 10,000-message scenario runs with that handler as its Simulation.Source.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli.h"
#include "engine.h"
#include "handler_builder.h"
#include "report.h"
#include "runtime_catalog.h"

namespace queuelab::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kBenchHandler = R"(// queuelab bench --runtime: every record succeeds.
#include "queuelab/handler.h"

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext&) {
    queuelab::BatchResponse response;
    for (const auto& record : event.Records) {
        if (record.body.empty()) response.batchItemFailures.push_back({record.messageId});
    }
    return queuelab::HandlerResponse::batch(response);
}
)";

std::string write_bench_handler(const std::string& cache_dir) {
    const auto dir = std::filesystem::path(cache_dir) / "bench";
    std::filesystem::create_directories(dir);
    const auto path = dir / "bench_handler.cpp";
    std::ifstream existing(path);
    std::stringstream text;
    text << existing.rdbuf();
    if (text.str() != kBenchHandler) std::ofstream(path) << kBenchHandler;
    return path.string();
}

double milliseconds(Clock::duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

// Invokes one warm environment `count` times; the round trips in ms, sorted.
std::vector<double> round_trips(const runtime::BuildResult& build, int count) {
    auto code = runtime::make_runtime_code({build.executable, "bench", std::filesystem::path(build.source).parent_path(),
                                            build.kinds});
    SqsEvent event;
    SqsMessage message;
    message.messageId = "059f36b4-87a3-44ab-83d2-661975830a7d";
    message.body = R"({"orderId":"o-1"})";
    message.attributes.ApproximateReceiveCount = "1";
    event.Records.push_back(message);
    std::vector<double> times;
    for (int i = -1; i < count; ++i) {  // the first invoke starts the process: not timed
        InvocationContext context("bench-" + std::to_string(i), "bench", "arn:aws:lambda:us-east-1:123456789012:function:bench",
                                  128, 1'704'067'203'000, 1'704'067'200'000);
        const auto started = Clock::now();
        const sim::CodeOutcome outcome = code->invoke(0, &event, context);
        if (i >= 0) times.push_back(milliseconds(Clock::now() - started));
        if (outcome.result != sim::InvocationResult::Success) throw std::runtime_error("the bench handler failed: " + outcome.error_message);
    }
    std::sort(times.begin(), times.end());
    return times;
}

std::string scenario_with_source(std::int64_t messages, const std::string& source) {
    return R"({
      "name": "bench-runtime", "seed": 1, "duration_s": 86400,
      "queues": {"bench": {"VisibilityTimeout": 60}},
      "functions": {"learner": {"Timeout": 30,
                                "Simulation": {"Source": )" + nlohmann::json(source).dump() + R"(,
                                               "DurationMs": 100, "ColdStartMs": 200}}},
      "mappings": [{"EventSourceArn": "bench", "FunctionName": "learner", "BatchSize": 10,
                    "ScalingConfig": {"MaximumConcurrency": 5}}],
      "traffic": [{"to": "bench", "at_s": 0, "count": )" + std::to_string(messages) + R"(, "body": "{\"orderId\":\"o-{i}\"}"}]
    })";
}

}  // namespace

int runtime_bench_command(std::int64_t messages, std::ostream& out) {
    runtime::HandlerBuilder builder;
    const std::string source = write_bench_handler(builder.options().cache_dir);
    const auto build_started = Clock::now();
    const runtime::BuildResult build = builder.build(source);
    if (!build.ok) {
        out << "queuelab bench --runtime: the bench handler does not build: " << build.first_error() << "\n";
        return kExitFailed;
    }
    char line[256];
    out << "queuelab bench --runtime: a learner's handler out of process, through the Lambda Runtime API\n";
    std::snprintf(line, sizeof line, "  handler build          %.1f s%s\n", milliseconds(Clock::now() - build_started) / 1000,
                  build.cached ? " (cached)" : "");
    out << line;

    const std::vector<double> times = round_trips(build, 2000);
    std::snprintf(line, sizeof line, "  invoke round trip      median %.3f ms, p90 %.3f ms, over %zu warm invokes (target: median at most 0.3 ms)\n",
                  times[times.size() / 2], times[times.size() * 9 / 10], times.size());
    out << line;

    const runtime::RuntimeCatalog catalog(builder);
    const auto started = Clock::now();
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(sim::load_scenario_text(scenario_with_source(messages, source), source + ".json", {}, catalog),
                       options);
    engine.run();
    const double wall_s = milliseconds(Clock::now() - started) / 1000;
    const auto totals = sim::compute_totals(engine);
    std::snprintf(line, sizeof line, "  %lld messages         %lld deleted, %lld invocations, wall time %.2f s\n",
                  static_cast<long long>(totals.sent), static_cast<long long>(totals.deleted),
                  static_cast<long long>(totals.invocations), wall_s);
    out << line;
    return totals.deleted == totals.sent ? kExitOk : kExitFailed;
}

}  // namespace queuelab::cli
