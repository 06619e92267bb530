#include "table_filters.h"

#include "message_story.h"

namespace queuelab::lab {

bool invocation_failed(sim::InvocationResult result) {
    using sim::InvocationResult;
    switch (result) {
        case InvocationResult::Error:
        case InvocationResult::Timeout:
        case InvocationResult::Crashed: return true;
        case InvocationResult::Success:
        case InvocationResult::Partial:
        case InvocationResult::Throttled: return false;
    }
    return false;
}

bool matches(MessageFilter filter, const sim::SqsService& sqs, const sim::Message& m) {
    switch (filter) {
        case MessageFilter::All: return true;
        case MessageFilter::InFlight: return m.state == sim::MessageState::InFlight;
        case MessageFilter::ReceivedMoreThanOnce: return m.receive_count > 1;
        case MessageFilter::DeadLettered: return m.dead_lettered;
        case MessageFilter::Lost:
            return m.state == sim::MessageState::Deleted && m.last_verdict == sim::Verdict::Failed &&
                   sqs.extras(m).redriven_to == sim::kNone;
    }
    return false;
}

bool matches(RecordFilter filter, const sim::StreamRecord& r) {
    switch (filter) {
        case RecordFilter::All: return true;
        case RecordFilter::DeliveredMoreThanOnce: return r.deliveries > 1;
        case RecordFilter::GivenUp:
            return r.outcome == sim::RecordOutcome::SentToOnFailure || r.outcome == sim::RecordOutcome::Skipped;
        case RecordFilter::Filtered: return r.outcome == sim::RecordOutcome::Filtered;
    }
    return false;
}

bool matches(InvocationFilter filter, const sim::Engine& engine, std::uint32_t invocation) {
    const auto& r = engine.recorder().invocations()[invocation];
    switch (filter) {
        case InvocationFilter::All: return true;
        case InvocationFilter::Failed:
            return invocation_settled(engine, invocation) &&
                   (invocation_failed(r.result) || r.result == sim::InvocationResult::Partial);
        case InvocationFilter::Throttled: return r.result == sim::InvocationResult::Throttled;
        case InvocationFilter::ColdStarts: return r.cold_start;
    }
    return false;
}

}  // namespace queuelab::lab
