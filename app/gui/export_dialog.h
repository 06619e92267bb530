#pragma once
// "Export…" (docs/export.md): the running scenario's function, with the lab's edits, exported as
// a project for Lambda into a folder the learner types. A folder that has files is replaced only
// after asking. The export runs at once: it reruns the scenario and writes the files; a learner's
// source is already built. A handler that has not passed its tests is not exported, and the
// dialog says why.

#include <string>

#include "lab/lab_state.h"

namespace queuelab::gui {

class ExportDialog {
public:
    // The button that opens the dialog.
    void draw(lab::LabState& lab);

private:
    void draw_popup(lab::LabState& lab);
    void start_export(lab::LabState& lab, bool force);

    std::string folder_;
    std::string function_;
    bool confirm_overwrite_ = false;
    std::string outcome_;  // what the last export did, or why it did not
    bool failed_ = false;
};

}  // namespace queuelab::gui
