#pragma once
// Play, pause, step, restart, speed and seed, and the virtual clock. Keyboard: space plays or
// pauses, → steps, R restarts (when no text field has the keyboard).

#include <cstdint>
#include <vector>

#include "lab/lab_state.h"

namespace queuelab::gui {

class TimeControls {
public:
    void draw(lab::LabState& lab);
    // `keys`: GLFW keys pressed since the last frame (key_presses.h).
    static void handle_shortcuts(lab::LabState& lab, const std::vector<int>& keys);

private:
    void draw_seed(lab::LabState& lab);
    static void draw_clock(const lab::LabState& lab);

    std::uint64_t seed_edit_ = 0;
    bool editing_seed_ = false;
};

}  // namespace queuelab::gui
