#pragma once
// A forward iterator over a container that reads its elements by index, for the run's stores
// (ChunkedVector, Invocations): it yields what the container's operator[] returns, a reference or
// a value.

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace queuelab::sim {

template <class Container>
class IndexIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using reference = decltype(std::declval<const Container&>()[std::size_t{0}]);
    using value_type = std::remove_cvref_t<reference>;
    using difference_type = std::ptrdiff_t;
    using pointer = void;

    IndexIterator() = default;
    IndexIterator(const Container* owner, std::size_t index) : owner_(owner), index_(index) {}
    reference operator*() const { return (*owner_)[index_]; }
    IndexIterator& operator++() {
        ++index_;
        return *this;
    }
    IndexIterator operator++(int) { return IndexIterator(owner_, index_++); }
    friend bool operator==(const IndexIterator& a, const IndexIterator& b) { return a.index_ == b.index_; }

private:
    const Container* owner_ = nullptr;
    std::size_t index_ = 0;
};

}  // namespace queuelab::sim
