#pragma once
// The desktop lab's command line:
//
//   queuelab [--scenario FILE] [--view topology|charts|inspector|messages|compare] [--speed X]
//            [--at SECONDS] [--compare-set KEY=VALUE ...] [--select-message N] [--select-invocation N]
//            [--frames N --screenshot OUT.png] [--frame-stats]
//
// With --screenshot it renders N frames (default 3), writes the PNG and exits: this is how the
// GUI is tested under Xvfb. --speed plays at that speed from the start; --at first runs to that
// virtual time.

#include <optional>
#include <string>
#include <vector>

namespace queuelab::gui {

struct GuiOptions {
    std::string scenario_path;
    std::optional<std::string> view;
    std::optional<double> speed;
    std::optional<double> at_seconds;
    std::vector<std::string> compare_sets;
    std::optional<unsigned> select_message;
    std::optional<unsigned> select_invocation;
    std::optional<unsigned> select_record;
    int frames = 3;
    std::string screenshot_path;
    bool frame_stats = false;  // print CPU ms per frame (mean, p99) on exit

    bool screenshot_mode() const { return !screenshot_path.empty(); }
};

// nullopt when the program should exit with `exit_code` (help: 0; bad options: 2, after one line on
// stderr).
std::optional<GuiOptions> parse_gui_options(int argc, char** argv, int& exit_code);

}  // namespace queuelab::gui
