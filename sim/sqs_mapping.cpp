// [SECTION] Slots and scaling
// [SECTION] Polling and batching
// [SECTION] Invoking
// [SECTION] Settling a batch: the response rules

#include "sqs_mapping.h"

#include <algorithm>

#include "batch_response_rules.h"
#include "event_filter.h"
#include "json_text.h"
#include "sqs_event_builder.h"

namespace queuelab::sim {
namespace {

// Bytes a record adds to the invoke payload besides its body and attributes.
constexpr std::int64_t kRecordOverheadBytes = 700;

}  // namespace

SqsMapping::SqsMapping(std::uint32_t index, const MappingConfig& config, MappingServices services)
    : index_(index),
      config_(config),
      services_(services),
      queue_(services.sqs.queue_index(config.EventSourceArn)),
      function_(services.lambda.function_index(config.FunctionName)),
      invoker_(EventSourceKind::SqsQueue, index, function_, services) {
    // Every slot the mapping could ever use, so that an update raising MaximumConcurrency never
    // moves the slots (and the batches the GUI is viewing).
    slots_.resize(static_cast<std::size_t>(services.scenario.limits.esm_max_concurrency));
}

void SqsMapping::update_configuration(SimTime now, const MappingConfig& next) {
    update_common_mapping_settings(config_, next);
    config_.MaximumConcurrency = next.MaximumConcurrency;
    config_.Enabled = next.Enabled;
    if (!config_.Enabled) {
        target_ = 0;
    } else if (target_ == 0) {
        target_ = services_.scenario.limits.esm_initial_concurrency;
    }
    target_ = std::min(target_, concurrency_limit());
    stop_waiting_slots_above_target();
    activate_slots(now);
}

// [SECTION] Slots and scaling

int SqsMapping::concurrency_limit() const {
    const auto& limits = services_.scenario.limits;
    // Pollers start at 5 whatever the function's concurrency; scaling up stops at the
    // function's reserved (or the account's unreserved) concurrency.
    int limit = std::max(limits.esm_initial_concurrency,
                         std::min(limits.esm_max_concurrency, services_.lambda.concurrency_cap(function_)));
    if (config_.MaximumConcurrency) limit = std::min(limit, *config_.MaximumConcurrency);
    return std::min(limit, static_cast<int>(slots_.size()));
}

std::uint64_t SqsMapping::timer_id(std::uint32_t slot, SlotTimer timer) const {
    return (std::uint64_t{slots_[slot].token} << 32) | (std::uint64_t{slot} << 8) | static_cast<std::uint8_t>(timer);
}

void SqsMapping::on_start(SimTime now) {
    target_ = std::min(services_.scenario.limits.esm_initial_concurrency, concurrency_limit());
    activate_slots(now);
    services_.events.schedule(now + kMicrosPerSecond, EventKind::ScalingTick, index_);
}

void SqsMapping::activate_slots(SimTime now) {
    for (std::uint32_t slot = 0; slot < static_cast<std::uint32_t>(target_); ++slot) {
        if (slots_[slot].state == SlotState::Inactive) poll(now, slot);
    }
}

void SqsMapping::on_scaling_tick(SimTime now) {
    if (config_.Enabled) scale(now);
    services_.events.schedule(now + kMicrosPerSecond, EventKind::ScalingTick, index_);
}

// Once a second: up by esm_scale_up_per_minute / 60 while messages wait and nothing failed or was
// throttled, down by as much towards the initial 5 when the queue is empty.
void SqsMapping::scale(SimTime now) {
    const auto& limits = services_.scenario.limits;
    const int step = limits.esm_scale_up_per_minute / 60;
    const bool backlog = services_.sqs.visible_count(queue_) > 0 && waiting_.empty();
    if (backlog && throttles_since_tick_ == 0 && errors_since_tick_ == 0) {
        target_ += step;
    } else if (services_.sqs.visible_count(queue_) == 0) {
        target_ = std::max(limits.esm_initial_concurrency, target_ - step);
    }
    target_ = std::min(target_, concurrency_limit());
    throttles_since_tick_ = errors_since_tick_ = 0;
    stop_waiting_slots_above_target();
    activate_slots(now);
}

// Slots above the target waiting with nothing received stop; the others stop once their batch is
// done (one gathering a batch in its batching window invokes it first).
void SqsMapping::stop_waiting_slots_above_target() {
    for (auto slot : std::vector<std::uint32_t>(waiting_)) {
        if (slot < static_cast<std::uint32_t>(target_) || !slots_[slot].batch.empty()) continue;
        ++slots_[slot].token;
        slots_[slot].state = SlotState::Inactive;
        waiting_.erase(std::find(waiting_.begin(), waiting_.end(), slot));
    }
}

std::vector<SqsMapping::SlotView> SqsMapping::active_slots() const {
    std::vector<SlotView> views;
    for (const auto& s : slots_) {
        SlotActivity activity = SlotActivity::Polling;
        switch (s.state) {
            case SlotState::Inactive: continue;
            case SlotState::Waiting: activity = SlotActivity::Polling; break;
            case SlotState::Collecting: activity = SlotActivity::Collecting; break;
            case SlotState::Throttled: activity = SlotActivity::Throttled; break;
            case SlotState::Invoking: activity = SlotActivity::Invoking; break;
            case SlotState::BackingOff: activity = SlotActivity::BackingOff; break;
        }
        views.push_back(SlotView{activity, s.batch, s.state == SlotState::Invoking ? s.invoke.invocation : kNone});
    }
    return views;
}

void SqsMapping::on_slot_timer(SimTime now, std::uint64_t timer) {
    const auto slot = static_cast<std::uint32_t>((timer & 0xFFFF'FFFFu) >> 8);
    if (slots_[slot].token != static_cast<std::uint32_t>(timer >> 32)) return;
    switch (static_cast<SlotTimer>(timer & 0xFFu)) {
        case SlotTimer::PollWaitEnds:
            waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), slot), waiting_.end());
            slots_[slot].request_open = false;
            poll(now, slot);
            break;
        case SlotTimer::InvokeRetry: invoke(now, slot); break;
        case SlotTimer::InvocationEnds: finish_invocation(now, slot); break;
        case SlotTimer::PollerResumes:
            if (slot >= static_cast<std::uint32_t>(target_)) {
                slots_[slot].state = SlotState::Inactive;
            } else {
                poll(now, slot);
            }
            break;
    }
}

// [SECTION] Polling and batching

void SqsMapping::on_messages_available(SimTime now) {
    const auto waiting = std::move(waiting_);
    waiting_.clear();
    for (const auto slot : waiting) {
        auto& s = slots_[slot];
        if (s.state != SlotState::Waiting && s.state != SlotState::Collecting) continue;
        if (!services_.sqs.has_receivable(queue_)) {
            waiting_.push_back(slot);  // keeps its place and its timer
            continue;
        }
        ++s.token;  // the long poll returns now: cancel its timer
        poll(now, slot);
    }
}

void SqsMapping::poll(SimTime now, std::uint32_t slot) {
    auto& s = slots_[slot];
    const auto& limits = services_.scenario.limits;
    while (true) {
        const int wanted = std::min(config_.BatchSize - static_cast<int>(s.batch.size()),
                                    limits.max_messages_per_receive);
        const bool new_request = !s.request_open;
        s.request_open = false;
        const auto received = services_.sqs.receive(now, queue_, wanted, static_cast<int>(limits.esm_long_poll_wait_s),
                                                     new_request);
        const bool payload_full = take(now, s, received);
        if (payload_full || ready_to_invoke(s, now)) {
            invoke(now, slot);
            return;
        }
        if (received.empty() || !services_.sqs.has_receivable(queue_)) break;
    }
    const SimTime long_poll_ends = now + from_seconds(limits.esm_long_poll_wait_s);
    if (s.batch.empty()) {
        wait(now, slot, SlotState::Waiting, long_poll_ends, SlotTimer::PollWaitEnds);
    } else {
        wait(now, slot, SlotState::Collecting, std::min(long_poll_ends, s.window_ends), SlotTimer::PollWaitEnds);
    }
}

// Adds received messages to the slot's batch, deleting those no filter matches. Returns true when
// the batch reached the invoke payload limit (messages that do not fit are made visible again).
bool SqsMapping::take(SimTime now, Slot& s, const std::vector<Receipt>& received) {
    bool payload_full = false;
    for (const auto receipt : received) {
        if (!config_.filter_patterns.empty() && !passes_filters(receipt)) {
            services_.sqs.filter_out(now, receipt);
            continue;
        }
        const auto bytes = record_bytes(receipt.message);
        if (!s.batch.empty() && s.batch_bytes + bytes > services_.scenario.limits.invoke_payload_limit_bytes) {
            services_.sqs.change_message_visibility(now, receipt, 0);
            services_.recorder.record(now, receipt.message, HistoryKind::ReleasedUnsent);
            payload_full = true;
            continue;
        }
        if (s.batch.empty()) s.window_ends = now + from_seconds(config_.MaximumBatchingWindowInSeconds);
        s.batch.push_back(receipt);
        s.batch_bytes += bytes;
    }
    return payload_full;
}

bool SqsMapping::ready_to_invoke(const Slot& s, SimTime now) const {
    return !s.batch.empty() &&
           (static_cast<int>(s.batch.size()) >= config_.BatchSize || now >= s.window_ends);
}

void SqsMapping::wait(SimTime now, std::uint32_t slot, SlotState state, SimTime until, SlotTimer timer) {
    auto& s = slots_[slot];
    s.state = state;
    s.request_open = timer == SlotTimer::PollWaitEnds;
    ++s.token;
    if (timer == SlotTimer::PollWaitEnds) waiting_.push_back(slot);
    services_.events.schedule(std::max(until, now), EventKind::PollerTimer, index_, timer_id(slot, timer));
}

std::int64_t SqsMapping::record_bytes(std::uint32_t message) const {
    const auto& m = services_.sqs.message(message);
    std::int64_t bytes = kRecordOverheadBytes + static_cast<std::int64_t>(m.body_size);
    if (const auto attributes = services_.sqs.extras(m).attributes; attributes != kNone) {
        bytes += static_cast<std::int64_t>(services_.sqs.message_attributes(attributes).dump().size());
    }
    return bytes;
}

bool SqsMapping::passes_filters(Receipt receipt) const {
    SqsMessage record;
    fill_sqs_record(services_.sqs, services_.scenario.region, queue_, receipt, record);
    nlohmann::json view = record;
    if (auto body = parse_json_text(record.body, DuplicateKeys::KeepLast)) view["body"] = std::move(*body);
    return matches_any(config_.filter_patterns, view);
}

// [SECTION] Invoking

void SqsMapping::invoke(SimTime now, std::uint32_t slot) {
    auto& s = slots_[slot];
    // A batch whose visibility timeout ended (while throttled) is back in the queue.
    std::erase_if(s.batch, [&](Receipt r) {
        return !services_.sqs.is_current(r) || services_.sqs.message(r.message).visible_at <= now;
    });
    if (s.batch.empty()) {
        after_batch(now, slot, false);
        return;
    }
    const auto admission = invoker_.admit(now);
    if (!admission.admitted) {
        throttled(now, slot, admission);
        return;
    }
    const SqsRecordParts parts = services_.lambda.record_parts(function_).sqs;
    SqsEvent& event = event_.with_records(s.batch.size());
    for (std::size_t i = 0; i < s.batch.size(); ++i) {
        fill_sqs_record(services_.sqs, services_.scenario.region, queue_, s.batch[i], event.Records[i], parts);
    }
    s.invoke = invoker_.run(now, admission, &event, record_refs(s));
    s.state = SlotState::Invoking;
    s.throttled_since = -1;
    s.throttle_backoff_s = 0;
    ++s.token;
    services_.events.schedule(services_.recorder.invocations()[s.invoke.invocation].end(), EventKind::PollerTimer, index_,
                              timer_id(slot, SlotTimer::InvocationEnds));
}

std::vector<RecordRef> SqsMapping::record_refs(const Slot& s) const {
    std::vector<RecordRef> refs;
    refs.reserve(s.batch.size());
    for (const auto r : s.batch) refs.push_back(RecordRef{r.message, r.receive_count});
    return refs;
}

// Lambda retries a throttled batch with backoff until the messages' visibility timeout ends;
// each such receive still counts towards maxReceiveCount.
void SqsMapping::throttled(SimTime now, std::uint32_t slot, const Admission& admission) {
    auto& s = slots_[slot];
    s.throttle_backoff_s = invoker_.record_throttle(now, admission, record_refs(s), s.throttle_backoff_s);
    ++throttles_since_tick_;
    SimTime visibility_ends = std::numeric_limits<SimTime>::max();
    for (const auto r : s.batch) visibility_ends = std::min(visibility_ends, services_.sqs.message(r.message).visible_at);
    wait(now, slot, SlotState::Throttled, std::min(now + from_seconds(s.throttle_backoff_s), visibility_ends),
         SlotTimer::InvokeRetry);
}

void SqsMapping::finish_invocation(SimTime now, std::uint32_t slot) {
    auto& s = slots_[slot];
    auto record = invoker_.finish(now, s.invoke);
    settle_batch(now, s, record);
    invoker_.settled(s.invoke, record);
    const bool failed = record.result != InvocationResult::Success && record.result != InvocationResult::Partial;
    after_batch(now, slot, failed);
}

void SqsMapping::after_batch(SimTime now, std::uint32_t slot, bool failed) {
    auto& s = slots_[slot];
    const auto& limits = services_.scenario.limits;
    s.batch.clear();
    s.batch_bytes = 0;
    s.window_ends = -1;
    s.throttled_since = -1;
    s.throttle_backoff_s = 0;
    s.invoke = MappingInvoker::Running{};
    if (failed) {
        ++errors_since_tick_;
        s.error_backoff_s = next_backoff_s(limits, s.error_backoff_s);
        wait(now, slot, SlotState::BackingOff, now + from_seconds(s.error_backoff_s), SlotTimer::PollerResumes);
        return;
    }
    s.error_backoff_s = 0;
    if (slot >= static_cast<std::uint32_t>(target_)) {
        s.state = SlotState::Inactive;
        ++s.token;
        return;
    }
    poll(now, slot);
}

// [SECTION] Settling a batch: the response rules

std::vector<std::string> SqsMapping::item_ids(const std::vector<Receipt>& batch) const {
    std::vector<std::string> ids;
    ids.reserve(batch.size());
    for (const auto r : batch) ids.push_back(services_.sqs.message_id(r.message));
    return ids;
}

void SqsMapping::settle_batch(SimTime now, Slot& s, InvocationRecord& record) {
    const auto count = s.batch.size();
    const bool returned = s.invoke.execution.result == InvocationResult::Success;
    const auto ids = returned && !names_no_records(s.invoke.execution.payload) ? item_ids(s.batch)
                                                                              : std::vector<std::string>(count);
    const auto verdict = read_invocation_result(record, ids, config_.ReportBatchItemFailures, services_.recorder);
    const auto handler_failed = handler_failures(verdict, returned, count);
    std::vector<bool> to_delete(count, verdict.kind != ResponseVerdict::Kind::FunctionError);
    for (const auto position : verdict.failed) to_delete[position] = false;
    for (std::size_t i = 0; i < count; ++i) {
        auto& m = services_.sqs.message(s.batch[i].message);
        const auto verdict = handler_failed[i] ? Verdict::Failed : Verdict::Ok;
        (handler_failed[i] ? m.handler_failed : m.handler_ok) += 1;
        m.last_verdict = verdict;
        services_.recorder.record(now, s.batch[i].message, HistoryKind::Invoked, s.invoke.invocation, verdict);
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (to_delete[i]) services_.sqs.delete_message(now, s.batch[i]);
    }
}

}  // namespace queuelab::sim
