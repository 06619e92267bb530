#include "json_writer.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "hex.h"

namespace queuelab::sim {
namespace {

constexpr std::size_t kChunkBytes = 1 << 18;
constexpr int kFormattedNumberBits = 8;

// Strings are checked and copied 16 bytes at a time (GCC's vector extensions: SSE2 on x86-64,
// NEON on ARM), or, shorter, in two overlapping words, never reading or writing past their ends.
constexpr std::size_t kBlock = 16;
typedef signed char Block __attribute__((vector_size(kBlock)));

// Whether the block has a byte nlohmann does not write as it is: below 0x20, not ASCII (negative
// as a signed byte), '"' or '\\'.
bool has_special(Block block) {
    const Block special = (block < 0x20) | (block == '"') | (block == '\\');
    std::uint64_t halves[2];
    std::memcpy(halves, &special, sizeof halves);
    return (halves[0] | halves[1]) != 0;
}

// The same for a word of 4 or 8 bytes, all bytes at once. `below` sets a byte's high bit when the
// byte is below `limit`; a borrow may also set it above a byte that is, which leaves the answer.
template <class Word>
bool has_special(Word word) {
    constexpr Word kOnes = static_cast<Word>(~Word{0}) / 0xFF;
    constexpr Word kHighBits = kOnes * 0x80;
    const auto below = [&](Word w, Word limit) -> Word { return (w - kOnes * limit) & ~w & kHighBits; };
    return ((word & kHighBits) | below(word, 0x20) | below(word ^ (kOnes * '"'), 1) | below(word ^ (kOnes * '\\'), 1)) != 0;
}

// Copies the unit of `Unit` at `at` from `in` to `out`; true when it has a byte to escape.
template <class Unit>
bool copy_special(char* out, const char* in, std::size_t at) {
    Unit unit;
    std::memcpy(&unit, in + at, sizeof unit);
    std::memcpy(out + at, &unit, sizeof unit);
    return has_special(unit);
}

// Copies `text` to `out`; false, with part of it copied, when it has a byte to escape.
bool copy_plain(char* out, std::string_view text) {
    const char* in = text.data();
    const std::size_t size = text.size();
    if (size >= kBlock) {
        for (std::size_t i = 0; i + kBlock < size; i += kBlock) {
            if (copy_special<Block>(out, in, i)) return false;
        }
        return !copy_special<Block>(out, in, size - kBlock);
    }
    if (size >= 8) return !(copy_special<std::uint64_t>(out, in, 0) | copy_special<std::uint64_t>(out, in, size - 8));
    if (size >= 4) return !(copy_special<std::uint32_t>(out, in, 0) | copy_special<std::uint32_t>(out, in, size - 4));
    bool plain = true;
    for (std::size_t i = 0; i < size; ++i) {
        out[i] = in[i];
        plain = plain && plain_byte(in[i]);
    }
    return plain;
}

bool ascii(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// The JSON escape of an ASCII byte that is not plain_byte, as nlohmann writes it; returns the end.
char* put_escape(char* out, char c) {
    const auto two = [&](char second) {
        out[0] = '\\';
        out[1] = second;
        return out + 2;
    };
    switch (c) {
        case '"': return two('"');
        case '\\': return two('\\');
        case '\b': return two('b');
        case '\f': return two('f');
        case '\n': return two('n');
        case '\r': return two('r');
        case '\t': return two('t');
        default:
            std::memcpy(out, "\\u00", 4);
            return put_hex(out + 4, static_cast<unsigned char>(c), 2);
    }
}

}  // namespace

JsonWriter::JsonWriter(Sink sink, int indent, std::size_t depth)
    : sink_(std::move(sink)),
      indent_(indent),
      buffer_(kChunkBytes, '\0'),
      depth_(depth),
      serializer_(nlohmann::detail::output_adapter<char, std::string>(scratch_), ' '),
      formatted_numbers_(std::size_t{1} << kFormattedNumberBits) {}

void JsonWriter::make_room(std::size_t bytes) {
    if (!sink_) {
        buffer_.resize(std::max(2 * buffer_.size(), used_ + bytes));
        return;
    }
    flush();
    if (buffer_.size() < bytes) buffer_.resize(bytes);
}

void JsonWriter::append(std::string_view text) {
    char* out = room(text.size());
    std::memcpy(out, text.data(), text.size());
    commit(out + text.size());
}

char* JsonWriter::put_newline_indent(char* out, std::size_t depth) const {
    const std::size_t spaces = depth * static_cast<std::size_t>(indent_);
    *out = '\n';
    std::memset(out + 1, ' ', spaces);
    return out + 1 + spaces;
}

char* JsonWriter::start_indented_item(std::size_t bytes) {
    const std::size_t indentation = indent_ < 0 ? 0 : 1 + depth_ * static_cast<std::size_t>(indent_);
    char* out = room(1 + indentation + bytes);
    if (depth_ == 0) return out;
    if ((empty_levels_ & 1) == 0) *out++ = ',';
    empty_levels_ &= ~std::uint64_t{1};
    return indent_ < 0 ? out : put_newline_indent(out, depth_);
}

JsonWriter JsonWriter::follower() const { return JsonWriter(nullptr, indent_, depth_); }

JsonWriter& JsonWriter::items(std::string_view text) {
    if (text.empty()) return *this;
    flush();
    sink_(text);
    empty_levels_ &= ~std::uint64_t{1};
    return *this;
}

std::string_view JsonWriter::item_text(ItemMark mark) const {
    if (mark.flushes != flushes_) return {};
    const std::size_t start = mark.used + (mark.after_items ? 1 : 0);
    return {buffer_.data() + start, used_ - start};
}

JsonWriter& JsonWriter::item(std::string_view text) {
    char* out = room(text.size() + 1);
    if ((empty_levels_ & 1) == 0) *out++ = ',';
    empty_levels_ &= ~std::uint64_t{1};
    std::memcpy(out, text.data(), text.size());
    commit(out + text.size());
    return *this;
}

void JsonWriter::flush() {
    if (used_ == 0 || !sink_) return;
    ++flushes_;
    sink_(std::string_view(buffer_.data(), used_));
    used_ = 0;
}

JsonWriter& JsonWriter::close_indented(char bracket, bool empty) {
    char* out = room(2 + depth_ * static_cast<std::size_t>(indent_));
    if (!empty) out = put_newline_indent(out, depth_);
    *out++ = bracket;
    commit(out);
    return *this;
}

JsonWriter& JsonWriter::checked_key(std::string_view name) {
    write_string(start_item(name.size() + 2), name);
    append(indent_ >= 0 ? ": " : ":");
    after_key_ = true;
    return *this;
}

void JsonWriter::write_string(char* out, std::string_view text) {
    *out = '"';
    if (copy_plain(out + 1, text)) {
        out[text.size() + 1] = '"';
        commit(out + text.size() + 2);
        return;
    }
    commit(out);
    write_escaped(text);
}

void JsonWriter::write_escaped(std::string_view text) {
    if (!ascii(text)) {
        // nlohmann's own escaping; throws on invalid UTF-8, as dump() does.
        serializer_.dump(nlohmann::ordered_json(std::string(text)), false, false, 0);
        append(scratch_);
        scratch_.clear();
        return;
    }
    append("\"");
    constexpr std::size_t kSlice = 4096;
    for (std::size_t at = 0; at < text.size(); at += kSlice) {
        const std::string_view slice = text.substr(at, kSlice);
        char* out = room(6 * slice.size());  // each byte escaped as \u00XX at most
        for (const char c : slice) {
            if (!plain_byte(c)) {
                out = put_escape(out, c);
            } else {
                *out++ = c;
            }
        }
        commit(out);
    }
    append("\"");
}

JsonWriter& JsonWriter::value(std::string_view text) {
    write_string(start_item(text.size() + 2), text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    commit(start_item(0));
    append(flag ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    commit(start_item(0));
    append("null");
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number)) return null();
    const auto bits = std::bit_cast<std::uint64_t>(number);
    auto& formatted = formatted_numbers_[(bits * 0x9E37'79B9'7F4A'7C15ull) >> (64 - kFormattedNumberBits)];
    if (formatted.size == 0 || formatted.bits != bits) {
        char* end = nlohmann::detail::to_chars(formatted.text, formatted.text + sizeof formatted.text, number);
        formatted.bits = bits;
        formatted.size = static_cast<std::uint8_t>(end - formatted.text);
    }
    char* out = start_item(formatted.size);
    std::memcpy(out, formatted.text, formatted.size);
    commit(out + formatted.size);
    return *this;
}

template <class Integer>
JsonWriter& JsonWriter::integer_value(Integer number) {
    constexpr std::size_t kDigits = 24;
    char* out = start_item(kDigits);
    commit(std::to_chars(out, out + kDigits, number).ptr);
    return *this;
}
template JsonWriter& JsonWriter::integer_value(std::int64_t);
template JsonWriter& JsonWriter::integer_value(std::uint64_t);

JsonWriter& JsonWriter::value(const nlohmann::ordered_json& document) {
    commit(start_item(0));
    serializer_.dump(document, indent_ >= 0, false, static_cast<unsigned>(std::max(indent_, 0)),
                     static_cast<unsigned>(depth_ * static_cast<std::size_t>(std::max(indent_, 0))));
    append(scratch_);
    scratch_.clear();
    return *this;
}

}  // namespace queuelab::sim
