#include "summary_table.h"

#include <cstdio>
#include <ostream>
#include <utility>
#include <vector>

#include "lab/compare_verdict.h"
#include "lab/drain.h"
#include "totals.h"

namespace queuelab::cli {
namespace {

using Row = std::pair<std::string, std::string>;

std::string format_number(double value, const char* format) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// The rows of the runs' totals a summary shows (sim::total_fields), after when each run ended.
std::vector<std::vector<Row>> rows_of(const std::vector<const RunSummary*>& runs) {
    std::vector<const sim::Totals*> totals;
    for (const RunSummary* run : runs) totals.push_back(&run->totals);
    std::vector<std::vector<Row>> rows(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        rows[i].push_back({"ended at", format_number(runs[i]->ended_at_s, "%.3f s") + " (" + runs[i]->end_reason + ")"});
    }
    for (const sim::TotalField& field : sim::total_fields()) {
        if (!sim::shows(field, totals)) continue;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            rows[i].push_back({std::string(field.label), sim::format_total(*totals[i], field)});
        }
    }
    for (std::size_t i = 0; i < runs.size(); ++i) rows[i].push_back({"time to drain", runs[i]->time_to_drain});
    return rows;
}

// Per row of rows_of: how B's value compares with A's (sim::compare_total; for the time to drain,
// sooner is better and never draining is worst).
std::vector<sim::Change> changes_of(const RunSummary& a, const RunSummary& b) {
    std::vector<sim::Change> changes{sim::Change::Different};  // ended at
    for (const sim::TotalField& field : sim::total_fields()) {
        if (sim::shows(field, {&a.totals, &b.totals})) changes.push_back(sim::compare_total(field, a.totals, b.totals));
    }
    changes.push_back(lab::compare_drain(a.drain, b.drain));
    return changes;
}

}  // namespace

RunSummary summarize(const sim::Engine& engine, std::string label) {
    const lab::DrainTime drain = lab::time_to_drain(engine);
    return RunSummary{std::move(label),          engine.scenario().name, engine.scenario().seed,
                      sim::to_seconds(engine.now()), engine.end_reason(),   lab::drain_text(drain),
                      drain,                     sim::compute_totals(engine)};
}

void print_summary(std::ostream& out, const RunSummary& run) {
    out << "scenario " << run.scenario << "  seed " << run.seed << "\n";
    const auto rows = rows_of({&run});
    for (const auto& [name, value] : rows.front()) {
        out << "  " << name << std::string(32 - std::min<std::size_t>(32, name.size()), ' ') << value << "\n";
    }
}

void print_comparison(std::ostream& out, const RunSummary& a, const RunSummary& b) {
    out << "scenario " << a.scenario << "  seed " << a.seed << "\n";
    out << "  A: as written\n  B: " << b.label << "\n\n";
    const auto rows = rows_of({&a, &b});
    const auto changes = changes_of(a, b);
    const auto& rows_a = rows[0];
    const auto& rows_b = rows[1];
    constexpr std::size_t kName = 32, kValue = 24;
    auto pad = [](const std::string& text, std::size_t width) {
        return text + std::string(width - std::min(width, text.size()), ' ');
    };
    out << "  " << pad("", kName) << pad("A", kValue) << "B\n";
    for (std::size_t i = 0; i < rows_a.size(); ++i) {
        const bool differs = rows_a[i].second != rows_b[i].second;
        const char* word = changes[i] == sim::Change::Better ? "better" : changes[i] == sim::Change::Worse ? "worse" : "";
        std::string line = (differs ? "* " : "  ") + pad(rows_a[i].first, kName) + pad(rows_a[i].second, kValue) + rows_b[i].second;
        if (differs && *word != '\0') line = pad(line, 2 + kName + 2 * kValue) + word;
        out << line << "\n";
    }
    out << "\n  * differs between A and B (better or worse for the system)\n";
    out << "  " << lab::compare_verdict(a.totals, b.totals) << "\n";
    out << "  " << lab::kLostNote << "\n";
}

}  // namespace queuelab::cli
