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

typedef unsigned char Bytes __attribute__((vector_size(16)));
typedef std::uint64_t Words __attribute__((vector_size(16)));

// The 16 hex digits of `value`, most significant first, all at once (GCC's vector extensions: SSE2
// on x86-64, NEON on ARM): each byte's two nibbles are spread into bytes of their own, then all
// turned into their characters ('0'..'9' or 'a'..'f') together.
void put_hex16(char* out, std::uint64_t value) {
    static_assert(std::endian::native == std::endian::little);
    const Bytes bytes = (Bytes)Words{__builtin_bswap64(value), 0};
    const Bytes high = bytes >> 4;
    const Bytes low = bytes & 0xF;
    const Bytes nibbles = __builtin_shuffle(high, low, Bytes{0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23});
    const Bytes letters = (Bytes)(nibbles > 9) & ('a' - '0' - 10);
    const Bytes digits = nibbles + '0' + letters;
    std::memcpy(out, &digits, sizeof digits);
}

}  // namespace

char* put_hex(char* out, std::uint64_t value, int digits) {
    if (digits == 16) {
        put_hex16(out, value);
        return out + 16;
    }
    char all[16];
    put_hex16(all, value);
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
