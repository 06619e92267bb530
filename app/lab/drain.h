#pragma once
// A run's time to drain, as the compare view and `queuelab compare` show it: when nothing more
// could happen. A run also ends when the only messages left wait in a queue that no running
// mapping reads (none reads it, or its mapping is disabled); it never drained those, and says so.

#include <cstdint>
#include <string>

#include "engine.h"
#include "totals.h"

namespace queuelab::lab {

// Messages that the scenario's traffic sent to queues no running SQS mapping reads and that
// still wait there (visible or delayed).
std::int64_t unread_messages(const sim::Engine& engine);

struct DrainTime {
    enum class Kind {
        Running,     // the run has not ended
        NotDrained,  // it stopped at duration_s with work left
        Unread,      // it ended with `unread` messages in queues no mapping reads
        Drained,     // it ended at `at` with nothing left to do
    };
    Kind kind = Kind::Running;
    sim::SimTime at = 0;
    std::int64_t unread = 0;
};

DrainTime time_to_drain(const sim::Engine& engine);

// Whether B's time to drain is better for the system than A's: draining sooner, or at all.
sim::Change compare_drain(const DrainTime& a, const DrainTime& b);

// "running", "not drained", "never: 1,024 unread" or "1 min 30.0 s".
std::string drain_text(const DrainTime& drain);

}  // namespace queuelab::lab
