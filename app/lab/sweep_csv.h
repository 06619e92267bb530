#pragma once
// A sweep's results as `queuelab sweep --out` writes them (README.md "Sweeps"): the header
// `point,seed,KEY...,end_reason,drain_time_s,TOTAL...` (one KEY per --vary, in its order), then one
// row per grid point and seed. Fields are CSV as RFC 4180 writes them: a field holding a comma, a
// quote or a line break is quoted, its quotes doubled. Read within the bounds of
// docs/aws-rules.md 5.27: at most 64 MiB, and every problem is one sim::InputError line naming the
// file, the line, the column and what was expected.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace queuelab::lab {

struct SweepRow {
    std::int64_t point = 0;
    std::uint64_t seed = 0;
    std::vector<std::string> values;  // one per varied key, as the sweep wrote it (JSON or text)
    std::string end_reason;           // drained, duration, work_budget or memory_budget
    // One per metric column; only drain_time_s may be missing (the run did not drain).
    std::vector<std::optional<double>> metrics;
};

struct SweepResults {
    std::string path;
    std::vector<std::string> keys;     // the varied keys (--vary), in the file's order
    std::vector<std::string> metrics;  // the numeric columns after end_reason: drain_time_s (always), then every total
    std::vector<SweepRow> rows;        // in the file's order (the grid's)

    std::optional<std::size_t> metric_index(std::string_view name) const;
};

// A field as a number: finite, in decimal or exponent notation, and nothing else ("1", "0.5",
// "2.05e-05"); nullopt for anything else ("", "[]", "1 s", "inf").
std::optional<double> parse_number(std::string_view text);

// `text` as read from `path`. Throws sim::InputError.
SweepResults parse_sweep_csv(const std::string& text, const std::string& path);
// Reads the file and parses it. Throws sim::InputError.
SweepResults read_sweep_csv(const std::string& path);

}  // namespace queuelab::lab
