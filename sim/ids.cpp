#include "ids.h"

#include <cstring>

#include "hex.h"
#include "overwrite.h"
#include "random.h"

namespace queuelab::sim {

void format_uuid_into(std::string& out, std::uint64_t high, std::uint64_t low) {
    char high_hex[16];
    char low_hex[16];
    put_hex(high_hex, high, 16);
    put_hex(low_hex, low, 16);
    char text[36];
    std::memcpy(text, high_hex, 8);
    text[8] = '-';
    std::memcpy(text + 9, high_hex + 8, 4);
    text[13] = '-';
    text[14] = '4';
    std::memcpy(text + 15, high_hex + 13, 3);
    text[18] = '-';
    text[19] = "89ab"[(low >> 62) & 3];  // RFC 4122 variant
    std::memcpy(text + 20, low_hex + 1, 3);
    text[23] = '-';
    std::memcpy(text + 24, low_hex + 4, 12);
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
