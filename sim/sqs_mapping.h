#pragma once
// The Lambda event source mapping for an SQS queue (docs/aws-rules.md 2.1-2.21, with the
// simulator's choices 5.2-5.8, 5.20 and 5.23): pollers that long-poll, batch by BatchSize,
// MaximumBatchingWindowInSeconds and the invoke payload limit, scale from 5 concurrent invokes by
// up to 300 a minute (capped by the function's concurrency, 1,250, and
// ScalingConfig.MaximumConcurrency), apply FilterCriteria, retry throttled invokes until the
// batch's visibility timeout ends, back off after errors, and apply the response rules with and
// without ReportBatchItemFailures.
//
// Each poller slot is one concurrent invoke: it receives a batch, invokes the function
// synchronously, deletes what succeeded, and polls again.

#include <cstdint>
#include <span>
#include <vector>

#include "event_queue.h"
#include "lambda_service.h"
#include "mapping_invoker.h"
#include "recorder.h"
#include "reused_event.h"
#include "scenario.h"
#include "sqs_service.h"

namespace queuelab::sim {

class SqsMapping {
public:
    SqsMapping(std::uint32_t index, const MappingConfig& config, MappingServices services);

    std::uint32_t queue() const { return queue_; }
    std::uint32_t function() const { return function_; }
    const MappingConfig& config() const { return config_; }
    // UpdateEventSourceMapping at `now`: takes BatchSize, MaximumBatchingWindowInSeconds,
    // FunctionResponseTypes, ScalingConfig.MaximumConcurrency, FilterCriteria and Enabled from
    // `next`. They apply to the next poll and the next batch settled; a batch already being
    // gathered keeps gathering under the old size and window. Lowering MaximumConcurrency stops
    // waiting pollers above it at once, and busy ones when their batch is done; disabling stops
    // them all that way, and enabling starts over with 5 pollers.
    void update_configuration(SimTime now, const MappingConfig& next);

    // Event handlers. A poller timer names its slot, the slot's token when it was set (a stale one
    // is ignored) and what it is for.
    void on_start(SimTime now);
    void on_messages_available(SimTime now);
    void on_slot_timer(SimTime now, std::uint64_t timer);
    void on_scaling_tick(SimTime now);

    // Poller slots that may run (the mapping's current concurrency target).
    int target_concurrency() const { return target_; }

    // What each active poller slot is doing, for the GUI's topology view.
    enum class SlotActivity { Polling, Collecting, Throttled, Invoking, BackingOff };
    struct SlotView {
        SlotActivity activity;
        std::span<const Receipt> batch;  // the batch it holds (empty while polling); valid until the engine moves on
        std::uint32_t invocation;     // Invoking: the invocation record; else kNone
    };
    std::vector<SlotView> active_slots() const;

private:
    enum class SlotState { Inactive, Waiting, Collecting, Throttled, Invoking, BackingOff };
    enum class SlotTimer : std::uint8_t {
        PollWaitEnds,    // the long poll or the batching window ended
        InvokeRetry,     // after a throttle
        InvocationEnds,
        PollerResumes,   // after an error backoff
    };
    struct Slot {
        SlotState state = SlotState::Inactive;
        std::uint32_t token = 0;
        std::vector<Receipt> batch;
        std::int64_t batch_bytes = 0;
        SimTime window_ends = -1;
        SimTime throttled_since = -1;
        double throttle_backoff_s = 0;
        double error_backoff_s = 0;
        bool request_open = false;  // a long poll is under way (already counted as a request)
        MappingInvoker::Running invoke;  // while Invoking
    };

    void scale(SimTime now);
    void activate_slots(SimTime now);
    void stop_waiting_slots_above_target();
    void poll(SimTime now, std::uint32_t slot);
    bool take(SimTime now, Slot& s, const std::vector<Receipt>& received);
    bool ready_to_invoke(const Slot& s, SimTime now) const;
    void wait(SimTime now, std::uint32_t slot, SlotState state, SimTime until, SlotTimer timer);
    void invoke(SimTime now, std::uint32_t slot);
    void throttled(SimTime now, std::uint32_t slot, const Admission& admission);
    void finish_invocation(SimTime now, std::uint32_t slot);
    void settle_batch(SimTime now, Slot& s, InvocationRecord& record);
    std::vector<RecordRef> record_refs(const Slot& s) const;
    void after_batch(SimTime now, std::uint32_t slot, bool failed);
    std::int64_t record_bytes(std::uint32_t message) const;
    bool passes_filters(Receipt receipt) const;
    std::vector<std::string> item_ids(const std::vector<Receipt>& batch) const;
    std::uint64_t timer_id(std::uint32_t slot, SlotTimer timer) const;
    int concurrency_limit() const;

    std::uint32_t index_;
    MappingConfig config_;
    MappingServices services_;
    std::uint32_t queue_;
    std::uint32_t function_;
    MappingInvoker invoker_;
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> waiting_;  // slots waiting for messages, in arrival order
    int target_ = 0;
    int throttles_since_tick_ = 0;
    int errors_since_tick_ = 0;
    ReusedEvent<SqsEvent> event_;
};

}  // namespace queuelab::sim
