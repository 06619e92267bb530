#include "gui_options.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "json_reader.h"
#include "settings.h"

namespace queuelab::gui {

std::optional<GuiOptions> parse_gui_options(int argc, char** argv, int& exit_code) {
    CLI::App app{"queuelab desktop lab"};
    GuiOptions options;
    app.add_option("--scenario", options.scenario_path, "scenario file to open");
    auto* sweep = app.add_option("--sweep", options.sweep_path, "a sweep's results to chart (the CSV of queuelab sweep --out)");
    app.add_option("--sweep-y", options.sweep_y, "the sweep's metric on the y axis: a numeric column (default cost_usd)")->needs(sweep);
    app.add_option("--sweep-x", options.sweep_x, "the sweep's varied key on the x axis, in full or its last part (default the first)")
        ->needs(sweep);
    app.add_option("--view", options.view, "view to show: topology, charts, compare, sweep, lesson, inspector or messages")
        ->check(CLI::IsMember({"topology", "charts", "compare", "sweep", "lesson", "inspector", "messages"}));
    auto* lesson = app.add_option("--lesson", options.lesson, "open a lesson beside the simulation: day-06, or a task of it: day-06/turn-it-on");
    app.add_flag("--lesson-run", options.lesson_run, "run the --lesson task with your saved work, as its Run button does")->needs(lesson);
    app.add_option("--speed", options.speed, "play from the start at this speed (virtual seconds per second)")
        ->check(CLI::Range(0.001, 1e9));
    const CLI::Validator virtual_seconds(
        [](std::string& text) -> std::string {
            double seconds = 0;
            const bool valid = CLI::detail::lexical_cast(text, seconds) && seconds >= 0 && seconds <= sim::kMaxVirtualSeconds;
            return valid ? std::string() : "expected a number of virtual seconds from 0 to " +
                                               sim::format_number(sim::kMaxVirtualSeconds) + ", got " + sim::quote(text);
        },
        "SECONDS");
    app.add_option("--at", options.at_seconds, "first run to this virtual time (seconds)")->check(virtual_seconds);
    app.add_option("--compare-set", options.compare_sets, "an override of compare run B, KEY=VALUE (repeatable)");
    app.add_option("--select-message", options.select_message, "select message number N (from 0)");
    app.add_option("--select-invocation", options.select_invocation, "select invocation number N (from 0)");
    app.add_option("--select-record", options.select_record, "select stream record number N (from 0)");
    std::string window_size;
    app.add_option("--size,--window-size", window_size,
                   "the window's size in pixels, e.g. 1280x720 (default: the last size, first 1600x1000)")
        ->check([](const std::string& text) {
            int width = 0, height = 0;
            char x = 0;
            std::istringstream in(text);
            const bool valid = (in >> width >> x >> height) && x == 'x' && in.eof() && valid_window_size(width, height);
            return valid ? std::string{} : "expected WIDTHxHEIGHT in pixels, 640x400 to 8192x8192, got " + text;
        });
    app.add_option("--zoom", options.zoom, "scale of text and sizes: 0 follows the window (default: the saved zoom)")
        ->check([](const std::string& text) {
            float zoom = -1;
            const bool valid = CLI::detail::lexical_cast(text, zoom) && (zoom == 0 || (zoom >= 0.5f && zoom <= 4.0f));
            return valid ? std::string{} : "expected 0 (auto) or a zoom from 0.5 to 4, got " + text;
        });
    app.add_option("--frames", options.frames, "frames to render before --screenshot")->check(CLI::Range(1, 100000));
    app.add_option("--screenshot", options.screenshot_path, "write a PNG of the window after --frames and exit");
    app.add_option("--text-dump", options.text_dump_path, "with --screenshot: also write the text of the last frame");
    app.add_flag("--welcome", options.welcome, "show the first-run welcome (it shows by itself on the first start)");
    app.add_flag("--frame-stats", options.frame_stats, "show the frame time, and print CPU milliseconds per frame (mean, p99) on exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        exit_code = app.exit(success);
        return std::nullopt;
    } catch (const CLI::ParseError& error) {
        std::cerr << cli::argument_error_line("queuelab", error.what()) << "\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (!window_size.empty()) {
        int width = 0, height = 0;
        char x = 0;
        std::istringstream(window_size) >> width >> x >> height;
        options.window_size = {width, height};
    }
    return options;
}

}  // namespace queuelab::gui
