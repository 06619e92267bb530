// docs/scenario-format.md 5, Templates: "{i}" is the copy's index, "{i%N}" the index modulo a
// positive N of at most 9 digits, and anything else in braces stays as written.

#include <catch2/catch.hpp>

#include <string>

#include "traffic_template.h"

using queuelab::sim::TrafficTemplate;

namespace {

std::string expand(const std::string& text, std::int64_t index) {
    std::string out = "left over from an earlier copy";
    TrafficTemplate(text).expand_into(out, index);
    return out;
}

}  // namespace

TEST_CASE("scenario-format 5: {i} and {i%N} expand, in any number and place", "[traffic]") {
    CHECK(expand("{i}", 0) == "0");
    CHECK(expand("order-{i}", 41) == "order-41");
    CHECK(expand("{\"orderId\": \"o-{i}\"}", 7) == "{\"orderId\": \"o-7\"}");
    CHECK(expand("g-{i%3}", 10) == "g-1");
    CHECK(expand("{i%999999999}", 1'000'000'000) == "1");
    CHECK(expand("{i}/{i%2}/{i}", 5) == "5/1/5");
    CHECK(expand("{{i}}", 3) == "{3}");
    CHECK(expand("no placeholder", 3) == "no placeholder");
    CHECK(expand("", 3).empty());
}

TEST_CASE("scenario-format 5: other braces stay as written", "[traffic]") {
    CHECK(expand("{i%0}", 4) == "{i%0}");
    CHECK(expand("{i%-2}", 4) == "{i%-2}");
    CHECK(expand("{i%x}", 4) == "{i%x}");
    CHECK(expand("{i%}", 4) == "{i%}");
    CHECK(expand("{i%1234567890}", 4) == "{i%1234567890}");
    CHECK(expand("{ix}-{i}", 4) == "{ix}-4");
    CHECK(expand("{j}", 4) == "{j}");
    CHECK(expand("{i", 4) == "{i");
    CHECK(expand("{i%2-{i}", 4) == "{i%2-4");
}
