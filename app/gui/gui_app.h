#pragma once
// The desktop lab. For now a first window over the engine (issue 4 builds the full lab):
// it runs a scenario and shows its totals and queue depths.
//
//   queuelab [--scenario FILE] [--frames N --screenshot OUT.png]
//
// With --screenshot it renders N frames (default 3), writes the PNG and exits; this is how the
// GUI is tested under Xvfb. Without a display it says so and exits with code 1.

namespace queuelab::gui {

int run_gui_from_args(int argc, char** argv);

}  // namespace queuelab::gui
