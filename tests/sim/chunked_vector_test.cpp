// The stores a run appends to by the million (sim/chunked_vector.h): elements stay where they
// were appended, so references into the store outlive later appends, and they read back in order.

#include "chunked_vector.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using queuelab::sim::ChunkedVector;

TEST_CASE("a chunked vector keeps its elements in place and in order across chunks", "[chunked]") {
    ChunkedVector<std::string, 3> store;
    CHECK(store.empty());
    std::vector<const std::string*> addresses;
    for (int i = 0; i < 10; ++i) {
        store.push_back("value " + std::to_string(i));
        addresses.push_back(&store[static_cast<std::size_t>(i)]);
    }
    REQUIRE(store.size() == 10);
    CHECK(store.front() == "value 0");
    CHECK(store.back() == "value 9");
    int expected = 0;
    for (const auto& value : store) {
        CHECK(value == "value " + std::to_string(expected));
        CHECK(&value == addresses[static_cast<std::size_t>(expected)]);  // never moved by a later append
        ++expected;
    }
    CHECK(expected == 10);
}

TEST_CASE("a chunked vector appends several values at once, within a chunk or across chunks", "[chunked]") {
    ChunkedVector<int, 4> store;
    const int first[] = {0, 1, 2};    // into a new chunk
    const int second[] = {3};         // fills it
    const int third[] = {4, 5};       // starts the next
    const int fourth[] = {6, 7, 8};   // straddles two
    const int* const runs[] = {first, second, third, fourth};
    const std::size_t sizes[] = {3, 1, 2, 3};
    std::vector<const int*> addresses;
    for (std::size_t run = 0; run < 4; ++run) {
        store.append(std::span<const int>(runs[run], sizes[run]));
        while (addresses.size() < store.size()) addresses.push_back(&store[addresses.size()]);
    }
    REQUIRE(store.size() == 9);
    for (std::size_t i = 0; i < store.size(); ++i) {
        CHECK(store[i] == static_cast<int>(i));
        CHECK(&store[i] == addresses[i]);
    }
}

TEST_CASE("a chunked vector takes back its last values, at a chunk's end too, and appends after them", "[chunked]") {
    ChunkedVector<int, 2> store;
    for (int i = 0; i < 5; ++i) store.push_back(i);
    const int* kept = &store[1];
    store.pop_back();  // leaves an emptied chunk
    store.pop_back();  // steps back into the full chunk before it
    store.pop_back();
    REQUIRE(store.size() == 2);
    CHECK(store.back() == 1);
    CHECK(&store[1] == kept);
    for (int i = 2; i < 7; ++i) store.push_back(i * 10);
    REQUIRE(store.size() == 7);
    const int expected[] = {0, 1, 20, 30, 40, 50, 60};
    for (std::size_t i = 0; i < store.size(); ++i) CHECK(store[i] == expected[i]);
}
