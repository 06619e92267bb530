#pragma once
// The discrete-event core: a min-heap of timed events. Events at the same time run in the order
// they were scheduled, so a run is a pure function of the scenario and the seed.

#include <cstdint>
#include <vector>

#include "sim_time.h"

namespace queuelab::sim {

enum class EventKind : std::uint8_t {
    Traffic,            // a = traffic entry, b = step within it
    Action,             // a = scenario action index
    DelayEnds,          // a = queue, b = message
    VisibilityCheck,    // a = queue: make due in-flight messages visible again
    RetentionCheck,     // a = queue: expire messages past MessageRetentionPeriod
    PollerTimer,        // a = SQS mapping, b = its timer (SqsMapping::on_slot_timer)
    ScalingTick,        // a = SQS mapping
    MoveTaskTick,       // a = move task
    Sample,             // recorder time-series sample
    WakePollers,        // a = queue: messages may have become receivable
    MappingStarts,      // a = mapping
    StreamMappingStarts,   // a = stream mapping
    ConsumerTimer,         // a = stream mapping, b = its timer (StreamMapping::on_timer)
};

struct Event {
    SimTime time;
    std::uint64_t sequence;
    EventKind kind;
    std::uint32_t a;
    std::uint64_t b;
};

class EventQueue {
public:
    void schedule(SimTime time, EventKind kind, std::uint32_t a = 0, std::uint64_t b = 0);

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    // REQUIRES: !empty().
    const Event& top() const { return heap_.front(); }
    // REQUIRES: !empty(). Removes and returns the earliest event.
    Event pop();

private:
    std::vector<Event> heap_;
    std::uint64_t next_sequence_ = 0;
};

}  // namespace queuelab::sim
