// Index
// [SECTION] Text helpers
// [SECTION] Reader: typed access to JSON values, with one-line errors
// [SECTION] Overrides (--set)
// [SECTION] ScenarioReader: top level, service limits, account
// [SECTION] Queues
// [SECTION] Streams
// [SECTION] Functions
// [SECTION] Mappings
// [SECTION] Traffic
// [SECTION] Actions
// [SECTION] Public entry points

#include "scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <numeric>
#include <set>
#include <string_view>
#include <type_traits>
#include <variant>

#include "builtin_handlers.h"
#include "event_filter.h"
#include "input_error.h"
#include "json_locator.h"

namespace queuelab::sim {
namespace {

using json = nlohmann::json;
using Keys = std::vector<std::string_view>;

constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kMaxSendsPerScenario = 10'000'000;
constexpr double kMaxDurationSeconds = 2'592'000;

// [SECTION] Text helpers

std::string join(const std::string& parent, std::string_view segment) {
    return parent.empty() ? std::string(segment) : parent + "." + std::string(segment);
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::string join_list(const Keys& items) {
    return join_list(std::vector<std::string>(items.begin(), items.end()));
}

Keys concat(std::initializer_list<Keys> lists) {
    Keys all;
    for (const Keys& list : lists) all.insert(all.end(), list.begin(), list.end());
    return all;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
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

// Error messages are one line: control characters become spaces.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return text;
}

// Cuts at most `max_bytes` without splitting a UTF-8 sequence.
std::string truncate(const std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "...";
}

std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

// A value as it appears in a message: 50000, "abc", true, null, an array, an object.
std::string describe(const json& value) {
    switch (value.type()) {
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::string:
            return truncate(value.dump(-1, ' ', false, json::error_handler_t::replace), 80);
        default: return value.dump();
    }
}

// The same, naming the JSON type, for a value of the wrong type.
std::string describe_with_type(const json& value) {
    switch (value.type()) {
        case json::value_t::string: return "the string " + describe(value);
        case json::value_t::boolean: return "the boolean " + describe(value);
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "the number " + describe(value);
        default: return describe(value);
    }
}

std::string quote(const std::string& text) {
    return describe(json(text));
}

std::string int_range_text(std::int64_t min, std::int64_t max) {
    if (max == kNoMax) {
        return min == 0 ? "a non-negative integer"
                        : "an integer of at least " + std::to_string(min);
    }
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

struct NumberRange {
    double min = 0;
    bool min_exclusive = false;
    double max = kInfinity;
};

std::string number_range_text(const NumberRange& range) {
    if (range.min_exclusive) {
        std::string text = "a number greater than " + format_number(range.min);
        if (range.max != kInfinity) text += " and at most " + format_number(range.max);
        return text;
    }
    if (range.max != kInfinity) {
        return "a number from " + format_number(range.min) + " to " + format_number(range.max);
    }
    return range.min == 0 ? "a non-negative number"
                          : "a number of at least " + format_number(range.min);
}

// "arn:aws:sqs:us-east-1:123456789012:orders" → "orders"; a plain name is returned as it is;
// nullopt for an ARN that is not an SQS queue's.
std::optional<std::string> queue_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    if (parts.size() == 6 && parts[2] == "sqs" && !parts[5].empty()) return parts[5];
    return std::nullopt;
}

// "arn:aws:lambda:us-east-1:123456789012:function:processor" → "processor".
std::optional<std::string> function_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    if (parts.size() >= 7 && parts[2] == "lambda" && parts[5] == "function") return parts[6];
    return std::nullopt;
}

// "arn:aws:kinesis:us-east-1:123456789012:stream/readings" → "readings"; a plain name is returned
// as it is; nullopt for an ARN that is not a Kinesis stream's.
std::optional<std::string> stream_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    constexpr std::string_view kPrefix = "stream/";
    if (parts.size() == 6 && parts[2] == "kinesis" && starts_with(parts[5], kPrefix) &&
        parts[5].size() > kPrefix.size()) {
        return parts[5].substr(kPrefix.size());
    }
    return std::nullopt;
}

bool is_name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool all_name_characters(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_name_character);
}

// Kinesis stream names: 1 to 128 of a-z, A-Z, 0-9, '_', '.', '-'.
bool is_stream_name(std::string_view name) {
    return !name.empty() && name.size() <= 128 &&
           std::all_of(name.begin(), name.end(),
                       [](char c) { return is_name_character(c) || c == '.'; });
}

// Characters (code points) of UTF-8 text.
std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// A Kinesis ExplicitHashKey: a decimal integer from 0 to 2^128 - 1, written as AWS's pattern
// 0|([1-9]\d{0,38}) wants it.
bool is_hash_key(std::string_view text) {
    constexpr std::string_view kMax = "340282366920938463463374607431768211455";
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!digits || text.size() > kMax.size() || (text.size() > 1 && text[0] == '0')) return false;
    return text.size() < kMax.size() || text <= kMax;
}

// [SECTION] Reader: typed access to JSON values, with one-line errors

// A path an override set, and where the value came from.
struct OverriddenPath {
    std::string path;
    std::string origin;
};

// Knows the file, where each path sits in its text and which paths came from --set; reads typed
// values out of JSON objects and throws InputError with the path, line and expectation.
class Reader {
public:
    Reader(std::string file, const std::string& source_text,
           std::vector<OverriddenPath> overridden_paths)
        : file_(std::move(file)),
          locator_(source_text),
          overridden_paths_(std::move(overridden_paths)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& expected) const {
        if (const OverriddenPath* set = override_of(path)) {
            const std::string origin = set->origin.empty() ? "" : " (value from " + set->origin + ")";
            throw InputError(file_, path, 0, one_line(expected + origin));
        }
        throw InputError(file_, path, line_near(path), one_line(expected));
    }

    [[noreturn]] void fail_missing(const std::string& path, const std::string& what) const {
        fail(path, "missing; expected " + what);
    }

    const json& object(const json& value, const std::string& path,
                       const std::string& what = "an object") const {
        if (!value.is_object()) {
            fail(path, "expected " + what + ", got " + describe_with_type(value));
        }
        return value;
    }

    const json& array(const json& value, const std::string& path,
                      const std::string& what = "an array") const {
        if (!value.is_array()) {
            fail(path, "expected " + what + ", got " + describe_with_type(value));
        }
        return value;
    }

    // Every key of `object` must be in `allowed`.
    void check_keys(const json& object, const std::string& path, Keys allowed) const {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                fail(join(path, key), "unknown key; expected one of: " + join_list(allowed));
            }
        }
    }

    static const json* member(const json& object, std::string_view key) {
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    const json& required(const json& object, const std::string& path, std::string_view key,
                         const std::string& what) const {
        const json* value = member(object, key);
        if (value == nullptr) fail_missing(join(path, key), what);
        return *value;
    }

    std::int64_t int_value(const json& value, const std::string& path, std::int64_t min,
                           std::int64_t max, std::string_view aws_message = {}) const {
        std::string expected = "expected " + int_range_text(min, max);
        if (!aws_message.empty()) expected += " (" + std::string(aws_message) + ")";
        const std::int64_t number = integer(value, path, expected);
        if (number < min || number > max) fail(path, expected + ", got " + describe(value));
        return number;
    }

    std::optional<std::int64_t> optional_int(const json& object, const std::string& path,
                                             std::string_view key, std::int64_t min,
                                             std::int64_t max,
                                             std::string_view aws_message = {}) const {
        const json* value = member(object, key);
        if (value == nullptr) return std::nullopt;
        return int_value(*value, join(path, key), min, max, aws_message);
    }

    std::int64_t read_int(const json& object, const std::string& path, std::string_view key,
                          std::int64_t min, std::int64_t max, std::int64_t fallback,
                          std::string_view aws_message = {}) const {
        return optional_int(object, path, key, min, max, aws_message).value_or(fallback);
    }

    // AWS's "-1 means infinite" settings: -1, or an integer from min to max.
    std::int64_t read_int_or_infinite(const json& object, const std::string& path,
                                      std::string_view key, std::int64_t min, std::int64_t max,
                                      std::int64_t fallback) const {
        const json* value = member(object, key);
        if (value == nullptr) return fallback;
        const std::string key_path = join(path, key);
        const std::string expected = "expected -1 (infinite) or " + int_range_text(min, max);
        const std::int64_t number = integer(*value, key_path, expected);
        if (number != -1 && (number < min || number > max)) {
            fail(key_path, expected + ", got " + describe(*value));
        }
        return number;
    }

    double number_value(const json& value, const std::string& path,
                        const NumberRange& range) const {
        const std::string expected = "expected " + number_range_text(range);
        if (!value.is_number()) fail(path, expected + ", got " + describe_with_type(value));
        const double number = value.get<double>();
        const bool above_min = range.min_exclusive ? number > range.min : number >= range.min;
        if (!std::isfinite(number) || !above_min || number > range.max) {
            fail(path, expected + ", got " + describe(value));
        }
        return number;
    }

    std::optional<double> optional_number(const json& object, const std::string& path,
                                          std::string_view key, const NumberRange& range) const {
        const json* value = member(object, key);
        if (value == nullptr) return std::nullopt;
        return number_value(*value, join(path, key), range);
    }

    double read_number(const json& object, const std::string& path, std::string_view key,
                       const NumberRange& range, double fallback) const {
        return optional_number(object, path, key, range).value_or(fallback);
    }

    std::string string_value(const json& value, const std::string& path,
                             const std::string& what = "a string") const {
        if (!value.is_string()) {
            fail(path, "expected " + what + ", got " + describe_with_type(value));
        }
        return value.get<std::string>();
    }

    std::optional<std::string> optional_string(const json& object, const std::string& path,
                                               std::string_view key,
                                               const std::string& what = "a string") const {
        const json* value = member(object, key);
        if (value == nullptr) return std::nullopt;
        return string_value(*value, join(path, key), what);
    }

    std::string required_string(const json& object, const std::string& path, std::string_view key,
                                const std::string& what = "a string") const {
        return string_value(required(object, path, key, what), join(path, key), what);
    }

    bool read_bool(const json& object, const std::string& path, std::string_view key,
                   bool fallback) const {
        const json* value = member(object, key);
        if (value == nullptr) return fallback;
        if (!value->is_boolean()) {
            fail(join(path, key), "expected true or false, got " + describe_with_type(*value));
        }
        return value->get<bool>();
    }

private:
    // Any integer that fits in 64 bits; `expected` is the whole "expected ..." text.
    std::int64_t integer(const json& value, const std::string& path,
                         const std::string& expected) const {
        if (!value.is_number()) fail(path, expected + ", got " + describe_with_type(value));
        const bool fits = value.is_number_integer() &&
                          !(value.is_number_unsigned() &&
                            value.get<std::uint64_t>() > static_cast<std::uint64_t>(kNoMax));
        if (!fits) fail(path, expected + ", got " + describe(value));
        return value.get<std::int64_t>();
    }

    // The last override that set `path` or an object around it, if any.
    const OverriddenPath* override_of(const std::string& path) const {
        const auto found = std::find_if(
            overridden_paths_.rbegin(), overridden_paths_.rend(), [&](const OverriddenPath& set) {
                return path == set.path || starts_with(path, set.path + ".");
            });
        return found == overridden_paths_.rend() ? nullptr : &*found;
    }

    // The line of the path, or of its nearest ancestor in the text (a missing key is reported
    // at the object that lacks it).
    int line_near(std::string path) const {
        while (true) {
            const int line = locator_.line_of(path);
            if (line > 0 || path.empty()) return line;
            const std::size_t dot = path.rfind('.');
            path = dot == std::string::npos ? std::string() : path.substr(0, dot);
        }
    }

    std::string file_;
    JsonLocator locator_;
    std::vector<OverriddenPath> overridden_paths_;
};

// [SECTION] Overrides (--set)

json override_value(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::parse_error&) {
        return json(text);
    }
}

[[noreturn]] void fail_override(const Override& override_, const std::string& expected) {
    throw InputError("--set", override_.path, 0, one_line(expected));
}

// Sets the value at the override's path, creating missing object keys and appending at an
// array's end. A key containing dots (a queue named "orders.fifo") matches when the object has
// that key. Returns the path of the outermost value that was created or replaced.
std::string apply_override(json& document, const Override& override_) {
    const std::vector<std::string> segments = split(override_.path, '.');
    const json value = override_value(override_.value);
    json* node = &document;
    std::string walked;
    std::string created;
    std::size_t next = 0;
    while (next < segments.size()) {
        if (node->is_object()) {
            std::string key = segments[next];
            std::size_t used = 1;
            for (std::size_t count = segments.size() - next; count > 1; --count) {
                std::string candidate = segments[next];
                for (std::size_t i = 1; i < count; ++i) candidate += "." + segments[next + i];
                if (node->contains(candidate)) {
                    key = candidate;
                    used = count;
                    break;
                }
            }
            next += used;
            walked = join(walked, key);
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
            const std::string expected = "expected an index from 0 to " + std::to_string(size) +
                                         " (" + std::to_string(size) + " appends) into " +
                                         (walked.empty() ? "the document" : walked);
            if (segment.empty() || segment.size() > 9 ||
                !std::all_of(segment.begin(), segment.end(),
                             [](char c) { return c >= '0' && c <= '9'; })) {
                fail_override(override_, expected + ", got " + quote(segment));
            }
            const std::size_t index = std::stoul(segment);
            if (index > size) fail_override(override_, expected + ", got " + segment);
            ++next;
            walked = join(walked, segment);
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
                                         (walked.empty() ? "the document" : walked) + " is " +
                                         describe_with_type(*node));
        }
    }
    return created.empty() ? walked : created;
}

// [SECTION] ScenarioReader: top level, service limits, account

const std::string kNotValidForQueueType =
    "The request include parameter that is not valid for this queue type";

// Mapping keys: every event source's, then the keys only one kind takes.
const Keys kMappingKeys = {"EventSourceArn", "FunctionName", "BatchSize",
                           "MaximumBatchingWindowInSeconds", "FunctionResponseTypes",
                           "FilterCriteria", "Enabled"};
const Keys kQueueMappingKeys = {"ScalingConfig"};
const Keys kStreamMappingKeys = {"StartingPosition", "StartingPositionTimestamp",
                                 "ParallelizationFactor", "BisectBatchOnFunctionError",
                                 "MaximumRetryAttempts", "MaximumRecordAgeInSeconds",
                                 "TumblingWindowInSeconds", "DestinationConfig"};

// Traffic keys: the entry's shape, then what a queue's message or a stream's record holds.
const Keys kTrafficShapeKeys = {"to", "at_s", "messages", "count",
                                "rate_per_s", "from_s", "until_s"};
const Keys kMessageKeys = {"body", "MessageGroupId", "MessageDeduplicationId", "DelaySeconds",
                           "MessageAttributes"};
const Keys kRecordKeys = {"partition_key", "data", "ExplicitHashKey"};

constexpr int kStreamBatchSizeDefault = 100;
constexpr std::size_t kRecordDataMaxBytes = 1'048'576;  // PutRecord's Data, before base64

// A queue or stream of the scenario, as a mapping or traffic entry names it.
struct SourceRef {
    std::string name;
    EventSourceKind kind = EventSourceKind::SqsQueue;
};

class ScenarioReader {
public:
    explicit ScenarioReader(const Reader& reader) : r_(reader) {}

    Scenario read(const json& document) {
        r_.object(document, "", "a JSON object at the top level");
        r_.check_keys(
            document, "",
            {"name", "description", "seed", "duration_s", "region", "account_id", "account", "sample_interval_s",
             "queues", "streams", "functions", "mappings", "traffic", "actions", "service_limits"});
        read_service_limits(document);
        read_top_level(document);
        read_account(document);
        read_queues(document);
        read_streams(document);
        read_functions(document);
        read_mappings(document);
        read_traffic(document);
        read_actions(document);
        return std::move(s_);
    }

private:
    void read_service_limits(const json& document) {
        const json* limits = Reader::member(document, "service_limits");
        if (limits == nullptr) return;
        const std::string path = "service_limits";
        r_.object(*limits, path);
        std::vector<std::string> names;
        for (const LimitField& field : service_limit_fields()) names.emplace_back(field.name);
        for (const auto& [key, value] : limits->items()) {
            const auto field = std::find_if(service_limit_fields().begin(), service_limit_fields().end(),
                                            [&](const LimitField& f) { return f.name == key; });
            if (field == service_limit_fields().end()) {
                r_.fail(join(path, key), "unknown key; expected one of: " + join_list(names));
            }
            const std::string field_path = join(path, key);
            std::visit(
                [&](auto member) {
                    using T = std::remove_reference_t<decltype(s_.limits.*member)>;
                    if constexpr (std::is_same_v<T, double>) {
                        s_.limits.*member =
                            r_.number_value(value, field_path, {field->min, field->min_exclusive});
                    } else {
                        s_.limits.*member = static_cast<T>(
                            r_.int_value(value, field_path, static_cast<std::int64_t>(field->min),
                                         std::numeric_limits<T>::max()));
                    }
                },
                field->member);
        }
    }

    void read_top_level(const json& document) {
        s_.name = r_.required_string(document, "", "name", "a string (the scenario's name)");
        if (s_.name.empty()) r_.fail("name", "expected a non-empty string, got \"\"");
        if (Reader::member(document, "description") != nullptr) {
            s_.description = r_.required_string(document, "", "description", "a string");
        }
        if (const json* seed = Reader::member(document, "seed")) {
            if (seed->is_number_unsigned()) {
                s_.seed = seed->get<std::uint64_t>();
            } else {
                s_.seed = static_cast<std::uint64_t>(r_.int_value(*seed, "seed", 0, kNoMax));
            }
        }
        // The simulator's bound (30 days of virtual time), longer than any retention but SQS's
        // is needed, and short enough that a run that never drains still ends quickly.
        s_.duration_s = r_.read_number(document, "", "duration_s", {0, true, kMaxDurationSeconds}, s_.duration_s);
        s_.sample_interval_s =
            r_.read_number(document, "", "sample_interval_s", {}, s_.sample_interval_s);
        if (auto region = r_.optional_string(document, "", "region")) {
            if (region->empty() || !all_name_characters(*region)) {
                r_.fail("region",
                        "expected an AWS region name such as \"us-east-1\", got " + quote(*region));
            }
            s_.region = *region;
        }
        if (auto account_id = r_.optional_string(document, "", "account_id")) {
            if (account_id->size() != 12 ||
                !std::all_of(account_id->begin(), account_id->end(),
                             [](char c) { return c >= '0' && c <= '9'; })) {
                r_.fail("account_id", "expected a string of 12 digits, got " + quote(*account_id));
            }
            s_.account_id = *account_id;
        }
    }

    void read_account(const json& document) {
        s_.account_concurrency = s_.limits.account_concurrency;
        const json* account = Reader::member(document, "account");
        if (account == nullptr) return;
        r_.object(*account, "account");
        r_.check_keys(*account, "account", {"ConcurrentExecutions"});
        s_.account_concurrency = static_cast<int>(r_.read_int(
            *account, "account", "ConcurrentExecutions", 1, 1'000'000, s_.account_concurrency));
        s_.limits.account_concurrency = s_.account_concurrency;
    }

    // The queue, or with `streams_too` the queue or stream, that a name or ARN refers to.
    // Otherwise "expected the name or ARN of a queue of this scenario (one of: a, b; <note>)".
    SourceRef source_reference(const json& value, const std::string& path, bool streams_too,
                               const std::string& note = {}) const {
        std::vector<std::string> names;
        for (const auto& [name, queue] : s_.queues) names.push_back(name);
        if (streams_too) {
            for (const auto& [name, stream] : s_.streams) names.push_back(name);
        }
        std::string choices =
            names.empty() ? std::string("there are none") : "one of: " + join_list(names);
        if (!note.empty()) choices += "; " + note;
        const std::string expected = std::string("expected the name or ARN of a ") +
                                     (streams_too ? "queue or stream" : "queue") +
                                     " of this scenario (" + choices + ")";
        if (!value.is_string()) r_.fail(path, expected + ", got " + describe_with_type(value));
        const std::string reference = value.get<std::string>();
        if (const auto name = queue_name_from_reference(reference);
            name && s_.queues.count(*name) != 0) {
            return {*name, EventSourceKind::SqsQueue};
        }
        if (const auto name = stream_name_from_reference(reference);
            streams_too && name && s_.streams.count(*name) != 0) {
            return {*name, EventSourceKind::KinesisStream};
        }
        r_.fail(path, expected + ", got " + quote(reference));
    }

    std::string queue_reference(const json& value, const std::string& path,
                                const std::string& note = {}) const {
        return source_reference(value, path, false, note).name;
    }

    std::string function_reference(const json& value, const std::string& path) const {
        std::vector<std::string> names;
        for (const auto& [name, function] : s_.functions) names.push_back(name);
        const std::string expected =
            "expected the name or ARN of a function of this scenario (" +
            (names.empty() ? std::string("there are none") : "one of: " + join_list(names)) + ")";
        if (!value.is_string()) r_.fail(path, expected + ", got " + describe_with_type(value));
        const std::string reference = value.get<std::string>();
        const auto name = function_name_from_reference(reference);
        if (!name || s_.functions.count(*name) == 0) {
            r_.fail(path, expected + ", got " + quote(reference));
        }
        return *name;
    }

    // [SECTION] Queues

    void read_queues(const json& document) {
        const json* queues = Reader::member(document, "queues");
        if (queues == nullptr) return;
        r_.object(*queues, "queues", "an object of queues by name");
        for (const auto& [name, value] : queues->items()) {
            s_.queues[name] = read_queue(name, value, join("queues", name));
        }
        // Dead-letter queues may be declared after the queues that use them.
        for (const auto& [name, value] : queues->items()) {
            if (const json* policy = Reader::member(value, "RedrivePolicy")) {
                s_.queues[name].redrive_policy = read_redrive_policy(
                    s_.queues[name], *policy, join(join("queues", name), "RedrivePolicy"));
            }
        }
    }

    QueueConfig read_queue(const std::string& name, const json& value, const std::string& path) {
        r_.object(value, path);
        r_.check_keys(value, path,
                      {"FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout",
                       "DelaySeconds", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds",
                       "MaximumMessageSize", "RedrivePolicy"});
        QueueConfig queue;
        queue.name = name;
        check_queue_name(name, path);
        const bool named_fifo = ends_with(name, ".fifo");
        queue.FifoQueue = r_.read_bool(value, path, "FifoQueue", named_fifo);
        if (queue.FifoQueue != named_fifo) {
            r_.fail(join(path, "FifoQueue"),
                    std::string(queue.FifoQueue
                                    ? "expected a queue name ending in .fifo for a FIFO queue"
                                    : "expected true (or no FifoQueue) for a queue named .fifo") +
                        " (The name of a FIFO queue can only include alphanumeric characters, "
                        "hyphens, or underscores, must end with .fifo suffix), got " +
                        (queue.FifoQueue ? "true for the name " + quote(name) : "false"));
        }
        queue.ContentBasedDeduplication =
            r_.read_bool(value, path, "ContentBasedDeduplication", false);
        if (queue.ContentBasedDeduplication && !queue.FifoQueue) {
            r_.fail(join(path, "ContentBasedDeduplication"),
                    "expected false or no ContentBasedDeduplication on a standard queue (it is "
                    "a FIFO queue attribute), got true");
        }
        queue.VisibilityTimeout =
            attribute(value, path, "VisibilityTimeout", 0, 43'200, queue.VisibilityTimeout);
        queue.DelaySeconds = attribute(value, path, "DelaySeconds", 0, 900, queue.DelaySeconds);
        queue.MessageRetentionPeriod = attribute(value, path, "MessageRetentionPeriod", 60,
                                                 1'209'600, queue.MessageRetentionPeriod);
        queue.ReceiveMessageWaitTimeSeconds =
            attribute(value, path, "ReceiveMessageWaitTimeSeconds", 0, 20,
                      queue.ReceiveMessageWaitTimeSeconds);
        const std::int64_t max_size = s_.limits.max_message_size_bytes;
        queue.MaximumMessageSize =
            r_.read_int(value, path, "MaximumMessageSize", 1'024, max_size, max_size,
                        "Invalid value for the parameter MaximumMessageSize");
        return queue;
    }

    int attribute(const json& queue, const std::string& path, std::string_view key, int min,
                  int max, int fallback) const {
        const std::string aws_message = "Invalid value for the parameter " + std::string(key);
        return static_cast<int>(r_.read_int(queue, path, key, min, max, fallback, aws_message));
    }

    void check_queue_name(const std::string& name, const std::string& path) const {
        const std::string_view base =
            ends_with(name, ".fifo") ? std::string_view(name).substr(0, name.size() - 5) : name;
        if (base.empty() || name.size() > 80 || !all_name_characters(base)) {
            r_.fail(path,
                    "expected a queue name of 1 to 80 alphanumeric characters, hyphens or "
                    "underscores (a FIFO queue's ending in .fifo), got " +
                        quote(name));
        }
    }

    RedrivePolicy read_redrive_policy(const QueueConfig& queue, const json& value,
                                      const std::string& path) const {
        // CloudFormation takes an object, the SQS API a string holding one: accept both.
        json parsed;
        const json* policy = &value;
        if (value.is_string()) {
            try {
                parsed = json::parse(value.get<std::string>());
            } catch (const json::parse_error&) {
                r_.fail(path, "expected an object {deadLetterTargetArn, maxReceiveCount}, got " +
                                  describe(value));
            }
            policy = &parsed;
        }
        r_.object(*policy, path, "an object {deadLetterTargetArn, maxReceiveCount}");
        r_.check_keys(*policy, path, {"deadLetterTargetArn", "maxReceiveCount"});
        RedrivePolicy result;
        const std::string target_path = join(path, "deadLetterTargetArn");
        result.deadLetterTargetArn = queue_reference(
            r_.required(*policy, path, "deadLetterTargetArn", "the name or ARN of a queue"),
            target_path);
        r_.required(*policy, path, "maxReceiveCount", "an integer from 1 to 1000");
        result.maxReceiveCount =
            static_cast<int>(*r_.optional_int(*policy, path, "maxReceiveCount", 1, 1'000));
        const QueueConfig& target = s_.queues.at(result.deadLetterTargetArn);
        if (target.name == queue.name) {
            r_.fail(target_path, "expected another queue than " + quote(queue.name) +
                                     " itself (a queue cannot be its own dead-letter queue)");
        }
        if (target.FifoQueue != queue.FifoQueue) {
            r_.fail(target_path,
                    std::string("expected a ") + (queue.FifoQueue ? "FIFO" : "standard") +
                        " queue (Dead-letter queue must be same type of queue as the source.), got the " +
                        (target.FifoQueue ? "FIFO" : "standard") + " queue " + quote(target.name));
        }
        return result;
    }

    // [SECTION] Streams

    // After the queues: a stream may not take a queue's name.
    void read_streams(const json& document) {
        const json* streams = Reader::member(document, "streams");
        if (streams == nullptr) return;
        r_.object(*streams, "streams", "an object of streams by name");
        for (const auto& [name, value] : streams->items()) {
            s_.streams[name] = read_stream(name, value, join("streams", name));
        }
    }

    StreamConfig read_stream(const std::string& name, const json& value,
                             const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"ShardCount", "RetentionPeriodHours"});
        if (!is_stream_name(name)) {
            r_.fail(path,
                    "expected a stream name of 1 to 128 alphanumeric characters, hyphens, "
                    "underscores or periods, got " +
                        quote(name));
        }
        if (s_.queues.count(name) != 0) {
            r_.fail(path, "expected a name that no queue of this scenario has (mappings and "
                          "traffic name a queue or stream by its name alone), got " +
                              quote(name) + ", the name of a queue");
        }
        StreamConfig stream;
        stream.name = name;
        stream.ShardCount = static_cast<int>(
            r_.read_int(value, path, "ShardCount", 1, 1'000, stream.ShardCount));
        stream.RetentionPeriodHours = static_cast<int>(r_.read_int(
            value, path, "RetentionPeriodHours", 24, 8'760, stream.RetentionPeriodHours));
        return stream;
    }

    // [SECTION] Functions

    void read_functions(const json& document) {
        const json* functions = Reader::member(document, "functions");
        if (functions == nullptr) return;
        r_.object(*functions, "functions", "an object of functions by name");
        for (const auto& [name, value] : functions->items()) {
            s_.functions[name] = read_function(name, value, join("functions", name));
        }
        std::int64_t reserved = 0;
        for (const auto& [name, function] : s_.functions) {
            if (!function.ReservedConcurrentExecutions) continue;
            reserved += *function.ReservedConcurrentExecutions;
            check_unreserved(reserved,
                             join(join("functions", name), "ReservedConcurrentExecutions"));
        }
    }

    void check_unreserved(std::int64_t reserved_total, const std::string& path) const {
        const int minimum = s_.limits.minimum_unreserved_concurrency;
        if (reserved_total > 0 && s_.account_concurrency - reserved_total < minimum) {
            r_.fail(path,
                    "Specified ReservedConcurrentExecutions for function decreases "
                    "account's UnreservedConcurrentExecution below its minimum value of [" +
                        std::to_string(minimum) + "]. (" + std::to_string(reserved_total) + " of " +
                        std::to_string(s_.account_concurrency) + " reserved)");
        }
    }

    FunctionConfig read_function(const std::string& name, const json& value,
                                 const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(
            value, path,
            {"Handler", "Timeout", "MemorySize", "ReservedConcurrentExecutions", "Simulation"});
        if (name.empty() || name.size() > 64 || !all_name_characters(name)) {
            r_.fail(path,
                    "expected a function name of 1 to 64 alphanumeric characters, hyphens "
                    "or underscores, got " +
                        quote(name));
        }
        FunctionConfig function;
        function.name = name;
        const BuiltinHandler& handler = read_handler(value, path);
        function.Handler = handler.name;
        function.Timeout =
            static_cast<int>(r_.read_int(value, path, "Timeout", 1, 900, function.Timeout));
        function.MemorySize = static_cast<int>(
            r_.read_int(value, path, "MemorySize", 128, 10'240, function.MemorySize));
        if (auto reserved = r_.optional_int(value, path, "ReservedConcurrentExecutions", 0,
                                            s_.account_concurrency)) {
            function.ReservedConcurrentExecutions = static_cast<int>(*reserved);
        }
        if (const json* simulation = Reader::member(value, "Simulation")) {
            function.simulation = read_simulation(*simulation, join(path, "Simulation"));
        }
        check_handler_params(handler, function.simulation.Params,
                             join(join(path, "Simulation"), "Params"));
        return function;
    }

    const BuiltinHandler& read_handler(const json& function, const std::string& path) const {
        std::vector<std::string> names;
        for (const BuiltinHandler& handler : builtin_handlers()) names.push_back(handler.name);
        const std::string expected = "a built-in handler: " + join_list(names);
        const std::string name = r_.required_string(function, path, "Handler", expected);
        const BuiltinHandler* handler = find_builtin_handler(name);
        if (handler == nullptr) {
            r_.fail(join(path, "Handler"), "expected " + expected + ", got " + quote(name));
        }
        return *handler;
    }

    FunctionSimulation read_simulation(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"DurationMs", "PerRecordMs", "ColdStartMs", "Params"});
        FunctionSimulation simulation;
        simulation.DurationMs =
            r_.read_number(value, path, "DurationMs", {}, simulation.DurationMs);
        simulation.PerRecordMs =
            r_.read_number(value, path, "PerRecordMs", {}, simulation.PerRecordMs);
        simulation.ColdStartMs =
            r_.read_number(value, path, "ColdStartMs", {0, false, s_.limits.max_init_s * 1'000},
                           simulation.ColdStartMs);
        if (const json* params = Reader::member(value, "Params")) {
            simulation.Params = r_.object(*params, join(path, "Params"));
        }
        return simulation;
    }

    // Builds the handler once so that it can reject its parameters now rather than mid-run.
    void check_handler_params(const BuiltinHandler& handler, const json& params,
                              const std::string& path) const {
        std::optional<std::pair<std::string, std::string>> problem;  // field, expected
        try {
            if (handler.make_sqs) (void)handler.make_sqs(params);
            if (handler.make_kinesis) (void)handler.make_kinesis(params);
        } catch (const HandlerParamError& error) {
            problem.emplace(join(path, error.field), "expected " + error.expected);
        } catch (const std::exception& error) {
            problem.emplace(path, "expected parameters the handler " + quote(handler.name) +
                                      " accepts: " + error.what());
        }
        if (problem) r_.fail(problem->first, problem->second);
    }

    // [SECTION] Mappings

    void read_mappings(const json& document) {
        const json* mappings = Reader::member(document, "mappings");
        if (mappings == nullptr) return;
        r_.array(*mappings, "mappings", "an array of event source mappings");
        for (std::size_t i = 0; i < mappings->size(); ++i) {
            const std::string path = join("mappings", std::to_string(i));
            s_.mappings.push_back(read_mapping((*mappings)[i], path));
            for (std::size_t j = 0; j < i; ++j) {
                if (s_.mappings[j].EventSourceArn == s_.mappings[i].EventSourceArn &&
                    s_.mappings[j].FunctionName == s_.mappings[i].FunctionName) {
                    r_.fail(join(path, "FunctionName"),
                            std::string("expected a ") +
                                std::string(resource_noun(s_.mappings[i].source_kind)) +
                                " and function not mapped yet, but mappings." +
                                std::to_string(j) + " already maps " +
                                quote(s_.mappings[i].EventSourceArn) + " to " +
                                quote(s_.mappings[i].FunctionName));
                }
            }
        }
    }

    MappingConfig read_mapping(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, concat({kMappingKeys, kQueueMappingKeys, kStreamMappingKeys}));
        MappingConfig mapping;
        const SourceRef source = source_reference(
            r_.required(value, path, "EventSourceArn", "the name or ARN of a queue or stream"),
            join(path, "EventSourceArn"), true);
        mapping.EventSourceArn = source.name;
        mapping.source_kind = source.kind;
        const bool stream = mapping.source_kind == EventSourceKind::KinesisStream;
        mapping.FunctionName =
            function_reference(r_.required(value, path, "FunctionName", "the name of a function"),
                               join(path, "FunctionName"));
        check_handler_event_type(mapping, join(path, "FunctionName"));
        if (stream) {
            reject_keys(value, path, kQueueMappingKeys, "a Kinesis event source", "SQS queues");
        } else {
            reject_keys(value, path, kStreamMappingKeys, "an SQS event source", "Kinesis streams");
        }

        mapping.ReportBatchItemFailures = read_response_types(value, path);
        if (const json* criteria = Reader::member(value, "FilterCriteria")) {
            mapping.filter_patterns = read_filter_criteria(*criteria, join(path, "FilterCriteria"), stream);
        }
        mapping.Enabled = r_.read_bool(value, path, "Enabled", mapping.Enabled);
        if (stream) {
            read_stream_mapping(value, path, mapping);
        } else {
            read_queue_mapping(value, path, s_.queues.at(mapping.EventSourceArn), mapping);
        }
        return mapping;
    }

    // "expected no X for an SQS event source (X is for Kinesis streams)"
    void reject_keys(const json& object, const std::string& path, const Keys& keys,
                     const std::string& here, std::string_view belongs_to) const {
        for (const std::string_view key : keys) {
            if (Reader::member(object, key) != nullptr) {
                r_.fail(join(path, key), "expected no " + std::string(key) + " for " + here +
                                             " (" + std::string(key) + " is for " +
                                             std::string(belongs_to) + ")");
            }
        }
    }

    // Lambda would fail every invoke of a handler that cannot read the event; say so now.
    void check_handler_event_type(const MappingConfig& mapping, const std::string& path) const {
        const FunctionConfig& function = s_.functions.at(mapping.FunctionName);
        const BuiltinHandler& handler = *find_builtin_handler(function.Handler);
        const bool stream = mapping.source_kind == EventSourceKind::KinesisStream;
        const bool takes_event = stream ? static_cast<bool>(handler.make_kinesis)
                                                   : static_cast<bool>(handler.make_sqs);
        if (!takes_event) {
            const std::string wanted = stream ? "Kinesis" : "SQS";
            const std::string other = stream ? "SQS" : "Kinesis";
            r_.fail(path, "expected a function whose handler takes " + wanted + " events, but " +
                              quote(function.name) + " runs " + quote(handler.name) +
                              ", which takes " + other + " events only");
        }
    }

    void read_queue_mapping(const json& value, const std::string& path, const QueueConfig& queue,
                            MappingConfig& mapping) const {
        mapping.BatchSize = static_cast<int>(
            r_.read_int(value, path, "BatchSize", 1, queue.FifoQueue ? 10 : 10'000,
                        mapping.BatchSize, queue.FifoQueue ? "for a FIFO queue" : ""));
        read_batching_window(value, path, queue, mapping);
        if (const json* scaling = Reader::member(value, "ScalingConfig")) {
            const std::string scaling_path = join(path, "ScalingConfig");
            r_.object(*scaling, scaling_path);
            r_.check_keys(*scaling, scaling_path, {"MaximumConcurrency"});
            if (auto maximum =
                    r_.optional_int(*scaling, scaling_path, "MaximumConcurrency", 2, 1'000)) {
                mapping.MaximumConcurrency = static_cast<int>(*maximum);
            }
        }

        // CreateEventSourceMapping's own check (the timeout can still be raised later).
        const FunctionConfig& function = s_.functions.at(mapping.FunctionName);
        if (function.Timeout > queue.VisibilityTimeout) {
            r_.fail(join(path, "FunctionName"),
                    "Queue visibility timeout: " + std::to_string(queue.VisibilityTimeout) +
                        " seconds is less than Function timeout: " +
                        std::to_string(function.Timeout) + " seconds");
        }
    }

    void read_stream_mapping(const json& value, const std::string& path,
                             MappingConfig& mapping) const {
        mapping.BatchSize = static_cast<int>(
            r_.read_int(value, path, "BatchSize", 1, 10'000, kStreamBatchSizeDefault));
        mapping.MaximumBatchingWindowInSeconds = static_cast<int>(r_.read_int(
            value, path, "MaximumBatchingWindowInSeconds", 0, 300,
            mapping.MaximumBatchingWindowInSeconds));
        read_starting_position(value, path, mapping);
        mapping.ParallelizationFactor = static_cast<int>(r_.read_int(
            value, path, "ParallelizationFactor", 1, 10, mapping.ParallelizationFactor));
        mapping.BisectBatchOnFunctionError = r_.read_bool(
            value, path, "BisectBatchOnFunctionError", mapping.BisectBatchOnFunctionError);
        mapping.MaximumRetryAttempts = static_cast<int>(r_.read_int_or_infinite(
            value, path, "MaximumRetryAttempts", 0, 10'000, mapping.MaximumRetryAttempts));
        mapping.MaximumRecordAgeInSeconds = static_cast<int>(
            r_.read_int_or_infinite(value, path, "MaximumRecordAgeInSeconds", 60, 604'800,
                                    mapping.MaximumRecordAgeInSeconds));
        mapping.TumblingWindowInSeconds = static_cast<int>(r_.read_int(
            value, path, "TumblingWindowInSeconds", 0, 900, mapping.TumblingWindowInSeconds));
        if (const json* destination = Reader::member(value, "DestinationConfig")) {
            mapping.on_failure_destination =
                read_on_failure_destination(*destination, join(path, "DestinationConfig"));
        }
    }

    void read_starting_position(const json& value, const std::string& path,
                                MappingConfig& mapping) const {
        const std::string positions = "one of TRIM_HORIZON, LATEST, AT_TIMESTAMP";
        const std::string position = r_.required_string(
            value, path, "StartingPosition",
            positions + " (StartingPosition is required for a stream)");
        if (position != "TRIM_HORIZON" && position != "LATEST" && position != "AT_TIMESTAMP") {
            r_.fail(join(path, "StartingPosition"),
                    "expected " + positions + ", got " + quote(position));
        }
        mapping.StartingPosition = position;
        const std::string timestamp_path = join(path, "StartingPositionTimestamp");
        const json* timestamp = Reader::member(value, "StartingPositionTimestamp");
        if (position == "AT_TIMESTAMP") {
            if (timestamp == nullptr) {
                r_.fail_missing(timestamp_path,
                                "a non-negative number of virtual seconds "
                                "(StartingPositionTimestamp is required with AT_TIMESTAMP)");
            }
            mapping.StartingPositionTimestamp = r_.number_value(*timestamp, timestamp_path, {});
        } else if (timestamp != nullptr) {
            r_.fail(timestamp_path, "expected no StartingPositionTimestamp with StartingPosition " +
                                        quote(position) + " (it is for AT_TIMESTAMP only)");
        }
    }

    // {"OnFailure": {"Destination": "<queue>"}} → the queue's name.
    std::string read_on_failure_destination(const json& value, const std::string& path) const {
        r_.object(value, path, "an object {\"OnFailure\": {\"Destination\": \"<queue>\"}}");
        r_.check_keys(value, path, {"OnFailure"});
        const json* on_failure = Reader::member(value, "OnFailure");
        if (on_failure == nullptr) return {};
        const std::string on_failure_path = join(path, "OnFailure");
        r_.object(*on_failure, on_failure_path, "an object {\"Destination\": \"<queue>\"}");
        r_.check_keys(*on_failure, on_failure_path, {"Destination"});
        return queue_reference(
            r_.required(*on_failure, on_failure_path, "Destination", "the name or ARN of a queue"),
            join(on_failure_path, "Destination"),
            "AWS also takes an SNS topic or an S3 bucket, but the simulator has only SQS queues");
    }

    void read_batching_window(const json& value, const std::string& path, const QueueConfig& queue,
                              MappingConfig& mapping) const {
        const std::string window_path = join(path, "MaximumBatchingWindowInSeconds");
        const auto window = r_.optional_int(value, path, "MaximumBatchingWindowInSeconds", 0, 300);
        if (queue.FifoQueue && window.value_or(0) != 0) {
            r_.fail(window_path,
                    "expected 0 or no MaximumBatchingWindowInSeconds for the FIFO "
                    "queue " +
                        quote(queue.name) +
                        " (Batching window is not supported for FIFO queues), "
                        "got " +
                        std::to_string(*window));
        }
        mapping.MaximumBatchingWindowInSeconds = static_cast<int>(window.value_or(0));
        if (mapping.BatchSize > 10 && mapping.MaximumBatchingWindowInSeconds < 1) {
            r_.fail(window_path,
                    "Maximum batch window in seconds must be greater than 0 if maximum batch "
                    "size is greater than 10 (BatchSize " +
                        std::to_string(mapping.BatchSize) + "), got " +
                        std::to_string(mapping.MaximumBatchingWindowInSeconds));
        }
    }

    bool read_response_types(const json& mapping, const std::string& path) const {
        const json* types = Reader::member(mapping, "FunctionResponseTypes");
        if (types == nullptr) return false;
        const std::string types_path = join(path, "FunctionResponseTypes");
        r_.array(*types, types_path, "[] or [\"ReportBatchItemFailures\"]");
        for (std::size_t i = 0; i < types->size(); ++i) {
            const json& type = (*types)[i];
            if (type != "ReportBatchItemFailures") {
                r_.fail(join(types_path, std::to_string(i)),
                        "expected \"ReportBatchItemFailures\", got " + describe(type));
            }
        }
        return !types->empty();
    }

    std::vector<json> read_filter_criteria(const json& value, const std::string& path, bool stream) const {
        r_.object(value, path, "an object {\"Filters\": [{\"Pattern\": \"...\"}]}");
        r_.check_keys(value, path, {"Filters"});
        const json* filters = Reader::member(value, "Filters");
        if (filters == nullptr) return {};
        const std::string filters_path = join(path, "Filters");
        r_.array(*filters, filters_path, "an array of {\"Pattern\": \"...\"}");
        if (filters->size() > 5) {
            r_.fail(filters_path, "expected at most 5 filters (the default quota), got " +
                                      std::to_string(filters->size()));
        }
        std::vector<json> patterns;
        for (std::size_t i = 0; i < filters->size(); ++i) {
            const std::string filter_path = join(filters_path, std::to_string(i));
            const json& filter = r_.object((*filters)[i], filter_path);
            r_.check_keys(filter, filter_path, {"Pattern"});
            patterns.push_back(read_filter_pattern(
                r_.required(filter, filter_path, "Pattern", "a string holding a JSON object"),
                join(filter_path, "Pattern"), stream));
        }
        return patterns;
    }

    json read_filter_pattern(const json& value, const std::string& path, bool stream) const {
        const std::string expected =
            stream ? "expected a string holding a JSON object, e.g. \"{\\\"data\\\": {\\\"type\\\": "
                     "[\\\"order\\\"]}}\""
                   : "expected a string holding a JSON object, e.g. \"{\\\"body\\\": {\\\"type\\\": "
                     "[\\\"order\\\"]}}\"";
        if (!value.is_string()) r_.fail(path, expected + ", got " + describe_with_type(value));
        json pattern;
        try {
            pattern = json::parse(value.get<std::string>());
        } catch (const json::parse_error&) {
            r_.fail(path, expected + ", got " + describe(value) + " (not valid JSON)");
        }
        if (!pattern.is_object()) r_.fail(path, expected + ", got " + describe(value));
        if (const auto error = pattern_error(pattern); !error.empty()) {
            r_.fail(path, "Invalid filter pattern definition: " + error);
        }
        if (stream) check_stream_pattern_keys(pattern, path);
        return pattern;
    }

    // Kinesis event source mappings filter on the record's data only.
    void check_stream_pattern_keys(const json& pattern, const std::string& path) const {
        for (const auto& [key, condition] : pattern.items()) {
            if (key == "$or") {
                for (const auto& alternative : condition) check_stream_pattern_keys(alternative, path);
            } else if (key != "data") {
                r_.fail(path, "Kinesis event source mappings filter only on the \"data\" key, got a pattern on " +
                                  quote(key));
            }
        }
    }

    // [SECTION] Traffic

    void read_traffic(const json& document) {
        const json* traffic = Reader::member(document, "traffic");
        if (traffic == nullptr) return;
        r_.array(*traffic, "traffic", "an array of traffic entries");
        double total = 0;
        for (std::size_t i = 0; i < traffic->size(); ++i) {
            s_.traffic.push_back(
                read_traffic_entry((*traffic)[i], join("traffic", std::to_string(i))));
            total += sends_of(s_.traffic.back());
        }
        // The simulator's own bound (not AWS's), so that a run fits in memory.
        if (total > kMaxSendsPerScenario) {
            r_.fail("traffic", "expected at most " + format_number(kMaxSendsPerScenario) +
                                   " messages and records in all (the simulator's limit), got about " +
                                   format_number(std::floor(total)));
        }
    }

    double sends_of(const TrafficEntry& entry) const {
        switch (entry.kind) {
            case TrafficEntry::Kind::Messages: return static_cast<double>(entry.messages.size());
            case TrafficEntry::Kind::Count: return static_cast<double>(entry.count);
            case TrafficEntry::Kind::Rate:
                return entry.rate_per_s * std::max(0.0, std::min(entry.until_s, s_.duration_s) - entry.from_s);
        }
        return 0;
    }

    TrafficEntry read_traffic_entry(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, concat({kTrafficShapeKeys, kMessageKeys, kRecordKeys}));
        TrafficEntry entry;
        const SourceRef target = source_reference(
            r_.required(value, path, "to", "the name of a queue or stream"), join(path, "to"),
            true);
        entry.to = target.name;
        reject_content_keys(value, path, target);
        entry.kind = traffic_kind(value, path, target);
        read_traffic_shape(value, path, entry);
        if ((target.kind == EventSourceKind::KinesisStream)) {
            read_stream_traffic(value, path, entry);
        } else {
            read_queue_traffic(value, path, s_.queues.at(entry.to), entry);
        }
        return entry;
    }

    // A message's keys sent to a stream, or a record's sent to a queue.
    void reject_content_keys(const json& value, const std::string& path,
                             const SourceRef& target) const {
        if ((target.kind == EventSourceKind::KinesisStream)) {
            reject_keys(value, path, kMessageKeys, "the Kinesis stream " + quote(target.name),
                        "SQS queues");
        } else {
            reject_keys(value, path, kRecordKeys, "the SQS queue " + quote(target.name),
                        "Kinesis streams");
        }
    }

    // When the entry sends: at_s, or rate_per_s between from_s and until_s; and how many.
    void read_traffic_shape(const json& value, const std::string& path, TrafficEntry& entry) const {
        switch (entry.kind) {
            case TrafficEntry::Kind::Messages:
                entry.at_s = r_.read_number(value, path, "at_s", {}, 0);
                break;
            case TrafficEntry::Kind::Count:
                entry.at_s = r_.read_number(value, path, "at_s", {}, 0);
                entry.count = *r_.optional_int(value, path, "count", 0, kNoMax);
                break;
            case TrafficEntry::Kind::Rate:
                entry.rate_per_s = *r_.optional_number(value, path, "rate_per_s", {0, true});
                entry.from_s = r_.read_number(value, path, "from_s", {}, 0);
                entry.until_s = r_.read_number(value, path, "until_s", {}, s_.duration_s);
                if (entry.until_s <= entry.from_s) {
                    r_.fail(join(path, "until_s"), "expected a number greater than from_s (" +
                                                       format_number(entry.from_s) + "), got " +
                                                       format_number(entry.until_s));
                }
                break;
        }
    }

    void read_queue_traffic(const json& value, const std::string& path, const QueueConfig& queue,
                            TrafficEntry& entry) const {
        check_send_parameters(value, path, queue);
        const bool is_template = entry.kind != TrafficEntry::Kind::Messages;
        entry.message_template = read_message(value, path, {}, is_template);
        if (is_template) {
            check_fifo_ids(entry.message_template, path, queue);
            return;
        }
        entry.messages = read_explicit_messages(
            value, path, {entry.to, EventSourceKind::SqsQueue}, [&](const json& message, const std::string& at) {
                check_send_parameters(message, at, queue);
                MessageSpec result = read_message(message, at, entry.message_template, true);
                check_fifo_ids(result, at, queue);
                return result;
            });
        entry.message_template = {};
    }

    void read_stream_traffic(const json& value, const std::string& path,
                             TrafficEntry& entry) const {
        const bool is_template = entry.kind != TrafficEntry::Kind::Messages;
        entry.message_template = read_record(value, path, {}, is_template);
        if (is_template) return;
        entry.messages = read_explicit_messages(
            value, path, {entry.to, EventSourceKind::KinesisStream}, [&](const json& record, const std::string& at) {
                return read_record(record, at, entry.message_template, true);
            });
        entry.message_template = {};
    }

    // An entry's "messages", each read by `read_one(message, path)`; the entry's own send
    // parameters are their defaults.
    template <typename ReadOne>
    std::vector<MessageSpec> read_explicit_messages(const json& entry, const std::string& path,
                                                    const SourceRef& target,
                                                    ReadOne&& read_one) const {
        const std::string messages_path = join(path, "messages");
        const json& messages = r_.array(*Reader::member(entry, "messages"), messages_path,
                                        "an array of messages");
        const std::string what = (target.kind == EventSourceKind::KinesisStream)
                                     ? "a record {\"partition_key\": \"...\", \"data\": \"...\"}"
                                     : "a message {\"body\": \"...\"}";
        std::vector<MessageSpec> result;
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const std::string message_path = join(messages_path, std::to_string(i));
            r_.object(messages[i], message_path, what);
            r_.check_keys(messages[i], message_path, concat({kMessageKeys, kRecordKeys}));
            reject_content_keys(messages[i], message_path, target);
            result.push_back(read_one(messages[i], message_path));
        }
        return result;
    }

    // Exactly one of messages, count, rate_per_s, and only the keys of that kind.
    TrafficEntry::Kind traffic_kind(const json& value, const std::string& path,
                                    const SourceRef& target) const {
        struct KindKeys {
            std::string_view key;
            TrafficEntry::Kind kind;
            std::vector<std::string_view> only_for_others;
        };
        static const KindKeys kinds[] = {
            {"messages", TrafficEntry::Kind::Messages, {"body", "data", "from_s", "until_s"}},
            {"count", TrafficEntry::Kind::Count, {"from_s", "until_s"}},
            {"rate_per_s", TrafficEntry::Kind::Rate, {"at_s"}},
        };
        const std::string content = (target.kind == EventSourceKind::KinesisStream) ? "partition_key, data" : "body";
        const KindKeys* found = nullptr;
        for (const KindKeys& kind : kinds) {
            if (Reader::member(value, kind.key) == nullptr) continue;
            if (found != nullptr) {
                r_.fail(join(path, kind.key),
                        "expected only one of \"messages\", \"count\" or "
                        "\"rate_per_s\", but \"" +
                            std::string(found->key) + "\" is also set");
            }
            found = &kind;
        }
        if (found == nullptr) {
            r_.fail(path, "expected one of \"messages\" (with at_s), \"count\" (with " + content +
                              " and at_s) or \"rate_per_s\" (with " + content +
                              ", from_s and until_s)");
        }
        for (const std::string_view key : found->only_for_others) {
            if (Reader::member(value, key) == nullptr) continue;
            if (key == "body" || key == "data") {
                r_.fail(join(path, key), "not used with \"messages\"; expected each message's " +
                                             std::string(key) + " in \"messages\"");
            }
            r_.fail(join(path, key), "not used with \"" + std::string(found->key) +
                                         "\"; expected \"messages\" or \"count\" with at_s, "
                                         "\"rate_per_s\" with " + content +
                                         ", from_s and until_s");
        }
        return found->kind;
    }

    // A record's partition key, hash key and data; `defaults` holds the entry's own. A
    // `complete` record (a template, or one of "messages") must end up with a partition key and
    // data; an entry with "messages" only gives its records a default partition key and hash key.
    MessageSpec read_record(const json& value, const std::string& path,
                            const MessageSpec& defaults, bool complete) const {
        MessageSpec record = defaults;
        const std::string key_path = join(path, "partition_key");
        const std::string key_expected = "a partition key of 1 to " +
                                         std::to_string(s_.limits.partition_key_max_length) +
                                         " characters";
        if (auto key = r_.optional_string(value, path, "partition_key", key_expected)) {
            const std::size_t length = utf8_length(*key);
            if (length == 0 ||
                length > static_cast<std::size_t>(s_.limits.partition_key_max_length)) {
                r_.fail(key_path, "expected " + key_expected + ", got " +
                                      (length == 0 ? std::string("\"\"")
                                                   : std::to_string(length) + " characters"));
            }
            record.partition_key = *key;
        } else if (complete && record.partition_key.empty()) {
            r_.fail_missing(key_path, key_expected);
        }
        if (auto hash_key = r_.optional_string(value, path, "ExplicitHashKey",
                                               "a decimal integer in a string")) {
            if (!is_hash_key(*hash_key)) {
                r_.fail(join(path, "ExplicitHashKey"),
                        "expected a decimal integer from 0 to 2^128 - 1 in a string, got " +
                            quote(*hash_key));
            }
            record.ExplicitHashKey = *hash_key;
        }
        if (complete) {
            record.data = r_.required_string(value, path, "data",
                                             "a string (the record's data, e.g. a JSON text)");
            if (record.data.size() > kRecordDataMaxBytes) {
                r_.fail(join(path, "data"),
                        "expected at most " + std::to_string(kRecordDataMaxBytes) +
                            " bytes (the most a Kinesis record holds), got " +
                            std::to_string(record.data.size()) + " bytes");
            }
        }
        return record;
    }

    // Parameters SendMessage rejects on this type of queue.
    void check_send_parameters(const json& value, const std::string& path,
                               const QueueConfig& queue) const {
        if (queue.FifoQueue && Reader::member(value, "DelaySeconds") != nullptr) {
            r_.fail(join(path, "DelaySeconds"),
                    kNotValidForQueueType + " (FIFO queues take DelaySeconds per queue only)");
        }
        if (!queue.FifoQueue && Reader::member(value, "MessageDeduplicationId") != nullptr) {
            r_.fail(join(path, "MessageDeduplicationId"),
                    kNotValidForQueueType + " (MessageDeduplicationId is for FIFO queues only)");
        }
    }

    void check_fifo_ids(const MessageSpec& message, const std::string& path,
                        const QueueConfig& queue) const {
        if (!queue.FifoQueue) return;
        if (!message.MessageGroupId) {
            r_.fail_missing(join(path, "MessageGroupId"),
                            "a MessageGroupId for the FIFO queue " + quote(queue.name) +
                                " (The request must contain the parameter MessageGroupId.)");
        }
        if (!message.MessageDeduplicationId && !queue.ContentBasedDeduplication) {
            r_.fail_missing(join(path, "MessageDeduplicationId"),
                            "a MessageDeduplicationId for the FIFO queue " + quote(queue.name) +
                                " (The queue should either have ContentBasedDeduplication "
                                "enabled or MessageDeduplicationId provided explicitly)");
        }
    }

    // The send parameters of a message or template; `defaults` holds the entry's own.
    MessageSpec read_message(const json& value, const std::string& path,
                             const MessageSpec& defaults, bool body_required) const {
        MessageSpec message = defaults;
        if (body_required) {
            message.body = r_.required_string(value, path, "body", "a string (the message body)");
        }
        if (auto id = r_.optional_string(value, path, "MessageGroupId")) {
            check_message_id(*id, join(path, "MessageGroupId"));
            message.MessageGroupId = *id;
        }
        if (auto id = r_.optional_string(value, path, "MessageDeduplicationId")) {
            check_message_id(*id, join(path, "MessageDeduplicationId"));
            message.MessageDeduplicationId = *id;
        }
        if (auto delay = r_.optional_int(value, path, "DelaySeconds", 0, 900)) {
            message.DelaySeconds = static_cast<int>(*delay);
        }
        if (const json* attributes = Reader::member(value, "MessageAttributes")) {
            message.MessageAttributes =
                read_message_attributes(*attributes, join(path, "MessageAttributes"));
        }
        return message;
    }

    void check_message_id(const std::string& id, const std::string& path) const {
        const bool valid =
            !id.empty() && id.size() <= 128 &&
            std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 127; });
        if (!valid) {
            r_.fail(path,
                    "expected 1 to 128 alphanumeric or punctuation characters, got " + quote(id));
        }
    }

    json read_message_attributes(const json& value, const std::string& path) const {
        r_.object(value, path,
                  "an object {\"<name>\": {\"DataType\": \"String\", \"StringValue\": \"...\"}}");
        if (value.size() > 10) {
            r_.fail(path,
                    "expected at most 10 message attributes, got " + std::to_string(value.size()));
        }
        for (const auto& [name, attribute] : value.items()) {
            const std::string attribute_path = join(path, name);
            const bool valid_name = !name.empty() && name.size() <= 256 &&
                                    std::all_of(name.begin(), name.end(), [](char c) {
                                        return is_name_character(c) || c == '.';
                                    });
            if (!valid_name) {
                r_.fail(attribute_path,
                        "expected an attribute name of 1 to 256 alphanumeric "
                        "characters, hyphens, underscores or periods");
            }
            read_message_attribute(attribute, attribute_path);
        }
        return value;
    }

    void read_message_attribute(const json& value, const std::string& path) const {
        r_.object(value, path, "an object {\"DataType\": \"String\", \"StringValue\": \"...\"}");
        r_.check_keys(value, path, {"DataType", "StringValue", "BinaryValue"});
        const std::string type =
            r_.required_string(value, path, "DataType", "\"String\", \"Number\" or \"Binary\"");
        const auto is_type = [&](std::string_view base) {
            return type == base || starts_with(type, std::string(base) + ".");
        };
        if (!is_type("String") && !is_type("Number") && !is_type("Binary")) {
            r_.fail(join(path, "DataType"),
                    "expected \"String\", \"Number\" or \"Binary\" (optionally followed by "
                    "\".<custom type>\"), got " +
                        quote(type));
        }
        const bool binary = is_type("Binary");
        const std::string_view wanted = binary ? "BinaryValue" : "StringValue";
        const std::string_view unwanted = binary ? "StringValue" : "BinaryValue";
        if (Reader::member(value, unwanted) != nullptr) {
            r_.fail(join(path, unwanted),
                    "not used with DataType " + quote(type) + "; expected " + std::string(wanted));
        }
        const std::string text =
            r_.required_string(value, path, wanted, binary ? "a base64 string" : "a string");
        if (is_type("Number")) {
            char* end = nullptr;
            std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size()) {
                r_.fail(join(path, "StringValue"),
                        "expected a number in a string for DataType Number, got " + quote(text));
            }
        }
    }

    // [SECTION] Actions

    void read_actions(const json& document) {
        const json* actions = Reader::member(document, "actions");
        if (actions == nullptr) return;
        r_.array(*actions, "actions", "an array of actions");
        for (std::size_t i = 0; i < actions->size(); ++i) {
            s_.actions.push_back(read_action((*actions)[i], join("actions", std::to_string(i))));
        }
        check_reserved_over_time();
    }

    ScenarioAction read_action(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"at_s", "UpdateFunctionConfiguration", "StartMessageMoveTask"});
        const json* update = Reader::member(value, "UpdateFunctionConfiguration");
        const json* move = Reader::member(value, "StartMessageMoveTask");
        if ((update == nullptr) == (move == nullptr)) {
            r_.fail(path, std::string(update == nullptr ? "expected" : "expected only") +
                              " one of \"UpdateFunctionConfiguration\" or "
                              "\"StartMessageMoveTask\"");
        }
        ScenarioAction action;
        action.at_s = r_.read_number(value, path, "at_s", {}, 0);
        if (update != nullptr) {
            read_update_function(*update, join(path, "UpdateFunctionConfiguration"), action);
        } else {
            read_message_move_task(*move, join(path, "StartMessageMoveTask"), action);
        }
        return action;
    }

    void read_update_function(const json& value, const std::string& path,
                              ScenarioAction& action) const {
        r_.object(value, path);
        r_.check_keys(value, path,
                      {"FunctionName", "Timeout", "ReservedConcurrentExecutions", "DurationMs"});
        action.kind = ScenarioAction::Kind::UpdateFunctionConfiguration;
        action.FunctionName =
            function_reference(r_.required(value, path, "FunctionName", "the name of a function"),
                               join(path, "FunctionName"));
        if (auto timeout = r_.optional_int(value, path, "Timeout", 1, 900)) {
            action.Timeout = static_cast<int>(*timeout);
        }
        if (auto reserved = r_.optional_int(value, path, "ReservedConcurrentExecutions", 0,
                                            s_.account_concurrency)) {
            action.ReservedConcurrentExecutions = static_cast<int>(*reserved);
        }
        action.DurationMs = r_.optional_number(value, path, "DurationMs", {});
    }

    void read_message_move_task(const json& value, const std::string& path,
                                ScenarioAction& action) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"SourceArn", "DestinationArn", "MaxNumberOfMessagesPerSecond"});
        action.kind = ScenarioAction::Kind::StartMessageMoveTask;
        const std::string source_path = join(path, "SourceArn");
        action.SourceArn = queue_reference(
            r_.required(value, path, "SourceArn", "the name or ARN of a dead-letter queue"),
            source_path);
        const bool is_dead_letter_queue =
            std::any_of(s_.queues.begin(), s_.queues.end(), [&](const auto& entry) {
                const auto& policy = entry.second.redrive_policy;
                return policy && policy->deadLetterTargetArn == action.SourceArn;
            });
        if (!is_dead_letter_queue) {
            r_.fail(source_path,
                    "expected a queue that is some queue's dead-letter queue "
                    "(RedrivePolicy.deadLetterTargetArn), got " +
                        quote(action.SourceArn));
        }
        if (const json* destination = Reader::member(value, "DestinationArn")) {
            action.DestinationArn = queue_reference(*destination, join(path, "DestinationArn"));
        }
        const int max_rate = s_.limits.move_task_max_messages_per_s;
        action.MaxNumberOfMessagesPerSecond = static_cast<int>(
            r_.read_int(value, path, "MaxNumberOfMessagesPerSecond", 1, max_rate, max_rate));
    }

    // PutFunctionConcurrency's check, in the order the actions happen.
    void check_reserved_over_time() const {
        std::vector<std::size_t> order(s_.actions.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return s_.actions[a].at_s < s_.actions[b].at_s;
        });
        std::map<std::string, std::int64_t> reserved;
        for (const auto& [name, function] : s_.functions) {
            reserved[name] = function.ReservedConcurrentExecutions.value_or(0);
        }
        for (const std::size_t i : order) {
            const ScenarioAction& action = s_.actions[i];
            if (action.kind != ScenarioAction::Kind::UpdateFunctionConfiguration ||
                !action.ReservedConcurrentExecutions) {
                continue;
            }
            reserved[action.FunctionName] = *action.ReservedConcurrentExecutions;
            std::int64_t total = 0;
            for (const auto& [name, count] : reserved) total += count;
            check_unreserved(total,
                             "actions." + std::to_string(i) +
                                 ".UpdateFunctionConfiguration.ReservedConcurrentExecutions");
        }
    }

    const Reader& r_;
    Scenario s_;
};

Scenario read_scenario(const json& document, const std::string& file,
                       const std::string& source_text, std::vector<OverriddenPath> overridden) {
    const Reader reader(file, source_text, std::move(overridden));
    return ScenarioReader(reader).read(document);
}

std::vector<OverriddenPath> apply_overrides_in_place(json& document, const std::vector<Override>& overrides) {
    std::vector<OverriddenPath> overridden;
    for (const Override& override_ : overrides) {
        overridden.push_back({apply_override(document, override_), override_.origin});
    }
    return overridden;
}

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." →
// "syntax error ...".
std::string short_parse_reason(const std::string& what) {
    const std::size_t column = what.find("column ");
    std::size_t start = what.find(": ", column == std::string::npos ? 0 : column);
    if (start == std::string::npos) {
        start = what.find("] ");
        return start == std::string::npos ? what : what.substr(start + 2);
    }
    return what.substr(start + 2);
}

}  // namespace

// [SECTION] Public entry points

Override parse_override(const std::string& text) {
    const std::size_t equals = text.find('=');
    const std::string key = text.substr(0, equals);
    const std::vector<std::string> segments = split(key, '.');
    const bool valid = equals != std::string::npos && !key.empty() &&
                       std::none_of(segments.begin(), segments.end(),
                                    [](const std::string& segment) { return segment.empty(); });
    if (!valid) {
        throw InputError("--set", "", 0,
                         one_line("expected KEY=VALUE with a dotted KEY, e.g. "
                                  "queues.orders.VisibilityTimeout=60, got " +
                                  quote(text)));
    }
    return Override{key, text.substr(equals + 1)};
}

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(errno));
    }
    std::string text;
    char buffer[65'536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, read);
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) {
        throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(error));
    }
    return load_scenario_text(text, path, overrides);
}

Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<Override>& overrides) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        const std::size_t end =
            std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, text.size());
        const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + end, '\n'));
        throw InputError(file, "", line,
                         one_line("invalid JSON: " + short_parse_reason(error.what())));
    }
    auto overridden = apply_overrides_in_place(document, overrides);
    return read_scenario(document, file, text, std::move(overridden));
}

nlohmann::json apply_overrides(nlohmann::json document, const std::vector<Override>& overrides) {
    apply_overrides_in_place(document, overrides);
    return document;
}

Scenario scenario_from_json(const nlohmann::json& document, const std::string& file,
                            const std::string& source_text) {
    return read_scenario(document, file, source_text, {});
}

}  // namespace queuelab::sim
