#pragma once
// Text for people: virtual times, counts, money and cut-down strings, the same in every view and
// on the command line.

#include <cstdint>
#include <string>
#include <string_view>

#include "sim_time.h"

namespace queuelab::lab {

// "12.345 s", "3 min 20.0 s", "1 h 02 min": virtual time for people.
std::string format_duration(sim::SimTime t);
// "1,234,567".
std::string format_count(std::int64_t n);
// "$0.0000123".
std::string format_usd(double dollars);
// The first `length` characters of `text` with "…" when cut, and newlines shown as spaces.
std::string shorten(std::string_view text, std::size_t length);

}  // namespace queuelab::lab
