#include "overrides.h"

#include <algorithm>

#include "json_text.h"

namespace queuelab::sim {
namespace {

using json = nlohmann::json;

[[noreturn]] void fail_override(const Override& override_, const std::string& expected) {
    throw InputError("--set", override_.path, 0, one_line(expected));
}

// The value as JSON, or as a string when it is not JSON; JSON nested too deep or with a key given
// twice is an error.
json override_value(const Override& override_) {
    JsonTextError error;
    if (auto value = parse_json_text(override_.value, DuplicateKeys::Reject, &error)) return std::move(*value);
    switch (error.kind) {
        case JsonTextError::Kind::Syntax:
        case JsonTextError::Kind::NulByte: return json(override_.value);
        case JsonTextError::Kind::TooDeep: fail_override(override_, "the value is JSON " + error.reason);
        case JsonTextError::Kind::DuplicateKey:
            fail_override(override_, "the value's key " + quote(error.path) + " is given twice; each key may appear "
                                     "only once in an object");
    }
    return json(override_.value);
}

bool is_array_index(const std::string& segment) {
    return !segment.empty() && segment.size() <= 9 &&
           std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The longest run of segments from `next` that names a key of `object` ("orders.fifo"), or the
// one segment when none does. Returns the key and how many segments it used.
std::pair<std::string, std::size_t> key_at(const json& object, const std::vector<std::string>& segments,
                                           std::size_t next) {
    for (std::size_t count = segments.size() - next; count > 1; --count) {
        std::string candidate = segments[next];
        for (std::size_t i = 1; i < count; ++i) candidate += "." + segments[next + i];
        if (object.contains(candidate)) return {candidate, count};
    }
    return {segments[next], 1};
}

// Sets the value at the override's path. Returns the path of the outermost value that was created
// or replaced.
std::string apply_override(json& document, const Override& override_) {
    const std::vector<std::string> segments = split(override_.path, '.');
    const json value = override_value(override_);
    json* node = &document;
    std::string walked;
    std::string created;
    std::size_t next = 0;
    while (next < segments.size()) {
        if (node->is_object()) {
            const auto [key, used] = key_at(*node, segments, next);
            next += used;
            walked = join_path(walked, key);
            const bool last = next == segments.size();
            if (!node->contains(key)) {
                if (created.empty()) created = walked;
                (*node)[key] = last ? value : json::object();
            } else if (last) {
                (*node)[key] = value;
            }
            node = &(*node)[key];
        } else if (node->is_array()) {
            const std::string& segment = segments[next];
            const std::size_t size = node->size();
            const std::string expected = "expected an index from 0 to " + std::to_string(size) + " (" +
                                         std::to_string(size) + " appends) into " +
                                         (walked.empty() ? "the document" : walked);
            if (!is_array_index(segment)) fail_override(override_, expected + ", got " + quote(segment));
            const std::size_t index = std::stoul(segment);
            if (index > size) fail_override(override_, expected + ", got " + segment);
            ++next;
            walked = join_path(walked, segment);
            const bool last = next == segments.size();
            if (index == size) {
                if (created.empty()) created = walked;
                node->push_back(last ? value : json::object());
            } else if (last) {
                (*node)[index] = value;
            }
            node = &(*node)[index];
        } else {
            fail_override(override_, "expected a path through objects and arrays, but " +
                                         (walked.empty() ? "the document" : walked) + " is " + describe_with_type(*node));
        }
    }
    return created.empty() ? walked : created;
}

}  // namespace

Override parse_override(const std::string& text) {
    const std::size_t equals = text.find('=');
    const std::string key = text.substr(0, equals);
    const std::vector<std::string> segments = split(key, '.');
    const bool valid = equals != std::string::npos && !key.empty() &&
                       std::none_of(segments.begin(), segments.end(), [](const std::string& s) { return s.empty(); });
    if (!valid) {
        throw InputError("--set", "", 0,
                         one_line("expected KEY=VALUE with a dotted KEY, e.g. queues.orders.VisibilityTimeout=60, got " +
                                  quote(text)));
    }
    return Override{key, text.substr(equals + 1)};
}

const json* find_at_path(const json& document, const std::string& path) {
    const std::vector<std::string> segments = split(path, '.');
    const json* node = &document;
    std::size_t next = 0;
    while (next < segments.size()) {
        if (node->is_object()) {
            const auto [key, used] = key_at(*node, segments, next);
            const auto found = node->find(key);
            if (found == node->end()) return nullptr;
            node = &*found;
            next += used;
        } else if (node->is_array() && is_array_index(segments[next]) && std::stoul(segments[next]) < node->size()) {
            node = &(*node)[std::stoul(segments[next++])];
        } else {
            return nullptr;
        }
    }
    return node;
}

std::vector<OverriddenPath> apply_overrides_in_place(json& document, const std::vector<Override>& overrides) {
    std::vector<OverriddenPath> overridden;
    for (const Override& override_ : overrides) {
        overridden.push_back({apply_override(document, override_), override_.origin});
    }
    return overridden;
}

json apply_overrides(json document, const std::vector<Override>& overrides) {
    apply_overrides_in_place(document, overrides);
    return document;
}

}  // namespace queuelab::sim
