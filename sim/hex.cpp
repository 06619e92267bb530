#include "hex.h"

#include <array>

namespace queuelab::sim {
namespace {

// The two hex digits of every byte, so a byte is written with one lookup.
constexpr std::array<char, 512> kByteDigits = [] {
    constexpr char kDigits[] = "0123456789abcdef";
    std::array<char, 512> table{};
    for (int byte = 0; byte < 256; ++byte) {
        table[2 * byte] = kDigits[byte >> 4];
        table[2 * byte + 1] = kDigits[byte & 0xF];
    }
    return table;
}();

void put_byte(char* out, unsigned byte) {
    out[0] = kByteDigits[2 * byte];
    out[1] = kByteDigits[2 * byte + 1];
}

}  // namespace

char* put_hex(char* out, std::uint64_t value, int digits) {
    char* end = out + digits;
    char* p = end;
    for (; digits >= 2; digits -= 2) {
        p -= 2;
        put_byte(p, static_cast<unsigned>(value & 0xFF));
        value >>= 8;
    }
    if (digits == 1) *--p = kByteDigits[2 * (value & 0xF) + 1];
    return end;
}

char* put_hex(char* out, std::span<const unsigned char> bytes) {
    for (const unsigned char byte : bytes) {
        put_byte(out, byte);
        out += 2;
    }
    return out;
}

}  // namespace queuelab::sim
