#pragma once
// Hex digests (OpenSSL): md5OfBody of SQS events and FIFO content-based deduplication ids.

#include <array>
#include <string>
#include <string_view>

namespace queuelab::sim {

std::string md5_hex(std::string_view data);
std::array<unsigned char, 16> md5(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace queuelab::sim
