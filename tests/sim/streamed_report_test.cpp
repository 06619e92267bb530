// The streamed report (docs/report-format.md 8): write_report's text, compact and indented, is byte
// for byte the dump of the report built as one JSON tree, the way queuelab built it before it
// streamed. That tree builder stays here, only as the reference.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine_test_support.h"
#include "input_file.h"
#include "json_writer.h"
#include "lambda_service.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;
using nlohmann::ordered_json;

namespace {

// Seconds with microsecond precision and no binary noise, so reports compare byte for byte.
double seconds(SimTime t) { return static_cast<double>(t) / kMicrosPerSecond; }

const char* history_event_name(HistoryKind kind) {
    switch (kind) {
        case HistoryKind::Sent: return "sent";
        case HistoryKind::DelayEnded: return "delay_ended";
        case HistoryKind::Received: return "received";
        case HistoryKind::Invoked: return "invoked";
        case HistoryKind::VisibilityExpired: return "visibility_expired";
        case HistoryKind::VisibilityChanged: return "visibility_changed";
        case HistoryKind::Deleted: return "deleted";
        case HistoryKind::StaleDeleteIgnored: return "stale_delete_ignored";
        case HistoryKind::DeadLettered: return "dead_lettered";
        case HistoryKind::Expired: return "expired";
        case HistoryKind::Filtered: return "filtered";
        case HistoryKind::RedrivenOut: return "redriven_out";
        case HistoryKind::RedrivenIn: return "redriven_in";
        case HistoryKind::RedriveFailed: return "redrive_failed";
        case HistoryKind::ReleasedUnsent: return "released_unsent";
        case HistoryKind::Checkpointed: return "checkpointed";
        case HistoryKind::SentToOnFailure: return "sent_to_on_failure";
        case HistoryKind::Skipped: return "skipped";
    }
    return "unknown";
}

ordered_json history_json(Engine& engine, std::uint32_t message) {
    auto& sqs = engine.sqs();
    ordered_json entries = ordered_json::array();
    for (const auto& entry : engine.recorder().history_of(message)) {
        ordered_json e{{"t", seconds(entry.time)}, {"event", history_event_name(entry.kind)}};
        switch (entry.kind) {
            case HistoryKind::Sent: e["queue"] = sqs.config(entry.detail).name; break;
            case HistoryKind::Received:
                e["receive_count"] = entry.detail;
                e["receipt_handle"] = sqs.receipt_handle(Receipt{message, entry.detail});
                break;
            case HistoryKind::Invoked:
                e["invocation"] = engine.recorder().invocations()[entry.detail].request_id;
                e["handler"] = entry.verdict == Verdict::Ok ? "ok" : "failed";
                break;
            case HistoryKind::Deleted:
            case HistoryKind::StaleDeleteIgnored: e["receive_count"] = entry.detail; break;
            case HistoryKind::VisibilityChanged: e["visibility_timeout_s"] = entry.detail; break;
            case HistoryKind::DeadLettered: e["queue"] = sqs.config(entry.detail).name; break;
            case HistoryKind::RedrivenOut: e["new_message"] = sqs.message_id(entry.detail); break;
            case HistoryKind::RedrivenIn: e["from_message"] = sqs.message_id(entry.detail); break;
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
        entries.push_back(std::move(e));
    }
    return entries;
}

// The id a report uses for a record of `kind`: a MessageId or a sequence number.
std::string id_of(const Engine& engine, EventSourceKind kind, std::uint32_t index) {
    return kind == EventSourceKind::KinesisStream ? engine.kinesis().sequence_number(index) : engine.sqs().message_id(index);
}

// "sent_by" (the invocation whose handler sent it) and "parent" (the record of that invocation it
// came from, when known), for messages and records a handler sent.
void add_origin(const Engine& engine, EventSourceKind kind, std::uint32_t index, ordered_json& j) {
    const auto origin = engine.recorder().origin(kind, index);
    if (!origin) return;
    j["sent_by"] = engine.recorder().invocations()[origin->invocation].request_id;
    j["parent"] = origin->parent == kNone ? ordered_json(nullptr) : ordered_json(id_of(engine, origin->parent_kind, origin->parent));
}

ordered_json message_json(Engine& engine, std::uint32_t index) {
    auto& sqs = engine.sqs();
    const auto& m = sqs.message(index);
    ordered_json j{{"id", sqs.message_id(index)},
                   {"source", sqs.config(m.source_queue).name},
                   {"queue", sqs.config(m.queue).name},
                   {"body", m.body},
                   {"receive_count", m.receive_count},
                   {"handler_ok", m.handler_ok},
                   {"handler_failed", m.handler_failed},
                   {"outcome", outcome_name(message_outcome(engine, index))},
                   {"ended_at_s", m.ended_at < 0 ? ordered_json(nullptr) : ordered_json(seconds(m.ended_at))}};
    if (m.group != kNone) j["MessageGroupId"] = sqs.group_id(m);
    if (m.redriven_to != kNone) j["redriven_to"] = sqs.message_id(m.redriven_to);
    if (m.redriven_from != kNone) j["redriven_from"] = sqs.message_id(m.redriven_from);
    add_origin(engine, EventSourceKind::SqsQueue, index, j);
    if (engine.recorder().keeps_history()) j["history"] = history_json(engine, index);
    return j;
}

ordered_json stream_history_json(const Engine& engine, std::uint32_t index) {
    ordered_json entries = ordered_json::array();
    for (const auto& entry : engine.recorder().stream_history().of(index)) {
        ordered_json e{{"t", seconds(entry.time)}, {"event", history_event_name(entry.kind)}};
        switch (entry.kind) {
            case HistoryKind::Sent: e["shard"] = engine.kinesis().shard_id(entry.detail); break;
            case HistoryKind::Invoked:
                e["invocation"] = engine.recorder().invocations()[entry.detail].request_id;
                e["handler"] = entry.verdict == Verdict::Ok ? "ok" : "failed";
                break;
            case HistoryKind::SentToOnFailure:
                e["condition"] = entry.detail == 1 ? "RecordAgeExceeded" : "RetryAttemptsExhausted";
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
        entries.push_back(std::move(e));
    }
    return entries;
}

ordered_json stream_record_json(const Engine& engine, std::uint32_t index) {
    const auto& kinesis = engine.kinesis();
    const auto& r = kinesis.record(index);
    ordered_json j{{"id", kinesis.sequence_number(index)},
                   {"source", kinesis.config(r.stream).name},
                   {"shard", kinesis.shard_id(r.shard)},
                   {"partition_key", r.partition_key},
                   {"data", r.data},
                   {"receive_count", r.deliveries},
                   {"handler_ok", r.handler_ok},
                   {"handler_failed", r.handler_failed},
                   {"outcome", record_outcome_name(r.outcome)},
                   {"ended_at_s", r.ended_at < 0 ? ordered_json(nullptr) : ordered_json(seconds(r.ended_at))}};
    add_origin(engine, EventSourceKind::KinesisStream, index, j);
    if (engine.recorder().stream_history().kept()) j["history"] = stream_history_json(engine, index);
    return j;
}

// The id a report uses for an invocation's record: a MessageId or a sequence number.
std::string record_id(const Engine& engine, const InvocationRecord& invocation, std::uint32_t record) {
    return id_of(engine, invocation.source_kind, record);
}

ordered_json call_json(const Engine& engine, const CallRecord& call) {
    ordered_json j{{"service", to_string(call.service)},
                   {"operation", call.operation},
                   {"target", call.target},
                   {"start_s", seconds(call.start)},
                   {"duration_ms", call.duration_ms},
                   {"result", call.error_code.empty() ? std::string("ok") : call.error_code}};
    if (!call.error_message.empty()) j["error_message"] = call.error_message;
    if (call.failed_entries > 0) j["failed_entries"] = call.failed_entries;
    if (!call.created.empty()) {
        const auto kind = call.service == CallService::Kinesis ? EventSourceKind::KinesisStream : EventSourceKind::SqsQueue;
        ordered_json created = ordered_json::array();
        for (const auto index : call.created) created.push_back(id_of(engine, kind, index));
        j["created"] = std::move(created);
    }
    return j;
}

ordered_json invocation_json(const Engine& engine, const InvocationRecord& record) {
    ordered_json records = ordered_json::array();
    for (const auto& r : record.records) records.push_back(record_id(engine, record, r.message));
    ordered_json failures = ordered_json::array();
    for (const auto message : record.failures) failures.push_back(record_id(engine, record, message));
    ordered_json j{{"id", record.request_id},
                   {"function", engine.lambda().config(record.function).name},
                   {"start_s", seconds(record.start)},
                   {"end_s", seconds(record.end)},
                   {"cold_start", record.cold_start},
                   {"records", std::move(records)},
                   {"result", to_string(record.result)},
                   {"failures", std::move(failures)}};
    ordered_json receive_counts = ordered_json::array();
    for (const auto& r : record.records) receive_counts.push_back(r.receive_count);
    j["receive_counts"] = std::move(receive_counts);
    if (record.result != InvocationResult::Throttled) {
        j["init_ms"] = record.init_ms;
        j["duration_ms"] = record.duration_ms;
        j["billed_ms"] = record.billed_ms;
    }
    if (!record.response_payload.empty()) j["response"] = record.response_payload;
    if (!record.error_type.empty()) {
        j["error_type"] = record.error_type;
        j["error_message"] = record.error_message;
    }
    if (!record.calls.empty()) {
        ordered_json calls = ordered_json::array();
        for (const auto& call : record.calls) calls.push_back(call_json(engine, call));
        j["calls"] = std::move(calls);
    }
    if (!record.logs.empty()) j["logs"] = lambda_log(record, false);
    return j;
}

// The nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double share) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

ordered_json downstreams_json(const Engine& engine) {
    const auto& downstreams = engine.handler_services().downstreams();
    ordered_json all = ordered_json::object();
    for (std::uint32_t d = 0; d < downstreams.count(); ++d) {
        const auto& totals = downstreams.totals(d);
        std::vector<double> sorted = totals.durations_ms;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (const double ms : sorted) sum += ms;
        std::int64_t failed = 0;
        ordered_json errors = ordered_json::object();
        for (const auto& [code, count] : totals.errors) {
            errors[code] = count;
            failed += count;
        }
        all[downstreams.config(d).name] = ordered_json{
            {"calls", totals.calls},
            {"succeeded", totals.calls - failed},
            {"errors", std::move(errors)},
            {"max_connections", totals.max_connections},
            {"latency_ms", {{"mean", sorted.empty() ? 0.0 : sum / static_cast<double>(sorted.size())},
                            {"p50", percentile(sorted, 0.50)},
                            {"p99", percentile(sorted, 0.99)},
                            {"max", sorted.empty() ? 0.0 : sorted.back()}}}};
    }
    return all;
}

ordered_json series_json(const Recorder& recorder) {
    ordered_json time = ordered_json::array();
    for (const auto t : recorder.sample_times()) time.push_back(seconds(t));
    ordered_json series{{"time_s", std::move(time)}};
    for (const auto& s : recorder.series()) series[s.name] = s.values;
    return series;
}

ordered_json reference_report(Engine& engine) {
    ordered_json report{{"scenario", engine.scenario().name},
                        {"seed", engine.scenario().seed},
                        {"ended_at_s", seconds(engine.now())},
                        {"end_reason", engine.end_reason()},
                        {"totals", totals_json(compute_totals(engine))}};
    ordered_json messages = ordered_json::array();
    for (std::uint32_t i = 0; i < engine.sqs().messages().size(); ++i) messages.push_back(message_json(engine, i));
    for (std::uint32_t i = 0; i < engine.kinesis().records().size(); ++i) messages.push_back(stream_record_json(engine, i));
    report["messages"] = std::move(messages);
    ordered_json invocations = ordered_json::array();
    for (const auto& record : engine.recorder().invocations()) invocations.push_back(invocation_json(engine, record));
    report["invocations"] = std::move(invocations);
    if (engine.handler_services().downstreams().count() > 0) report["downstreams"] = downstreams_json(engine);
    report["series"] = series_json(engine.recorder());
    return report;
}


std::string streamed(Engine& engine, int indent) {
    std::string text;
    JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
    write_report(out, engine);
    out.flush();
    return text;
}

std::vector<std::string> example_scenarios() {
    std::vector<std::string> paths;
    for (const auto& folder : {"lessons/scenarios"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(QUEUELAB_SOURCE_DIR) + "/" + folder)) {
            if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

std::string read_text(const std::string& path) {
    std::ostringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("docs/report-format.md 8: the streamed report is byte for byte the tree's dump, compact and indented",
          "[engine][report]") {
    for (const auto& path : example_scenarios()) {
        DYNAMIC_SECTION(path) {
            Engine engine(load_scenario_file(path));
            engine.run();
            const ordered_json tree = reference_report(engine);
            REQUIRE(tree["messages"].size() > 0);
            CHECK(streamed(engine, -1) == tree.dump());
            CHECK(streamed(engine, 2) == tree.dump(2));
            CHECK(build_report(engine) == tree);
        }
    }
}

TEST_CASE("docs/report-format.md 8: the writer matches dump() on strings, numbers and nesting", "[report]") {
    ordered_json document = {{"plain", "abc"}, {"escaped", "quote \" back \\ tab \t nl \n ctl \x01 é ☃"},
                             {"numbers", {0.0, -0.0, 1.5, 90.0, 1e-7, 123456789.123456, 1e300, -3, 18446744073709551615ull}},
                             {"empty_object", ordered_json::object()}, {"empty_array", ordered_json::array()},
                             {"nested", {{"a", {{"b", {1, 2}}}}, {"null", nullptr}, {"bool", true}}}};
    for (const int indent : {-1, 0, 2, 4}) {
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
        out.begin_object();
        out.member("plain", "abc").member("escaped", document["escaped"].get<std::string>());
        out.key("numbers").begin_array();
        for (const double v : {0.0, -0.0, 1.5, 90.0, 1e-7, 123456789.123456, 1e300}) out.value(v);
        out.value(-3).value(18446744073709551615ull).end_array();
        out.key("empty_object").begin_object().end_object();
        out.key("empty_array").begin_array().end_array();
        out.key("nested").value(document["nested"]);
        out.end_object().flush();
        CHECK(text == document.dump(indent));
    }
    SECTION("not finite is null, as dump() writes it") {
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; }, -1);
        out.begin_array().value(std::nan("")).value(INFINITY).end_array().flush();
        CHECK(text == "[null,null]");
    }
}

TEST_CASE("docs/report-format.md 8: write_report_file writes the compact text (or --pretty's) and a newline",
          "[report]") {
    Engine engine(load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json"));
    engine.run();
    const auto path = (std::filesystem::temp_directory_path() / "queuelab-streamed-report.json").string();
    write_report_file(path, engine, false);
    CHECK(read_text(path) == reference_report(engine).dump() + "\n");
    write_report_file(path, engine, true);
    CHECK(read_text(path) == reference_report(engine).dump(2) + "\n");
    std::filesystem::remove(path);
}

TEST_CASE("docs/report-format.md 4: without history (run --no-history) the messages have no history, the rest is the same",
          "[engine][report]") {
    const auto path = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";
    Engine with(load_scenario_file(path));
    Engine without(load_scenario_file(path), {.keep_history = false});
    with.run();
    without.run();
    ordered_json kept = build_report(with);
    const ordered_json left_out = build_report(without);
    REQUIRE(kept["messages"].at(0).contains("history"));
    for (const auto& message : left_out["messages"]) CHECK_FALSE(message.contains("history"));
    for (auto& message : kept["messages"]) message.erase("history");
    CHECK(left_out == kept);
}
