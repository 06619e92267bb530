#pragma once
// Running counts of what happened in one run, per queue and per function, kept up to date from
// the recorder's append-only history and invocation list. Views read these instead of rescanning
// a whole run every frame: an update costs only what happened since the last one.

#include <cstdint>
#include <vector>

#include "engine.h"

namespace queuelab::lab {

class RunActivity {
public:
    struct QueueCounts {
        std::int64_t sent = 0;              // entered by SendMessage (a redrive's copies not included)
        std::int64_t redriven_in = 0;       // moved here by StartMessageMoveTask
        std::int64_t redriven_out = 0;      // moved from here (a dead-letter queue) by StartMessageMoveTask
        std::int64_t deleted = 0;
        std::int64_t lost = 0;              // deleted although the handler last said it failed
        std::int64_t returned = 0;          // not deleted within the visibility timeout
        std::int64_t dead_lettered_out = 0; // moved from here to its dead-letter queue
        std::int64_t expired = 0;
        std::int64_t filtered = 0;
        std::int64_t stale_deletes = 0;     // DeleteMessage with an out-of-date receipt handle
        sim::SimTime last_sent = -1;
        sim::SimTime last_deleted = -1;
        sim::SimTime last_returned = -1;
        sim::SimTime last_dead_lettered = -1;
        sim::SimTime last_redriven = -1;    // in or out
    };
    struct FunctionCounts {
        std::int64_t invocations = 0;       // started
        std::int64_t errors = 0;            // ended with an error, timeout or crash
        std::int64_t throttles = 0;
        std::int64_t cold_starts = 0;
        sim::SimTime last_throttle = -1;
    };

    // Takes in what the engine recorded since the last call.
    void update(const sim::Engine& engine);

    const QueueCounts& queue(std::uint32_t index) const { return queues_[index]; }
    const FunctionCounts& function(std::uint32_t index) const { return functions_[index]; }

private:
    void take_history_entry(const sim::Engine& engine, const sim::HistoryEntry& entry);
    void take_started_invocation(std::uint32_t index, const sim::InvocationRecord& record);
    void take_ended_invocations(const sim::Engine& engine);

    sim::HistoryReader history_reader_;
    std::size_t invocations_seen_ = 0;
    std::vector<std::uint32_t> queue_of_;        // per message: its queue as of the entries seen
    std::vector<std::uint32_t> running_;         // invocations started and not yet ended
    std::vector<QueueCounts> queues_;
    std::vector<FunctionCounts> functions_;
};

}  // namespace queuelab::lab
