#include "gui_options.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli.h"
#include "json_reader.h"

namespace queuelab::gui {

std::optional<GuiOptions> parse_gui_options(int argc, char** argv, int& exit_code) {
    CLI::App app{"queuelab desktop lab"};
    GuiOptions options;
    app.add_option("--scenario", options.scenario_path, "scenario file to open");
    app.add_option("--view", options.view, "view to show: topology, charts, inspector, messages or compare")
        ->check(CLI::IsMember({"topology", "charts", "inspector", "messages", "compare"}));
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
    app.add_option("--frames", options.frames, "frames to render before --screenshot")->check(CLI::Range(1, 100000));
    app.add_option("--screenshot", options.screenshot_path, "write a PNG of the window after --frames and exit");
    app.add_flag("--frame-stats", options.frame_stats, "print CPU milliseconds per frame (mean, p99) on exit");
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
    return options;
}

}  // namespace queuelab::gui
