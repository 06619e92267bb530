#pragma once
// The readable tables `run` and `compare` print.

#include <iosfwd>
#include <string>

#include "lab/drain.h"
#include "report.h"

namespace queuelab::cli {

struct RunSummary {
    std::string label;       // "A", "B" or empty
    std::string scenario;
    std::uint64_t seed = 0;
    double ended_at_s = 0;
    std::string end_reason;
    std::string time_to_drain;  // "1 min 30.0 s", or "never: 10 unread" (lab/drain.h)
    lab::DrainTime drain;
    sim::Totals totals;
};

RunSummary summarize(const sim::Engine& engine, std::string label = {});

void print_summary(std::ostream& out, const RunSummary& run);
// Rows side by side, then the time to drain; a row whose values differ is marked with '*' and,
// when one side is better for the system, "better" or "worse"; then the verdict and what lost counts.
void print_comparison(std::ostream& out, const RunSummary& a, const RunSummary& b);

}  // namespace queuelab::cli
