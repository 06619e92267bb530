#include "measure.h"

// [SECTION] Names: fields, aggregates, events
// [SECTION] Parsing
// [SECTION] Reading fields of a report
// [SECTION] Measuring
// [SECTION] Judging and describing

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "json_text.h"
#include "report.h"

namespace queuelab::curriculum {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using Subject = Measure::Subject;
using Aggregate = Measure::Aggregate;

// [SECTION] Names: fields, aggregates, events

enum class FieldType { Number, String, Boolean, Json };

struct FieldInfo {
    std::string_view name;
    FieldType type;
};

// Fields of report["messages"][i] (SQS messages and stream records), with the derived
// sent_at_s (its "sent" event) and latency_s (ended_at_s - sent_at_s).
constexpr FieldInfo kMessageFields[] = {
    {"receive_count", FieldType::Number}, {"handler_ok", FieldType::Number},
    {"handler_failed", FieldType::Number}, {"ended_at_s", FieldType::Number},
    {"sent_at_s", FieldType::Number},      {"latency_s", FieldType::Number},
    {"id", FieldType::String},             {"source", FieldType::String},
    {"queue", FieldType::String},          {"body", FieldType::String},
    {"outcome", FieldType::String},        {"shard", FieldType::String},
    {"partition_key", FieldType::String},  {"data", FieldType::String},
    {"MessageGroupId", FieldType::String},
};

// Fields of report["invocations"][i], with the derived batch_size (records) and failure_count.
constexpr FieldInfo kInvocationFields[] = {
    {"start_s", FieldType::Number},     {"end_s", FieldType::Number},
    {"duration_ms", FieldType::Number}, {"billed_ms", FieldType::Number},
    {"init_ms", FieldType::Number},     {"batch_size", FieldType::Number},
    {"failure_count", FieldType::Number}, {"id", FieldType::String},
    {"function", FieldType::String},    {"result", FieldType::String},
    {"error_type", FieldType::String},  {"response", FieldType::String},
    {"cold_start", FieldType::Boolean},
};

// A message's JSON body (or a stream record's data) field, and an invocation's JSON response
// field: "body.customer", "response.state.count".
constexpr std::string_view kBodyPrefix = "body.";
constexpr std::string_view kResponsePrefix = "response.";

std::optional<FieldType> field_type(std::string_view field, bool of_invocations) {
    const std::string_view prefix = of_invocations ? kResponsePrefix : kBodyPrefix;
    if (field.starts_with(prefix) && field.size() > prefix.size()) return FieldType::Json;
    if (of_invocations) {
        for (const auto& info : kInvocationFields) {
            if (info.name == field) return info.type;
        }
    } else {
        for (const auto& info : kMessageFields) {
            if (info.name == field) return info.type;
        }
    }
    return std::nullopt;
}

std::string field_names(bool of_invocations) {
    std::string text;
    if (of_invocations) {
        for (const auto& info : kInvocationFields) text += std::string(info.name) + ", ";
        return text + "response.<field>";
    }
    for (const auto& info : kMessageFields) text += std::string(info.name) + ", ";
    return text + "body.<field>";
}

const std::vector<std::string>& totals_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        const ordered_json totals = sim::totals_json(sim::Totals{});
        for (const auto& [key, value] : totals.items()) out.push_back(key);
        return out;
    }();
    return names;
}

struct AggregateName {
    std::string_view name;
    Aggregate aggregate;
    bool needs_field;
};

constexpr AggregateName kAggregates[] = {
    {"count", Aggregate::Count, false},  {"max", Aggregate::Max, true},
    {"min", Aggregate::Min, true},       {"sum", Aggregate::Sum, true},
    {"mean", Aggregate::Mean, true},     {"distinct", Aggregate::Distinct, true},
    {"most_common", Aggregate::MostCommon, true},
};

const char* kMeasureNames =
    "totals.<field>, ended_at_s, end_reason, drain_time_s, messages.<count|max|min|sum|mean|distinct|"
    "most_common>, message.<field>, invocations.<count|max|min|sum|mean|distinct|most_common>, "
    "invocation.<field>, history.<count|first_s|last_s>, series.<max|min|last>, order_violations, "
    "downstreams.<calls|succeeded|errors|max_connections>";

std::string join_names(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

std::optional<CompareOp> parse_op(const std::string& text) {
    static const std::pair<const char*, CompareOp> ops[] = {
        {"==", CompareOp::Equal}, {"!=", CompareOp::NotEqual}, {"<", CompareOp::Less},
        {"<=", CompareOp::LessOrEqual}, {">", CompareOp::Greater}, {">=", CompareOp::GreaterOrEqual}};
    for (const auto& [name, op] : ops) {
        if (text == name) return op;
    }
    return std::nullopt;
}

bool is_scalar(const json& value) { return value.is_number() || value.is_string() || value.is_boolean(); }

// [SECTION] Parsing

Condition parse_compare(const JsonReader& reader, const std::string& field, const json& value,
                        const std::string& path, bool of_invocations) {
    const std::optional<FieldType> type = field_type(field, of_invocations);
    if (!type) {
        reader.fail(path, "unknown field; expected one of: " + field_names(of_invocations) + ", " +
                              (of_invocations ? "response_contains" : "body_contains, history_has") + ", not");
    }
    Condition condition{Condition::Kind::Compare, field, CompareOp::Equal, value, {}};
    if (value.is_array()) {
        const std::optional<CompareOp> op =
            value.size() == 2 && value[0].is_string() ? parse_op(value[0].get<std::string>()) : std::nullopt;
        if (!op || !value[1].is_number()) {
            reader.fail(path, "expected a value, or [OP, number] with OP one of ==, !=, <, <=, >, >=, got " +
                                  value.dump());
        }
        condition.op = *op;
        condition.value = value[1];
    } else if (!is_scalar(value)) {
        reader.fail(path, "expected a string, number or boolean, or [OP, number], got " + describe_value(value));
    }
    const bool numeric_only = condition.op != CompareOp::Equal && condition.op != CompareOp::NotEqual;
    if ((*type == FieldType::Number && !condition.value.is_number()) ||
        (*type == FieldType::String && !condition.value.is_string()) ||
        (*type == FieldType::Boolean && !condition.value.is_boolean()) ||
        (numeric_only && !condition.value.is_number())) {
        reader.fail(path, "expected " +
                              std::string(*type == FieldType::Number    ? "a number"
                                          : *type == FieldType::String  ? "a string"
                                          : *type == FieldType::Boolean ? "a boolean"
                                                                        : "a number for this comparison") +
                              " for " + field + ", got " + describe_value(value));
    }
    return condition;
}

std::string text_condition(const JsonReader& reader, const json& value, const std::string& path,
                           const std::string& what) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
        reader.fail(path, "expected " + what + ", got " + describe_value(value));
    }
    return value.get<std::string>();
}

}  // namespace

Filter parse_filter(const JsonReader& reader, const json& value, const std::string& path, bool of_invocations) {
    reader.object(value, path);
    Filter filter;
    for (const auto& [key, condition] : value.items()) {
        const std::string at = join_path(path, key);
        if (key == "not") {
            filter.push_back({Condition::Kind::Not, {}, CompareOp::Equal, {},
                              parse_filter(reader, condition, at, of_invocations)});
        } else if (!of_invocations && key == "body_contains") {
            filter.push_back({Condition::Kind::Contains, "body", CompareOp::Equal,
                              text_condition(reader, condition, at, "a non-empty string"), {}});
        } else if (of_invocations && key == "response_contains") {
            filter.push_back({Condition::Kind::Contains, "response", CompareOp::Equal,
                              text_condition(reader, condition, at, "a non-empty string"), {}});
        } else if (!of_invocations && key == "history_has") {
            const std::string event = text_condition(reader, condition, at, "a history event name");
            const auto& names = history_event_names();
            if (std::find(names.begin(), names.end(), event) == names.end()) {
                reader.fail(at, "unknown history event \"" + event + "\"; expected one of: " + join_names(names));
            }
            filter.push_back({Condition::Kind::HistoryHas, {}, CompareOp::Equal, event, {}});
        } else {
            filter.push_back(parse_compare(reader, key, condition, at, of_invocations));
        }
    }
    return filter;
}

namespace {

struct MeasureKeys {
    bool field = false, where = false, index = false, event = false, by = false;
};

void reject_unused(const JsonReader& reader, const json& value, const std::string& path, const MeasureKeys& used,
                   const std::string& name) {
    const std::pair<const char*, bool> keys[] = {
        {"field", used.field}, {"where", used.where}, {"index", used.index}, {"event", used.event}, {"by", used.by}};
    for (const auto& [key, allowed] : keys) {
        if (!allowed && JsonReader::member(value, key) != nullptr) {
            reader.fail(join_path(path, key), "not used by the measure " + name);
        }
    }
}

// "messages.max" + field, over messages or invocations.
void parse_aggregate(const JsonReader& reader, const json& value, const std::string& path, Measure& m,
                     std::string_view aggregate, bool of_invocations, MeasureKeys& used) {
    const auto* found = std::find_if(std::begin(kAggregates), std::end(kAggregates),
                                     [&](const AggregateName& a) { return a.name == aggregate; });
    if (found == std::end(kAggregates)) {
        reader.fail(join_path(path, "measure"), "unknown aggregate \"" + std::string(aggregate) +
                                                    "\"; expected count, max, min, sum, mean, distinct or most_common");
    }
    m.aggregate = found->aggregate;
    used.where = true;
    if (!found->needs_field) return;
    used.field = true;
    m.field = reader.string(value, path, "field");
    const std::optional<FieldType> type = field_type(m.field, of_invocations);
    const bool numeric = m.aggregate != Aggregate::Distinct && m.aggregate != Aggregate::MostCommon;
    if (!type || (numeric && *type != FieldType::Number && *type != FieldType::Json)) {
        reader.fail(join_path(path, "field"), "expected " + std::string(numeric ? "a numeric field" : "a field") +
                                                  " of " + (of_invocations ? "an invocation" : "a message") +
                                                  ", got \"" + m.field + "\"; fields: " + field_names(of_invocations));
    }
}

// "message.receive_count" of the message at `index` or the one `where` picks.
void parse_single(const JsonReader& reader, const json& value, const std::string& path, Measure& m,
                  std::string_view field, bool of_invocations, MeasureKeys& used) {
    if (!field_type(field, of_invocations)) {
        reader.fail(join_path(path, "measure"), "unknown field \"" + std::string(field) +
                                                    "\"; expected one of: " + field_names(of_invocations));
    }
    m.field = std::string(field);
    used.where = used.index = true;
    const bool has_index = JsonReader::member(value, "index") != nullptr;
    const bool has_where = JsonReader::member(value, "where") != nullptr;
    if (has_index == has_where) {
        reader.fail(path, "expected either index (a position in the report) or where (a filter that picks one), "
                          "not both or neither");
    }
    if (has_index) m.index = static_cast<std::size_t>(reader.integer(value, path, "index", 0, 10'000'000));
}

void parse_by(const JsonReader& reader, const json& value, const std::string& path, Measure& m) {
    m.by = reader.string(value, path, "by");
    const bool body_field = m.by.starts_with(kBodyPrefix) && m.by.size() > kBodyPrefix.size();
    if (m.by != "MessageGroupId" && m.by != "partition_key" && !body_field) {
        reader.fail(join_path(path, "by"), "expected MessageGroupId, partition_key or body.<field>, got \"" + m.by + "\"");
    }
}

}  // namespace

Measure parse_measure(const JsonReader& reader, const json& value, const std::string& path,
                      std::initializer_list<std::string_view> also_allowed) {
    reader.object(value, path);
    for (const auto& [key, member] : value.items()) {
        const bool known = key == "measure" || key == "field" || key == "where" || key == "index" || key == "event" ||
                           key == "by" || std::find(also_allowed.begin(), also_allowed.end(), key) != also_allowed.end();
        if (!known) {
            std::string allowed = "measure, field, where, index, event, by";
            for (const auto extra : also_allowed) allowed += ", " + std::string(extra);
            reader.fail(join_path(path, key), "unknown key; expected one of: " + allowed);
        }
    }
    Measure m;
    m.name = reader.string(value, path, "measure");
    const std::string& name = m.name;
    const auto dot = name.find('.');
    const std::string head = name.substr(0, dot);
    const std::string tail = dot == std::string::npos ? std::string() : name.substr(dot + 1);
    const auto unknown = [&] {
        reader.fail(join_path(path, "measure"), "unknown measure \"" + name + "\"; expected one of: " + kMeasureNames);
    };
    MeasureKeys used;
    if (head == "totals" && !tail.empty()) {
        const auto& names = totals_names();
        if (std::find(names.begin(), names.end(), tail) == names.end()) {
            reader.fail(join_path(path, "measure"), "unknown total \"" + tail + "\"; expected one of: " + join_names(names));
        }
        m.subject = Subject::Totals;
        m.field = tail;
    } else if (name == "ended_at_s" || name == "end_reason" || name == "drain_time_s") {
        m.subject = Subject::Run;
        m.field = name;
    } else if ((head == "messages" || head == "invocations") && !tail.empty()) {
        m.subject = head == "messages" ? Subject::Messages : Subject::Invocations;
        parse_aggregate(reader, value, path, m, tail, head == "invocations", used);
    } else if ((head == "message" || head == "invocation") && !tail.empty()) {
        m.subject = head == "message" ? Subject::Message : Subject::Invocation;
        parse_single(reader, value, path, m, tail, head == "invocation", used);
    } else if (head == "history" && (tail == "count" || tail == "first_s" || tail == "last_s")) {
        m.subject = Subject::History;
        m.aggregate = tail == "count" ? Aggregate::Count : tail == "first_s" ? Aggregate::First : Aggregate::Last;
        used.event = used.where = true;
        m.event = reader.string(value, path, "event");
        const auto& events = history_event_names();
        if (std::find(events.begin(), events.end(), m.event) == events.end()) {
            reader.fail(join_path(path, "event"), "unknown history event \"" + m.event +
                                                      "\"; expected one of: " + join_names(events));
        }
    } else if (head == "series" && (tail == "max" || tail == "min" || tail == "last")) {
        m.subject = Subject::Series;
        m.aggregate = tail == "max" ? Aggregate::Max : tail == "min" ? Aggregate::Min : Aggregate::Last;
        used.field = true;
        m.field = reader.string(value, path, "field");
    } else if (head == "downstreams" &&
               (tail == "calls" || tail == "succeeded" || tail == "errors" || tail == "max_connections")) {
        m.subject = Subject::Downstream;
        m.statistic = tail;
        used.field = true;
        m.field = reader.string(value, path, "field");
    } else if (name == "order_violations") {
        m.subject = Subject::OrderViolations;
        used.by = used.where = true;
        parse_by(reader, value, path, m);
    } else {
        unknown();
    }
    reject_unused(reader, value, path, used, name);
    if (const json* where = JsonReader::member(value, "where")) {
        m.where = parse_filter(reader, *where, join_path(path, "where"),
                               m.subject == Subject::Invocations || m.subject == Subject::Invocation);
    }
    return m;
}

Check parse_check(const JsonReader& reader, const json& value, const std::string& path) {
    Check check;
    check.measure = parse_measure(reader, value, path, {"op", "value", "says"});
    const std::string op = reader.string(value, path, "op");
    const std::optional<CompareOp> parsed = parse_op(op);
    if (!parsed) reader.fail(join_path(path, "op"), "expected one of ==, !=, <, <=, >, >=, got \"" + op + "\"");
    check.op = *parsed;
    check.expected = reader.required(value, path, "value", "a number, string or boolean");
    const bool ordered = check.op != CompareOp::Equal && check.op != CompareOp::NotEqual;
    if (!is_scalar(check.expected) || (ordered && !check.expected.is_number())) {
        reader.fail(join_path(path, "value"), std::string("expected ") +
                                                  (ordered ? "a number for " + op : "a number, string or boolean") +
                                                  ", got " + describe_value(check.expected));
    }
    check.says = reader.string_or(value, path, "says", "");
    return check;
}

std::vector<Check> parse_checks(const JsonReader& reader, const json& list, const std::string& path) {
    if (!list.is_array() || list.empty()) reader.fail(path, "expected an array of at least 1 check");
    std::vector<Check> checks;
    for (std::size_t i = 0; i < list.size(); ++i) checks.push_back(parse_check(reader, list[i], join_path(path, i)));
    return checks;
}

const std::vector<std::string>& history_event_names() {
    static const std::vector<std::string> names = {
        "sent",    "delay_ended", "received",   "invoked",     "visibility_expired", "visibility_changed",
        "deleted", "stale_delete_ignored",      "dead_lettered", "expired",          "filtered",
        "redriven_out", "redriven_in",          "released_unsent", "checkpointed",   "sent_to_on_failure",
        "skipped"};
    return names;
}

const char* op_text(CompareOp op) {
    switch (op) {
        case CompareOp::Equal: return "==";
        case CompareOp::NotEqual: return "!=";
        case CompareOp::Less: return "<";
        case CompareOp::LessOrEqual: return "<=";
        case CompareOp::Greater: return ">";
        case CompareOp::GreaterOrEqual: return ">=";
    }
    return "?";
}

// [SECTION] Reading fields of a report

namespace {

json scalar(const ordered_json& value) {
    switch (value.type()) {
        case ordered_json::value_t::number_integer: return value.get<std::int64_t>();
        case ordered_json::value_t::number_unsigned: return value.get<std::uint64_t>();
        case ordered_json::value_t::number_float: return value.get<double>();
        case ordered_json::value_t::string: return value.get<std::string>();
        case ordered_json::value_t::boolean: return value.get<bool>();
        case ordered_json::value_t::null:
        case ordered_json::value_t::object:
        case ordered_json::value_t::array:
        case ordered_json::value_t::binary:
        case ordered_json::value_t::discarded: return nullptr;
    }
    return nullptr;
}

json member_scalar(const ordered_json& object, const std::string& key) {
    const auto found = object.find(key);
    return found == object.end() ? json(nullptr) : scalar(*found);
}

// The value at a dotted path inside JSON text, or null.
json json_text_field(const ordered_json& text, std::string_view dotted) {
    if (!text.is_string()) return nullptr;
    const auto parsed = sim::parse_json_text(text.get_ref<const std::string&>(), sim::DuplicateKeys::KeepLast);
    if (!parsed) return nullptr;
    const json& document = *parsed;
    const json* node = &document;
    std::size_t start = 0;
    while (start <= dotted.size()) {
        const std::size_t end = std::min(dotted.find('.', start), dotted.size());
        const std::string key(dotted.substr(start, end - start));
        if (!node->is_object() || !node->contains(key)) return nullptr;
        node = &(*node)[key];
        start = end + 1;
    }
    return node->is_number() || node->is_string() || node->is_boolean() ? *node : json(nullptr);
}

const ordered_json& messages_of(const RunFacts& facts) { return facts.report().at("messages"); }
const ordered_json& invocations_of(const RunFacts& facts) { return facts.report().at("invocations"); }

json sent_at(const ordered_json& message) {
    const auto history = message.find("history");
    if (history == message.end()) return nullptr;
    for (const auto& entry : *history) {
        if (entry.at("event") == "sent") return entry.at("t").get<double>();
    }
    return nullptr;
}

json message_field(const ordered_json& message, const std::string& field) {
    if (field.starts_with(kBodyPrefix)) {
        const auto body = message.find(message.contains("body") ? "body" : "data");
        return body == message.end() ? json(nullptr) : json_text_field(*body, std::string_view(field).substr(kBodyPrefix.size()));
    }
    if (field == "sent_at_s") return sent_at(message);
    if (field == "latency_s") {
        const json ended = member_scalar(message, "ended_at_s");
        const json sent = sent_at(message);
        return ended.is_number() && sent.is_number() ? json(ended.get<double>() - sent.get<double>()) : json(nullptr);
    }
    return member_scalar(message, field);
}

json invocation_field(const ordered_json& invocation, const std::string& field) {
    if (field.starts_with(kResponsePrefix)) {
        const auto response = invocation.find("response");
        return response == invocation.end()
                   ? json(nullptr)
                   : json_text_field(*response, std::string_view(field).substr(kResponsePrefix.size()));
    }
    if (field == "batch_size") return invocation.at("records").size();
    if (field == "failure_count") return invocation.at("failures").size();
    return member_scalar(invocation, field);
}

json field_of(const ordered_json& subject, const std::string& field, bool of_invocations) {
    return of_invocations ? invocation_field(subject, field) : message_field(subject, field);
}

bool contains_text(const ordered_json& subject, const std::string& field, const std::string& text) {
    const char* key = field == "response" ? "response" : (subject.contains("body") ? "body" : "data");
    const auto found = subject.find(key);
    return found != subject.end() && found->is_string() &&
           found->get_ref<const std::string&>().find(text) != std::string::npos;
}

bool history_has(const ordered_json& message, const std::string& event) {
    const auto history = message.find("history");
    if (history == message.end()) return false;
    return std::any_of(history->begin(), history->end(),
                       [&](const ordered_json& entry) { return entry.at("event") == event; });
}

bool holds(const Filter& filter, const ordered_json& subject, bool of_invocations) {
    for (const Condition& condition : filter) {
        bool ok = false;
        switch (condition.kind) {
            case Condition::Kind::Compare:
                ok = compare(field_of(subject, condition.field, of_invocations), condition.op, condition.value);
                break;
            case Condition::Kind::Contains:
                ok = contains_text(subject, condition.field, condition.value.get<std::string>());
                break;
            case Condition::Kind::HistoryHas:
                ok = history_has(subject, condition.value.get<std::string>());
                break;
            case Condition::Kind::Not: ok = !holds(condition.negated, subject, of_invocations); break;
        }
        if (!ok) return false;
    }
    return true;
}

std::vector<std::size_t> matching(const Filter& filter, const ordered_json& subjects, bool of_invocations) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < subjects.size(); ++i) {
        if (holds(filter, subjects[i], of_invocations)) out.push_back(i);
    }
    return out;
}

}  // namespace

RunFacts::RunFacts(const ordered_json& report) : report_(report) {
    const ordered_json& invocations = report.at("invocations");
    for (std::size_t i = 0; i < invocations.size(); ++i) {
        invocation_by_id_.emplace(invocations[i].at("id").get<std::string>(), i);
    }
}

std::optional<std::size_t> RunFacts::invocation_index(const std::string& request_id) const {
    const auto found = invocation_by_id_.find(request_id);
    if (found == invocation_by_id_.end()) return std::nullopt;
    return found->second;
}

std::vector<std::size_t> matching_messages(const Filter& where, const RunFacts& facts) {
    return matching(where, messages_of(facts), false);
}

std::vector<std::size_t> matching_invocations(const Filter& where, const RunFacts& facts) {
    return matching(where, invocations_of(facts), true);
}

// [SECTION] Measuring

namespace {

Measured none(std::string why) { return {nullptr, std::move(why)}; }

std::string noun(bool of_invocations) { return of_invocations ? "invocation" : "message"; }

Measured aggregate(const Measure& m, const ordered_json& subjects, bool of_invocations) {
    const std::vector<std::size_t> chosen = matching(m.where, subjects, of_invocations);
    if (m.aggregate == Aggregate::Count) return {static_cast<std::int64_t>(chosen.size()), {}};
    std::vector<json> values;
    for (const std::size_t i : chosen) {
        json value = field_of(subjects[i], m.field, of_invocations);
        if (!value.is_null()) values.push_back(std::move(value));
    }
    if (m.aggregate == Aggregate::Distinct) {
        std::vector<std::string> seen;
        for (const auto& value : values) seen.push_back(value.dump());
        std::sort(seen.begin(), seen.end());
        return {static_cast<std::int64_t>(std::unique(seen.begin(), seen.end()) - seen.begin()), {}};
    }
    if (values.empty()) {
        if (m.aggregate == Aggregate::Sum) return {0, {}};
        return none(chosen.empty() ? "no " + noun(of_invocations) + " matches" : "no " + noun(of_invocations) + " has " + m.field);
    }
    if (m.aggregate == Aggregate::MostCommon) {
        std::map<std::string, std::size_t> counts;
        const json* best = &values.front();
        std::size_t best_count = 0;
        for (const auto& value : values) {
            const std::size_t count = ++counts[value.dump()];
            if (count > best_count) {
                best_count = count;
                best = &value;
            }
        }
        return {*best, {}};
    }
    double result = m.aggregate == Aggregate::Max ? -INFINITY : m.aggregate == Aggregate::Min ? INFINITY : 0;
    std::size_t numbers = 0;
    for (const auto& value : values) {
        if (!value.is_number()) continue;
        const double x = value.get<double>();
        ++numbers;
        if (m.aggregate == Aggregate::Max) result = std::max(result, x);
        if (m.aggregate == Aggregate::Min) result = std::min(result, x);
        if (m.aggregate == Aggregate::Sum || m.aggregate == Aggregate::Mean) result += x;
    }
    if (numbers == 0) return none("no " + noun(of_invocations) + " has a number in " + m.field);
    if (m.aggregate == Aggregate::Mean) result /= static_cast<double>(numbers);
    return {result, {}};
}

Measured single(const Measure& m, const ordered_json& subjects, bool of_invocations) {
    std::size_t index = 0;
    if (m.index) {
        if (*m.index >= subjects.size()) {
            return none("the run has " + std::to_string(subjects.size()) + " " + noun(of_invocations) + "s");
        }
        index = *m.index;
    } else {
        const std::vector<std::size_t> chosen = matching(m.where, subjects, of_invocations);
        if (chosen.size() != 1) {
            return none(std::to_string(chosen.size()) + " " + noun(of_invocations) + "s match, expected exactly one");
        }
        index = chosen.front();
    }
    json value = field_of(subjects[index], m.field, of_invocations);
    if (value.is_null()) return none("no " + m.field);
    return {std::move(value), {}};
}

Measured history(const Measure& m, const RunFacts& facts) {
    const ordered_json& messages = messages_of(facts);
    std::int64_t count = 0;
    double first = INFINITY;
    double last = -INFINITY;
    for (const std::size_t i : matching(m.where, messages, false)) {
        const auto entries = messages[i].find("history");
        if (entries == messages[i].end()) continue;
        for (const auto& entry : *entries) {
            if (entry.at("event") != m.event) continue;
            const double t = entry.at("t").get<double>();
            ++count;
            first = std::min(first, t);
            last = std::max(last, t);
        }
    }
    if (m.aggregate == Aggregate::Count) return {count, {}};
    if (count == 0) return none("no " + m.event + " event");
    return {m.aggregate == Aggregate::First ? first : last, {}};
}

Measured series(const Measure& m, const RunFacts& facts) {
    const ordered_json& all = facts.report().at("series");
    const auto found = all.find(m.field);
    if (found == all.end()) {
        std::string names;
        for (const auto& [name, values] : all.items()) names += (names.empty() ? "" : ", ") + name;
        return none("no series named " + m.field + " (the run has " + names + ")");
    }
    const ordered_json& values = *found;
    if (values.empty()) return none("the series is empty");
    if (m.aggregate == Aggregate::Last) return {scalar(values.back()), {}};
    double result = values.front().get<double>();
    for (const auto& value : values) {
        result = m.aggregate == Aggregate::Max ? std::max(result, value.get<double>()) : std::min(result, value.get<double>());
    }
    return {result, {}};
}

// docs/report-format.md section 9: "errors" is the sum over the error codes.
Measured downstream(const Measure& m, const RunFacts& facts) {
    const ordered_json& report = facts.report();
    const auto all = report.find("downstreams");
    if (all == report.end() || !all->contains(m.field)) return none("no downstream named " + m.field);
    const ordered_json& stats = all->at(m.field);
    if (m.statistic != "errors") return {scalar(stats.at(m.statistic)), {}};
    double errors = 0;
    for (const auto& [code, count] : stats.at("errors").items()) errors += count.get<double>();
    return {errors, {}};
}

Measured run_value(const Measure& m, const RunFacts& facts) {
    const ordered_json& report = facts.report();
    if (m.field != "drain_time_s") return {member_scalar(report, m.field), {}};
    if (report.at("end_reason") == "drained") return {scalar(report.at("ended_at_s")), {}};
    return none("not drained: the run ended at its duration_s, " + describe(Measured{scalar(report.at("ended_at_s")), {}}) +
                " s, with work left");
}

// Where (invocation, position in its batch) the handler first reported the message done.
std::optional<std::pair<std::size_t, std::size_t>> first_success(const ordered_json& message, const RunFacts& facts) {
    const auto entries = message.find("history");
    if (entries == message.end()) return std::nullopt;
    for (const auto& entry : *entries) {
        if (entry.at("event") != "invoked" || entry.at("handler") != "ok") continue;
        const auto invocation = facts.invocation_index(entry.at("invocation").get<std::string>());
        if (!invocation) continue;
        const ordered_json& records = invocations_of(facts)[*invocation].at("records");
        const auto position = std::find(records.begin(), records.end(), message.at("id"));
        return std::make_pair(*invocation, static_cast<std::size_t>(position - records.begin()));
    }
    return std::nullopt;
}

// Messages of one key that the handler first completed before a message of the same key sent
// earlier (report order is send order).
Measured order_violations(const Measure& m, const RunFacts& facts) {
    const ordered_json& messages = messages_of(facts);
    std::map<std::string, std::pair<std::size_t, std::size_t>> latest_by_key;
    std::int64_t violations = 0;
    for (const std::size_t i : matching(m.where, messages, false)) {
        const json key = message_field(messages[i], m.by);
        if (key.is_null()) continue;
        const auto done = first_success(messages[i], facts);
        if (!done) continue;
        const auto [slot, inserted] = latest_by_key.emplace(key.dump(), *done);
        if (inserted) continue;
        if (*done < slot->second) {
            ++violations;
        } else {
            slot->second = *done;
        }
    }
    return {violations, {}};
}

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

std::string format_value(const json& value) {
    if (value.is_number()) return format_number(value.get<double>());
    if (value.is_string()) return value.get<std::string>();
    return value.dump();
}

std::string describe_filter(const Filter& filter) {
    std::string text;
    for (const Condition& c : filter) {
        text += text.empty() ? "" : " and ";
        switch (c.kind) {
            case Condition::Kind::Compare:
                text += c.field + " " + op_text(c.op) + " " + format_value(c.value);
                break;
            case Condition::Kind::Contains:
                text += c.field + " contains " + c.value.dump();
                break;
            case Condition::Kind::HistoryHas: text += "history has " + c.value.get<std::string>(); break;
            case Condition::Kind::Not: text += "not (" + describe_filter(c.negated) + ")"; break;
        }
    }
    return text;
}

}  // namespace

Measured measure(const Measure& m, const RunFacts& facts) {
    switch (m.subject) {
        case Subject::Totals: return {member_scalar(facts.report().at("totals"), m.field), {}};
        case Subject::Run: return run_value(m, facts);
        case Subject::Messages: return aggregate(m, messages_of(facts), false);
        case Subject::Message: return single(m, messages_of(facts), false);
        case Subject::Invocations: return aggregate(m, invocations_of(facts), true);
        case Subject::Invocation: return single(m, invocations_of(facts), true);
        case Subject::History: return history(m, facts);
        case Subject::Series: return series(m, facts);
        case Subject::OrderViolations: return order_violations(m, facts);
        case Subject::Downstream: return downstream(m, facts);
    }
    return none("unknown measure");
}

// [SECTION] Judging and describing

bool compare(const json& measured, CompareOp op, const json& expected) {
    if (measured.is_number() && expected.is_number()) {
        const double a = measured.get<double>();
        const double b = expected.get<double>();
        const double tolerance = 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
        const bool equal = std::fabs(a - b) <= tolerance;
        switch (op) {
            case CompareOp::Equal: return equal;
            case CompareOp::NotEqual: return !equal;
            case CompareOp::Less: return a < b && !equal;
            case CompareOp::LessOrEqual: return a < b || equal;
            case CompareOp::Greater: return a > b && !equal;
            case CompareOp::GreaterOrEqual: return a > b || equal;
        }
    }
    if (measured.is_null() || measured.type() != expected.type()) return false;
    if (op == CompareOp::Equal) return measured == expected;
    if (op == CompareOp::NotEqual) return measured != expected;
    return false;
}

CheckResult evaluate(const Check& check, const RunFacts& facts) {
    CheckResult result;
    result.measured = measure(check.measure, facts);
    result.passed = compare(result.measured.value, check.op, check.expected);
    const std::string what = check.says.empty() ? describe(check.measure) : check.says + " (" + describe(check.measure) + ")";
    result.line = what + ": measured " + describe(result.measured) + ", expected " + op_text(check.op) + " " +
                  format_value(check.expected);
    return result;
}

bool all_hold(const std::vector<Check>& checks, const RunFacts& facts) {
    return std::all_of(checks.begin(), checks.end(), [&](const Check& check) { return evaluate(check, facts).passed; });
}

std::string describe(const Measure& m) {
    std::string text = m.name;
    switch (m.subject) {
        case Subject::Totals:
        case Subject::Run: return text;
        case Subject::Messages:
        case Subject::Invocations:
            if (!m.field.empty()) text += " " + m.field;
            break;
        case Subject::Message:
        case Subject::Invocation:
            if (m.index) text += " #" + std::to_string(*m.index);
            break;
        case Subject::History: text += " " + m.event; break;
        case Subject::Series:
        case Subject::Downstream: text += " " + m.field; break;
        case Subject::OrderViolations: text += " by " + m.by; break;
    }
    if (!m.where.empty()) text += " where " + describe_filter(m.where);
    return text;
}

std::string describe(const Measured& measured) {
    if (measured.value.is_null()) return "none (" + measured.why_none + ")";
    return format_value(measured.value);
}

}  // namespace queuelab::curriculum
