#pragma once
// A JSON writer that streams: values go out as they are written, in small chunks, so a large
// document (the run report, docs/report-format.md 8) is never held as one tree or one string.
// Its text is byte for byte what nlohmann::json::dump gives for the same document, compact or
// indented, including its number and string formats. It nests at most 64 containers deep (a 65th
// begin_object or begin_array throws std::length_error).

#include <concepts>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab::sim {

// Whether a string's byte is written as it is (nlohmann's dump): printable ASCII but '"' and '\\'.
constexpr bool plain_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
}

// A key, or a string value, as the program spells it. The compiler checks that it needs no
// escaping (text that does not compile here is written with JsonWriter::checked_key or as a
// string_view), so writing it checks nothing, and, with its size known where it is written, copies
// it as a constant.
class JsonLiteral {
public:
    consteval JsonLiteral(const char* literal) : text_(literal) {
        for (const char c : text_) {
            if (!plain_byte(c)) throw "a JsonLiteral is printable ASCII without '\"' or '\\'";
        }
    }
    std::string_view text() const { return text_; }

private:
    std::string_view text_;
};

class JsonWriter {
public:
    // Receives the text in order, a chunk at a time.
    using Sink = std::function<void(std::string_view chunk)>;

    // `indent` < 0: compact (dump()); otherwise that many spaces per level (dump(indent)).
    JsonWriter(Sink sink, int indent) : JsonWriter(std::move(sink), indent, 0) {}
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    // The next member's key. REQUIRES: inside an object, and each key followed by one value.
    [[gnu::always_inline]] JsonWriter& key(JsonLiteral name) {
        const std::string_view text = name.text();
        char* out = start_item(text.size() + 4);
        *out++ = '"';
        std::memcpy(out, text.data(), text.size());
        out += text.size();
        std::memcpy(out, "\": ", 3);
        commit(out + (indent_ < 0 ? 2 : 3));
        after_key_ = true;
        return *this;
    }
    // The same for a key from data (a queue's name, an error code), escaped as it needs.
    JsonWriter& checked_key(std::string_view name);

    JsonWriter& value(std::string_view text);
    [[gnu::always_inline]] JsonWriter& value(JsonLiteral literal) {
        const std::string_view text = literal.text();
        char* out = start_item(text.size() + 2);
        *out++ = '"';
        std::memcpy(out, text.data(), text.size());
        out[text.size()] = '"';
        commit(out + text.size() + 1);
        return *this;
    }
    // Room for a string value of `size` bytes that need no escaping (ids, hex digits), for the
    // caller to write at the address returned before it writes anything else.
    char* plain_value(std::size_t size) {
        char* out = start_item(size + 2);
        out[0] = '"';
        out[size + 1] = '"';
        commit(out + size + 2);
        return out + 1;
    }
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(double number);  // not finite: null, as nlohmann writes it
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    JsonWriter& value(T number) {
        return std::is_signed_v<T> ? integer_value(static_cast<std::int64_t>(number))
                                   : integer_value(static_cast<std::uint64_t>(number));
    }
    JsonWriter& null();
    // A whole (small) document, indented at the writer's current level.
    JsonWriter& value(const nlohmann::ordered_json& document);

    template <typename T>
    [[gnu::always_inline]] JsonWriter& member(JsonLiteral name, const T& v) {
        key(name);
        return value(v);
    }

    // Where the next item of the innermost array starts, to take its text once it is written.
    struct ItemMark {
        std::size_t used;
        std::uint64_t flushes;
        bool after_items;
    };
    ItemMark mark_item() const { return {used_, flushes_, (empty_levels_ & 1) == 0}; }
    // The text of the one item written since `mark`, without its separator: empty when the writer
    // has flushed since.
    std::string_view item_text(ItemMark mark) const;
    // Writes an item as item_text() gave it, in an array as deep as the one it was taken from.
    JsonWriter& item(std::string_view text);

    // A writer for the items after those this one writes into its innermost container: its text is
    // what this writer would write there, so a long array can be written in parts, in parallel.
    // It has no sink: it keeps its text (kept_text()) until clear_kept_text().
    // REQUIRES: inside a container, with an item written before the follower's first.
    JsonWriter follower() const;
    std::string_view kept_text() const { return {buffer_.data(), used_}; }
    void clear_kept_text() { used_ = 0; }
    // Appends the text of a follower, which continues the innermost container.
    JsonWriter& items(std::string_view text);

    // Writes out what is buffered. Call it once the document is complete.
    void flush();

private:
    // A writer `depth` containers deep, each with items written; without a sink, it keeps its text.
    JsonWriter(Sink sink, int indent, std::size_t depth);

    // The nlohmann text of a double recently written, so a time written many times (a batch's
    // messages share theirs) is formatted once.
    struct FormattedNumber {
        std::uint64_t bits = 0;
        std::uint8_t size = 0;  // 0: empty
        char text[31];
    };

    // Where the next `bytes` may be written; the text counts once commit() moves past it.
    [[gnu::always_inline]] char* room(std::size_t bytes) {
        if (buffer_.size() - used_ < bytes) make_room(bytes);
        return buffer_.data() + used_;
    }
    void make_room(std::size_t bytes);
    void commit(const char* end) { used_ = static_cast<std::size_t>(end - buffer_.data()); }
    void append(std::string_view text);
    // Room for the next key or value and `bytes` of it, with its separator and indentation
    // written: where it goes.
    [[gnu::always_inline]] char* start_item(std::size_t bytes) {
        if (after_key_) {
            after_key_ = false;
            return room(bytes);
        }
        if (indent_ >= 0 || depth_ == 0) return start_indented_item(bytes);
        char* out = room(bytes + 1);
        if ((empty_levels_ & 1) == 0) *out++ = ',';
        empty_levels_ &= ~std::uint64_t{1};
        return out;
    }
    // The same, for an item at the top or with indentation.
    char* start_indented_item(std::size_t bytes);
    char* put_newline_indent(char* out, std::size_t depth) const;
    [[gnu::always_inline]] JsonWriter& open(char bracket) {
        if (depth_ == kMaxDepth) throw std::length_error("JsonWriter: more than 64 containers deep");
        char* out = start_item(1);
        *out++ = bracket;
        commit(out);
        empty_levels_ = empty_levels_ << 1 | 1;
        ++depth_;
        return *this;
    }
    [[gnu::always_inline]] JsonWriter& close(char bracket) {
        const bool empty = (empty_levels_ & 1) != 0;
        empty_levels_ >>= 1;
        --depth_;
        if (indent_ >= 0) return close_indented(bracket, empty);
        char* out = room(1);
        *out = bracket;
        commit(out + 1);
        return *this;
    }
    JsonWriter& close_indented(char bracket, bool empty);
    // Writes `text` quoted at `out`, which has room for it and its quotes unless it needs escaping.
    void write_string(char* out, std::string_view text);
    void write_escaped(std::string_view text);
    template <class Integer>  // std::int64_t or std::uint64_t
    JsonWriter& integer_value(Integer number);

    Sink sink_;
    int indent_;
    std::string buffer_;  // its whole size is room; the text is its first used_ bytes
    std::size_t used_ = 0;
    std::uint64_t flushes_ = 0;
    // The containers open, and for each (a bit per level, the innermost lowest) whether it has no
    // item yet. Inside the writer, so that writers on two threads share no cache line through them.
    static constexpr std::size_t kMaxDepth = 64;
    std::size_t depth_;
    std::uint64_t empty_levels_ = 0;
    bool after_key_ = false;
    std::string scratch_;  // what nlohmann's serializer writes, before it is appended
    nlohmann::detail::serializer<nlohmann::ordered_json> serializer_;
    std::vector<FormattedNumber> formatted_numbers_;
};

}  // namespace queuelab::sim
