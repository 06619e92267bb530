#include "handler_source_view.h"

#include <imgui.h>

#include "builtin_handlers.h"
#include "lab/paths.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::project_root, lab::read_text_file;

void HandlerSourceView::open(const std::string& handler) {
    handler_ = handler;
    open_ = true;
    focus_ = true;
    const BuiltinHandler* builtin = find_builtin_handler(handler);
    if (builtin == nullptr) {
        path_.clear();
        source_ = "There is no built-in handler named " + handler + ".";
        return;
    }
    const auto root = project_root();
    path_ = builtin->source_file;
    const auto text = root.empty() ? std::nullopt : read_text_file(root / builtin->source_file);
    source_ = text ? *text
                   : "The source of " + handler + " (" + builtin->source_file +
                         ") is not here: the lab finds it under the project root, which holds lessons/scenarios.";
}

void HandlerSourceView::draw(ImFont* monospace) {
    if (!open_) return;
    ImGui::SetNextWindowSize(ImVec2(em(46.0f), em(36.0f)), ImGuiCond_FirstUseEver);
    if (focus_) ImGui::SetNextWindowFocus();
    focus_ = false;
    const std::string title = "Handler source: " + handler_ + "###handler source";
    if (ImGui::Begin(title.c_str(), &open_)) {
        if (const BuiltinHandler* builtin = find_builtin_handler(handler_)) {
            ImGui::TextWrapped("%s", builtin->summary.c_str());
        }
        ImGui::TextDisabled("%s (read-only)", path_.c_str());
        if (monospace != nullptr) ImGui::PushFont(monospace);
        ReadOnlyText("##source", source_, ImVec2(-FLT_MIN, -FLT_MIN));
        if (monospace != nullptr) ImGui::PopFont();
    }
    ImGui::End();
}

}  // namespace queuelab::gui
