#include "json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "hex.h"

namespace queuelab::sim {
namespace {

constexpr std::size_t kChunkBytes = 1 << 18;

constexpr std::uint64_t kOnes = 0x0101'0101'0101'0101ull;
constexpr std::uint64_t kHighBits = 0x8080'8080'8080'8080ull;
// Nonzero when a byte of `word` below 0x80 is below `limit` (at most 0x80).
std::uint64_t any_below(std::uint64_t word, std::uint8_t limit) { return (word - kOnes * limit) & ~word & kHighBits; }

// Whether `text` has a byte that `special` picks, 8 bytes at a time. `special(word)` is nonzero
// when one of the word's bytes is special; it may misjudge bytes only above one that truly is.
template <class WordTest>
bool has_special_byte(std::string_view text, WordTest special) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        if (special(word) != 0) return true;
    }
    if (i == text.size()) return false;
    std::uint64_t tail = 0x2020'2020'2020'2020ull;  // spaces: neither special nor escaped
    std::memcpy(&tail, text.data() + i, text.size() - i);
    return special(tail) != 0;
}

// Characters nlohmann writes as they are: printable ASCII other than '"' and '\\'.
bool plain(std::string_view text) {
    return !has_special_byte(text, [](std::uint64_t word) {
        return (word & kHighBits) | any_below(word, 0x20) | any_below(word ^ (kOnes * '"'), 1) |
               any_below(word ^ (kOnes * '\\'), 1);
    });
}

bool ascii(std::string_view text) {
    return !has_special_byte(text, [](std::uint64_t word) { return word & kHighBits; });
}

// The JSON escape of an ASCII character that is not plain, as nlohmann writes it.
void append_escape(std::string& out, char c) {
    switch (c) {
        case '"': out += "\\\""; return;
        case '\\': out += "\\\\"; return;
        case '\b': out += "\\b"; return;
        case '\f': out += "\\f"; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        default: {
            char escape[6] = {'\\', 'u', '0', '0'};
            put_hex(escape + 4, static_cast<unsigned char>(c), 2);
            out.append(escape, sizeof escape);
        }
    }
}

}  // namespace

JsonWriter::JsonWriter(Sink sink, int indent)
    : sink_(std::move(sink)),
      indent_(indent),
      serializer_(nlohmann::detail::output_adapter<char, std::string>(buffer_), ' ') {
    buffer_.reserve(kChunkBytes + 4096);
}

void JsonWriter::newline_indent(std::size_t depth) {
    buffer_ += '\n';
    buffer_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

// The separator before a member of the innermost container, and its indentation.
void JsonWriter::separate() {
    if (levels_.empty()) return;
    auto& level = levels_.back();
    if (!level.first) buffer_ += ',';
    level.first = false;
    if (indent_ >= 0) newline_indent(levels_.size());
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    separate();
}

void JsonWriter::maybe_flush() {
    if (buffer_.size() >= kChunkBytes) flush();
}

void JsonWriter::flush() {
    if (buffer_.empty()) return;
    sink_(buffer_);
    buffer_.clear();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    buffer_ += '{';
    levels_.push_back({});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool empty = levels_.back().first;
    levels_.pop_back();
    if (!empty && indent_ >= 0) newline_indent(levels_.size());
    buffer_ += '}';
    maybe_flush();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    buffer_ += '[';
    levels_.push_back({});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    const bool empty = levels_.back().first;
    levels_.pop_back();
    if (!empty && indent_ >= 0) newline_indent(levels_.size());
    buffer_ += ']';
    maybe_flush();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    write_string(name);
    buffer_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
    return *this;
}

void JsonWriter::write_string(std::string_view text) {
    if (plain(text)) {
        const std::size_t at = buffer_.size();
        buffer_.append(text.size() + 2, '"');
        if (!text.empty()) std::memcpy(buffer_.data() + at + 1, text.data(), text.size());
        return;
    }
    if (!ascii(text)) {
        // nlohmann's own escaping; throws on invalid UTF-8, as dump() does.
        serializer_.dump(nlohmann::ordered_json(std::string(text)), false, false, 0);
        return;
    }
    buffer_ += '"';
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') {
            append_escape(buffer_, c);
        } else {
            buffer_ += c;
        }
    }
    buffer_ += '"';
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    write_string(text);
    maybe_flush();
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    buffer_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    buffer_ += "null";
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    before_value();
    if (!std::isfinite(number)) {
        buffer_ += "null";
        return *this;
    }
    char digits[64];
    char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, end);
    return *this;
}

JsonWriter& JsonWriter::signed_value(std::int64_t number) {
    before_value();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, result.ptr);
    return *this;
}

JsonWriter& JsonWriter::unsigned_value(std::uint64_t number) {
    before_value();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    buffer_.append(digits, result.ptr);
    return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::ordered_json& document) {
    before_value();
    serializer_.dump(document, indent_ >= 0, false, static_cast<unsigned>(std::max(indent_, 0)),
                     static_cast<unsigned>(levels_.size() * static_cast<std::size_t>(std::max(indent_, 0))));
    maybe_flush();
    return *this;
}

}  // namespace queuelab::sim
