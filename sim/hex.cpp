#include "hex.h"

#include <array>
#include <bit>
#include <cstring>

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

// The 8 hex digits of `value` with no lookups: each nibble is spread into a byte of its own,
// turned into its character ('0'..'9' or 'a'..'f') in all bytes at once, and the bytes stored
// most significant first.
void put_hex8(char* out, std::uint32_t value) {
    static_assert(std::endian::native == std::endian::little);
    std::uint64_t v = value;
    v = ((v & 0xFFFF'0000ull) << 16) | (v & 0xFFFFull);
    v = ((v & 0x0000'FF00'0000'FF00ull) << 8) | (v & 0x0000'00FF'0000'00FFull);
    v = ((v & 0x00F0'00F0'00F0'00F0ull) << 4) | (v & 0x000F'000F'000F'000Full);
    const std::uint64_t letters = ((v + 0x0606'0606'0606'0606ull) >> 4) & 0x0101'0101'0101'0101ull;
    v += 0x3030'3030'3030'3030ull + letters * ('a' - '0' - 10);
    v = __builtin_bswap64(v);
    std::memcpy(out, &v, sizeof v);
}

}  // namespace

char* put_hex(char* out, std::uint64_t value, int digits) {
    if (digits == 16) {
        put_hex8(out, static_cast<std::uint32_t>(value >> 32));
        put_hex8(out + 8, static_cast<std::uint32_t>(value));
        return out + 16;
    }
    char all[16];
    put_hex8(all, static_cast<std::uint32_t>(value >> 32));
    put_hex8(all + 8, static_cast<std::uint32_t>(value));
    std::memcpy(out, all + 16 - digits, static_cast<std::size_t>(digits));
    return out + digits;
}

char* put_hex(char* out, std::span<const unsigned char> bytes) {
    for (const unsigned char byte : bytes) {
        put_byte(out, byte);
        out += 2;
    }
    return out;
}

}  // namespace queuelab::sim
