#pragma once
// Simulated Kinesis Data Streams (docs/aws-rules.md 3.1-3.6): shards owning ranges of the
// 128-bit MD5 hash space of partition keys (ExplicitHashKey overrides the hash), increasing
// sequence numbers per shard, the per-shard write limits (ProvisionedThroughputExceededException)
// and retention.
// Records are never removed; a record older than the stream's retention is simply no longer
// readable (see trim_horizon()).

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event_queue.h"
#include "recorder.h"
#include "scenario.h"
#include "text_arena.h"

namespace queuelab::sim {

// A point of Kinesis's 128-bit hash key space (a GCC/Clang extension type).
__extension__ typedef unsigned __int128 HashKey;

// Filtered: read, matched no FilterCriteria filter of the mapping, and discarded without an invoke.
enum class RecordOutcome : std::uint8_t { InStream, Checkpointed, SentToOnFailure, Skipped, Filtered };

struct StreamRecord {
    std::string_view partition_key;    // in KinesisService's arena
    std::string_view data;             // the bytes put (not base64)
    std::uint32_t stream = 0;
    std::uint32_t shard = 0;
    std::uint64_t sequence = 0;        // per shard, from 1
    std::uint64_t key_hash = 0;        // high 64 bits of the partition key's MD5
    SimTime arrival = 0;               // approximateArrivalTimestamp
    std::uint32_t deliveries = 0;      // times it was in an invoked batch
    std::uint32_t handler_ok = 0;
    std::uint32_t handler_failed = 0;
    Verdict last_verdict = Verdict::None;
    RecordOutcome outcome = RecordOutcome::InStream;
    SimTime ended_at = -1;
};

struct PutResult {
    bool accepted = false;            // false: ProvisionedThroughputExceededException
    std::uint32_t record = kNone;
    std::uint32_t shard = kNone;
};

class KinesisService {
public:
    KinesisService(const Scenario& scenario, EventQueue& events, Recorder& recorder);

    std::uint32_t stream_count() const { return static_cast<std::uint32_t>(streams_.size()); }
    std::uint32_t stream_index(const std::string& name) const;  // kNone if there is none
    const StreamConfig& config(std::uint32_t stream) const { return streams_[stream].config; }
    std::uint32_t shard_count(std::uint32_t stream) const { return static_cast<std::uint32_t>(streams_[stream].shards.size()); }

    // PutRecord. `explicit_hash_key` is a decimal 128-bit integer (validated by the loader).
    // A record arrives at `arrives_at` (a handler's put, docs/aws-rules.md 5.24), or now, and
    // never before a record accepted earlier on its shard: its shard keeps the order in which
    // puts were decided, so a record's sequence number is known when the put is decided. The
    // write limits count it in the second of its arrival; it enters its shard (history `sent`)
    // when it arrives.
    PutResult put_record(SimTime now, std::uint32_t stream, std::string_view partition_key, std::string_view data,
                         const std::optional<std::string>& explicit_hash_key, SimTime arrives_at = 0);
    // Records handlers put that arrive now enter their shard.
    void on_records_arrive(SimTime now, std::uint32_t stream, std::uint32_t shard);
    // Records decided and not yet arrived, in all streams.
    std::int64_t arriving_count() const { return arriving_; }

    // The shard that owns a partition key's (or explicit) hash.
    std::uint32_t shard_for(std::uint32_t stream, const std::string& partition_key,
                            const std::optional<std::string>& explicit_hash_key) const;

    // Records of a shard, oldest first (indices into records()).
    const std::vector<std::uint32_t>& shard_records(std::uint32_t stream, std::uint32_t shard) const {
        return streams_[stream].shards[shard].records;
    }
    // Position in shard_records of the oldest record still within retention at `now`.
    std::size_t trim_horizon(std::uint32_t stream, std::uint32_t shard, SimTime now) const;

    // Makes room for `count` more records, so the store grows once.
    void reserve_records(std::size_t count);
    const std::vector<StreamRecord>& records() const { return records_; }
    StreamRecord& record(std::uint32_t index) { return records_[index]; }
    const StreamRecord& record(std::uint32_t index) const { return records_[index]; }

    // The record's sequence number: a 56-digit decimal string, increasing within its shard.
    static constexpr std::size_t kSequenceNumberSize = 56;
    std::string sequence_number(std::uint32_t record) const;
    // The same, its kSequenceNumberSize digits written at `out`; returns the end.
    char* put_sequence_number(char* out, std::uint32_t record) const;
    void sequence_number_into(std::string& out, std::uint32_t record) const;  // reusing out's capacity
    // A Kinesis event record's eventID: "<shard id>:<sequence number>", reusing out's capacity.
    // `sequence_number` is the record's, as sequence_number_into wrote it.
    void event_id_into(std::string& out, std::uint32_t record, std::string_view sequence_number) const;
    std::string shard_id(std::uint32_t shard) const;  // "shardId-000000000003"
    const std::string& stream_arn(std::uint32_t stream) const { return streams_[stream].arn; }

    std::int64_t put_throttled(std::uint32_t stream) const { return streams_[stream].put_throttled; }
    std::int64_t put_accepted(std::uint32_t stream) const { return streams_[stream].put_accepted; }

private:
    struct Shard {
        HashKey hash_start = 0;  // owns [hash_start, next shard's start)
        std::vector<std::uint32_t> records;
        std::deque<std::uint32_t> arriving;  // accepted, arriving later, in order
        SimTime last_arrival = 0;
        std::int64_t write_second = -1;    // the one-second window the counters below are for
        std::int64_t bytes_this_second = 0;
        int records_this_second = 0;
    };
    struct Stream {
        StreamConfig config;
        std::string arn;
        std::vector<Shard> shards;
        std::int64_t put_throttled = 0;
        std::int64_t put_accepted = 0;
    };

    bool within_write_limits(Shard& shard, SimTime now, std::int64_t bytes) const;
    std::uint32_t shard_of_hash(std::uint32_t stream, HashKey hash) const;

    const Scenario& scenario_;
    EventQueue& events_;
    Recorder& recorder_;
    std::vector<Stream> streams_;
    TextArena texts_;  // records' partition keys and data
    std::vector<StreamRecord> records_;
    std::int64_t arriving_ = 0;
};

// The 128-bit hash Kinesis maps a partition key with: MD5, read as a big-endian integer.
HashKey partition_key_hash(std::string_view partition_key);
// Parses a decimal 128-bit integer; nullopt if it is not one.
std::optional<HashKey> parse_hash_key(const std::string& decimal);

}  // namespace queuelab::sim
