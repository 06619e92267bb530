#pragma once
// CPU time per frame over the last frames, shown as a small overlay and printed by --frame-stats.
// Three figures per frame:
//   build  — this thread advancing the engines and laying out every view;
//   frame  — this thread's whole frame: build, handing the draw lists to OpenGL, swapping;
//   all    — every thread of the process, which under a software renderer such as Xvfb's
//            llvmpipe includes its rasteriser threads.
// A frame runs from one begin_frame() to the next; time spent asleep waiting for events costs no
// CPU and so is not counted.

#include <array>
#include <cstddef>

namespace queuelab::gui {

class FrameStats {
public:
    static constexpr std::size_t kFrames = 600;

    // Closes the previous frame (if any) and starts the next.
    void begin_frame();
    // The frame is laid out: what follows is OpenGL and the swap.
    void frame_built();

    std::size_t frames() const { return frame_.count(); }

    struct Figures {
        double last, mean, p99;
    };
    Figures build() const { return build_.figures(); }
    Figures frame() const { return frame_.figures(); }
    Figures all_threads() const { return all_threads_.figures(); }

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
    Window frame_;
    Window all_threads_;
    double thread_started_ = -1;
    double process_started_ = -1;
    double built_ = 0;
};

}  // namespace queuelab::gui
