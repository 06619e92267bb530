// A key tapped faster than a frame (about 12 ms, press and release between two frames) still
// reaches the lab's shortcuts: presses are queued from GLFW's callback, not sampled (issue 16).

#include <catch2/catch.hpp>

#include "gui/key_presses.h"

TEST_CASE("a tap between two frames is kept until the next frame takes it, once", "[gui]") {
    queuelab::gui::KeyPresses presses;
    presses.record(32);  // space: pressed and already released before the frame
    presses.record(262);
    CHECK(presses.take() == std::vector<int>{32, 262});
    CHECK(presses.take().empty());
}
