#include "summary_table.h"

#include <cstdio>
#include <ostream>
#include <utility>
#include <vector>

#include "lab/drain.h"

namespace queuelab::cli {
namespace {

using Row = std::pair<std::string, std::string>;

std::string format_number(double value, const char* format) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::vector<Row> rows_of(const RunSummary& run) {
    const auto& t = run.totals;
    auto count = [](std::int64_t value) { return std::to_string(value); };
    std::vector<Row> rows{
        {"ended at", format_number(run.ended_at_s, "%.3f s") + " (" + run.end_reason + ")"},
        {"messages sent", count(t.sent)},
        {"deleted", count(t.deleted)},
        {"dead-lettered", count(t.dead_lettered)},
        {"expired", count(t.expired)},
        {"filtered", count(t.filtered)},
        {"lost (deleted after a failure)", count(t.lost)},
        {"still in queue / in flight", count(t.in_queue) + " / " + count(t.in_flight)},
        {"invocations", count(t.invocations)},
        {"invocation errors", count(t.invocation_errors)},
        {"  of which timeouts", count(t.timeouts)},
        {"throttled invokes", count(t.throttles)},
        {"records delivered", count(t.records_delivered)},
        {"processed ok", count(t.processed_ok)},
        {"processed more than once", count(t.processed_more_than_once)},
        {"max concurrency", count(t.max_concurrency)},
        {"SQS requests", count(t.sqs_requests)},
        {"cost (Lambda + SQS)", format_number(t.cost_usd, "$%.7f")},
    };
    if (t.records_put + t.put_throttled > 0) {
        const std::vector<Row> stream_rows{
            {"stream records put", count(t.records_put)},
            {"  throttled puts", count(t.put_throttled)},
            {"  checkpointed", count(t.checkpointed)},
            {"  sent to on-failure", count(t.sent_to_on_failure)},
            {"  skipped", count(t.skipped)},
            {"  not read yet", count(t.in_stream)},
        };
        rows.insert(rows.begin() + 8, stream_rows.begin(), stream_rows.end());
    }
    return rows;
}

}  // namespace

RunSummary summarize(const sim::Engine& engine, std::string label) {
    return RunSummary{std::move(label), engine.scenario().name, engine.scenario().seed, sim::to_seconds(engine.now()),
                      engine.end_reason(), lab::drain_text(lab::time_to_drain(engine)), sim::compute_totals(engine)};
}

void print_summary(std::ostream& out, const RunSummary& run) {
    out << "scenario " << run.scenario << "  seed " << run.seed << "\n";
    for (const auto& [name, value] : rows_of(run)) {
        out << "  " << name << std::string(32 - std::min<std::size_t>(32, name.size()), ' ') << value << "\n";
    }
}

void print_comparison(std::ostream& out, const RunSummary& a, const RunSummary& b) {
    out << "scenario " << a.scenario << "  seed " << a.seed << "\n";
    out << "  A: as written\n  B: " << b.label << "\n\n";
    auto rows_a = rows_of(a);
    auto rows_b = rows_of(b);
    rows_a.push_back({"time to drain", a.time_to_drain});
    rows_b.push_back({"time to drain", b.time_to_drain});
    constexpr std::size_t kName = 32, kValue = 24;
    auto pad = [](const std::string& text, std::size_t width) {
        return text + std::string(width - std::min(width, text.size()), ' ');
    };
    out << "  " << pad("", kName) << pad("A", kValue) << "B\n";
    for (std::size_t i = 0; i < rows_a.size(); ++i) {
        const bool differs = rows_a[i].second != rows_b[i].second;
        out << (differs ? "* " : "  ") << pad(rows_a[i].first, kName) << pad(rows_a[i].second, kValue)
            << rows_b[i].second << "\n";
    }
    out << "\n  * differs between A and B\n";
}

}  // namespace queuelab::cli
