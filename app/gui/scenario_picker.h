#pragma once
// Opening a scenario: the example scenario files (lessons/scenarios/*.json) grouped by topic with
// their descriptions, and a
// path field for any other file. A broken file shows the CLI's one-line error and the previous
// scenario keeps running.

#include <string>
#include <vector>

#include "lab/lab_state.h"
#include "lab/scenario_catalog.h"

namespace queuelab::gui {

// The examples under topic headings, each with its description; a click opens one. Returns true
// when a scenario was opened. Shared by the picker and the welcome window.
bool draw_scenario_list(lab::LabState& lab, const std::vector<lab::ScenarioEntry>& entries);

class ScenarioPicker {
public:
    // A button showing the current scenario; it opens the picker.
    void draw(lab::LabState& lab);

private:
    void refresh_entries();
    void draw_popup(lab::LabState& lab);

    std::vector<lab::ScenarioEntry> entries_;
    std::string path_;
};

}  // namespace queuelab::gui
