#pragma once
// Typed reading of JSON documents people write (scenarios, lessons, progress files), where every
// problem is one line naming the file, the field path, the line where known and what was
// expected: an InputError. Used by the scenario loader's readers, the lesson loader and the --set
// overrides.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "input_error.h"
#include "json_locator.h"
#include "sim_time.h"

namespace queuelab::sim {

// [SECTION] Text for messages

// "a.b" from "a" and "b"; the segment alone when the parent is empty.
std::string join_path(const std::string& parent, std::string_view segment);
std::string join_list(const std::vector<std::string>& items, std::string_view separator = ", ");
std::string join_list(const std::vector<std::string_view>& items);
std::vector<std::string> split(const std::string& text, char separator);
bool ends_with(std::string_view text, std::string_view suffix);
bool starts_with(std::string_view text, std::string_view prefix);
// Control characters become spaces, so a message stays on one line.
std::string one_line(std::string text);
// 50000 for whole numbers, else up to 15 significant digits.
std::string format_number(double value);
// A value as a message shows it: 50000, "abc", true, null, an array, an object (strings cut at 80 bytes).
std::string describe(const nlohmann::json& value);
// The same, naming the JSON type of a scalar: "the string \"abc\"".
std::string describe_with_type(const nlohmann::json& value);
// A string as a message shows it, quoted and escaped.
std::string quote(const std::string& text);

inline constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct NumberRange {
    double min = 0;
    bool min_exclusive = false;
    double max = kInfinity;
};
// An instant of a run: 0 to 30 days (sim_time.h, docs/aws-rules.md 5.27).
inline constexpr NumberRange kTimeRange{0, false, kMaxVirtualSeconds};

// "an integer from 0 to 900", "a non-negative integer", ...
std::string int_range_text(std::int64_t min, std::int64_t max);
// "a number from 0 to 10", "a number greater than 0", ...
std::string number_range_text(const NumberRange& range);

// [SECTION] The reader

// A path an override (--set) set, and where the value came from ("--set", "B's overrides"; empty:
// not named).
struct OverriddenPath {
    std::string path;
    std::string origin;
};

// Knows the file, where each path sits in its text and which paths came from overrides; reads
// typed values out of JSON objects and throws InputError with the path, line and expectation.
// Every method that reads `key` of `object` reports errors at join_path(path, key).
class JsonReader {
public:
    JsonReader(std::string file, const std::string& source_text, std::vector<OverriddenPath> overridden_paths = {});

    const std::string& file() const { return file_; }

    // Throws the InputError for `path`. A value an override set names its origin instead of a line.
    [[noreturn]] void fail(const std::string& path, const std::string& expected) const;
    // "missing; expected <what>".
    [[noreturn]] void fail_missing(const std::string& path, const std::string& what) const;

    const nlohmann::json& object(const nlohmann::json& value, const std::string& path,
                                 const std::string& what = "an object") const;
    const nlohmann::json& array(const nlohmann::json& value, const std::string& path,
                                const std::string& what = "an array") const;
    // Every key of `object` must be in `allowed`.
    void check_keys(const nlohmann::json& object, const std::string& path,
                    const std::vector<std::string_view>& allowed) const;
    // nullptr when `object` has no `key`.
    static const nlohmann::json* member(const nlohmann::json& object, std::string_view key);
    const nlohmann::json& required(const nlohmann::json& object, const std::string& path, std::string_view key,
                                   const std::string& what) const;

    // An integer from min to max; `aws_message`, when given, follows the range in parentheses.
    std::int64_t int_value(const nlohmann::json& value, const std::string& path, std::int64_t min, std::int64_t max,
                           std::string_view aws_message = {}) const;
    std::optional<std::int64_t> optional_int(const nlohmann::json& object, const std::string& path,
                                             std::string_view key, std::int64_t min, std::int64_t max,
                                             std::string_view aws_message = {}) const;
    std::int64_t read_int(const nlohmann::json& object, const std::string& path, std::string_view key,
                          std::int64_t min, std::int64_t max, std::int64_t fallback,
                          std::string_view aws_message = {}) const;
    // AWS's "-1 means infinite" settings: -1, or an integer from min to max.
    std::int64_t int_or_infinite_value(const nlohmann::json& value, const std::string& path, std::int64_t min,
                                       std::int64_t max) const;
    // A finite number in `range`.
    double number_value(const nlohmann::json& value, const std::string& path, const NumberRange& range) const;
    std::optional<double> optional_number(const nlohmann::json& object, const std::string& path,
                                          std::string_view key, const NumberRange& range) const;
    double read_number(const nlohmann::json& object, const std::string& path, std::string_view key,
                       const NumberRange& range, double fallback) const;
    std::string string_value(const nlohmann::json& value, const std::string& path,
                             const std::string& what = "a string") const;
    std::optional<std::string> optional_string(const nlohmann::json& object, const std::string& path,
                                               std::string_view key, const std::string& what = "a string") const;
    std::string required_string(const nlohmann::json& object, const std::string& path, std::string_view key,
                                const std::string& what = "a string") const;
    // The JSON value a string holds (a filter pattern, the SQS API's RedrivePolicy), parsed within
    // the bounds of json_text.h; `expected` is the whole "expected ..." text.
    nlohmann::json embedded_json(const nlohmann::json& value, const std::string& path, const std::string& expected) const;
    bool bool_value(const nlohmann::json& value, const std::string& path) const;
    bool read_bool(const nlohmann::json& object, const std::string& path, std::string_view key, bool fallback) const;

    // The last override that set `path` or an object around it, or nullptr.
    const OverriddenPath* override_of(const std::string& path) const;

private:
    std::int64_t integer(const nlohmann::json& value, const std::string& path, const std::string& expected) const;
    int line_near(std::string path) const;

    std::string file_;
    JsonLocator locator_;
    std::vector<OverriddenPath> overridden_paths_;
};

}  // namespace queuelab::sim
