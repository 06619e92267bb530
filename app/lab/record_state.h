#pragma once
// What a stream record is to one stream mapping at the engine's now, as the topology's shard bars
// draw it (docs/aws-rules.md 3.18, 3.22, 3.16, 3.17, 3.7 and 3.11): done with (checkpointed,
// filtered out, sent to the on-failure destination, skipped), out of reach of the mapping's
// StartingPosition, in a batch one of its consumers holds (retrying once that batch has failed: it
// blocks its lane of the shard), or waiting to be read.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine.h"

namespace queuelab::lab {

enum class RecordState : std::uint8_t {
    Waiting,          // not read yet
    InBatch,          // in a batch being gathered or invoked for the first time
    Retrying,         // in a batch that failed and will be delivered again
    Checkpointed,     // processed: the checkpoint is past it
    Filtered,         // matched no FilterCriteria filter: discarded as it was read
    SentToOnFailure,  // given up; its batch was described to the on-failure destination
    Skipped,          // given up without a destination, or past retention
    BeforeStart,      // put before the StartingPosition: never read
};

// True when Lambda is done with the record (or never reads it): every state but Waiting,
// InBatch and Retrying. A shard's checkpoint is just before its oldest record not settled.
bool settled(RecordState state);

// True when the consumer holds a batch that already failed (it was retried or is backing off
// before its retry): nothing newer from its lane of the shard is delivered meanwhile.
bool retrying(const sim::StreamMapping::ConsumerView& consumer);

// The states of one stream mapping's records. Built once per frame; each query is then a binary
// search over the records its consumers hold.
class StreamRecordStates {
public:
    // `consumers`: mapping.consumers() at the engine's now. Both must outlive this object.
    StreamRecordStates(const sim::Engine& engine, const sim::StreamMapping& mapping,
                       std::span<const sim::StreamMapping::ConsumerView> consumers);

    // The record at `position` (0: the oldest) of the mapping's stream's `shard`.
    // REQUIRES: position < kinesis.shard_records(mapping.stream(), shard).size().
    RecordState state(std::uint32_t shard, std::size_t position) const;

    // True when a consumer of `shard` is retrying a failed batch.
    bool blocked(std::uint32_t shard) const { return blocked_[shard]; }

private:
    const sim::KinesisService& kinesis_;
    const sim::StreamMapping& mapping_;
    std::vector<std::pair<std::uint32_t, RecordState>> held_;  // records in consumers' batches, by index
    std::vector<bool> blocked_;                                // per shard
};

}  // namespace queuelab::lab
