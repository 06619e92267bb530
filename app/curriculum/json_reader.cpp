#include "json_reader.h"

#include <algorithm>
#include <cmath>

#include "input_error.h"

namespace queuelab::curriculum {
namespace {

using nlohmann::json;

std::string one_line(std::string text) {
    std::replace_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
    return text;
}

std::string list_of(std::initializer_list<std::string_view> names) {
    std::string text;
    for (const auto name : names) text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::binary:
        case json::value_t::discarded: break;
    }
    return "a value";
}

}  // namespace

std::string join_path(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string join_path(const std::string& parent, std::size_t index) {
    return join_path(parent, std::to_string(index));
}

std::string describe_value(const json& value) {
    if (value.is_array() || value.is_object()) return type_name(value);
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

JsonReader::JsonReader(std::string file, const std::string& text)
    : file_(std::move(file)), locator_(text) {}

void JsonReader::fail(const std::string& path, const std::string& expected) const {
    int line = 0;
    for (std::string at = path; line == 0 && !at.empty();) {
        line = locator_.line_of(at);
        const auto dot = at.rfind('.');
        at = dot == std::string::npos ? std::string() : at.substr(0, dot);
    }
    throw sim::InputError(file_, path, line, one_line(expected));
}

void JsonReader::object(const json& value, const std::string& path) const {
    if (!value.is_object()) fail(path, "expected an object, got " + describe_value(value));
}

void JsonReader::keys(const json& object, const std::string& path,
                      std::initializer_list<std::string_view> allowed) const {
    this->object(object, path);
    for (const auto& [key, value] : object.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            fail(join_path(path, key), "unknown key; expected one of: " + list_of(allowed));
        }
    }
}

const json* JsonReader::member(const json& object, const std::string& key) {
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

const json& JsonReader::required(const json& object, const std::string& path, const std::string& key,
                                 const std::string& what) const {
    const json* value = member(object, key);
    if (value == nullptr) fail(join_path(path, key), "missing; expected " + what);
    return *value;
}

std::string JsonReader::string(const json& object, const std::string& path, const std::string& key) const {
    const json& value = required(object, path, key, "a non-empty string");
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
        fail(join_path(path, key), "expected a non-empty string, got " + describe_value(value));
    }
    return value.get<std::string>();
}

std::string JsonReader::string_or(const json& object, const std::string& path, const std::string& key,
                                  const std::string& fallback) const {
    return member(object, key) == nullptr ? fallback : string(object, path, key);
}

std::int64_t JsonReader::integer(const json& object, const std::string& path, const std::string& key,
                                 std::int64_t least, std::int64_t most) const {
    const std::string expected = "a whole number from " + std::to_string(least) + " to " + std::to_string(most);
    const json& value = required(object, path, key, expected);
    if (!value.is_number_integer() || value.get<std::int64_t>() < least || value.get<std::int64_t>() > most) {
        fail(join_path(path, key), "expected " + expected + ", got " + describe_value(value));
    }
    return value.get<std::int64_t>();
}

double JsonReader::number_or(const json& object, const std::string& path, const std::string& key,
                             double fallback, double least) const {
    const json* value = member(object, key);
    if (value == nullptr) return fallback;
    if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() < least) {
        fail(join_path(path, key), "expected a number of at least " + describe_value(json(least)) + ", got " +
                                       describe_value(*value));
    }
    return value->get<double>();
}

std::vector<std::string> JsonReader::strings(const json& object, const std::string& path, const std::string& key,
                                             std::size_t at_least) const {
    const json& list = array(object, path, key, at_least);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string() || list[i].get_ref<const std::string&>().empty()) {
            fail(join_path(join_path(path, key), i), "expected a non-empty string, got " + describe_value(list[i]));
        }
        out.push_back(list[i].get<std::string>());
    }
    return out;
}

const json& JsonReader::array(const json& object, const std::string& path, const std::string& key,
                              std::size_t at_least) const {
    static const json empty = json::array();
    const std::string expected = at_least == 0 ? "an array"
                                               : "an array of at least " + std::to_string(at_least) +
                                                     (at_least == 1 ? " element" : " elements");
    const json* value = member(object, key);
    if (value == nullptr) {
        if (at_least == 0) return empty;
        fail(join_path(path, key), "missing; expected " + expected);
    }
    if (!value->is_array() || value->size() < at_least) {
        fail(join_path(path, key), "expected " + expected + ", got " + describe_value(*value) +
                                       (value->is_array() ? " of " + std::to_string(value->size()) : ""));
    }
    return *value;
}

}  // namespace queuelab::curriculum
