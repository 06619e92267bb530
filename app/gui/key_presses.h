#pragma once
// Key presses as GLFW reports them, kept until the next frame reads them. ImGui 1.86 samples
// whether a key is down once a frame, so a tap shorter than a frame (about 12 ms, while the lab
// waits for input) was never seen; a press recorded here is never lost.

#include <vector>

namespace queuelab::gui {

class KeyPresses {
public:
    // From GLFW's key callback: a press or a repeat, without Ctrl, Alt or Super.
    void record(int key) { pending_.push_back(key); }
    // The presses since the last call, oldest first.
    std::vector<int> take() {
        std::vector<int> taken;
        taken.swap(pending_);
        return taken;
    }

private:
    std::vector<int> pending_;
};

// The lab's one queue, filled by the window's key callback (gui_app.cpp).
KeyPresses& key_presses();

}  // namespace queuelab::gui
