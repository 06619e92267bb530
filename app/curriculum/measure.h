#pragma once
// Facts about a run, read from its report (docs/report-format.md), and the checks lessons make on
// them: a small data-only predicate language (docs/lesson-format.md "Checks and measures"). A
// measure names what to read ("totals.lost", "messages.count" with a filter, "message.
// receive_count" of one message, "history.first_s" of an event, "series.max" of a time series,
// "order_violations" per key); a check compares it with a value. No code strings: every name
// is validated when the lesson loads.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_reader.h"

namespace queuelab::curriculum {

enum class CompareOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

// "==", "!=", "<", "<=", ">", ">=".
const char* op_text(CompareOp op);

// One condition of a filter (`where`) on a message or an invocation.
struct Condition {
    enum class Kind {
        Compare,     // field OP value: strings and booleans with == and !=, numbers with any op
        Contains,    // field (body/data or response) contains the text in value
        HistoryHas,  // the message's history has an event named value
        Not,         // none of `negated` ... all of `negated` together do not hold
    };
    Kind kind = Kind::Compare;
    std::string field;
    CompareOp op = CompareOp::Equal;
    nlohmann::json value;
    std::vector<Condition> negated;
};
using Filter = std::vector<Condition>;  // every condition holds

struct Measure {
    enum class Subject {
        Totals,           // totals.<field>
        Run,              // ended_at_s, end_reason, drain_time_s
        Messages,         // messages.<aggregate> over the messages (and stream records) `where`
        Message,          // message.<field> of the one message at `index` or matching `where`
        Invocations,      // invocations.<aggregate>
        Invocation,       // invocation.<field>
        History,          // history.count / first_s / last_s of `event` in the messages `where`
        Series,           // series.max / min / last of the time series named `field`
        OrderViolations,  // order_violations `by` a key, among the messages `where`
        Downstream,       // downstreams.calls / succeeded / errors / max_connections of the downstream `field`
    };
    enum class Aggregate { Value, Count, Max, Min, Sum, Mean, Distinct, MostCommon, First, Last };

    std::string name;  // as written, e.g. "messages.count"
    Subject subject = Subject::Totals;
    Aggregate aggregate = Aggregate::Value;
    std::string field;  // totals key, message or invocation field, series name, downstream name
    std::string statistic;  // Downstream: "calls", "succeeded", "errors" or "max_connections"
    Filter where;
    std::optional<std::size_t> index;  // Message, Invocation: by position in the report
    std::string event;                 // History: a history event name ("dead_lettered")
    std::string by;                    // OrderViolations: "MessageGroupId", "partition_key" or "body.<field>"
};

struct Check {
    Measure measure;
    CompareOp op = CompareOp::Equal;
    nlohmann::json expected;  // a number, a string or a boolean
    std::string says;         // optional words for people: "no job is processed twice"
};

// What a measure read from one run: a number, a string, a boolean, or null with the reason.
struct Measured {
    nlohmann::json value;
    std::string why_none;  // when value is null: "no message matches", "not drained by 600 s"
};

struct CheckResult {
    bool passed = false;
    Measured measured;
    std::string line;  // "no job is processed twice (totals.processed_more_than_once): measured 3, expected == 0"
};

// A finished run's report, indexed for measuring. Keeps a reference: the report must outlive it.
class RunFacts {
public:
    explicit RunFacts(const nlohmann::ordered_json& report);
    const nlohmann::ordered_json& report() const { return report_; }
    // The index in report["invocations"] of the invocation with this request id, or nullopt.
    std::optional<std::size_t> invocation_index(const std::string& request_id) const;

private:
    const nlohmann::ordered_json& report_;
    std::unordered_map<std::string, std::size_t> invocation_by_id_;
};

// Parsing, at lesson load. `value` is the JSON object at `path`; extra keys a caller allows (a
// check's "op", "value", "says") are passed in `also_allowed`. Throws sim::InputError.
Measure parse_measure(const JsonReader& reader, const nlohmann::json& value, const std::string& path,
                      std::initializer_list<std::string_view> also_allowed = {});
Check parse_check(const JsonReader& reader, const nlohmann::json& value, const std::string& path);
std::vector<Check> parse_checks(const JsonReader& reader, const nlohmann::json& list, const std::string& path);

// Reading and judging. Never throws for a valid measure: what cannot be measured is null with
// its reason (and fails every comparison).
Measured measure(const Measure& measure, const RunFacts& facts);
bool compare(const nlohmann::json& measured, CompareOp op, const nlohmann::json& expected);
CheckResult evaluate(const Check& check, const RunFacts& facts);
// True when every check holds.
bool all_hold(const std::vector<Check>& checks, const RunFacts& facts);

// "messages.count where outcome == dead_lettered", "totals.lost", "history.first_s dead_lettered".
std::string describe(const Measure& measure);
// A measured value for people: 3, 90.05, "dead_lettered", "none (no message matches)".
std::string describe(const Measured& measured);

// The matching messages (or invocations) of the report, by position: for the lab's "show me".
std::vector<std::size_t> matching_messages(const Filter& where, const RunFacts& facts);
std::vector<std::size_t> matching_invocations(const Filter& where, const RunFacts& facts);
Filter parse_filter(const JsonReader& reader, const nlohmann::json& value, const std::string& path,
                    bool of_invocations);

// History event names a report's messages and records carry ("sent", "received", …).
const std::vector<std::string>& history_event_names();

}  // namespace queuelab::curriculum
