#include "report.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <future>
#include <string_view>
#include <unordered_map>

#include "ids.h"
#include "json_writer.h"
#include "lambda_service.h"

namespace queuelab::sim {
namespace {

using nlohmann::ordered_json;

// Seconds with microsecond precision and no binary noise, so reports compare byte for byte.
double seconds(SimTime t) { return static_cast<double>(t) / kMicrosPerSecond; }

// An enumerator's name in the report, listed beside its enumerator so that the compiler checks the
// list follows the enumeration and a name is found by the enumerator's value.
template <class Enum>
struct Named {
    Enum value;
    JsonLiteral name;
};

template <class Enum, std::size_t N>
consteval bool lists_in_order(const Named<Enum> (&names)[N], Enum last) {
    for (std::size_t i = 0; i < N; ++i) {
        if (static_cast<std::size_t>(names[i].value) != i) return false;
    }
    return static_cast<std::size_t>(last) + 1 == N;
}

const JsonLiteral& history_event_name(HistoryKind kind) {
    using enum HistoryKind;
    static constexpr Named<HistoryKind> kNames[] = {
        {Sent, "sent"}, {DelayEnded, "delay_ended"}, {Received, "received"}, {Invoked, "invoked"},
        {VisibilityExpired, "visibility_expired"}, {VisibilityChanged, "visibility_changed"}, {Deleted, "deleted"},
        {StaleDeleteIgnored, "stale_delete_ignored"}, {DeadLettered, "dead_lettered"}, {Expired, "expired"},
        {Filtered, "filtered"}, {RedrivenOut, "redriven_out"}, {RedrivenIn, "redriven_in"},
        {RedriveFailed, "redrive_failed"}, {ReleasedUnsent, "released_unsent"}, {Checkpointed, "checkpointed"},
        {SentToOnFailure, "sent_to_on_failure"}, {Skipped, "skipped"}};
    static_assert(lists_in_order(kNames, Skipped));
    return kNames[static_cast<std::size_t>(kind)].name;
}

const JsonLiteral& verdict_name(Verdict verdict) {
    static constexpr JsonLiteral kOk = "ok";
    static constexpr JsonLiteral kFailed = "failed";
    return verdict == Verdict::Ok ? kOk : kFailed;
}

// Reusable buffers for ids and histories, so writing a message allocates nothing. Each thread
// writing the report has its own, on cache lines of their own (no false sharing).
struct alignas(64) IdBuffers {
    // The text of the latest history entry written of each kind, and the entry it was written from.
    struct KeptEntry {
        HistoryEntry entry{};
        std::string text;  // empty: none
    };
    using KeptEntries = std::array<KeptEntry, static_cast<std::size_t>(HistoryKind::Skipped) + 1>;

    std::string request_id;
    std::uint32_t request_id_of = kNone;  // the invocation request_id names
    std::vector<HistoryEntry> history;
    KeptEntries message_entries;
    KeptEntries record_entries;
};

// The request id of `invocation`, formatted once for the uses in a row (a batch's messages, then
// the invocation itself).
const std::string& request_id(const Engine& engine, std::uint32_t invocation, IdBuffers& ids) {
    if (ids.request_id_of != invocation) {
        engine.recorder().request_id_into(ids.request_id, invocation);
        ids.request_id_of = invocation;
    }
    return ids.request_id;
}

void write_time(JsonWriter& out, JsonLiteral key, SimTime t) { out.member(key, seconds(t)); }

void write_ended_at(JsonWriter& out, SimTime ended_at) {
    out.key("ended_at_s");
    if (ended_at < 0) {
        out.null();
    } else {
        out.value(seconds(ended_at));
    }
}

void write_message_id(JsonWriter& out, const SqsService& sqs, std::uint32_t message) {
    sqs.put_message_id(out.plain_value(kUuidSize), message);
}

// The id a report uses for a record of `kind`: a MessageId or a sequence number.
void write_id(JsonWriter& out, const Engine& engine, EventSourceKind kind, std::uint32_t index) {
    if (kind == EventSourceKind::KinesisStream) {
        engine.kinesis().put_sequence_number(out.plain_value(KinesisService::kSequenceNumberSize), index);
    } else {
        write_message_id(out, engine.sqs(), index);
    }
}

// Writes a history, each entry with `write_entry(out, entry)`. An entry whose time, kind, detail and
// verdict decide its text (all but an SQS receive, whose receipt handle is its message's) is
// written as the latest entry of its kind was when that one was the same: a batch's messages share
// their Invoked and Deleted entries, and traffic sent at once its Sent entries.
template <class WriteEntry>
void write_history(JsonWriter& out, const std::vector<HistoryEntry>& entries, IdBuffers::KeptEntries& kept_entries,
                   const WriteEntry& write_entry) {
    out.key("history").begin_array();
    for (const auto& entry : entries) {
        if (entry.kind == HistoryKind::Received) {
            write_entry(out, entry);
            continue;
        }
        auto& kept = kept_entries[static_cast<std::size_t>(entry.kind)];
        if (!kept.text.empty() && kept.entry.time == entry.time && kept.entry.detail == entry.detail &&
            kept.entry.verdict == entry.verdict) {
            out.item(kept.text);
            continue;
        }
        const auto mark = out.mark_item();
        write_entry(out, entry);
        kept.entry = entry;
        kept.text.assign(out.item_text(mark));
    }
    out.end_array();
}

void write_message_history(JsonWriter& out, const Engine& engine, std::uint32_t message, IdBuffers& ids) {
    const auto& sqs = engine.sqs();
    engine.recorder().history().of(message, ids.history);
    write_history(out, ids.history, ids.message_entries, [&](JsonWriter& to, const HistoryEntry& entry) {
        to.begin_object();
        write_time(to, "t", entry.time);
        to.member("event", history_event_name(entry.kind));
        switch (entry.kind) {
            case HistoryKind::Sent: to.member("queue", sqs.config(entry.detail).name); break;
            case HistoryKind::Received:
                to.member("receive_count", entry.detail);
                sqs.put_receipt_handle(to.key("receipt_handle").plain_value(SqsService::kReceiptHandleSize),
                                       Receipt{message, entry.detail});
                break;
            case HistoryKind::Invoked:
                to.member("invocation", request_id(engine, entry.detail, ids));
                to.member("handler", verdict_name(entry.verdict));
                break;
            case HistoryKind::Deleted:
            case HistoryKind::StaleDeleteIgnored: to.member("receive_count", entry.detail); break;
            case HistoryKind::VisibilityChanged: to.member("visibility_timeout_s", entry.detail); break;
            case HistoryKind::DeadLettered: to.member("queue", sqs.config(entry.detail).name); break;
            case HistoryKind::RedrivenOut: write_message_id(to.key("new_message"), sqs, entry.detail); break;
            case HistoryKind::RedrivenIn: write_message_id(to.key("from_message"), sqs, entry.detail); break;
            case HistoryKind::DelayEnded:
            case HistoryKind::VisibilityExpired:
            case HistoryKind::Expired:
            case HistoryKind::Filtered:
            case HistoryKind::RedriveFailed:
            case HistoryKind::ReleasedUnsent:
            case HistoryKind::Checkpointed:
            case HistoryKind::SentToOnFailure:
            case HistoryKind::Skipped: break;
        }
        to.end_object();
    });
}

// "sent_by" (the invocation whose handler sent it) and "parent" (the record of that invocation it
// came from, when known), for messages and records a handler sent.
void write_origin(JsonWriter& out, const Engine& engine, EventSourceKind kind, std::uint32_t index, IdBuffers& ids) {
    const auto origin = engine.recorder().origin(kind, index);
    if (!origin) return;
    out.member("sent_by", request_id(engine, origin->invocation, ids));
    out.key("parent");
    if (origin->parent == kNone) {
        out.null();
    } else {
        write_id(out, engine, origin->parent_kind, origin->parent);
    }
}

void write_message(JsonWriter& out, const Engine& engine, std::uint32_t index, IdBuffers& ids) {
    auto& sqs = engine.sqs();
    const auto& m = sqs.message(index);
    out.begin_object();
    write_message_id(out.key("id"), sqs, index);
    out.member("source", sqs.config(m.source_queue).name);
    out.member("queue", sqs.config(m.queue).name);
    out.member("body", m.body());
    out.member("receive_count", m.receive_count);
    out.member("handler_ok", m.handler_ok);
    out.member("handler_failed", m.handler_failed);
    out.member("outcome", outcome_name(message_outcome(engine, index)));
    write_ended_at(out, m.ended_at());
    const auto& extras = sqs.extras(m);
    if (extras.group != kNone) out.member("MessageGroupId", sqs.group_id(m));
    if (extras.redriven_to != kNone) {
        write_message_id(out.key("redriven_to"), sqs, extras.redriven_to);
    }
    if (extras.redriven_from != kNone) {
        write_message_id(out.key("redriven_from"), sqs, extras.redriven_from);
    }
    write_origin(out, engine, EventSourceKind::SqsQueue, index, ids);
    if (engine.recorder().keeps_history()) write_message_history(out, engine, index, ids);
    out.end_object();
}

void write_record_history(JsonWriter& out, const Engine& engine, std::uint32_t index, IdBuffers& ids) {
    engine.recorder().stream_history().of(index, ids.history);
    write_history(out, ids.history, ids.record_entries, [&](JsonWriter& to, const HistoryEntry& entry) {
        to.begin_object();
        write_time(to, "t", entry.time);
        to.member("event", history_event_name(entry.kind));
        switch (entry.kind) {
            case HistoryKind::Sent: to.member("shard", engine.kinesis().shard_id(entry.detail)); break;
            case HistoryKind::Invoked:
                to.member("invocation", request_id(engine, entry.detail, ids));
                to.member("handler", verdict_name(entry.verdict));
                break;
            case HistoryKind::SentToOnFailure:
                to.member("condition", entry.detail == 1 ? "RecordAgeExceeded" : "RetryAttemptsExhausted");
                break;
            case HistoryKind::Received:
            case HistoryKind::DelayEnded:
            case HistoryKind::VisibilityExpired:
            case HistoryKind::VisibilityChanged:
            case HistoryKind::Deleted:
            case HistoryKind::StaleDeleteIgnored:
            case HistoryKind::DeadLettered:
            case HistoryKind::Expired:
            case HistoryKind::Filtered:
            case HistoryKind::RedrivenOut:
            case HistoryKind::RedrivenIn:
            case HistoryKind::RedriveFailed:
            case HistoryKind::ReleasedUnsent:
            case HistoryKind::Checkpointed:
            case HistoryKind::Skipped: break;
        }
        to.end_object();
    });
}

void write_stream_record(JsonWriter& out, const Engine& engine, std::uint32_t index, IdBuffers& ids) {
    const auto& kinesis = engine.kinesis();
    const auto& r = kinesis.record(index);
    out.begin_object();
    write_id(out.key("id"), engine, EventSourceKind::KinesisStream, index);
    out.member("source", kinesis.config(r.stream).name);
    out.member("shard", kinesis.shard_id(r.shard));
    out.member("partition_key", r.partition_key);
    out.member("data", r.data);
    out.member("receive_count", r.deliveries);
    out.member("handler_ok", r.handler_ok);
    out.member("handler_failed", r.handler_failed);
    out.member("outcome", record_outcome_name(r.outcome));
    write_ended_at(out, r.ended_at);
    write_origin(out, engine, EventSourceKind::KinesisStream, index, ids);
    if (engine.recorder().stream_history().kept()) write_record_history(out, engine, index, ids);
    out.end_object();
}

void write_call(JsonWriter& out, const Engine& engine, const CallRecord& call) {
    out.begin_object();
    out.member("service", to_string(call.service));
    out.member("operation", call.operation);
    out.member("target", call.target);
    write_time(out, "start_s", call.start);
    out.member("duration_ms", call.duration_ms);
    out.member("result", call.error_code.empty() ? std::string_view("ok") : std::string_view(call.error_code));
    if (!call.error_message.empty()) out.member("error_message", call.error_message);
    if (call.failed_entries > 0) out.member("failed_entries", call.failed_entries);
    if (!call.created.empty()) {
        const auto kind = call.service == CallService::Kinesis ? EventSourceKind::KinesisStream : EventSourceKind::SqsQueue;
        out.key("created").begin_array();
        for (const auto index : call.created) {
            write_id(out, engine, kind, index);
        }
        out.end_array();
    }
    out.end_object();
}

void write_invocation(JsonWriter& out, const Engine& engine, std::uint32_t invocation, IdBuffers& ids) {
    const auto& record = engine.recorder().invocations()[invocation];
    const std::string& id = request_id(engine, invocation, ids);
    out.begin_object();
    out.member("id", id);
    out.member("function", engine.lambda().config(record.function).name);
    write_time(out, "start_s", record.start);
    write_time(out, "end_s", record.end());
    out.member("cold_start", record.cold_start);
    out.key("records").begin_array();
    for (const auto& r : record.records) {
        write_id(out, engine, record.source_kind, r.message);
    }
    out.end_array();
    out.member("result", to_string(record.result));
    out.key("failures").begin_array();
    for (const auto message : record.failures) {
        write_id(out, engine, record.source_kind, message);
    }
    out.end_array();
    out.key("receive_counts").begin_array();
    for (const auto& r : record.records) out.value(r.receive_count);
    out.end_array();
    if (record.result != InvocationResult::Throttled) {
        out.member("init_ms", record.init_ms);
        out.member("duration_ms", record.duration_ms);
        out.member("billed_ms", record.billed_ms());
    }
    if (!record.response_payload.empty()) out.member("response", record.response_payload.view());
    if (!record.error_type.empty()) {
        out.member("error_type", record.error_type.view());
        out.member("error_message", record.error_message.view());
    }
    if (!record.calls.empty()) {
        out.key("calls").begin_array();
        for (const auto& call : record.calls) write_call(out, engine, call);
        out.end_array();
    }
    if (!record.logs.empty()) out.member("logs", lambda_log(record, id, false));
    out.end_object();
}

// The nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double share) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

void write_downstreams(JsonWriter& out, const Engine& engine) {
    const auto& downstreams = engine.handler_services().downstreams();
    out.begin_object();
    for (std::uint32_t d = 0; d < downstreams.count(); ++d) {
        const auto& totals = downstreams.totals(d);
        std::vector<double> sorted = totals.durations_ms;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (const double ms : sorted) sum += ms;
        std::int64_t failed = 0;
        for (const auto& [code, count] : totals.errors) failed += count;
        out.checked_key(downstreams.config(d).name).begin_object();
        out.member("calls", totals.calls);
        out.member("succeeded", totals.calls - failed);
        out.key("errors").begin_object();
        for (const auto& [code, count] : totals.errors) out.checked_key(code).value(count);
        out.end_object();
        out.member("max_connections", totals.max_connections);
        out.key("latency_ms").begin_object();
        out.member("mean", sorted.empty() ? 0.0 : sum / static_cast<double>(sorted.size()));
        out.member("p50", percentile(sorted, 0.50));
        out.member("p99", percentile(sorted, 0.99));
        out.member("max", sorted.empty() ? 0.0 : sorted.back());
        out.end_object();
        out.end_object();
    }
    out.end_object();
}

// The series by name; a name given twice keeps its first place and its last values, as a JSON
// object assigned twice does.
void write_series(JsonWriter& out, const Recorder& recorder) {
    out.begin_object();
    out.key("time_s").begin_array();
    for (const auto t : recorder.sample_times()) out.value(seconds(t));
    out.end_array();
    const auto& series = recorder.series();
    std::unordered_map<std::string_view, std::size_t> last;
    for (std::size_t i = 0; i < series.size(); ++i) last[series[i].name] = i;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (series[i].name == "time_s") continue;  // never a series name; the time axis keeps its place
        auto found = last.find(series[i].name);
        if (found == last.end()) continue;  // already written
        out.checked_key(series[i].name).begin_array();
        for (const double v : series[found->second].values) out.value(v);
        out.end_array();
        last.erase(found);
    }
    out.end_object();
}

// [SECTION] Items in parallel

// Writes items 0 to count - 1 of the innermost array with `write_item(writer, index, ids)`. Past
// `batch` items, two threads share the work: while this one writes a batch into `out`, a second
// writes the next batch into memory, which follows it (the follower writer is back at the array's
// level after each batch). The text is the same as written in one go. `write_item` only reads the
// engine. `batch` 0: one thread.
template <class WriteItem>
void write_items(JsonWriter& out, std::uint32_t count, std::uint32_t batch, const WriteItem& write_item) {
    IdBuffers ids;
    if (batch == 0 || count <= batch) {
        for (std::uint32_t i = 0; i < count; ++i) write_item(out, i, ids);
        return;
    }
    IdBuffers follower_ids;
    alignas(64) JsonWriter follower = out.follower();  // on cache lines apart from `out`'s
    for (std::uint32_t begin = 0; begin < count; begin += 2 * batch) {
        const std::uint32_t middle = std::min(count, begin + batch);
        const std::uint32_t end = std::min(count, middle + batch);
        follower.clear_kept_text();
        auto next = std::async(std::launch::async, [&] {
            for (std::uint32_t i = middle; i < end; ++i) write_item(follower, i, follower_ids);
        });
        for (std::uint32_t i = begin; i < middle; ++i) write_item(out, i, ids);
        next.get();
        out.items(follower.kept_text());
    }
}

}  // namespace

const JsonLiteral& record_outcome_name(RecordOutcome outcome) {
    using enum RecordOutcome;
    static constexpr Named<RecordOutcome> kNames[] = {{InStream, "in_stream"}, {Checkpointed, "checkpointed"},
                                                      {SentToOnFailure, "sent_to_on_failure"}, {Skipped, "skipped"},
                                                      {Filtered, "filtered"}};
    static_assert(lists_in_order(kNames, Filtered));
    return kNames[static_cast<std::size_t>(outcome)].name;
}

MessageOutcome message_outcome(const Engine& engine, std::uint32_t index) {
    const auto& m = engine.sqs().message(index);
    switch (m.state) {
        case MessageState::Deleted:
            return engine.sqs().extras(m).redriven_to != kNone ? MessageOutcome::DeadLettered : MessageOutcome::Deleted;
        case MessageState::Expired: return MessageOutcome::Expired;
        case MessageState::Filtered: return MessageOutcome::Filtered;
        case MessageState::InFlight: return MessageOutcome::InFlight;
        case MessageState::Sending:
        case MessageState::Delayed:
        case MessageState::Visible:
            return m.queue != m.source_queue && m.dead_lettered ? MessageOutcome::DeadLettered : MessageOutcome::InQueue;
    }
    return MessageOutcome::InQueue;
}

const JsonLiteral& outcome_name(MessageOutcome outcome) {
    using enum MessageOutcome;
    static constexpr Named<MessageOutcome> kNames[] = {{Deleted, "deleted"},   {DeadLettered, "dead_lettered"},
                                                       {Expired, "expired"},   {Filtered, "filtered"},
                                                       {InQueue, "in_queue"}, {InFlight, "in_flight"}};
    static_assert(lists_in_order(kNames, InFlight));
    return kNames[static_cast<std::size_t>(outcome)].name;
}

ordered_json totals_json(const Totals& totals) {
    ordered_json json = ordered_json::object();
    for (const TotalField& field : total_fields()) {
        std::visit([&](auto member) { json[std::string(field.name)] = totals.*member; }, field.member);
    }
    return json;
}

void write_report(JsonWriter& out, Engine& engine, std::uint32_t parallel_batch) {
    out.begin_object();
    out.member("scenario", engine.scenario().name);
    out.member("seed", engine.scenario().seed);
    write_time(out, "ended_at_s", engine.now());
    out.member("end_reason", engine.end_reason());
    out.key("totals").value(totals_json(compute_totals(engine)));
    const auto message_count = static_cast<std::uint32_t>(engine.sqs().messages().size());
    const auto record_count = static_cast<std::uint32_t>(engine.kinesis().records().size());
    out.key("messages").begin_array();
    write_items(out, message_count + record_count, parallel_batch, [&](JsonWriter& to, std::uint32_t i, IdBuffers& ids) {
        if (i < message_count) {
            write_message(to, engine, i, ids);
        } else {
            write_stream_record(to, engine, i - message_count, ids);
        }
    });
    out.end_array();
    out.key("invocations").begin_array();
    write_items(out, static_cast<std::uint32_t>(engine.recorder().invocations().size()), parallel_batch,
                [&](JsonWriter& to, std::uint32_t i, IdBuffers& ids) { write_invocation(to, engine, i, ids); });
    out.end_array();
    if (engine.handler_services().downstreams().count() > 0) {
        out.key("downstreams");
        write_downstreams(out, engine);
    }
    out.key("series");
    write_series(out, engine.recorder());
    out.end_object();
}

void write_report_file(const std::string& path, Engine& engine, bool pretty) {
    write_file_atomically(path, [&](const ChunkSink& sink) {
        JsonWriter out(sink, pretty ? 2 : -1);
        write_report(out, engine);
        out.flush();
        sink("\n");
    });
}

ordered_json build_report(Engine& engine) {
    std::string text;
    JsonWriter out([&](std::string_view chunk) { text += chunk; }, -1);
    write_report(out, engine);
    out.flush();
    return ordered_json::parse(text);  // our own text: not input from outside (docs/architecture.md 5)
}

}  // namespace queuelab::sim
