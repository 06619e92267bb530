#include "event_queue.h"

#include <algorithm>

namespace queuelab::sim {
namespace {
// std heap algorithms build a max-heap; "later" ordering turns it into a min-heap on (time, seq).
// A function object, not a function, so the heap algorithms inline it.
constexpr auto later = [](const Event& x, const Event& y) {
    return x.time != y.time ? x.time > y.time : x.sequence > y.sequence;
};
}  // namespace

void EventQueue::schedule(SimTime time, EventKind kind, std::uint32_t a, std::uint64_t b) {
    heap_.push_back(Event{time, next_sequence_++, kind, a, b});
    std::push_heap(heap_.begin(), heap_.end(), later);
}

Event EventQueue::pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Event event = heap_.back();
    heap_.pop_back();
    return event;
}

}  // namespace queuelab::sim
