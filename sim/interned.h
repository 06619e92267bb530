#pragma once
// Values stored once each: interning an equal value again returns the first one's index. The
// index over them holds 4-byte indexes, so a value costs its own bytes and a few more.
// Not copyable: the index's hash and equality read the values through a pointer to them.

#include <cstddef>
#include <cstdint>

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include "chunked_vector.h"

namespace queuelab::sim {

// REQUIRES: T is equality-comparable and hashable by absl::Hash.
template <class T>
class Interned {
public:
    Interned() = default;
    Interned(const Interned&) = delete;
    Interned& operator=(const Interned&) = delete;

    std::uint32_t intern(const T& value) {
        if (last_ < values_.size() && values_[last_] == value) return last_;  // runs of one value: no hashing
        values_.push_back(value);
        const auto [found, added] = index_.insert(static_cast<std::uint32_t>(values_.size() - 1));
        if (!added) values_.pop_back();
        last_ = *found;
        return last_;
    }
    const T& operator[](std::uint32_t index) const { return values_[index]; }
    std::size_t size() const { return values_.size(); }
    std::size_t stored_bytes() const { return values_.size() * sizeof(T) + index_.capacity() * (sizeof(std::uint32_t) + 1); }

private:
    using Values = ChunkedVector<T, std::size_t{1} << 12>;
    struct Hash {
        const Values* values;
        std::size_t operator()(std::uint32_t index) const { return absl::Hash<T>{}((*values)[index]); }
    };
    struct Equal {
        const Values* values;
        bool operator()(std::uint32_t a, std::uint32_t b) const { return (*values)[a] == (*values)[b]; }
    };

    Values values_;
    std::uint32_t last_ = 0;  // the value interned last
    absl::flat_hash_set<std::uint32_t, Hash, Equal> index_{0, Hash{&values_}, Equal{&values_}};
};

}  // namespace queuelab::sim
