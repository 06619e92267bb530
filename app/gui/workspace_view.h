#pragma once
// The learner's handler workspace, at the top of the inspector: "New handler" from the SQS or
// Kinesis template into the data folder, the learner's handlers with "Open in editor" and their
// source, the background build's progress ("building order_handler.cpp…") and the compiler's
// errors as file:line:column: message, each opening the source at its line. The inspector's
// Handler choice lists the learner's handlers beside the built-ins (handler_choices). The logic is
// lab::Workspace (app/lab/workspace.h); this view only draws it and turns clicks into its commands.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "handler_source_view.h"
#include "lab/lab_state.h"
#include "lab/workspace.h"

namespace queuelab::gui {

class WorkspaceView {
public:
    // Enables the workspace, building with `builder` (which must outlive the view).
    void set_builder(runtime::HandlerBuilder& builder);
    // Every frame: watches the assigned sources, finishes builds, reruns.
    void update(lab::LabState& lab);
    void draw(lab::LabState& lab, HandlerSourceView& sources);
    // Inside the Handler combo of `function`: the learner's handlers; choosing one builds it and
    // then assigns it.
    void handler_choices(const sim::FunctionConfig& function, const std::string& scenario_dir);
    // A build is under way: keep rendering so its end is seen.
    bool animating() const { return workspace_ && workspace_->building(); }

private:
    void draw_new_handler();
    void draw_handler(const std::filesystem::path& file, HandlerSourceView& sources);
    void draw_build(HandlerSourceView& sources);
    void refresh_list(double now_s);

    std::optional<lab::Workspace> workspace_;
    std::vector<std::filesystem::path> handlers_;
    double listed_at_s_ = -1e300;
    std::string note_;        // the last command's outcome
    bool note_is_error_ = false;
};

}  // namespace queuelab::gui
