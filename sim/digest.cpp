#include "digest.h"

#include <nettle/base64.h>
#include <nettle/md5.h>
#include <nettle/sha2.h>

#include "hex.h"

namespace queuelab::sim {
namespace {

const std::uint8_t* bytes_of(std::string_view data) { return reinterpret_cast<const std::uint8_t*>(data.data()); }

// `Context` is Nettle's md5_ctx or sha256_ctx. A digest runs in a context on the stack, with no
// allocation, so a short text costs little more than its compression rounds.
template <typename Context, std::size_t Size>
std::array<unsigned char, Size> digest(std::string_view data, void (*init)(Context*),
                                       void (*update)(Context*, std::size_t, const std::uint8_t*),
                                       void (*finish)(Context*, std::size_t, std::uint8_t*)) {
    Context context;
    init(&context);
    update(&context, data.size(), bytes_of(data));
    std::array<unsigned char, Size> result;
    finish(&context, result.size(), result.data());
    return result;
}

template <std::size_t Size>
std::string hex(const std::array<unsigned char, Size>& bytes) {
    std::string text(2 * Size, '\0');
    put_hex(text.data(), bytes);
    return text;
}

}  // namespace

std::array<unsigned char, 16> md5(std::string_view data) {
    return digest<md5_ctx, MD5_DIGEST_SIZE>(data, md5_init, md5_update, md5_digest);
}

std::string md5_hex(std::string_view data) { return hex(md5(data)); }

std::string sha256_hex(std::string_view data) {
    return hex(digest<sha256_ctx, SHA256_DIGEST_SIZE>(data, sha256_init, sha256_update, sha256_digest));
}

void base64_into(std::string& out, std::string_view bytes) {
    out.resize(BASE64_ENCODE_RAW_LENGTH(bytes.size()));
    if (bytes.empty()) return;
    base64_encode_raw(out.data(), bytes.size(), bytes_of(bytes));
}

}  // namespace queuelab::sim
