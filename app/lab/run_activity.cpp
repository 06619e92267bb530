#include "run_activity.h"

#include <algorithm>

#include "message_story.h"
#include "table_filters.h"

namespace queuelab::lab {

void RunActivity::update(const sim::Engine& engine) {
    queues_.resize(engine.sqs().queue_count());
    functions_.resize(engine.lambda().function_count());
    const auto& history = engine.recorder().history();
    while (const auto entry = history_reader_.next(history)) take_history_entry(engine, *entry);
    const auto& invocations = engine.recorder().invocations();
    for (; invocations_seen_ < invocations.size(); ++invocations_seen_) {
        take_started_invocation(static_cast<std::uint32_t>(invocations_seen_), invocations[invocations_seen_]);
    }
    take_ended_invocations(engine);
}

void RunActivity::take_history_entry(const sim::Engine& engine, const sim::HistoryEntry& entry) {
    using sim::HistoryKind;
    if (entry.message >= queue_of_.size()) queue_of_.resize(entry.message + 1, 0);
    std::uint32_t& queue = queue_of_[entry.message];
    switch (entry.kind) {
        case HistoryKind::Sent:
            queue = entry.detail;
            ++queues_[queue].sent;
            queues_[queue].last_sent = entry.time;
            break;
        case HistoryKind::Deleted:
            ++queues_[queue].deleted;
            queues_[queue].lost += engine.sqs().message(entry.message).last_verdict == sim::Verdict::Failed;
            queues_[queue].last_deleted = entry.time;
            break;
        case HistoryKind::VisibilityExpired:
            ++queues_[queue].returned;
            queues_[queue].last_returned = entry.time;
            break;
        case HistoryKind::DeadLettered:
            ++queues_[queue].dead_lettered_out;
            queues_[queue].last_dead_lettered = entry.time;
            queue = entry.detail;
            break;
        case HistoryKind::Expired: ++queues_[queue].expired; break;
        case HistoryKind::Filtered: ++queues_[queue].filtered; break;
        case HistoryKind::StaleDeleteIgnored: ++queues_[queue].stale_deletes; break;
        case HistoryKind::RedrivenOut:  // docs/aws-rules.md 1.18: the old message leaves the DLQ...
            ++queues_[queue].redriven_out;
            queues_[queue].last_redriven = entry.time;
            break;
        case HistoryKind::RedrivenIn:  // ...and a new one, recorded as sent just before, is not a producer's send
            --queues_[queue].sent;
            ++queues_[queue].redriven_in;
            queues_[queue].last_redriven = entry.time;
            break;
        case HistoryKind::DelayEnded:
        case HistoryKind::Received:
        case HistoryKind::Invoked:
        case HistoryKind::VisibilityChanged:
        case HistoryKind::RedriveFailed:
        case HistoryKind::ReleasedUnsent:
        case HistoryKind::Checkpointed:
        case HistoryKind::SentToOnFailure:
        case HistoryKind::Skipped: break;
    }
}

void RunActivity::take_started_invocation(std::uint32_t index, const sim::InvocationRecord& record) {
    auto& counts = functions_[record.function];
    if (record.result == sim::InvocationResult::Throttled) {
        ++counts.throttles;
        counts.last_throttle = record.start;
        return;
    }
    ++counts.invocations;
    counts.cold_starts += record.cold_start;
    running_.push_back(index);
}

// An invocation's result is counted once its batch is settled.
void RunActivity::take_ended_invocations(const sim::Engine& engine) {
    const auto& invocations = engine.recorder().invocations();
    std::erase_if(running_, [&](std::uint32_t index) {
        if (!invocation_settled(engine, index)) return false;
        const auto& record = invocations[index];
        functions_[record.function].errors += invocation_failed(record.result);
        return true;
    });
}

}  // namespace queuelab::lab
