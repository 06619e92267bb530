#include "digest.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "hex.h"

namespace queuelab::sim {
namespace {

// One reusable context per thread: creating a context per digest costs more than the digest.
EVP_MD_CTX* digest_context() {
    thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    return context.get();
}

unsigned int digest(const EVP_MD* algorithm, std::string_view data, unsigned char* out) {
    unsigned int length = 0;
    EVP_MD_CTX* context = digest_context();
    if (context == nullptr || EVP_DigestInit_ex(context, algorithm, nullptr) != 1 ||
        EVP_DigestUpdate(context, data.data(), data.size()) != 1 || EVP_DigestFinal_ex(context, out, &length) != 1) {
        throw std::runtime_error("OpenSSL digest failed");
    }
    return length;
}

std::string hex_digest(const EVP_MD* algorithm, std::string_view data) {
    unsigned char bytes[EVP_MAX_MD_SIZE];
    const unsigned int length = digest(algorithm, data, bytes);
    std::string hex(2 * length, '\0');
    put_hex(hex.data(), std::span(bytes, length));
    return hex;
}

// The algorithm fetched once: EVP_md5() makes OpenSSL 3 look its implementation up on every digest.
const EVP_MD* fetched(const char* name, const EVP_MD* fallback) {
    const EVP_MD* algorithm = EVP_MD_fetch(nullptr, name, nullptr);
    return algorithm != nullptr ? algorithm : fallback;  // kept for the program's life
}

const EVP_MD* md5_algorithm() {
    static const EVP_MD* const algorithm = fetched("MD5", EVP_md5());
    return algorithm;
}

const EVP_MD* sha256_algorithm() {
    static const EVP_MD* const algorithm = fetched("SHA256", EVP_sha256());
    return algorithm;
}

}  // namespace

std::string md5_hex(std::string_view data) { return hex_digest(md5_algorithm(), data); }

void base64_into(std::string& out, std::string_view bytes) {
    out.resize(4 * ((bytes.size() + 2) / 3));
    if (bytes.empty()) return;
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                    static_cast<int>(bytes.size()));
}
std::string sha256_hex(std::string_view data) { return hex_digest(sha256_algorithm(), data); }

std::array<unsigned char, 16> md5(std::string_view data) {
    std::array<unsigned char, 16> result{};
    digest(md5_algorithm(), data, result.data());
    return result;
}

}  // namespace queuelab::sim
