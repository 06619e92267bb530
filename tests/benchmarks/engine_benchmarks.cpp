// Google Benchmark figures for the engine's hot paths. Not tests: they print numbers
// (build/tests/engine_benchmarks). `queuelab bench` measures the whole 1,000,000-message run.

#include <benchmark/benchmark.h>

#include <string>

#include "batch_response_rules.h"
#include "engine.h"
#include "event_queue.h"
#include "json_writer.h"
#include "overrides.h"
#include "report.h"
#include "scenario_loader.h"

namespace {

using namespace queuelab::sim;

void BM_EventQueueScheduleAndPop(benchmark::State& state) {
    const auto events = state.range(0);
    for (auto _ : state) {
        EventQueue queue;
        for (std::int64_t i = 0; i < events; ++i) queue.schedule((i * 7919) % 100'000, EventKind::Sample);
        while (!queue.empty()) benchmark::DoNotOptimize(queue.pop());
    }
    state.SetItemsProcessed(state.iterations() * events);
}
BENCHMARK(BM_EventQueueScheduleAndPop)->Arg(1'000)->Arg(100'000);

void BM_ResponseRulesPartialBatch(benchmark::State& state) {
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) ids.push_back("00000000-0000-4000-8000-00000000000" + std::to_string(i));
    const std::string payload = R"({"batchItemFailures":[{"itemIdentifier":")" + ids[3] + R"("}]})";
    for (auto _ : state) benchmark::DoNotOptimize(apply_response_rules(payload, ids, true));
}
BENCHMARK(BM_ResponseRulesPartialBatch);

void BM_EngineDrainsQueue(benchmark::State& state) {
    const auto messages = state.range(0);
    const auto scenario = load_scenario_text(R"({"name": "drain", "duration_s": 3600,
        "queues": {"q": {}},
        "functions": {"f": {"Handler": "fixed-response", "Simulation": {"DurationMs": 100}}},
        "mappings": [{"EventSourceArn": "q", "FunctionName": "f"}],
        "traffic": [{"to": "q", "at_s": 0, "count": )" + std::to_string(messages) + R"(, "body": "m-{i}"}]})",
                                             "<benchmark>");
    for (auto _ : state) {
        Engine engine(scenario);
        engine.run();
        benchmark::DoNotOptimize(engine.now());
    }
    state.SetItemsProcessed(state.iterations() * messages);
}
BENCHMARK(BM_EngineDrainsQueue)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The report of tests/benchmarks/scenarios/report-200k.json's run at 100,000 messages (with history,
// as `run` keeps it), into a sink that only counts its bytes: the formatting alone, without the
// file. The argument is write_report's parallel batch (0: one thread).
void BM_WriteReport(benchmark::State& state) {
    const auto scenario = load_scenario_file(QUEUELAB_SOURCE_DIR "/tests/benchmarks/scenarios/report-200k.json",
                                             {parse_override("traffic.0.count=100000")});
    Engine engine(scenario);
    engine.run();
    std::size_t bytes = 0;
    for (auto _ : state) {
        JsonWriter out([&](std::string_view chunk) { bytes += chunk.size(); }, -1);
        write_report(out, engine, static_cast<std::uint32_t>(state.range(0)));
        out.flush();
    }
    benchmark::DoNotOptimize(bytes);
    state.SetItemsProcessed(state.iterations() * 100'000);
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_WriteReport)->Arg(0)->Arg(kParallelReportBatch)->Arg(1024)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
