#include "ids.h"

#include "random.h"

namespace queuelab::sim {
namespace {
constexpr char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, std::uint64_t value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}
}  // namespace

void append_hex64(std::string& out, std::uint64_t value) { append_hex(out, value, 16); }

void format_uuid_into(std::string& out, std::uint64_t high, std::uint64_t low) {
    out.clear();
    append_hex(out, high >> 32, 8);
    out += '-';
    append_hex(out, high >> 16, 4);
    out += "-4";
    append_hex(out, high, 3);
    out += '-';
    out += "89ab"[(low >> 62) & 3];  // RFC 4122 variant
    append_hex(out, low >> 48, 3);
    out += '-';
    append_hex(out, low, 12);
}

std::string format_uuid(std::uint64_t high, std::uint64_t low) {
    std::string out;
    format_uuid_into(out, high, low);
    return out;
}

std::string invocation_request_id(std::uint64_t seed, std::uint64_t invocation) {
    constexpr std::uint64_t kRequestIdStream = 0x4C41'4D42'4441'0000ull;  // "LAMBDA"
    return format_uuid(mix64(seed, kRequestIdStream + 2 * invocation), mix64(seed, kRequestIdStream + 2 * invocation + 1));
}

}  // namespace queuelab::sim
