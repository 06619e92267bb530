#pragma once
// Seeded random numbers. std::mt19937_64's sequence is fixed by the C++ standard, and the
// conversions below are ours, so a seed gives the same numbers on every platform
// (std::uniform_*_distribution is implementation-defined and is not used).

#include <cstdint>
#include <random>

namespace queuelab::sim {

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next_u64() { return engine_(); }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

    // Uniform in [0, bound). REQUIRES: bound > 0.
    std::uint64_t below(std::uint64_t bound) { return engine_() % bound; }

    bool chance(double probability) { return uniform() < probability; }

private:
    std::mt19937_64 engine_;
};

// A stateless mix of a few numbers into 64 well-spread bits (splitmix64 finaliser): ids and
// receipt handles derive from it so that they do not consume the scenario's random stream.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}
constexpr std::uint64_t mix64(std::uint64_t a, std::uint64_t b) { return mix64(a ^ mix64(b)); }

// The inverse of mix64(x) (each of its steps is a bijection), so that an identifier made with it
// can be read back: unmix64(mix64(x)) == x.
constexpr std::uint64_t unmix64(std::uint64_t x) {
    const auto inverse = [](std::uint64_t odd) {  // odd * inverse(odd) == 1 modulo 2^64 (Newton)
        std::uint64_t z = odd;
        for (int i = 0; i < 6; ++i) z *= 2 - odd * z;
        return z;
    };
    const auto unshift = [](std::uint64_t y, int shift) {  // undoes y = x ^ (x >> shift)
        std::uint64_t v = y;
        for (int i = 0; i < 64 / shift + 1; ++i) v = y ^ (v >> shift);
        return v;
    };
    x = unshift(x, 31);
    x *= inverse(0x94D049BB133111EBull);
    x = unshift(x, 27);
    x *= inverse(0xBF58476D1CE4E5B9ull);
    x = unshift(x, 30);
    return x - 0x9E3779B97F4A7C15ull;
}
static_assert(unmix64(mix64(42)) == 42 && unmix64(mix64(0xDEADBEEFull << 20)) == 0xDEADBEEFull << 20);

}  // namespace queuelab::sim
