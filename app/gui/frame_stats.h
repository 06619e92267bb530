#pragma once
// CPU time per frame of the main thread, over the last frames, shown as a small overlay. Two
// figures: building the frame (advancing the engines and laying out every view) and the whole
// frame including handing the draw lists to OpenGL (large under a software renderer such as
// Xvfb's llvmpipe, which shades vertices on the calling thread). Waiting for events, vsync and
// other processes are not counted.

#include <array>
#include <cstddef>

namespace queuelab::gui {

class FrameStats {
public:
    static constexpr std::size_t kFrames = 600;

    // One frame's costs in milliseconds.
    void add(double build_ms, double total_ms);
    std::size_t frames() const { return build_.count(); }

    struct Figures {
        double last, mean, p99;
    };
    Figures build() const { return build_.figures(); }
    Figures total() const { return total_.figures(); }

    // A line of text in the bottom-right corner of the main viewport.
    void draw_overlay() const;

private:
    class Window {
    public:
        void add(double ms);
        std::size_t count() const { return count_; }
        Figures figures() const;

    private:
        std::array<double, kFrames> samples_{};
        std::size_t next_ = 0;
        std::size_t count_ = 0;
    };

    Window build_;
    Window total_;
};

}  // namespace queuelab::gui
