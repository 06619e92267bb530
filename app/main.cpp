// queuelab: with a command (run, compare, bench, handlers) it is the command line; without one,
// or with only desktop-lab options (--scenario, --view, --speed, --screenshot …, see
// gui/gui_options.h), it opens the desktop lab.

#include <cstring>
#include <iostream>

#include "cli/cli.h"
#ifdef QUEUELAB_HAS_GUI
#include "gui/gui_app.h"
#endif

int main(int argc, char** argv) {
    const bool gui = argc == 1 || (argv[1][0] == '-' && std::strcmp(argv[1], "--help") != 0 &&
                                   std::strcmp(argv[1], "-h") != 0 && std::strcmp(argv[1], "--version") != 0);
    if (!gui) return queuelab::cli::run_cli(argc, argv);
#ifdef QUEUELAB_HAS_GUI
    return queuelab::gui::run_gui_from_args(argc, argv);
#else
    std::cerr << "queuelab: built without the desktop app; use `queuelab run SCENARIO.json`\n";
    return 1;
#endif
}
