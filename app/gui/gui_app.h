#pragma once
// The desktop lab's entry point: opens the window, runs the lab, saves settings on exit.
// Options: gui_options.h. Without a display it says so and exits with code 1.

namespace queuelab::gui {

int run_gui_from_args(int argc, char** argv);

}  // namespace queuelab::gui
