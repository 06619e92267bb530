// Text for people, the same in every view and on the command line.

#include <catch2/catch.hpp>

#include "lab/format.h"

using namespace queuelab;

TEST_CASE("virtual times read as seconds, minutes and seconds, or hours and minutes", "[lab]") {
    CHECK(lab::format_duration(0) == "0.000 s");
    CHECK(lab::format_duration(sim::from_seconds(12.3456)) == "12.346 s");
    CHECK(lab::format_duration(sim::from_seconds(90)) == "1 min 30.0 s");
    CHECK(lab::format_duration(sim::from_seconds(200.3)) == "3 min 20.3 s");
    CHECK(lab::format_duration(sim::from_seconds(3600 + 2 * 60 + 59)) == "1 h 02 min");
}

TEST_CASE("counts group their thousands, and money shows cents' fractions", "[lab]") {
    CHECK(lab::format_count(0) == "0");
    CHECK(lab::format_count(999) == "999");
    CHECK(lab::format_count(1'234'567) == "1,234,567");
    CHECK(lab::format_count(-1'000) == "-1,000");
    CHECK(lab::format_usd(0.0000135) == "$0.0000135");
    CHECK(lab::format_usd(1.5) == "$1.5000");
}

TEST_CASE("shortened text ends in an ellipsis and keeps to one line", "[lab]") {
    CHECK(lab::shorten("short", 8) == "short");
    CHECK(lab::shorten("a longer body", 8) == "a longer\xE2\x80\xA6");
    CHECK(lab::shorten("two\nlines", 20) == "two lines");
}
