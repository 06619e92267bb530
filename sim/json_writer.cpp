#include "json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace queuelab::sim {
namespace {

constexpr std::size_t kChunkBytes = 1 << 18;

bool plain_byte(unsigned char byte) { return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\'; }

constexpr std::uint64_t kOnes = 0x0101'0101'0101'0101ull;
constexpr std::uint64_t kHighBits = 0x8080'8080'8080'8080ull;
// Nonzero when a byte of `word` below 0x80 is below `limit` (at most 0x80).
std::uint64_t any_below(std::uint64_t word, std::uint8_t limit) { return (word - kOnes * limit) & ~word & kHighBits; }

// Characters nlohmann writes as they are: printable ASCII other than '"' and '\\'. Checked 8
// bytes at a time; the tests are exact when taken together (a lane can only be misjudged above
// a lane that truly matched).
bool plain(std::string_view text) {
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        const std::uint64_t special = (word & kHighBits) | any_below(word, 0x20) |
                                      any_below(word ^ (kOnes * '"'), 1) | any_below(word ^ (kOnes * '\\'), 1);
        if (special != 0) return false;
    }
    for (; i < text.size(); ++i) {
        if (!plain_byte(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
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
        buffer_ += '"';
        buffer_ += text;
        buffer_ += '"';
        return;
    }
    // nlohmann's own escaping; throws on invalid UTF-8, as dump() does.
    serializer_.dump(nlohmann::ordered_json(std::string(text)), false, false, 0);
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
