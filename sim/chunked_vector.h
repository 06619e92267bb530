#pragma once
// A sequence for what a run appends by the million (history entries, invocations): it grows by
// whole chunks of kChunkElements, so an element never moves once appended (a reference stays
// valid) and, unlike std::deque's 512-byte nodes, a chunk wastes almost nothing around large
// elements. A chunk's memory is reserved whole and used as it fills.

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "index_iterator.h"

namespace queuelab::sim {

template <class T, std::size_t kChunkElements>
class ChunkedVector {
public:
    void push_back(T value) {
        if (chunks_.empty() || chunks_.back().size() == kChunkElements) chunks_.emplace_back().reserve(kChunkElements);
        chunks_.back().push_back(std::move(value));
        ++size_;
    }

    // Keeps an emptied chunk for the next push_back. REQUIRES: !empty().
    void pop_back() {
        if (chunks_.back().empty()) chunks_.pop_back();
        chunks_.back().pop_back();
        --size_;
    }

    // Appends `values` in order, in one step when they fit in the last chunk.
    void append(std::span<const T> values) {
        const std::size_t used = size_ % kChunkElements;
        if (used != 0 && values.size() <= kChunkElements - used) {
            auto& chunk = chunks_.back();
            for (const T& value : values) chunk.push_back(value);  // a few values: no memmove call
            size_ += values.size();
            return;
        }
        for (const T& value : values) push_back(value);
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T& operator[](std::size_t index) { return chunks_[index / kChunkElements][index % kChunkElements]; }
    const T& operator[](std::size_t index) const { return chunks_[index / kChunkElements][index % kChunkElements]; }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size_ - 1]; }

    using const_iterator = IndexIterator<ChunkedVector>;
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size_}; }

private:
    std::vector<std::vector<T>> chunks_;  // each reserved to kChunkElements, so never reallocated
    std::size_t size_ = 0;
};

}  // namespace queuelab::sim
