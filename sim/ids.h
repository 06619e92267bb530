#pragma once
// Identifiers in AWS's formats, derived from seeded numbers.

#include <cstddef>
#include <cstdint>
#include <string>

namespace queuelab::sim {

constexpr std::size_t kUuidSize = 36;

// A version-4 UUID string ("8-4-4-4-12" lower-case hex) made from 128 bits.
std::string format_uuid(std::uint64_t high, std::uint64_t low);
// The same, its kUuidSize characters written at `out`; returns the end.
char* put_uuid(char* out, std::uint64_t high, std::uint64_t low);
// The same, written into `out` (reusing its capacity).
void format_uuid_into(std::string& out, std::uint64_t high, std::uint64_t low);

// The request id of the invocation numbered `invocation` in a run with `seed`.
std::string invocation_request_id(std::uint64_t seed, std::uint64_t invocation);
// The same into `out`, reusing its capacity.
void invocation_request_id_into(std::string& out, std::uint64_t seed, std::uint64_t invocation);

}  // namespace queuelab::sim
