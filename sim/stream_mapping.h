#pragma once
// The Lambda event source mapping for a Kinesis stream (docs/aws-rules.md 3.7-3.22, 3.24 and 3.25,
// with the simulator's choices 5.13-5.16). Each shard is read by ParallelizationFactor consumers
// ("lanes"); a partition key always maps to the same lane, so order is kept per key, and per shard
// when the factor is 1. A consumer polls about once a second, takes a batch (BatchSize,
// MaximumBatchingWindowInSeconds, one tumbling window at a time), invokes the function and waits
// for the result: a failed batch blocks its lane until it succeeds, its records expire (retention,
// MaximumRecordAgeInSeconds) or MaximumRetryAttempts is used up, when the batch goes to the
// on-failure destination. BisectBatchOnFunctionError splits a failed batch in halves without
// counting a retry; ReportBatchItemFailures checkpoints just before the lowest failed sequence
// number and retries from there. FilterCriteria match on the record's data; a record no filter
// matches is discarded as it is read, without an invoke.

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_queue.h"
#include "kinesis_service.h"
#include "lambda_service.h"
#include "mapping_invoker.h"
#include "recorder.h"
#include "reused_event.h"
#include "scenario.h"
#include "sqs_service.h"

namespace queuelab::sim {

class StreamMapping {
public:
    StreamMapping(std::uint32_t index, const MappingConfig& config, MappingServices services);

    std::uint32_t stream() const { return stream_; }
    std::uint32_t function() const { return function_; }
    const MappingConfig& config() const { return config_; }
    // UpdateEventSourceMapping at `now`: takes BatchSize, MaximumBatchingWindowInSeconds,
    // FunctionResponseTypes, FilterCriteria, BisectBatchOnFunctionError, MaximumRetryAttempts,
    // MaximumRecordAgeInSeconds, the on-failure destination and Enabled from `next`, for the next
    // read and the next batch settled. Disabled, the consumers stop once their running invoke
    // returns, keeping their place; enabled again, they read on from there.
    // ParallelizationFactor, TumblingWindowInSeconds and the starting position stay as the
    // mapping started (the lab applies them on restart).
    void update_configuration(SimTime now, const MappingConfig& next);

    void on_start(SimTime now);
    // A consumer's timer: the consumer, its token when the timer was set (a stale one is ignored)
    // and what it is for.
    void on_timer(SimTime now, std::uint64_t timer);

    // Seconds between now and the arrival of the shard's oldest record this mapping has not
    // checkpointed yet: how far behind the consumer is (0 when caught up).
    double iterator_age_s(std::uint32_t shard, SimTime now) const;
    // What each consumer (shard × lane) is doing, for the GUI's topology view.
    enum class ConsumerActivity { Waiting, Throttled, Invoking, BackingOff, Disabled };
    struct ConsumerView {
        std::uint32_t shard;
        std::uint32_t lane;
        ConsumerActivity activity;
        std::vector<std::uint32_t> batch;  // records of the batch it holds (retrying or running)
        int retries;                       // of that batch, against MaximumRetryAttempts
        std::uint32_t invocation;          // Invoking: the invocation record; else kNone
    };
    std::vector<ConsumerView> consumers() const;

    // Nothing held, nothing running, and nothing readable left: the mapping can do no more
    // until new records arrive.
    bool idle(SimTime now) const;

    // The event the handler got in the recorder's invocation `invocation`, one of this mapping's
    // (the tumbling window's state included), for showing it again.
    KinesisEvent event_of(std::uint32_t invocation) const;

    // True for the record at `position` of `shard` when the StartingPosition puts it out of
    // reach: put before the mapping started (LATEST) or before StartingPositionTimestamp
    // (AT_TIMESTAMP). Such records are never read.
    bool before_starting_position(std::uint32_t shard, std::size_t position) const;

private:
    struct Batch {
        std::vector<std::uint32_t> records;  // in sequence order
        int retries = 0;                     // failed invokes counted against MaximumRetryAttempts
        int invokes = 0;                     // approximateInvokeCount
    };
    enum class State { Waiting, Throttled, Invoking, BackingOff };
    enum class ConsumerTimer : std::uint8_t { Poll, InvokeRetry, InvocationEnds };
    struct Consumer {
        std::uint32_t shard = 0;
        std::uint32_t lane = 0;
        std::size_t position = 0;     // next position in the shard not yet taken into a batch
        std::deque<Batch> pending;    // taken and not finished, front first (retries, halves)
        State state = State::Waiting;
        std::uint32_t token = 0;
        MappingInvoker::Running invoke;  // the last invoke (its invocation stays known after it ends)
        double throttle_backoff_s = 0;
        double error_backoff_s = 0;
        SimTime batching_window_opened = -1;
        std::int64_t tumbling_window = -1;  // index of the open tumbling window; -1 none
        nlohmann::json tumbling_state = nlohmann::json::object();
        bool final_invoke = false;          // the running invoke ends its tumbling window
        bool parked = false;                // stopped by Enabled false, with no timer
    };

    void take_settings(const MappingConfig& next);
    void park(Consumer& c);
    void poll(SimTime now, std::uint32_t consumer);
    bool take_batch(SimTime now, Consumer& c);
    bool passes_filters(std::uint32_t record) const;
    void discard_filtered(SimTime now, std::uint32_t record);
    bool due_final_invoke(SimTime now, const Consumer& c) const;
    void skip_unreadable_records(SimTime now, Consumer& c);
    void drop_old_records(SimTime now, Consumer& c);
    void invoke(SimTime now, std::uint32_t consumer);
    void finish_invocation(SimTime now, std::uint32_t consumer);
    bool settle(SimTime now, Consumer& c, InvocationRecord& record);
    void retry_or_give_up(SimTime now, Consumer& c, Batch failed_remainder);
    void checkpoint(SimTime now, const std::vector<std::uint32_t>& records);
    void send_to_on_failure(SimTime now, const Consumer& c, const Batch& batch, const char* condition,
                            std::uint32_t last_invoke);  // kNone: none
    void schedule(SimTime at, std::uint32_t consumer, State state, ConsumerTimer timer);
    std::size_t next_lane_position(const Consumer& c, std::size_t from) const;
    std::uint32_t lane_of(std::uint32_t record) const;
    std::int64_t tumbling_window_of(std::uint32_t record) const;
    // Overwrites `event`, which has as many records as the batch, with the batch's records and,
    // with a tumbling window, the window's keys.
    void fill_event(const Consumer& c, const Batch& batch, KinesisEvent& event) const;
    // Overwrites the `parts` of `out` and leaves the others empty (FunctionCode::record_parts);
    // metadata brings the sequence number too, as the eventID holds it.
    void fill_event_record(std::uint32_t record, KinesisEventRecord& out,
                           const KinesisRecordParts& parts = KinesisRecordParts::all()) const;

    std::uint32_t index_;
    MappingConfig config_;
    MappingServices services_;
    std::uint32_t stream_;
    std::uint32_t function_;
    MappingInvoker invoker_;
    std::uint32_t destination_ = kNone;  // on-failure queue
    std::string invoke_identity_arn_;   // the records' invokeIdentityArn: the function's role
    ReusedEvent<KinesisEvent> event_;
    std::vector<Consumer> consumers_;
    struct ShardReads {
        std::int64_t second = -1;  // the one-second window `bytes` counts
        std::int64_t bytes = 0;
    };
    std::vector<ShardReads> shard_reads_;  // per shard: read throughput used this second
    // Per shard, the positions of each lane's records, so a consumer never scans the other lanes'
    // records. Extended as the shard grows (shards only grow).
    struct LaneIndex {
        std::size_t indexed = 0;                          // shard positions indexed so far
        std::vector<std::vector<std::uint32_t>> positions;  // per lane, ascending
    };
    mutable std::vector<LaneIndex> lane_index_;
    std::vector<std::size_t> latest_start_;  // LATEST: per shard, its record count when the mapping started
    std::unordered_map<std::uint32_t, TumblingWindowContext> tumbling_by_invocation_;  // tumbling windows only
};

// "2024-01-01T00:05:00.000Z" for a virtual time.
std::string iso8601(SimTime t);

}  // namespace queuelab::sim
