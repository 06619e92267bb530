#pragma once
// A JSON writer that streams: values go out as they are written, in small chunks, so a large
// document (the run report, docs/report-format.md 8) is never held as one tree or one string.
// Its text is byte for byte what nlohmann::json::dump gives for the same document, compact or
// indented, including its number and string formats.

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab::sim {

class JsonWriter {
public:
    // Receives the text in order, a chunk at a time.
    using Sink = std::function<void(std::string_view chunk)>;

    // `indent` < 0: compact (dump()); otherwise that many spaces per level (dump(indent)).
    JsonWriter(Sink sink, int indent);
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    // The next member's key. REQUIRES: inside an object, and each key followed by one value.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(double number);  // not finite: null, as nlohmann writes it
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    JsonWriter& value(T number) {
        return std::is_signed_v<T> ? signed_value(static_cast<std::int64_t>(number))
                                   : unsigned_value(static_cast<std::uint64_t>(number));
    }
    JsonWriter& null();
    // A whole (small) document, indented at the writer's current level.
    JsonWriter& value(const nlohmann::ordered_json& document);

    template <typename T>
    JsonWriter& member(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    // Writes out what is buffered. Call it once the document is complete.
    void flush();

private:
    struct Level {
        bool first = true;
    };
    void before_value();
    void separate();
    void newline_indent(std::size_t depth);
    void write_string(std::string_view text);
    JsonWriter& signed_value(std::int64_t number);
    JsonWriter& unsigned_value(std::uint64_t number);
    void maybe_flush();

    Sink sink_;
    int indent_;
    std::string buffer_;
    std::vector<Level> levels_;
    bool after_key_ = false;
    nlohmann::detail::serializer<nlohmann::ordered_json> serializer_;
};

}  // namespace queuelab::sim
