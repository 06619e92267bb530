#include "ui_scale.h"

#include <algorithm>
#include <cmath>

namespace queuelab::lab {

float ui_scale(float content_scale, float zoom, int window_height_pixels) {
    const float monitor = content_scale > 0.25f && content_scale < 8.0f ? content_scale : 1.0f;
    if (zoom >= 0.5f && zoom <= 4.0f) return monitor * zoom;
    const float logical_height = static_cast<float>(std::max(window_height_pixels, 1)) / monitor;
    const float automatic = std::clamp(logical_height / 1000.0f, 0.875f, 2.0f);
    return monitor * std::round(automatic * 8.0f) / 8.0f;
}

}  // namespace queuelab::lab
