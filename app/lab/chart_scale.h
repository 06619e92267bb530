#pragma once
// The numbers a time chart is drawn with: the top of its value axis, with headroom so a line at
// its largest value never hides under the top gridline, and a series as steps (a count holds its
// value until the next sample), so short bursts are as tall as their count.

#include <cstdint>
#include <vector>

namespace queuelab::lab {

// Counts: whole numbers below 10 and an axis of at least 2. Any: dollars, seconds, means, of any
// size (an axis of 1 when every value is 0).
enum class AxisValues { Counts, Any };

// A round value (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at least 10% above
// `largest`, with the rules of `values`.
double axis_maximum(double largest, AxisValues values = AxisValues::Counts);

struct StepPoint {
    double x, y;
};

// A polyline through (x, y) samples drawn as steps: each value holds until the next x, then the
// line goes straight up or down. Several samples on one x keep the largest (one per pixel).
std::vector<StepPoint> step_points(const std::vector<StepPoint>& samples);

}  // namespace queuelab::lab
