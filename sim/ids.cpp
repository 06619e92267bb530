#include "ids.h"

namespace queuelab::sim {

std::string hex64(std::uint64_t value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) text[static_cast<std::size_t>(i)] = kHex[value & 0xF];
    return text;
}

std::string format_uuid(std::uint64_t high, std::uint64_t low) {
    const std::string h = hex64(high);
    std::string l = hex64(low);
    l[0] = "89ab"[(low >> 62) & 3];  // RFC 4122 variant
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-" + l.substr(0, 4) + "-" +
           l.substr(4, 12);
}

}  // namespace queuelab::sim
