#pragma once
// Reading a lesson file strictly: every problem is a sim::InputError naming the file, the field
// path (dotted, array elements by index: "practice.0.checks.2.op"), its line where known and what
// was expected, in one line. Unknown keys are errors, never ignored.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_locator.h"

namespace queuelab::curriculum {

// "a.b" + "c" → "a.b.c"; "" + "c" → "c".
std::string join_path(const std::string& parent, const std::string& key);
std::string join_path(const std::string& parent, std::size_t index);

// A short rendering of a value for error messages: strings quoted, long values cut.
std::string describe_value(const nlohmann::json& value);

class JsonReader {
public:
    // `text` is the file's content (for line numbers); it may be empty.
    JsonReader(std::string file, const std::string& text);

    const std::string& file() const { return file_; }

    // Throws sim::InputError(file, path, line of path, expected).
    [[noreturn]] void fail(const std::string& path, const std::string& expected) const;

    void object(const nlohmann::json& value, const std::string& path) const;
    // Fails on any key of `object` not in `allowed`, naming the allowed ones.
    void keys(const nlohmann::json& object, const std::string& path,
              std::initializer_list<std::string_view> allowed) const;
    // The member, or nullptr when absent.
    static const nlohmann::json* member(const nlohmann::json& object, const std::string& key);
    const nlohmann::json& required(const nlohmann::json& object, const std::string& path,
                                   const std::string& key, const std::string& what) const;

    // Each reads object[key] (path is the object's path). Required unless a default is given.
    std::string string(const nlohmann::json& object, const std::string& path, const std::string& key) const;
    std::string string_or(const nlohmann::json& object, const std::string& path, const std::string& key,
                          const std::string& fallback) const;
    std::int64_t integer(const nlohmann::json& object, const std::string& path, const std::string& key,
                         std::int64_t least, std::int64_t most) const;
    double number_or(const nlohmann::json& object, const std::string& path, const std::string& key,
                     double fallback, double least) const;
    // A list of non-empty strings; `at_least` elements.
    std::vector<std::string> strings(const nlohmann::json& object, const std::string& path,
                                     const std::string& key, std::size_t at_least) const;
    // An array, possibly empty when absent and at_least is 0.
    const nlohmann::json& array(const nlohmann::json& object, const std::string& path,
                                const std::string& key, std::size_t at_least) const;

private:
    std::string file_;
    sim::JsonLocator locator_;
};

}  // namespace queuelab::curriculum
