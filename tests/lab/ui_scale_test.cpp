// The lab's text and sizes follow the monitor's content scale and the zoom setting; "auto" grows
// them with the window so a 2560x1440 window is not drawn in 16-pixel text (issue 16, item 5).

#include <catch2/catch.hpp>

#include "lab/ui_scale.h"

using queuelab::lab::ui_scale;

TEST_CASE("auto zoom follows the window's height in eighths, times the monitor's content scale", "[lab]") {
    CHECK(ui_scale(1.0f, 0.0f, 1000) == 1.0f);    // the default window
    CHECK(ui_scale(1.0f, 0.0f, 720) == 0.875f);   // 1280x720: a little smaller, to fit
    CHECK(ui_scale(1.0f, 0.0f, 1440) == 1.5f);    // 2560x1440: 24-pixel text, not 16
    CHECK(ui_scale(1.0f, 0.0f, 4000) == 2.0f);
    CHECK(ui_scale(2.0f, 0.0f, 2000) == 2.0f);    // a HiDPI monitor's 1000 logical pixels
    CHECK(ui_scale(1.0f, 0.0f, 1400) == ui_scale(1.0f, 0.0f, 1410));  // small resizes keep the fonts
}

TEST_CASE("a chosen zoom overrides auto, and a zoom out of range counts as auto", "[lab]") {
    CHECK(ui_scale(1.0f, 1.25f, 720) == 1.25f);
    CHECK(ui_scale(2.0f, 0.75f, 720) == 1.5f);
    CHECK(ui_scale(1.0f, 17.0f, 1000) == 1.0f);
    CHECK(ui_scale(0.0f, 1.0f, 1000) == 1.0f);  // a monitor reporting no scale
}
