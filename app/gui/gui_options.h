#pragma once
// The desktop lab's command line:
//
//   queuelab [--scenario FILE] [--sweep RESULTS.csv [--sweep-y COLUMN] [--sweep-x KEY]] [--lesson ID[/TASK] [--lesson-run]]
//            [--view topology|charts|compare|sweep|lesson|inspector|messages] [--speed X]
//            [--at SECONDS] [--compare-set KEY=VALUE ...] [--select-message N] [--select-invocation N]
//            [--size WIDTHxHEIGHT] [--zoom Z] [--welcome] [--frames N --screenshot OUT.png [--text-dump OUT.txt]] [--frame-stats]
//
// With --screenshot it renders N frames (default 3), writes the PNG and exits: this is how the
// GUI is tested under Xvfb. --speed plays at that speed from the start; --at first runs to that
// virtual time. --lesson opens a lesson (day-06) in the side panel, on its Read page or on a task
// (day-06/turn-it-on); --lesson-run then runs that task (before --at). --text-dump also writes the
// text the last frame drew (ImGui's text log), so a test can tell which panels were shown.
// --sweep opens the CSV of `queuelab sweep --out` in the Sweep view, charting --sweep-y (a numeric
// column, default cost_usd) against --sweep-x (a varied key, default the first); the file is read
// before the window opens, and a bad file or axis is one line and exit code 2.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace queuelab::gui {

struct GuiOptions {
    std::string scenario_path;
    std::string sweep_path;  // --sweep RESULTS.csv
    std::optional<std::string> sweep_y;  // --sweep-y COLUMN: the metric on the y axis
    std::optional<std::string> sweep_x;  // --sweep-x KEY: the varied key on the x axis
    std::optional<std::string> view;
    std::optional<std::string> lesson;
    bool lesson_run = false;  // run the --lesson task with the saved work, as its Run button does
    std::optional<double> speed;
    std::optional<double> at_seconds;
    std::vector<std::string> compare_sets;
    std::optional<unsigned> select_message;
    std::optional<unsigned> select_invocation;
    std::optional<unsigned> select_record;
    std::optional<std::pair<int, int>> window_size;  // --size WIDTHxHEIGHT (alias --window-size)
    std::optional<float> zoom;                       // --zoom: 0 auto, else 0.5 to 4
    int frames = 3;
    std::string screenshot_path;
    std::string text_dump_path;
    bool welcome = false;      // show the first-run welcome even in screenshot mode
    bool frame_stats = false;  // print CPU ms per frame (mean, p99) on exit

    bool screenshot_mode() const { return !screenshot_path.empty(); }
};

// nullopt when the program should exit with `exit_code` (help: 0; bad options: 2, after one line on
// stderr).
std::optional<GuiOptions> parse_gui_options(int argc, char** argv, int& exit_code);

}  // namespace queuelab::gui
