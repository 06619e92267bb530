#pragma once
// Digests (Nettle): MD5 for md5OfBody of SQS events and a Kinesis partition key's hash key,
// SHA-256 for FIFO content-based deduplication ids; and base64 (Nettle), for the data of Kinesis
// event records.

#include <array>
#include <string>
#include <string_view>

namespace queuelab::sim {

std::string md5_hex(std::string_view data);
std::array<unsigned char, 16> md5(std::string_view data);
std::string sha256_hex(std::string_view data);
// `out` = standard base64 of `bytes`, with padding and no line breaks, reusing out's capacity.
void base64_into(std::string& out, std::string_view bytes);

}  // namespace queuelab::sim
