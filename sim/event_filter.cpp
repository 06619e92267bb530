#include "event_filter.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace queuelab::sim {
namespace {

using nlohmann::json;

bool matches_value(const json& condition, const json& value);

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool equals_ignoring_case(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool numeric_holds(const json& conditions, double value) {
    for (std::size_t i = 0; i + 1 < conditions.size(); i += 2) {
        const auto op = conditions[i].get<std::string>();
        const double bound = conditions[i + 1].get<double>();
        const bool holds = op == "=" ? value == bound : op == "<" ? value < bound : op == "<=" ? value <= bound
                         : op == ">" ? value > bound : op == ">=" ? value >= bound : false;
        if (!holds) return false;
    }
    return true;
}

bool anything_but(const json& excluded, const json& value) {
    if (excluded.is_object() && excluded.contains("prefix")) {
        return !(value.is_string() && value.get<std::string>().rfind(excluded["prefix"].get<std::string>(), 0) == 0);
    }
    if (excluded.is_array()) {
        return std::none_of(excluded.begin(), excluded.end(), [&](const json& e) { return e == value; });
    }
    return excluded != value;
}

// One operator object such as {"prefix": "a"} applied to a present value.
bool matches_operator(const json& op, const json& value) {
    const std::string& name = op.begin().key();
    const json& argument = op.begin().value();
    const std::string text = value.is_string() ? value.get<std::string>() : std::string{};
    if (name == "prefix") return value.is_string() && text.rfind(argument.get<std::string>(), 0) == 0;
    if (name == "suffix") return value.is_string() && ends_with(text, argument.get<std::string>());
    if (name == "equals-ignore-case") return value.is_string() && equals_ignoring_case(text, argument.get<std::string>());
    if (name == "anything-but") return anything_but(argument, value);
    if (name == "numeric") return value.is_number() && numeric_holds(argument, value.get<double>());
    if (name == "exists") return argument.get<bool>();
    return false;
}

bool matches_value(const json& condition, const json& value) {
    if (condition.is_object()) return matches_operator(condition, value);
    return condition == value;
}

// A list of alternatives for one key; `value` may be absent (nullptr).
bool matches_alternatives(const json& alternatives, const json* value) {
    for (const auto& condition : alternatives) {
        if (condition.is_object() && condition.contains("exists")) {
            if (condition["exists"].get<bool>() == (value != nullptr)) return true;
            continue;
        }
        if (value == nullptr) continue;
        if (value->is_array()) {
            if (std::any_of(value->begin(), value->end(), [&](const json& v) { return matches_value(condition, v); })) {
                return true;
            }
        } else if (matches_value(condition, *value)) {
            return true;
        }
    }
    return false;
}

std::string operator_error(const json& op) {
    if (op.size() != 1) return "an operator object must have exactly one key: " + op.dump();
    const std::string& name = op.begin().key();
    const json& argument = op.begin().value();
    if (name == "prefix" || name == "suffix" || name == "equals-ignore-case") {
        return argument.is_string() ? "" : name + " takes a string";
    }
    if (name == "exists") return argument.is_boolean() ? "" : "exists takes true or false";
    if (name == "anything-but") {
        if (argument.is_object()) {
            return argument.size() == 1 && argument.contains("prefix") && argument["prefix"].is_string()
                       ? "" : "anything-but takes a value, a list or {\"prefix\": \"...\"}";
        }
        return "";
    }
    if (name == "numeric") {
        if (!argument.is_array() || argument.empty() || argument.size() % 2 != 0 || argument.size() > 4) {
            return "numeric takes [op, number] or [op, number, op, number]";
        }
        for (std::size_t i = 0; i < argument.size(); i += 2) {
            const auto& symbol = argument[i];
            const bool known = symbol == "=" || symbol == "<" || symbol == "<=" || symbol == ">" || symbol == ">=";
            if (!known || !argument[i + 1].is_number()) return "numeric takes [op, number] or [op, number, op, number]";
        }
        return "";
    }
    return "unknown operator " + name;
}

}  // namespace

std::string pattern_error(const json& pattern) {
    if (!pattern.is_object() || pattern.empty()) return "a pattern is a non-empty JSON object";
    for (const auto& [key, condition] : pattern.items()) {
        if (key == "$or") {
            if (!condition.is_array() || condition.size() < 2) return "$or takes a list of at least two patterns";
            for (const auto& alternative : condition) {
                if (auto error = pattern_error(alternative); !error.empty()) return error;
            }
        } else if (condition.is_object()) {
            if (auto error = pattern_error(condition); !error.empty()) return error;
        } else if (!condition.is_array() || condition.empty()) {
            return "the value of " + key + " must be a non-empty list or an object";
        } else {
            for (const auto& alternative : condition) {
                if (!alternative.is_object()) continue;
                if (auto error = operator_error(alternative); !error.empty()) return error;
            }
        }
    }
    return "";
}

bool matches_pattern(const json& pattern, const json& record) {
    if (!pattern.is_object()) return false;
    for (const auto& [key, condition] : pattern.items()) {
        if (key == "$or") {
            if (std::none_of(condition.begin(), condition.end(),
                             [&](const json& alternative) { return matches_pattern(alternative, record); })) {
                return false;
            }
            continue;
        }
        const json* value = record.is_object() && record.contains(key) ? &record[key] : nullptr;
        if (condition.is_object()) {
            if (value == nullptr || !value->is_object() || !matches_pattern(condition, *value)) return false;
        } else if (!matches_alternatives(condition, value)) {
            return false;
        }
    }
    return true;
}

bool matches_any(const std::vector<json>& patterns, const json& record) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const json& pattern) { return matches_pattern(pattern, record); });
}

}  // namespace queuelab::sim
