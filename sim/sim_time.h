#pragma once
// Virtual time (docs/aws-rules.md 5.1). The engine never reads a wall clock: every rule of
// docs/aws-rules.md is stated in virtual seconds and measured in whole virtual microseconds here.

#include <cmath>
#include <cstdint>

namespace queuelab::sim {

using SimTime = std::int64_t;  // virtual microseconds since the scenario started

constexpr SimTime kMicrosPerMilli = 1'000;
constexpr SimTime kMicrosPerSecond = 1'000'000;

// The longest run (30 days, docs/aws-rules.md 5.17) and the shortest period, one tick: every time
// value of a scenario is checked against these before it becomes microseconds (5.27).
constexpr double kMaxVirtualSeconds = 2'592'000;
constexpr double kMinPeriodSeconds = 1e-6;

constexpr SimTime from_seconds(double seconds) {
    return static_cast<SimTime>(seconds * kMicrosPerSecond + (seconds >= 0 ? 0.5 : -0.5));
}
constexpr SimTime from_millis(double millis) {
    return static_cast<SimTime>(millis * kMicrosPerMilli + (millis >= 0 ? 0.5 : -0.5));
}
constexpr double to_seconds(SimTime t) { return static_cast<double>(t) / kMicrosPerSecond; }

// Epoch milliseconds of virtual time zero, so events carry realistic SentTimestamp values
// (2024-01-01T00:00:00Z). Fixed, so reports are reproducible.
constexpr std::int64_t kEpochMillisAtStart = 1'704'067'200'000;
constexpr std::int64_t epoch_millis(SimTime t) { return kEpochMillisAtStart + t / kMicrosPerMilli; }

}  // namespace queuelab::sim
