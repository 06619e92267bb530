#include "json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "json_text.h"

namespace queuelab::sim {
namespace {

using json = nlohmann::json;

// Cuts at most `max_bytes` without splitting a UTF-8 sequence.
std::string truncate(const std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "...";
}

}  // namespace

// [SECTION] Text for messages

std::string join_path(const std::string& parent, std::string_view segment) {
    return parent.empty() ? std::string(segment) : parent + "." + std::string(segment);
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::string join_list(const std::vector<std::string_view>& items) {
    return join_list(std::vector<std::string>(items.begin(), items.end()));
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

std::string one_line(std::string text) {
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return text;
}

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

std::string describe(const json& value) {
    switch (value.type()) {
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::string: return truncate(value.dump(-1, ' ', false, json::error_handler_t::replace), 80);
        case json::value_t::null:
        case json::value_t::boolean:
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
        case json::value_t::binary:
        case json::value_t::discarded: return value.dump();
    }
    return value.dump();
}

std::string describe_with_type(const json& value) {
    switch (value.type()) {
        case json::value_t::string: return "the string " + describe(value);
        case json::value_t::boolean: return "the boolean " + describe(value);
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "the number " + describe(value);
        case json::value_t::null:
        case json::value_t::object:
        case json::value_t::array:
        case json::value_t::binary:
        case json::value_t::discarded: return describe(value);
    }
    return describe(value);
}

std::string quote(const std::string& text) {
    return describe(json(text));
}

std::string int_range_text(std::int64_t min, std::int64_t max) {
    if (max == kNoMax) {
        return min == 0 ? "a non-negative integer" : "an integer of at least " + std::to_string(min);
    }
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string number_range_text(const NumberRange& range) {
    if (range.min_exclusive) {
        std::string text = "a number greater than " + format_number(range.min);
        if (range.max != kInfinity) text += " and at most " + format_number(range.max);
        return text;
    }
    if (range.max != kInfinity) return "a number from " + format_number(range.min) + " to " + format_number(range.max);
    return range.min == 0 ? "a non-negative number" : "a number of at least " + format_number(range.min);
}

// [SECTION] The reader

JsonReader::JsonReader(std::string file, const std::string& source_text, std::vector<OverriddenPath> overridden_paths)
    : file_(std::move(file)), locator_(source_text), overridden_paths_(std::move(overridden_paths)) {}

void JsonReader::fail(const std::string& path, const std::string& expected) const {
    if (const OverriddenPath* set = override_of(path)) {
        const std::string origin = set->origin.empty() ? "" : " (value from " + set->origin + ")";
        throw InputError(file_, path, 0, one_line(expected + origin));
    }
    throw InputError(file_, path, line_near(path), one_line(expected));
}

void JsonReader::fail_missing(const std::string& path, const std::string& what) const {
    fail(path, "missing; expected " + what);
}

const json& JsonReader::object(const json& value, const std::string& path, const std::string& what) const {
    if (!value.is_object()) fail(path, "expected " + what + ", got " + describe_with_type(value));
    return value;
}

const json& JsonReader::array(const json& value, const std::string& path, const std::string& what) const {
    if (!value.is_array()) fail(path, "expected " + what + ", got " + describe_with_type(value));
    return value;
}

void JsonReader::check_keys(const json& object, const std::string& path,
                            const std::vector<std::string_view>& allowed) const {
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            fail(join_path(path, key), "unknown key; expected one of: " + join_list(allowed));
        }
    }
}

const json* JsonReader::member(const json& object, std::string_view key) {
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

const json& JsonReader::required(const json& object, const std::string& path, std::string_view key,
                                 const std::string& what) const {
    const json* value = member(object, key);
    if (value == nullptr) fail_missing(join_path(path, key), what);
    return *value;
}

std::int64_t JsonReader::int_value(const json& value, const std::string& path, std::int64_t min, std::int64_t max,
                                   std::string_view aws_message) const {
    std::string expected = "expected " + int_range_text(min, max);
    if (!aws_message.empty()) expected += " (" + std::string(aws_message) + ")";
    const std::int64_t number = integer(value, path, expected);
    if (number < min || number > max) fail(path, expected + ", got " + describe(value));
    return number;
}

std::optional<std::int64_t> JsonReader::optional_int(const json& object, const std::string& path,
                                                     std::string_view key, std::int64_t min, std::int64_t max,
                                                     std::string_view aws_message) const {
    const json* value = member(object, key);
    if (value == nullptr) return std::nullopt;
    return int_value(*value, join_path(path, key), min, max, aws_message);
}

std::int64_t JsonReader::read_int(const json& object, const std::string& path, std::string_view key,
                                  std::int64_t min, std::int64_t max, std::int64_t fallback,
                                  std::string_view aws_message) const {
    return optional_int(object, path, key, min, max, aws_message).value_or(fallback);
}

std::int64_t JsonReader::int_or_infinite_value(const json& value, const std::string& path, std::int64_t min,
                                               std::int64_t max) const {
    const std::string expected = "expected -1 (infinite) or " + int_range_text(min, max);
    const std::int64_t number = integer(value, path, expected);
    if (number != -1 && (number < min || number > max)) fail(path, expected + ", got " + describe(value));
    return number;
}

double JsonReader::number_value(const json& value, const std::string& path, const NumberRange& range) const {
    const std::string expected = "expected " + number_range_text(range);
    if (!value.is_number()) fail(path, expected + ", got " + describe_with_type(value));
    const double number = value.get<double>();
    const bool above_min = range.min_exclusive ? number > range.min : number >= range.min;
    if (!std::isfinite(number) || !above_min || number > range.max) fail(path, expected + ", got " + describe(value));
    return number;
}

std::optional<double> JsonReader::optional_number(const json& object, const std::string& path, std::string_view key,
                                                  const NumberRange& range) const {
    const json* value = member(object, key);
    if (value == nullptr) return std::nullopt;
    return number_value(*value, join_path(path, key), range);
}

double JsonReader::read_number(const json& object, const std::string& path, std::string_view key,
                               const NumberRange& range, double fallback) const {
    return optional_number(object, path, key, range).value_or(fallback);
}

std::string JsonReader::string_value(const json& value, const std::string& path, const std::string& what) const {
    if (!value.is_string()) fail(path, "expected " + what + ", got " + describe_with_type(value));
    return value.get<std::string>();
}

std::optional<std::string> JsonReader::optional_string(const json& object, const std::string& path,
                                                       std::string_view key, const std::string& what) const {
    const json* value = member(object, key);
    if (value == nullptr) return std::nullopt;
    return string_value(*value, join_path(path, key), what);
}

std::string JsonReader::required_string(const json& object, const std::string& path, std::string_view key,
                                        const std::string& what) const {
    return string_value(required(object, path, key, what), join_path(path, key), what);
}

json JsonReader::embedded_json(const json& value, const std::string& path, const std::string& expected) const {
    if (!value.is_string()) fail(path, expected + ", got " + describe_with_type(value));
    JsonTextError error;
    auto parsed = parse_json_text(value.get_ref<const std::string&>(), DuplicateKeys::Reject, &error);
    if (!parsed) {
        const std::string where = error.kind == JsonTextError::Kind::DuplicateKey ? " at " + quote(error.path) : "";
        fail(path, expected + ", got " + describe(value) + " (not valid JSON: " + error.reason + where + ")");
    }
    return std::move(*parsed);
}

bool JsonReader::bool_value(const json& value, const std::string& path) const {
    if (!value.is_boolean()) fail(path, "expected true or false, got " + describe_with_type(value));
    return value.get<bool>();
}

bool JsonReader::read_bool(const json& object, const std::string& path, std::string_view key, bool fallback) const {
    const json* value = member(object, key);
    return value == nullptr ? fallback : bool_value(*value, join_path(path, key));
}

// Any integer that fits in 64 bits; `expected` is the whole "expected ..." text.
std::int64_t JsonReader::integer(const json& value, const std::string& path, const std::string& expected) const {
    if (!value.is_number()) fail(path, expected + ", got " + describe_with_type(value));
    const bool fits = value.is_number_integer() &&
                      !(value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(kNoMax));
    if (!fits) fail(path, expected + ", got " + describe(value));
    return value.get<std::int64_t>();
}

// The last override that set `path` or an object around it, if any.
const OverriddenPath* JsonReader::override_of(const std::string& path) const {
    const auto found = std::find_if(overridden_paths_.rbegin(), overridden_paths_.rend(), [&](const OverriddenPath& set) {
        return path == set.path || starts_with(path, set.path + ".");
    });
    return found == overridden_paths_.rend() ? nullptr : &*found;
}

// The line of the path, or of its nearest ancestor in the text (a missing key is reported at the
// object that lacks it).
int JsonReader::line_near(std::string path) const {
    while (true) {
        const int line = locator_.line_of(path);
        if (line > 0 || path.empty()) return line;
        const std::size_t dot = path.rfind('.');
        path = dot == std::string::npos ? std::string() : path.substr(0, dot);
    }
}

}  // namespace queuelab::sim
