#pragma once
// An event a mapping reuses from one invoke to the next, so that filling its records reuses the
// capacity of their strings instead of allocating.

#include <cstddef>
#include <utility>
#include <vector>

namespace queuelab::sim {

template <class Event>
class ReusedEvent {
public:
    using Record = typename decltype(Event::Records)::value_type;

    // The event with `count` records, each holding what an earlier batch left in it, to be
    // overwritten. Records a smaller batch drops are kept aside for the next larger one.
    Event& with_records(std::size_t count) {
        auto& records = event_.Records;
        while (records.size() > count) {
            spare_.push_back(std::move(records.back()));
            records.pop_back();
        }
        while (records.size() < count && !spare_.empty()) {
            records.push_back(std::move(spare_.back()));
            spare_.pop_back();
        }
        records.resize(count);
        return event_;
    }

private:
    Event event_;
    std::vector<Record> spare_;
};

}  // namespace queuelab::sim
