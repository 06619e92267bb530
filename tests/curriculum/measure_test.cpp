// The check language (docs/lesson-format.md "Checks and measures"): measures read the report's
// fields (docs/report-format.md), a check compares one with a value, and every check says in one
// line what was measured and what was expected.

#include <catch2/catch.hpp>

#include "input_error.h"
#include "measure.h"

using namespace queuelab::curriculum;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// A hand-made report: three messages of customer a and one of b (a's second message was done
// before its first), two invocations, a series.
const ordered_json kReport = ordered_json::parse(R"({
  "scenario": "hand-made", "seed": 1, "ended_at_s": 42.5, "end_reason": "drained",
  "totals": {"sent": 4, "deleted": 3, "dead_lettered": 1, "lost": 0, "processed_more_than_once": 1,
             "invocations": 2, "cost_usd": 0.0000125},
  "messages": [
    {"id": "m1", "source": "q", "queue": "q-dlq", "body": "{\"customer\":\"a\",\"step\":1}", "receive_count": 3,
     "handler_ok": 0, "handler_failed": 3, "outcome": "dead_lettered", "ended_at_s": null,
     "history": [{"t": 0.0, "event": "sent"}, {"t": 0.0, "event": "received"},
                 {"t": 0.5, "event": "invoked", "invocation": "i1", "handler": "failed"},
                 {"t": 30.0, "event": "dead_lettered"}]},
    {"id": "m2", "source": "q", "queue": "q", "body": "{\"customer\":\"a\",\"step\":2}", "receive_count": 1,
     "handler_ok": 1, "handler_failed": 0, "outcome": "deleted", "ended_at_s": 0.5,
     "history": [{"t": 0.1, "event": "sent"}, {"t": 0.5, "event": "invoked", "invocation": "i1", "handler": "ok"}]},
    {"id": "m3", "source": "q", "queue": "q", "body": "{\"customer\":\"a\",\"step\":3}", "receive_count": 2,
     "handler_ok": 2, "handler_failed": 0, "outcome": "deleted", "ended_at_s": 12.0,
     "history": [{"t": 0.2, "event": "sent"}, {"t": 0.5, "event": "invoked", "invocation": "i1", "handler": "ok"},
                 {"t": 12.0, "event": "invoked", "invocation": "i2", "handler": "ok"}]},
    {"id": "m4", "source": "q", "queue": "q", "body": "not json", "receive_count": 1,
     "handler_ok": 1, "handler_failed": 0, "outcome": "deleted", "ended_at_s": 12.0,
     "history": [{"t": 10.0, "event": "sent"}, {"t": 12.0, "event": "invoked", "invocation": "i2", "handler": "ok"}]}
  ],
  "invocations": [
    {"id": "i1", "function": "f", "start_s": 0.0, "end_s": 0.5, "cold_start": true, "records": ["m1", "m2", "m3"],
     "result": "partial", "failures": ["m1"], "response": "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}"},
    {"id": "i2", "function": "f", "start_s": 11.0, "end_s": 12.0, "cold_start": false, "records": ["m3", "m4"],
     "result": "success", "failures": [], "response": "{\"state\":{\"count\":2}}"}
  ],
  "series": {"time_s": [0, 10, 20], "q.visible": [3, 1, 0]}
})");

Check check(const std::string& text) {
    const json value = json::parse(text);
    return parse_check(JsonReader("lesson.json", text), value, "practice.0.checks.0");
}

CheckResult run(const std::string& text) {
    static const RunFacts facts(kReport);
    return evaluate(check(text), facts);
}

}  // namespace

TEST_CASE("totals and run fields are read by name", "[curriculum]") {
    CHECK(run(R"({"measure": "totals.dead_lettered", "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "totals.cost_usd", "op": "<=", "value": 0.00002})").passed);
    CHECK(run(R"({"measure": "end_reason", "op": "==", "value": "drained"})").passed);
    CHECK(run(R"({"measure": "drain_time_s", "op": "==", "value": 42.5})").passed);
}

TEST_CASE("a failing check says in one line what was measured and what was expected", "[curriculum]") {
    const CheckResult result = run(R"({"measure": "totals.processed_more_than_once", "op": "==", "value": 0,
                                       "says": "nothing is processed twice"})");
    CHECK(!result.passed);
    CHECK(result.line == "nothing is processed twice (totals.processed_more_than_once): measured 1, expected == 0");
}

TEST_CASE("aggregates over the messages a filter picks", "[curriculum]") {
    CHECK(run(R"({"measure": "messages.count", "where": {"outcome": "deleted"}, "op": "==", "value": 3})").passed);
    CHECK(run(R"({"measure": "messages.count", "where": {"receive_count": [">=", 2]}, "op": "==", "value": 2})").passed);
    CHECK(run(R"({"measure": "messages.count", "where": {"body.customer": "a", "not": {"outcome": "deleted"}}, "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "messages.count", "where": {"body_contains": "json"}, "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "messages.count", "where": {"history_has": "dead_lettered"}, "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "messages.max", "field": "receive_count", "op": "==", "value": 3})").passed);
    CHECK(run(R"({"measure": "messages.sum", "field": "handler_ok", "op": "==", "value": 4})").passed);
    CHECK(run(R"({"measure": "messages.max", "field": "latency_s", "op": "==", "value": 11.8})").passed);
    CHECK(run(R"({"measure": "messages.distinct", "field": "body.customer", "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "messages.most_common", "field": "outcome", "op": "==", "value": "deleted"})").passed);
    CHECK(run(R"({"measure": "invocations.count", "where": {"cold_start": true}, "op": "==", "value": 1})").passed);
    CHECK(run(R"({"measure": "invocations.mean", "field": "batch_size", "op": "==", "value": 2.5})").passed);
    CHECK(run(R"({"measure": "invocations.sum", "field": "response.state.count", "op": "==", "value": 2})").passed);
}

TEST_CASE("one message: by index or by a filter that picks exactly one", "[curriculum]") {
    CHECK(run(R"({"measure": "message.receive_count", "index": 2, "op": "==", "value": 2})").passed);
    CHECK(run(R"({"measure": "message.outcome", "where": {"body": "not json"}, "op": "==", "value": "deleted"})").passed);
    const CheckResult two = run(R"({"measure": "message.outcome", "where": {"outcome": "deleted", "receive_count": 1}, "op": "==", "value": "deleted"})");
    CHECK(!two.passed);
    CHECK(two.line.find("measured none (2 messages match, expected exactly one)") != std::string::npos);
    const CheckResult far = run(R"({"measure": "message.receive_count", "index": 9, "op": ">=", "value": 0})");
    CHECK(!far.passed);
    CHECK(far.line.find("measured none (the run has 4 messages)") != std::string::npos);
}

TEST_CASE("history events: how many, the first and the last", "[curriculum]") {
    CHECK(run(R"({"measure": "history.count", "event": "invoked", "op": "==", "value": 5})").passed);
    CHECK(run(R"({"measure": "history.first_s", "event": "dead_lettered", "op": "==", "value": 30})").passed);
    CHECK(run(R"({"measure": "history.last_s", "event": "invoked", "where": {"body.step": 3}, "op": "==", "value": 12})").passed);
    const CheckResult never = run(R"({"measure": "history.first_s", "event": "expired", "op": ">", "value": 0})");
    CHECK(!never.passed);
    CHECK(never.line.find("none (no expired event)") != std::string::npos);
}

TEST_CASE("series: max, min and last value", "[curriculum]") {
    CHECK(run(R"({"measure": "series.max", "field": "q.visible", "op": "==", "value": 3})").passed);
    CHECK(run(R"({"measure": "series.last", "field": "q.visible", "op": "==", "value": 0})").passed);
    const CheckResult missing = run(R"({"measure": "series.max", "field": "nope", "op": "==", "value": 0})");
    CHECK(!missing.passed);
    CHECK(missing.line.find("no series named nope (the run has time_s, q.visible)") != std::string::npos);
}

TEST_CASE("order violations count messages done before one of their key sent earlier", "[curriculum]") {
    // Customer a: step 1 never succeeded (ignored), step 2 and step 3 were done in order (same
    // batch, positions 1 and 2).
    CHECK(run(R"({"measure": "order_violations", "by": "body.customer", "op": "==", "value": 0})").passed);
    ordered_json swapped = kReport;
    swapped["invocations"][0]["records"] = {"m1", "m3", "m2"};  // step 3 before step 2 in the batch
    const RunFacts facts(swapped);
    const CheckResult result = evaluate(check(R"({"measure": "order_violations", "by": "body.customer", "op": "==", "value": 0})"), facts);
    CHECK(!result.passed);
    CHECK(result.measured.value == 1);
}

TEST_CASE("what cannot be measured fails every comparison", "[curriculum]") {
    ordered_json report = kReport;
    report["end_reason"] = "duration";
    const RunFacts facts(report);
    for (const char* op : {"==", "!=", "<", ">="}) {
        const CheckResult result = evaluate(check(std::string(R"({"measure": "drain_time_s", "op": ")") + op + R"(", "value": 10})"), facts);
        CHECK(!result.passed);
        CHECK(result.line.find("not drained") != std::string::npos);
    }
}

TEST_CASE("checks are validated when parsed, with the field path", "[curriculum]") {
    const auto error_of = [](const std::string& text) {
        try {
            check(text);
        } catch (const queuelab::sim::InputError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    CHECK(error_of(R"({"measure": "messages.count", "where": {"outcom": "deleted"}, "op": "==", "value": 1})")
              .find("practice.0.checks.0.where.outcom: unknown field") != std::string::npos);
    CHECK(error_of(R"({"measure": "messages.max", "op": "==", "value": 1})").find("practice.0.checks.0.field: missing") != std::string::npos);
    CHECK(error_of(R"({"measure": "messages.max", "field": "outcome", "op": "==", "value": 1})")
              .find("expected a numeric field of a message") != std::string::npos);
    CHECK(error_of(R"({"measure": "totals.lost", "op": "<", "value": "few"})")
              .find("practice.0.checks.0.value: expected a number for <") != std::string::npos);
    CHECK(error_of(R"({"measure": "totals.lost", "field": "x", "op": "==", "value": 0})")
              .find("practice.0.checks.0.field: not used by the measure totals.lost") != std::string::npos);
    CHECK(error_of(R"({"measure": "history.count", "event": "teleported", "op": "==", "value": 0})")
              .find("unknown history event \"teleported\"") != std::string::npos);
    CHECK(error_of(R"({"measure": "message.outcome", "op": "==", "value": "deleted"})")
              .find("expected either index") != std::string::npos);
    CHECK(error_of(R"({"measure": "order_violations", "by": "colour", "op": "==", "value": 0})")
              .find("expected MessageGroupId, partition_key or body.<field>") != std::string::npos);
    CHECK(error_of(R"({"measure": "wibble", "op": "==", "value": 0})").find("unknown measure \"wibble\"") != std::string::npos);
}
