#pragma once
// Opening a scenario: the lessons' scenario files (lessons/scenarios/*.json) in a list, and a
// path field for any other file. A broken file shows the CLI's one-line error and the previous
// scenario keeps running.

#include <string>
#include <vector>

#include "lab/lab_state.h"

namespace queuelab::gui {

class ScenarioPicker {
public:
    // A button showing the current scenario; it opens the picker.
    void draw(lab::LabState& lab);

private:
    struct Entry {
        std::string path;
        std::string name;
        std::string description;
    };
    void refresh_entries();
    void draw_popup(lab::LabState& lab);

    std::vector<Entry> entries_;
    std::string path_;
};

}  // namespace queuelab::gui
