#include "handler_source_view.h"

#include <imgui.h>

#include <filesystem>
#include <string_view>

#include "builtin_handlers.h"
#include "lab/paths.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::project_root, lab::read_text_file;

void HandlerSourceView::open(const std::string& handler) {
    handler_ = handler;
    open_ = true;
    focus_ = true;
    marked_line_ = 0;
    marked_message_.clear();
    const BuiltinHandler* builtin = find_builtin_handler(handler);
    if (builtin == nullptr) {
        path_.clear();
        summary_.clear();
        source_ = "There is no built-in handler named " + handler + ".";
        return;
    }
    summary_ = builtin->summary;
    const auto root = project_root();
    path_ = builtin->source_file;
    const auto text = root.empty() ? std::nullopt : read_text_file(root / builtin->source_file);
    source_ = text ? *text
                   : "The source of " + handler + " (" + builtin->source_file +
                         ") is not here: the lab finds it under the project root, which holds lessons/scenarios.";
}

void HandlerSourceView::open_file(const std::string& path, int line, const std::string& message) {
    handler_ = std::filesystem::path(path).filename().string();
    summary_.clear();
    path_ = path;
    open_ = true;
    focus_ = true;
    marked_line_ = line;
    marked_message_ = message;
    scroll_to_mark_ = line > 0;
    const auto text = read_text_file(path);
    source_ = text ? *text : "Cannot read " + path + ".";
}

void HandlerSourceView::draw_numbered_lines() {
    ImGui::BeginChild("##numbered source", ImVec2(-FLT_MIN, -FLT_MIN), true, ImGuiWindowFlags_HorizontalScrollbar);
    const float line_height = ImGui::GetTextLineHeightWithSpacing();
    std::string_view rest = source_;
    for (int number = 1; !rest.empty(); ++number) {
        const auto end = rest.find('\n');
        const std::string_view text = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        const bool marked = number == marked_line_;
        if (marked) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + ImGui::GetContentRegionAvail().x + ImGui::GetScrollMaxX() + em(40.0f), at.y + line_height),
                                                      IM_COL32(150, 40, 40, 140));
            if (scroll_to_mark_) ImGui::SetScrollHereY(0.35f);
        }
        ImGui::TextDisabled("%4d", number);
        ImGui::SameLine();
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        if (marked && !marked_message_.empty()) ItemTooltip(marked_message_.c_str());
    }
    scroll_to_mark_ = false;
    ImGui::EndChild();
}

void HandlerSourceView::draw(ImFont* monospace) {
    if (!open_) return;
    ImGui::SetNextWindowSize(ImVec2(em(46.0f), em(36.0f)), ImGuiCond_FirstUseEver);
    if (focus_) ImGui::SetNextWindowFocus();
    focus_ = false;
    const std::string title = "Handler source: " + handler_ + "###handler source";
    if (ImGui::Begin(title.c_str(), &open_)) {
        if (!summary_.empty()) ImGui::TextWrapped("%s", summary_.c_str());
        ImGui::TextDisabled("%s (read-only)", path_.c_str());
        if (marked_line_ > 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
            ImGui::TextWrapped("line %d: %s", marked_line_, marked_message_.c_str());
            ImGui::PopStyleColor();
        }
        if (monospace != nullptr) ImGui::PushFont(monospace);
        if (marked_line_ > 0) {
            draw_numbered_lines();
        } else {
            ReadOnlyText("##source", source_, ImVec2(-FLT_MIN, -FLT_MIN));
        }
        if (monospace != nullptr) ImGui::PopFont();
    }
    ImGui::End();
}

}  // namespace queuelab::gui
