#include "message_story.h"

#include <algorithm>
#include <cstdio>

#include "format.h"
#include "report.h"
#include "lambda_service.h"

namespace queuelab::lab {
namespace {

using sim::HistoryKind;
using sim::InvocationResult;

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", seconds);
    return text;
}

const std::string& queue_name(const sim::Engine& engine, std::uint32_t queue) {
    return engine.sqs().config(queue).name;
}

// Throttled attempts that carried this receive of the message.
int throttles_of_receive(const sim::Engine& engine, std::uint32_t message, std::uint32_t receive_count) {
    int throttles = 0;
    for (const auto& record : engine.recorder().invocations()) {
        if ((record.source_kind == sim::EventSourceKind::KinesisStream) || record.result != InvocationResult::Throttled) continue;
        throttles += std::any_of(record.records.begin(), record.records.end(), [&](const sim::RecordRef& r) {
            return r.message == message && r.receive_count == receive_count;
        });
    }
    return throttles;
}

// Why a received message was not deleted before its visibility timeout ended.
std::string why_returned(const sim::Engine& engine, const std::vector<sim::HistoryEntry>& history,
                         std::uint32_t message, std::uint32_t receive_count, sim::SimTime expired_at) {
    const auto& m = engine.sqs().message(message);
    const int visibility = engine.sqs().config(m.last_receive_queue == sim::Message::kNoQueue ? m.queue : m.last_receive_queue)
                               .VisibilityTimeout;
    const auto invocation = invocation_of_receive(engine, history, message, receive_count);
    if (invocation == sim::kNone) {
        const int throttles = throttles_of_receive(engine, message, receive_count);
        if (throttles > 0) {
            return "Why: it never reached the function; the invoke was throttled " + std::to_string(throttles) +
                   " time(s) (TooManyRequestsException) until the visibility timeout ended.";
        }
        return "Why: it was not handed to the function before the visibility timeout ended.";
    }
    const auto& record = engine.recorder().invocations()[invocation];
    if (record.end() > expired_at) {
        return "Why: the function was still running (" + seconds_text((record.end() - record.start) / 1e6) +
               ") when the visibility timeout (" + std::to_string(visibility) +
               " s) ended, so SQS made it visible to other pollers.";
    }
    switch (record.result) {
        case InvocationResult::Partial:
            return "Why: the handler listed it in batchItemFailures, so only it returned to the queue.";
        case InvocationResult::Error:
        case InvocationResult::Timeout:
        case InvocationResult::Crashed:
            return "Why: the invocation failed (" + record.error_type +
                   "), so the whole batch stayed in flight until the visibility timeout ended.";
        case InvocationResult::Success:
        case InvocationResult::Throttled: break;
    }
    return "Why: it was not deleted before the visibility timeout ended.";
}

StoryLine line_for(const sim::Engine& engine, const std::vector<sim::HistoryEntry>& history, std::size_t index,
                   std::uint32_t receive) {
    const auto& entry = history[index];
    const auto& sqs = engine.sqs();
    const auto& m = sqs.message(entry.message);
    StoryLine line;
    line.time = entry.time;
    line.kind = entry.kind;
    line.receive = receive;
    switch (entry.kind) {
        case HistoryKind::Sent: line.what = "sent to queue " + queue_name(engine, entry.detail); break;
        case HistoryKind::DelayEnded: line.what = "delay over: visible"; break;
        case HistoryKind::Received:
            line.what = "received (receive #" + std::to_string(entry.detail) + ")";
            line.detail = "receipt handle " + sqs.receipt_handle(sim::Receipt{entry.message, entry.detail});
            break;
        case HistoryKind::Invoked: {
            line.invocation = entry.detail;
            line.what = std::string("handled by invocation ") + shorten(engine.recorder().request_id(entry.detail), 8) + ": " +
                        (entry.verdict == sim::Verdict::Ok ? "handler reported it done" : "handler reported it failed");
            line.detail = "invocation result: " + describe_result(engine, entry.detail);
            line.bad_news = entry.verdict != sim::Verdict::Ok;
            break;
        }
        case HistoryKind::VisibilityExpired:
            line.what = "visibility timeout ended without a delete: visible again";
            line.detail = why_returned(engine, history, entry.message, receive, entry.time);
            line.bad_news = true;
            break;
        case HistoryKind::VisibilityChanged:
            line.what = "ChangeMessageVisibility: hidden for " + std::to_string(entry.detail) + " s from now";
            break;
        case HistoryKind::Deleted:
            line.what = "deleted (with the receipt handle of receive #" + std::to_string(entry.detail) + ")";
            if (m.last_verdict == sim::Verdict::Failed) {
                line.detail = "Lost: the handler reported it failed, but the response was not read as a partial "
                              "batch response (no ReportBatchItemFailures on the mapping), so it was deleted.";
                line.bad_news = true;
            }
            break;
        case HistoryKind::StaleDeleteIgnored:
            line.what = "DeleteMessage ignored: receipt handle of receive #" + std::to_string(entry.detail) + " is out of date";
            line.detail = "It was received again since, so SQS reported success but did not delete it.";
            line.bad_news = true;
            break;
        case HistoryKind::DeadLettered: {
            const auto& redrive = sqs.config(m.source_queue).redrive_policy;
            line.what = "moved to dead-letter queue " + queue_name(engine, entry.detail);
            if (redrive) {
                line.detail = "Receive #" + std::to_string(receive + 1) + " would exceed maxReceiveCount " +
                              std::to_string(redrive->maxReceiveCount) + ", so SQS moved it instead of delivering it.";
            }
            line.bad_news = true;
            break;
        }
        case HistoryKind::Expired:
            line.what = "expired: older than MessageRetentionPeriod";
            line.bad_news = true;
            break;
        case HistoryKind::Filtered: line.what = "matched no FilterCriteria filter: deleted without an invoke"; break;
        case HistoryKind::RedrivenOut:
            line.what = "moved by StartMessageMoveTask; continues as message #" + std::to_string(entry.detail);
            break;
        case HistoryKind::RedrivenIn:
            line.what = "redriven from message #" + std::to_string(entry.detail) + " (new MessageId)";
            break;
        case HistoryKind::RedriveFailed:
            line.what = "StartMessageMoveTask without DestinationArn failed here: the message has no source queue";
            break;
        case HistoryKind::ReleasedUnsent:
            line.what = "did not fit the 6 MB invoke payload: visible again";
            break;
        case HistoryKind::Checkpointed:
        case HistoryKind::SentToOnFailure:
        case HistoryKind::Skipped: line.what = "stream event"; break;
    }
    return line;
}

}  // namespace

std::string describe_state(const sim::Engine& engine, std::uint32_t message) {
    const auto& m = engine.sqs().message(message);
    const auto& queue = queue_name(engine, m.queue);
    const double remaining = sim::to_seconds(std::max<sim::SimTime>(0, m.visible_at - engine.now()));
    switch (m.state) {
        case sim::MessageState::Sending:
            return "on its way to " + queue + ": a handler's send arrives in " +
                   seconds_text(sim::to_seconds(std::max<sim::SimTime>(0, m.sent_at - engine.now())));
        case sim::MessageState::Delayed: return "delayed in " + queue + ": visible in " + seconds_text(remaining);
        case sim::MessageState::Visible:
            return m.dead_lettered ? "in the dead-letter queue " + queue
                                   : "visible in " + queue + ": waiting to be received";
        case sim::MessageState::InFlight:
            return "in flight (receive #" + std::to_string(m.receive_count) + "): hidden for " + seconds_text(remaining) +
                   " more";
        case sim::MessageState::Deleted:
            if (const auto copy = engine.sqs().extras(m).redriven_to; copy != sim::kNone) {
                return "redriven: moved on as message #" + std::to_string(copy);
            }
            return "deleted";
        case sim::MessageState::Expired: return "expired";
        case sim::MessageState::Filtered: return "filtered out";
    }
    return "";
}

std::string message_status(const sim::Engine& engine, std::uint32_t message) {
    const auto& m = engine.sqs().message(message);
    const auto copy = engine.sqs().extras(m).redriven_to;
    if (m.state == sim::MessageState::Deleted && copy != sim::kNone) return "redriven to #" + std::to_string(copy);
    return std::string(sim::outcome_name(sim::message_outcome(engine, message)).text());
}

std::uint32_t invocation_of_receive(const sim::Engine& engine, const std::vector<sim::HistoryEntry>& history,
                                    std::uint32_t message, std::uint32_t receive_count) {
    for (const auto& entry : history) {
        if (entry.kind != HistoryKind::Invoked) continue;
        const auto& record = engine.recorder().invocations()[entry.detail];
        for (const auto& r : record.records) {
            if (r.message == message && r.receive_count == receive_count) return entry.detail;
        }
    }
    // Not settled yet: a running invocation holds it. None started before the longest Timeout
    // plus the longest init can still be running.
    const sim::SimTime oldest_running = engine.now() - sim::from_seconds(900 + 10);
    const auto& invocations = engine.recorder().invocations();
    for (auto i = invocations.size(); i-- > 0;) {
        const auto& record = invocations[i];
        if (record.start < oldest_running) break;
        if ((record.source_kind == sim::EventSourceKind::KinesisStream) || record.result == InvocationResult::Throttled ||
            invocation_settled(engine, static_cast<std::uint32_t>(i))) {
            continue;
        }
        for (const auto& r : record.records) {
            if (r.message == message && r.receive_count == receive_count) return static_cast<std::uint32_t>(i);
        }
    }
    return sim::kNone;
}

std::vector<StoryLine> message_story(const sim::Engine& engine, std::uint32_t message) {
    const auto history = engine.recorder().history_of(message);
    std::vector<StoryLine> lines;
    std::uint32_t receive = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].kind == HistoryKind::Received) receive = history[i].detail;
        lines.push_back(line_for(engine, history, i, receive));
    }
    return lines;
}

namespace {

// What Lambda does after a delivery of the record ended the way `entry` says.
std::string after_stream_delivery(const sim::Engine& engine, const sim::HistoryEntry& entry) {
    const auto& invocation = engine.recorder().invocations()[entry.detail];
    const auto& config = engine.stream_mappings()[invocation.mapping]->config();
    if (entry.verdict == sim::Verdict::Ok) {
        if (invocation.result == InvocationResult::Success) return "The batch succeeded: the shard is checkpointed past it.";
        return "The batch partly failed: Lambda checkpoints before its lowest failed record and retries from there.";
    }
    const std::string retries = config.MaximumRetryAttempts < 0 ? "until it succeeds or expires (MaximumRetryAttempts -1)"
                                                                  : "up to MaximumRetryAttempts " + std::to_string(config.MaximumRetryAttempts);
    if (invocation.result == InvocationResult::Partial) {
        return "Reported in batchItemFailures: Lambda checkpoints before the lowest failed record and retries from there, " + retries +
               "; nothing newer in the shard is delivered meanwhile.";
    }
    return "The invocation failed, so the whole batch is retried " + retries +
           (config.BisectBatchOnFunctionError ? " (split in halves first: BisectBatchOnFunctionError)" : "") +
           "; the shard is blocked behind it.";
}

StoryLine stream_line(const sim::Engine& engine, const sim::HistoryEntry& entry, std::uint32_t deliveries) {
    const auto& kinesis = engine.kinesis();
    StoryLine line;
    line.time = entry.time;
    line.kind = entry.kind;
    line.receive = deliveries;
    switch (entry.kind) {
        case HistoryKind::Sent:
            line.what = "put into " + kinesis.shard_id(entry.detail) + " (sequence number " + kinesis.sequence_number(entry.message) + ")";
            break;
        case HistoryKind::Invoked: {
            line.invocation = entry.detail;
            line.what = "delivery #" + std::to_string(deliveries) + " in invocation " + shorten(engine.recorder().request_id(entry.detail), 8) + ": " +
                        (entry.verdict == sim::Verdict::Ok ? "handler reported it done" : "handler reported it failed");
            line.detail = after_stream_delivery(engine, entry);
            line.bad_news = entry.verdict != sim::Verdict::Ok;
            break;
        }
        case HistoryKind::Checkpointed: line.what = "checkpointed: done, never delivered again"; break;
        case HistoryKind::Filtered: line.what = "matched no FilterCriteria filter: discarded without an invoke"; break;
        case HistoryKind::SentToOnFailure:
            line.what = std::string("given up (") + (entry.detail == 1 ? "RecordAgeExceeded" : "RetryAttemptsExhausted") +
                        "): its batch's details went to the on-failure destination";
            line.detail = "The record's data is not in the failure record; the shard moves on past it.";
            line.bad_news = true;
            break;
        case HistoryKind::Skipped: {
            const auto& r = kinesis.record(entry.message);
            const bool expired = entry.time - r.arrival >= sim::from_seconds(3600.0 * kinesis.config(r.stream).RetentionPeriodHours);
            line.what = expired ? "skipped: older than the stream's retention, gone unread"
                                : "given up with no on-failure destination: discarded";
            line.bad_news = true;
            break;
        }
        case HistoryKind::DelayEnded:
        case HistoryKind::Received:
        case HistoryKind::VisibilityExpired:
        case HistoryKind::VisibilityChanged:
        case HistoryKind::Deleted:
        case HistoryKind::StaleDeleteIgnored:
        case HistoryKind::DeadLettered:
        case HistoryKind::Expired:
        case HistoryKind::RedrivenOut:
        case HistoryKind::RedrivenIn:
        case HistoryKind::RedriveFailed:
        case HistoryKind::ReleasedUnsent: line.what = "stream event"; break;
    }
    return line;
}

}  // namespace

std::string describe_record_state(const sim::Engine& engine, std::uint32_t record) {
    const auto& r = engine.kinesis().record(record);
    switch (r.outcome) {
        case sim::RecordOutcome::Checkpointed: return "checkpointed";
        case sim::RecordOutcome::Filtered: return "filtered out";
        case sim::RecordOutcome::SentToOnFailure: return "given up: sent to the on-failure destination";
        case sim::RecordOutcome::Skipped: return "skipped";
        case sim::RecordOutcome::InStream: break;
    }
    return r.deliveries == 0 ? "in the stream, not delivered yet"
                             : "in the stream: delivered " + std::to_string(r.deliveries) + " time(s), not checkpointed yet";
}

std::vector<StoryLine> record_story(const sim::Engine& engine, std::uint32_t record) {
    std::vector<StoryLine> lines;
    std::uint32_t deliveries = 0;
    for (const auto& entry : engine.recorder().stream_history().of(record)) {
        deliveries += entry.kind == HistoryKind::Invoked;
        lines.push_back(stream_line(engine, entry, deliveries));
    }
    // The delivery after which Lambda gave up is not retried.
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const bool given_up = lines[i].kind == HistoryKind::SentToOnFailure || lines[i].kind == HistoryKind::Skipped;
        if (given_up && lines[i - 1].kind == HistoryKind::Invoked) {
            lines[i - 1].detail = "The last try: Lambda gives up on the batch.";
        }
    }
    return lines;
}

bool invocation_settled(const sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    if (record.result == InvocationResult::Throttled || engine.ended() || record.end() < engine.now()) return true;
    if (record.end() > engine.now() || record.records.empty()) return false;
    // It ends exactly now: settled once its records carry the verdict.
    const auto first = record.records.front().message;
    const auto history = (record.source_kind == sim::EventSourceKind::KinesisStream) ? engine.recorder().stream_history().of(first)
                                            : engine.recorder().history_of(first);
    for (const auto& entry : history) {
        if (entry.kind == HistoryKind::Invoked && entry.detail == invocation) return true;
    }
    return false;
}

std::string describe_result(const sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    if (record.result == InvocationResult::Throttled) return "throttled (" + record.error_message + ")";
    if (!invocation_settled(engine, invocation)) return "running";
    switch (record.result) {
        case InvocationResult::Success:
            return (record.source_kind == sim::EventSourceKind::KinesisStream) ? "success: the shard is checkpointed past the batch" : "success: the whole batch is deleted";
        case InvocationResult::Partial:
            return "partial batch failure: " + std::to_string(record.failures.size()) + " reported failed";
        case InvocationResult::Error: return "function error (" + record.error_type + ")";
        case InvocationResult::Timeout: return "timed out (" + record.error_type + ")";
        case InvocationResult::Crashed: return "runtime crashed (" + record.error_type + ")";
        case InvocationResult::Throttled: break;
    }
    return "";
}

std::string invocation_log(const sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    if (record.result == InvocationResult::Throttled) return {};
    const std::string log = sim::lambda_log(record, engine.recorder().request_id(invocation), true);
    return invocation_settled(engine, invocation) ? log : log.substr(0, log.find('\n') + 1);
}

}  // namespace queuelab::lab
