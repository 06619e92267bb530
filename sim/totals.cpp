#include "totals.h"

#include <algorithm>
#include <cstdio>

#include "engine.h"
#include "report.h"

namespace queuelab::sim {

Totals compute_totals(const Engine& engine) {
    const auto& sqs = engine.sqs();
    const auto& limits = engine.scenario().limits;
    Totals t;
    for (std::uint32_t i = 0; i < sqs.messages().size(); ++i) {
        const auto& m = sqs.messages()[i];
        const bool copy = sqs.extras(m).redriven_from != kNone;
        t.sent += !copy;
        t.redriven += copy;
        t.dead_lettered += m.dead_lettered;
        t.processed_ok += m.handler_ok > 0;
        t.processed_more_than_once += m.handler_ok > 1;
        const MessageOutcome outcome = message_outcome(engine, i);
        t.deleted += outcome == MessageOutcome::Deleted;
        t.expired += outcome == MessageOutcome::Expired;
        t.filtered += outcome == MessageOutcome::Filtered;
        t.in_queue += outcome == MessageOutcome::InQueue;
        t.in_flight += outcome == MessageOutcome::InFlight;
        t.lost += outcome == MessageOutcome::Deleted && m.last_verdict == Verdict::Failed;
    }
    for (const auto& r : engine.kinesis().records()) {
        ++t.records_put;
        t.checkpointed += r.outcome == RecordOutcome::Checkpointed;
        t.sent_to_on_failure += r.outcome == RecordOutcome::SentToOnFailure;
        t.skipped += r.outcome == RecordOutcome::Skipped;
        t.filtered += r.outcome == RecordOutcome::Filtered;
        t.in_stream += r.outcome == RecordOutcome::InStream;
        t.lost += r.outcome == RecordOutcome::Checkpointed && r.last_verdict == Verdict::Failed;  // aws-rules 3.26
        t.processed_ok += r.handler_ok > 0;
        t.processed_more_than_once += r.handler_ok > 1;
    }
    for (std::uint32_t s = 0; s < engine.kinesis().stream_count(); ++s) t.put_throttled += engine.kinesis().put_throttled(s);
    for (const auto& record : engine.recorder().invocations()) {
        if (record.result == InvocationResult::Throttled) {
            ++t.throttles;
            continue;
        }
        ++t.invocations;
        t.records_delivered += static_cast<std::int64_t>(record.records.size());
        t.timeouts += record.result == InvocationResult::Timeout;
        t.invocation_errors += record.result == InvocationResult::Error || record.result == InvocationResult::Timeout ||
                               record.result == InvocationResult::Crashed;
        t.gb_seconds += (record.memory_mb / 1024.0) * (record.billed_ms() / 1000.0);
        t.lambda_cost_usd += invocation_cost_usd(limits, record.billed_ms(), record.memory_mb);
    }
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        const double price = sqs.config(q).FifoQueue ? limits.sqs_price_per_million_requests_fifo
                                                     : limits.sqs_price_per_million_requests_standard;
        t.sqs_requests += sqs.request_count(q);
        t.sqs_cost_usd += static_cast<double>(sqs.request_count(q)) * price / 1e6;
    }
    t.max_concurrency = engine.max_concurrency();
    t.rejected_sends = sqs.rejected_sends();
    t.deduplicated_sends = sqs.deduplicated_sends();
    t.cost_usd = t.lambda_cost_usd + t.sqs_cost_usd;
    return t;
}

const std::vector<TotalField>& total_fields() {
    using T = Totals;
    using enum Better;
    using enum TotalFormat;
    using enum Shown;
    static const std::vector<TotalField> fields = {
        {"sent", "messages sent", "Messages SendMessage accepted (a redrive's new copies are counted apart).", Neither, Count, Always, &T::sent},
        {"deleted", "deleted", "Messages deleted from their queue, processed or not.", Neither, Count, Always, &T::deleted},
        {"dead_lettered", "dead-lettered", "Messages moved to a dead-letter queue.", Lower, Count, Always, &T::dead_lettered},
        {"expired", "expired", "Messages their queue deleted after MessageRetentionPeriod.", Lower, Count, Always, &T::expired},
        {"filtered", "filtered", "Messages and records no FilterCriteria pattern matched, dropped without an invoke.", Neither, Count, Always, &T::filtered},
        {"lost", "lost (gone after a failure)", "Messages deleted, and stream records checkpointed past, although the handler last reported them failed.", Lower, Count, Always, &T::lost},
        {"in_queue", "still in queue", "Messages waiting in a queue when the run ended.", Lower, Count, Always, &T::in_queue},
        {"in_flight", "still in flight", "Messages received and neither deleted nor visible again when the run ended.", Lower, Count, Always, &T::in_flight},
        {"invocations", "invocations", "Invokes that ran the handler (throttled attempts not included).", Neither, Count, Always, &T::invocations},
        {"invocation_errors", "invocation errors", "Invokes that threw, timed out or crashed.", Lower, Count, Always, &T::invocation_errors},
        {"throttles", "throttled invokes", "Invoke attempts Lambda refused for lack of concurrency.", Lower, Count, Always, &T::throttles},
        {"timeouts", "invocation timeouts", "Invokes stopped at the function's Timeout.", Lower, Count, Always, &T::timeouts},
        {"records_delivered", "records delivered", "Messages and records handed to the handler, counting every delivery.", Neither, Count, Always, &T::records_delivered},
        {"processed_ok", "processed ok", "Messages and records the handler reported done at least once.", Higher, Count, Always, &T::processed_ok},
        {"processed_more_than_once", "processed more than once", "Messages and records the handler reported done more than once.", Lower, Count, Always, &T::processed_more_than_once},
        {"max_concurrency", "max concurrency", "The most invokes running at once.", Neither, Count, Always, &T::max_concurrency},
        {"sqs_requests", "SQS requests", "Requests the queues billed (sends, receives, deletes).", Lower, Count, Always, &T::sqs_requests},
        {"rejected_sends", "rejected sends", "Sends SQS refused (too large, FIFO without a group).", Lower, Count, WhenNonZero, &T::rejected_sends},
        {"deduplicated_sends", "deduplicated sends", "FIFO sends accepted but not enqueued again (seen in the last 5 minutes).", Neither, Count, WhenNonZero, &T::deduplicated_sends},
        {"redriven", "redriven", "Messages StartMessageMoveTask moved back from a dead-letter queue.", Neither, Count, WhenNonZero, &T::redriven},
        {"records_put", "stream records put", "Records PutRecord accepted.", Neither, Count, WithStreams, &T::records_put},
        {"put_throttled", "  throttled puts", "Puts refused with ProvisionedThroughputExceededException.", Lower, Count, WithStreams, &T::put_throttled},
        {"checkpointed", "  checkpointed", "Records the mapping checkpointed past.", Higher, Count, WithStreams, &T::checkpointed},
        {"sent_to_on_failure", "  sent to on-failure", "Records given up and described to the on-failure destination.", Lower, Count, WithStreams, &T::sent_to_on_failure},
        {"skipped", "  skipped", "Records gone without success: past retention, or given up without a destination.", Lower, Count, WithStreams, &T::skipped},
        {"in_stream", "  not read yet", "Records still unread in their shard when the run ended.", Lower, Count, WithStreams, &T::in_stream},
        {"gb_seconds", "GB-seconds", "Billed duration times memory, in GB-seconds.", Lower, GbSeconds, ReportOnly, &T::gb_seconds},
        {"lambda_cost_usd", "Lambda cost", "Lambda's duration and request charges, in USD.", Lower, Dollars, ReportOnly, &T::lambda_cost_usd},
        {"sqs_cost_usd", "SQS cost", "SQS's request charges, in USD.", Lower, Dollars, ReportOnly, &T::sqs_cost_usd},
        {"cost_usd", "cost (Lambda + SQS)", "What the run would cost on AWS, in USD.", Lower, Dollars, Always, &T::cost_usd},
    };
    return fields;
}

double total_value(const Totals& totals, const TotalField& field) {
    return std::visit([&](auto member) { return static_cast<double>(totals.*member); }, field.member);
}

std::string format_total(const Totals& totals, const TotalField& field) {
    char text[64];
    const double value = total_value(totals, field);
    switch (field.format) {
        case TotalFormat::Count: std::snprintf(text, sizeof text, "%.0f", value); break;
        case TotalFormat::Dollars: std::snprintf(text, sizeof text, "$%.7f", value); break;
        case TotalFormat::GbSeconds: std::snprintf(text, sizeof text, "%.3f GB-s", value); break;
    }
    return text;
}

Change compare_total(const TotalField& field, const Totals& a, const Totals& b) {
    const double before = total_value(a, field);
    const double after = total_value(b, field);
    if (format_total(a, field) == format_total(b, field)) return Change::Same;
    switch (field.better) {
        case Better::Lower: return after < before ? Change::Better : Change::Worse;
        case Better::Higher: return after > before ? Change::Better : Change::Worse;
        case Better::Neither: return Change::Different;
    }
    return Change::Different;
}

bool shows(const TotalField& field, const std::vector<const Totals*>& runs) {
    const auto any = [&](auto predicate) { return std::any_of(runs.begin(), runs.end(), [&](const Totals* t) { return predicate(*t); }); };
    switch (field.shown) {
        case Shown::Always: return true;
        case Shown::WithStreams: return any([](const Totals& t) { return t.records_put + t.put_throttled > 0; });
        case Shown::WhenNonZero: return any([&](const Totals& t) { return total_value(t, field) != 0; });
        case Shown::ReportOnly: return false;
    }
    return false;
}

}  // namespace queuelab::sim
