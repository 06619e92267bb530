#pragma once
// Append-only storage for what a run keeps by the million (message bodies, the texts and record
// lists of invocations): values are packed into large blocks, so a million short ones cost their
// bytes and no allocation each. A view returned by add() stays valid for the arena's life. Not
// copyable: views point into it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

namespace queuelab::sim {

template <class T>
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    std::span<const T> add(std::span<const T> values) {
        if (values.empty()) return {};
        T* start = allocate(values.size());
        std::copy(values.begin(), values.end(), start);
        return {start, values.size()};
    }
    // Room for `count` values, left for the caller to fill. REQUIRES: count > 0.
    T* allocate(std::size_t count) {
        if (blocks_.empty() || last_capacity_ - used_in_last_ < count) {
            last_capacity_ = std::max(kBlockBytes / sizeof(T), count);
            blocks_.push_back(std::make_unique_for_overwrite<T[]>(last_capacity_));
            used_in_last_ = 0;
        }
        T* start = blocks_.back().get() + used_in_last_;
        used_in_last_ += count;
        stored_bytes_ += count * sizeof(T);
        return start;
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

// A text kept by a TextPool: 8 bytes, since invocations keep four each by the million. It points
// at the word where the pool stored the text's size; the characters follow that word.
class KeptText {
public:
    constexpr KeptText() = default;

    std::string_view view() const {
        if (size_ == nullptr) return {};
        return {reinterpret_cast<const char*>(size_ + 1), *size_};
    }
    operator std::string_view() const { return view(); }
    std::string str() const { return std::string(view()); }
    bool empty() const { return size_ == nullptr; }
    std::size_t size() const { return size_ == nullptr ? 0 : *size_; }
    friend bool operator==(KeptText a, std::string_view b) { return a.view() == b; }
    friend std::string operator+(std::string_view a, KeptText b) { return std::string(a) += b.view(); }
    friend std::string operator+(KeptText a, std::string_view b) { return std::string(a.view()) += b; }

private:
    friend class TextPool;
    explicit KeptText(const std::uint32_t* size) : size_(size) {}
    const std::uint32_t* size_ = nullptr;
};

// Texts kept once each: equal texts share one copy, so the same error message of a million
// failed invokes costs its bytes once. The index over them holds each text's address (8 bytes).
class TextPool {
public:
    // REQUIRES: text.size() < 4 GiB.
    KeptText keep(std::string_view text) {
        if (text.empty()) return {};
        const auto found = kept_.find(text);
        if (found != kept_.end()) return KeptText(*found);
        std::uint32_t* size = words_.allocate(1 + (text.size() + sizeof(std::uint32_t) - 1) / sizeof(std::uint32_t));
        *size = static_cast<std::uint32_t>(text.size());
        std::memcpy(size + 1, text.data(), text.size());
        kept_.insert(size);
        return KeptText(size);
    }
    // The texts' bytes and the index over them, estimated.
    std::size_t stored_bytes() const {
        return words_.stored_bytes() + kept_.capacity() * (sizeof(const std::uint32_t*) + 1);
    }

private:
    // A kept text, by its size word, or a text to look up.
    struct TextOf {
        std::string_view operator()(const std::uint32_t* size) const { return KeptText(size).view(); }
        std::string_view operator()(std::string_view text) const { return text; }
    };
    struct Hash {
        using is_transparent = void;
        template <class Text>
        std::size_t operator()(const Text& text) const { return absl::Hash<std::string_view>{}(TextOf{}(text)); }
    };
    struct Equal {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const { return TextOf{}(a) == TextOf{}(b); }
    };

    Arena<std::uint32_t> words_;  // each text: its size, then its characters
    absl::flat_hash_set<const std::uint32_t*, Hash, Equal> kept_;
};

}  // namespace queuelab::sim
