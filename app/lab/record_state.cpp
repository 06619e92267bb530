#include "record_state.h"

#include <algorithm>

namespace queuelab::lab {

bool settled(RecordState state) {
    switch (state) {
        case RecordState::Waiting:
        case RecordState::InBatch:
        case RecordState::Retrying: return false;
        case RecordState::Checkpointed:
        case RecordState::Filtered:
        case RecordState::SentToOnFailure:
        case RecordState::Skipped:
        case RecordState::BeforeStart: return true;
    }
    return false;
}

bool retrying(const sim::StreamMapping::ConsumerView& consumer) {
    return !consumer.batch.empty() &&
           (consumer.retries > 0 || consumer.activity == sim::StreamMapping::ConsumerActivity::BackingOff);
}

StreamRecordStates::StreamRecordStates(const sim::Engine& engine, const sim::StreamMapping& mapping,
                                       std::span<const sim::StreamMapping::ConsumerView> consumers)
    : kinesis_(engine.kinesis()), mapping_(mapping), blocked_(kinesis_.shard_count(mapping.stream()), false) {
    for (const auto& c : consumers) {
        if (retrying(c)) blocked_[c.shard] = true;
        for (const auto r : c.batch) held_.push_back({r, retrying(c) ? RecordState::Retrying : RecordState::InBatch});
    }
    std::sort(held_.begin(), held_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

RecordState StreamRecordStates::state(std::uint32_t shard, std::size_t position) const {
    const auto index = kinesis_.shard_records(mapping_.stream(), shard)[position];
    switch (kinesis_.record(index).outcome) {
        case sim::RecordOutcome::Checkpointed: return RecordState::Checkpointed;
        case sim::RecordOutcome::Filtered: return RecordState::Filtered;
        case sim::RecordOutcome::SentToOnFailure: return RecordState::SentToOnFailure;
        case sim::RecordOutcome::Skipped: return RecordState::Skipped;
        case sim::RecordOutcome::InStream: break;
    }
    if (mapping_.before_starting_position(shard, position)) return RecordState::BeforeStart;
    const auto it = std::lower_bound(held_.begin(), held_.end(), index, [](const auto& h, std::uint32_t i) { return h.first < i; });
    return it != held_.end() && it->first == index ? it->second : RecordState::Waiting;
}

}  // namespace queuelab::lab
