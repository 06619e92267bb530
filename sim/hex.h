#pragma once
// Lower-case hex, written into fixed buffers (ids, receipt handles and digests).

#include <cstdint>
#include <span>

namespace queuelab::sim {

// Writes the hex of the low `digits` nibbles of `value` at `out`, most significant first;
// returns the end. REQUIRES: 0 <= digits <= 16.
char* put_hex(char* out, std::uint64_t value, int digits);
// Writes two hex digits per byte at `out`; returns the end.
char* put_hex(char* out, std::span<const unsigned char> bytes);

}  // namespace queuelab::sim
