#include "loader/scenario_reading.h"

#include <algorithm>

#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

std::vector<std::string> names_of(const auto& resources) {
    std::vector<std::string> names;
    for (const auto& [name, resource] : resources) names.push_back(name);
    return names;
}

std::string choices_text(const std::vector<std::string>& names) {
    return names.empty() ? std::string("there are none") : "one of: " + join_list(names);
}

}  // namespace

SourceRef ScenarioReading::source_reference(const json& value, const std::string& path, bool streams_too,
                                            const std::string& note) const {
    std::vector<std::string> names = names_of(s.queues);
    if (streams_too) {
        for (auto& name : names_of(s.streams)) names.push_back(std::move(name));
    }
    std::string choices = choices_text(names);
    if (!note.empty()) choices += "; " + note;
    const std::string expected = std::string("expected the name or ARN of a ") + (streams_too ? "queue or stream" : "queue") +
                                 " of this scenario (" + choices + ")";
    if (!value.is_string()) r.fail(path, expected + ", got " + describe_with_type(value));
    const std::string reference = value.get<std::string>();
    if (const auto name = queue_name_from_reference(reference); name && s.queues.count(*name) != 0) {
        return {*name, EventSourceKind::SqsQueue};
    }
    if (const auto name = stream_name_from_reference(reference); streams_too && name && s.streams.count(*name) != 0) {
        return {*name, EventSourceKind::KinesisStream};
    }
    r.fail(path, expected + ", got " + quote(reference));
}

std::string ScenarioReading::queue_reference(const json& value, const std::string& path, const std::string& note) const {
    return source_reference(value, path, false, note).name;
}

std::string ScenarioReading::function_reference(const json& value, const std::string& path) const {
    const std::string expected = "expected the name or ARN of a function of this scenario (" +
                                 choices_text(names_of(s.functions)) + ")";
    if (!value.is_string()) r.fail(path, expected + ", got " + describe_with_type(value));
    const std::string reference = value.get<std::string>();
    const auto name = function_name_from_reference(reference);
    if (!name || s.functions.count(*name) == 0) r.fail(path, expected + ", got " + quote(reference));
    return *name;
}

void ScenarioReading::reject_keys(const json& object, const std::string& path, const Keys& keys,
                                  const std::string& here, std::string_view belongs_to) const {
    for (const std::string_view key : keys) {
        if (JsonReader::member(object, key) != nullptr) {
            r.fail(join_path(path, key), "expected no " + std::string(key) + " for " + here + " (" + std::string(key) +
                                             " is for " + std::string(belongs_to) + ")");
        }
    }
}

Keys ScenarioReading::top_level_keys(const std::vector<const Parameter*>& entries) {
    Keys keys;
    for (const Parameter* parameter : entries) {
        const auto top = parameter->name.substr(0, parameter->name.find('.'));
        if (std::find(keys.begin(), keys.end(), top) == keys.end()) keys.push_back(top);
    }
    return keys;
}

// The object `name` ("Simulation") inside `object`, checked against the entries under it; nullptr
// when it is absent, or when `name` is an entry of its own (a Custom one, read by its resource).
const json* ScenarioReading::nested_member(const json& object, const std::string& path, std::string_view name,
                                           const std::vector<const Parameter*>& entries) const {
    const auto is_entry = [&](const Parameter* p) { return p->name == name; };
    if (std::any_of(entries.begin(), entries.end(), is_entry)) return nullptr;
    const json* nested = JsonReader::member(object, name);
    if (nested == nullptr) return nullptr;
    const std::string nested_path = join_path(path, name);
    r.object(*nested, nested_path);
    Keys keys;
    const std::string prefix = std::string(name) + ".";
    for (const Parameter* parameter : entries) {
        if (starts_with(parameter->name, prefix)) keys.push_back(parameter->name.substr(prefix.size()));
    }
    r.check_keys(*nested, nested_path, keys);
    return nested;
}

json ScenarioReading::read_value(const json& value, const std::string& path, const Parameter& parameter,
                                 const Range& bounds) const {
    const std::string_view note = parameter.aws_message.empty() ? bounds.note : parameter.aws_message;
    const auto min = static_cast<std::int64_t>(bounds.min);
    const auto max = static_cast<std::int64_t>(bounds.max);
    switch (parameter.type) {
        case ValueType::Boolean: return r.bool_value(value, path);
        case ValueType::Integer: return r.int_value(value, path, min, max, note);
        case ValueType::IntegerOrInfinite: return r.int_or_infinite_value(value, path, min, max);
        case ValueType::Number:
            return r.number_value(value, path, {bounds.min, bounds.min_exclusive, bounds.max >= kUnbounded ? kInfinity : bounds.max});
        case ValueType::Choice: {
            const std::string expected = "one of " + join_list(parameter.choices);
            const std::string text = r.string_value(value, path, expected);
            if (std::find(parameter.choices.begin(), parameter.choices.end(), text) == parameter.choices.end()) {
                r.fail(path, "expected " + expected + ", got " + quote(text));
            }
            return text;
        }
        case ValueType::Custom: break;
    }
    r.fail(path, "expected a value the loader reads itself");  // Custom entries have no setter
}

std::vector<const Parameter*> entries_of(Resource resource) {
    std::vector<const Parameter*> entries;
    for (const Parameter& parameter : parameters_of(resource)) entries.push_back(&parameter);
    return entries;
}

std::vector<const Parameter*> entries_of(Resource resource, EventSourceKind kind) {
    std::vector<const Parameter*> entries;
    for (const Parameter& parameter : parameters_of(resource)) {
        if (applies_to(parameter.sources, kind)) entries.push_back(&parameter);
    }
    return entries;
}

void check_unreserved(const ScenarioReading& reading, std::int64_t reserved_total, const std::string& path) {
    const int minimum = reading.s.limits.minimum_unreserved_concurrency;
    if (reserved_total > 0 && reading.s.account_concurrency - reserved_total < minimum) {
        reading.r.fail(path, "Specified ReservedConcurrentExecutions for function decreases account's "
                             "UnreservedConcurrentExecution below its minimum value of [" +
                                 std::to_string(minimum) + "]. (" + std::to_string(reserved_total) + " of " +
                                 std::to_string(reading.s.account_concurrency) + " reserved)");
    }
}

}  // namespace queuelab::sim::loader
