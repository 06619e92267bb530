#include "handler_params.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "queuelab/handler.h"

namespace queuelab::builtin {

namespace {

nlohmann::json as_object(const nlohmann::json& params) {
    if (params.is_null()) return nlohmann::json::object();
    if (!params.is_object()) throw HandlerParamError("", "an object of handler parameters");
    return params;
}

std::string list_of_keys(std::initializer_list<std::string> keys) {
    if (keys.size() == 0) return "no parameters";
    std::string list = "one of the parameters ";
    for (const std::string& key : keys) {
        if (&key != keys.begin()) list += ", ";
        list += key;
    }
    return list;
}

std::string describe_range(double min, double max) {
    std::ostringstream text;
    if (std::isinf(min) && std::isinf(max)) {
        text << "a number";
    } else if (std::isinf(max)) {
        text << "a number >= " << min;
    } else {
        text << "a number from " << min << " to " << max;
    }
    return text.str();
}

}  // namespace

HandlerParams::HandlerParams(const nlohmann::json& params,
                             std::initializer_list<std::string> known_keys)
    : params_(as_object(params)) {
    for (const auto& [key, value] : params_.items()) {
        if (std::find(known_keys.begin(), known_keys.end(), key) == known_keys.end()) {
            throw HandlerParamError(key, list_of_keys(known_keys));
        }
    }
}

double HandlerParams::number(const std::string& key, double fallback, double min,
                             double max) const {
    if (!has(key)) return fallback;
    const nlohmann::json& given = value(key);
    if (!given.is_number() || given.get<double>() < min || given.get<double>() > max) {
        throw HandlerParamError(key, describe_range(min, max));
    }
    return given.get<double>();
}

double HandlerParams::number(const std::string& key, double fallback) const {
    return number(key, fallback, -std::numeric_limits<double>::infinity());
}

std::uint64_t HandlerParams::integer(const std::string& key, std::uint64_t fallback) const {
    if (!has(key)) return fallback;
    const nlohmann::json& given = value(key);
    if (given.is_number_unsigned()) return given.get<std::uint64_t>();
    if (given.is_number_integer()) return static_cast<std::uint64_t>(given.get<std::int64_t>());
    throw HandlerParamError(key, "an integer");
}

bool HandlerParams::boolean(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    if (!value(key).is_boolean()) throw HandlerParamError(key, "true or false");
    return value(key).get<bool>();
}

std::optional<std::string> HandlerParams::string(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    if (!value(key).is_string()) throw HandlerParamError(key, "a string");
    return value(key).get<std::string>();
}

std::string HandlerParams::string(const std::string& key, const std::string& fallback) const {
    return string(key).value_or(fallback);
}

std::vector<std::string> HandlerParams::strings(const std::string& key) const {
    if (!has(key)) return {};
    const nlohmann::json& given = value(key);
    const auto is_string = [](const nlohmann::json& item) { return item.is_string(); };
    if (!given.is_array() || !std::all_of(given.begin(), given.end(), is_string)) {
        throw HandlerParamError(key, "an array of strings");
    }
    return given.get<std::vector<std::string>>();
}

}  // namespace queuelab::builtin
