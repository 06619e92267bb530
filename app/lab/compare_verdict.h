#pragma once
// How run B compares with run A for the system, as `queuelab compare` and the lab's compare view
// say it: each total's difference, and one line that weighs them, lost first (a message or
// record gone after its handler reported it failed outweighs anything B does better).

#include <string>
#include <string_view>

#include "totals.h"

namespace queuelab::lab {

// What "lost" counts, said once under every comparison (docs/report-format.md, aws-rules 2.11 and 3.26).
inline constexpr std::string_view kLostNote =
    "lost: messages deleted, and stream records checkpointed past, although the handler last reported them failed";

// "+3", "-$0.0000012", "+1.500 GB-s".
std::string format_difference(const sim::TotalField& field, double difference);

// "B is worse: it loses 1 that A kept; better: dead-lettered -1", "B is better: throttled
// invokes -40, ...", "B is mixed: ...", or "B is the same as A for the system".
std::string compare_verdict(const sim::Totals& a, const sim::Totals& b);

}  // namespace queuelab::lab
