#include "chart_scale.h"

#include <algorithm>
#include <cmath>

namespace queuelab::lab {

double axis_maximum(double largest, AxisValues values) {
    const bool counts = values == AxisValues::Counts;
    if (!counts && largest <= 0) return 1;
    const double wanted = counts ? std::max(largest * 1.1, 2.0) : largest * 1.1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
    for (const double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (counts && magnitude == 1 && step != std::floor(step)) continue;  // below 10: whole numbers, as counts are
        if (wanted <= step * magnitude * (1 + 1e-12)) return step * magnitude;
    }
    return 10 * magnitude;
}

std::vector<StepPoint> step_points(const std::vector<StepPoint>& samples) {
    std::vector<StepPoint> merged;
    for (const auto& sample : samples) {
        if (!merged.empty() && merged.back().x == sample.x) {
            merged.back().y = std::max(merged.back().y, sample.y);
        } else {
            merged.push_back(sample);
        }
    }
    std::vector<StepPoint> points;
    points.reserve(merged.size() * 2);
    for (const auto& point : merged) {
        if (!points.empty() && points.back().y != point.y) points.push_back({point.x, points.back().y});
        points.push_back(point);
    }
    return points;
}

}  // namespace queuelab::lab
