#pragma once
// Append-only storage for what a run keeps by the million (message bodies, the texts and record
// lists of invocations): values are packed into large blocks, so a million short ones cost their
// bytes and no allocation each. A view returned by add() stays valid for the arena's life. Not
// copyable: views point into it.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_set.h>

namespace queuelab::sim {

template <class T>
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    std::span<const T> add(std::span<const T> values) {
        if (values.empty()) return {};
        if (blocks_.empty() || last_capacity_ - used_in_last_ < values.size()) {
            last_capacity_ = std::max(kBlockBytes / sizeof(T), values.size());
            blocks_.push_back(std::make_unique_for_overwrite<T[]>(last_capacity_));
            used_in_last_ = 0;
        }
        T* start = blocks_.back().get() + used_in_last_;
        std::copy(values.begin(), values.end(), start);
        used_in_last_ += values.size();
        stored_bytes_ += values.size() * sizeof(T);
        return {start, values.size()};
    }
    // The bytes of the values added (the blocks' unused ends not counted, so it grows with the run).
    std::size_t stored_bytes() const { return stored_bytes_; }

private:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t used_in_last_ = 0;
    std::size_t last_capacity_ = 0;
    std::size_t stored_bytes_ = 0;
};

class TextArena {
public:
    std::string_view add(std::string_view text) {
        const auto kept = chars_.add(std::span<const char>(text.data(), text.size()));
        return {kept.data(), kept.size()};
    }
    std::size_t stored_bytes() const { return chars_.stored_bytes(); }

private:
    Arena<char> chars_;
};

// A text kept by a TextPool, or a string literal: a view that cannot dangle, because it is only
// ever made from storage that outlives it.
class KeptText {
public:
    constexpr KeptText() = default;
    template <std::size_t N>
    constexpr KeptText(const char (&literal)[N]) : view_(literal, N - 1) {}

    std::string_view view() const { return view_; }
    operator std::string_view() const { return view_; }
    std::string str() const { return std::string(view_); }
    bool empty() const { return view_.empty(); }
    std::size_t size() const { return view_.size(); }
    friend bool operator==(KeptText a, std::string_view b) { return a.view_ == b; }
    friend std::string operator+(std::string_view a, KeptText b) { return std::string(a) += b.view_; }
    friend std::string operator+(KeptText a, std::string_view b) { return std::string(a.view_) += b; }

private:
    friend class TextPool;
    explicit KeptText(std::string_view kept) : view_(kept) {}
    std::string_view view_;
};

// Texts kept once each: equal texts share one copy, so the same error message of a million
// failed invokes costs its bytes once.
class TextPool {
public:
    KeptText keep(std::string_view text) {
        if (text.empty()) return {};
        const auto found = kept_.find(text);
        if (found != kept_.end()) return KeptText(*found);
        const auto kept = arena_.add(text);
        kept_.insert(kept);
        return KeptText(kept);
    }
    // The texts' bytes and the index over them, estimated.
    std::size_t stored_bytes() const {
        return arena_.stored_bytes() + kept_.capacity() * (sizeof(std::string_view) + 1);
    }

private:
    TextArena arena_;
    absl::flat_hash_set<std::string_view> kept_;
};

}  // namespace queuelab::sim
