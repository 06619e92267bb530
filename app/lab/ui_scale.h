#pragma once
// How large the lab draws its text and sizes: the monitor's content scale (GLFW) times a zoom the
// learner picks, or "auto" (zoom 0), which follows the window's height: 1 at 1000 pixels (the
// default window), a little smaller for a 720-pixel window, up to 2 for a 2000-pixel one.

#include <array>

namespace queuelab::lab {

// The zooms the lab offers; 0 is "auto".
inline constexpr std::array<float, 7> kZoomChoices = {0.0f, 0.75f, 0.875f, 1.0f, 1.25f, 1.5f, 2.0f};

// The scale for fonts and sizes (font pixels = 16 × this), in steps of 1/8 so that resizing a
// window does not rebuild the fonts at every pixel. A zoom out of range counts as auto.
float ui_scale(float content_scale, float zoom, int window_height_pixels);

}  // namespace queuelab::lab
