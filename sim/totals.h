#pragma once
// A run's totals (docs/report-format.md "totals"), and one table that describes each of them: its
// report key, its label, what it means and which direction is better for the system. The report,
// the CLI's summary and compare, and the lab's compare view all list totals from this table.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace queuelab::sim {

class Engine;

struct Totals {
    std::int64_t sent = 0;               // messages accepted by SendMessage (redrives excluded)
    std::int64_t deleted = 0;
    std::int64_t dead_lettered = 0;      // messages moved to a dead-letter queue (ever)
    std::int64_t expired = 0;
    std::int64_t filtered = 0;           // messages and stream records no FilterCriteria filter matched
    std::int64_t lost = 0;               // deleted, or checkpointed past, although the handler last reported them failed
    std::int64_t in_queue = 0;
    std::int64_t in_flight = 0;
    std::int64_t invocations = 0;        // invokes that ran the handler
    std::int64_t invocation_errors = 0;  // error, timeout or crashed
    std::int64_t throttles = 0;
    std::int64_t timeouts = 0;
    std::int64_t records_delivered = 0;
    std::int64_t processed_ok = 0;       // messages and records the handler reported done at least once
    std::int64_t processed_more_than_once = 0;
    std::int64_t max_concurrency = 0;
    std::int64_t sqs_requests = 0;
    std::int64_t rejected_sends = 0;
    std::int64_t deduplicated_sends = 0;
    std::int64_t redriven = 0;
    std::int64_t records_put = 0;        // stream records accepted by PutRecord
    std::int64_t put_throttled = 0;      // ProvisionedThroughputExceededException
    std::int64_t checkpointed = 0;
    std::int64_t sent_to_on_failure = 0;
    std::int64_t skipped = 0;            // past retention, or given up without a destination
    std::int64_t in_stream = 0;          // not read yet at the end
    double gb_seconds = 0;
    double lambda_cost_usd = 0;
    double sqs_cost_usd = 0;
    double cost_usd = 0;
};

Totals compute_totals(const Engine& engine);

// Which way a total should move for the system to be better off: fewer lost or dead-lettered
// messages, fewer duplicates, throttles, errors and dollars; more processed.
enum class Better : std::uint8_t { Lower, Higher, Neither };
enum class TotalFormat : std::uint8_t { Count, Dollars, GbSeconds };
// When a summary shows the row: always; only when a run put stream records; only when non-zero
// in some run; never (the report has it, the summary shows a sum of it).
enum class Shown : std::uint8_t { Always, WithStreams, WhenNonZero, ReportOnly };

struct TotalField {
    std::string_view name;     // the report's key
    std::string_view label;    // for people, in the CLI and the lab
    std::string_view meaning;  // one line
    Better better;
    TotalFormat format;
    Shown shown;
    std::variant<std::int64_t Totals::*, double Totals::*> member;
};

// In the report's order.
const std::vector<TotalField>& total_fields();
double total_value(const Totals& totals, const TotalField& field);
// "12", "$0.0000123", "1.5 GB-s".
std::string format_total(const Totals& totals, const TotalField& field);

// How `b` compares with `a` on this total: the same, better, worse, or different without a
// better side.
enum class Change : std::uint8_t { Same, Better, Worse, Different };
Change compare_total(const TotalField& field, const Totals& a, const Totals& b);

// Whether a summary of these runs shows the row.
bool shows(const TotalField& field, const std::vector<const Totals*>& runs);

}  // namespace queuelab::sim
