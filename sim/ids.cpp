#include "ids.h"

#include <cstring>

#include "hex.h"
#include "overwrite.h"
#include "random.h"

namespace queuelab::sim {

char* put_uuid(char* out, std::uint64_t high, std::uint64_t low) {
    char hex[32];
    put_hex(hex, high, 16);
    put_hex(hex + 16, low, 16);
    std::memcpy(out, hex, 8);
    out[8] = '-';
    std::memcpy(out + 9, hex + 8, 4);
    out[13] = '-';
    out[14] = '4';
    std::memcpy(out + 15, hex + 13, 3);
    out[18] = '-';
    out[19] = "89ab"[(low >> 62) & 3];  // RFC 4122 variant
    std::memcpy(out + 20, hex + 17, 3);
    out[23] = '-';
    std::memcpy(out + 24, hex + 20, 12);
    return out + kUuidSize;
}

void format_uuid_into(std::string& out, std::uint64_t high, std::uint64_t low) {
    char text[kUuidSize];
    put_uuid(text, high, low);
    overwrite(out, std::string_view(text, sizeof text));
}

std::string format_uuid(std::uint64_t high, std::uint64_t low) {
    std::string out;
    format_uuid_into(out, high, low);
    return out;
}

void invocation_request_id_into(std::string& out, std::uint64_t seed, std::uint64_t invocation) {
    constexpr std::uint64_t kRequestIdStream = 0x4C41'4D42'4441'0000ull;  // "LAMBDA"
    format_uuid_into(out, mix64(seed, kRequestIdStream + 2 * invocation), mix64(seed, kRequestIdStream + 2 * invocation + 1));
}

std::string invocation_request_id(std::uint64_t seed, std::uint64_t invocation) {
    std::string id;
    invocation_request_id_into(id, seed, invocation);
    return id;
}

}  // namespace queuelab::sim
