#include "digest.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace queuelab::sim {
namespace {

std::string hex_digest(const EVP_MD* algorithm, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &length, algorithm, nullptr) != 1) {
        throw std::runtime_error("OpenSSL digest failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0xF];
    }
    return hex;
}

}  // namespace

std::string md5_hex(std::string_view data) { return hex_digest(EVP_md5(), data); }
std::string sha256_hex(std::string_view data) { return hex_digest(EVP_sha256(), data); }

}  // namespace queuelab::sim
