#include "ids.h"

#include "hex.h"
#include "random.h"

namespace queuelab::sim {

void format_uuid_into(std::string& out, std::uint64_t high, std::uint64_t low) {
    char text[36];
    char* p = put_hex(text, high >> 32, 8);
    *p++ = '-';
    p = put_hex(p, high >> 16, 4);
    *p++ = '-';
    *p++ = '4';
    p = put_hex(p, high, 3);
    *p++ = '-';
    *p++ = "89ab"[(low >> 62) & 3];  // RFC 4122 variant
    p = put_hex(p, low >> 48, 3);
    *p++ = '-';
    put_hex(p, low, 12);
    out.assign(text, sizeof text);
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
