#include "lesson_browser.h"

#include <imgui.h>

#include <algorithm>
#include <set>

#include "widgets.h"

namespace queuelab::gui {
namespace {

using lab::LessonStatus;

ImVec4 status_colour(LessonStatus status) {
    switch (status) {
        case LessonStatus::NotStarted: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
        case LessonStatus::InProgress: return colours::changed_text();
        case LessonStatus::Done: return colours::better();
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// A text field editing `text` in place.
void input(const char* id, std::string& text) {
    char buffer[1024];
    text.copy(buffer, sizeof buffer - 1);
    buffer[std::min(text.size(), sizeof buffer - 1)] = '\0';
    if (ImGui::InputText(id, buffer, sizeof buffer)) text = buffer;
}

}  // namespace

void LessonBrowser::draw(lab::LessonSession& session) {
    ImGui::TextUnformatted("Lessons");
    TextDisabledWrapped("Two weeks of daily lessons: read, study, practise, then take the challenge.");
    ImGui::Spacing();
    draw_lessons(session);
    ImGui::Spacing();
    draw_progress_file(session);
}

void LessonBrowser::draw_lessons(lab::LessonSession& session) {
    std::set<int> weeks;
    for (const auto& lesson : session.catalog().lessons) weeks.insert(lesson.week);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
    for (const int week : weeks) {
        ImGui::PushID(week);
        ImGui::TextDisabled("Week %d", week);
        if (ImGui::BeginTable("days", 3, flags)) {
            ImGui::TableSetupColumn("day", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("title", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed);
            for (const auto& lesson : session.catalog().lessons) {
                if (lesson.week != week) continue;
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                const std::string label = "Day " + std::to_string(lesson.day) + "##" + lesson.id;
                if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) session.open(lesson.id);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextWrapped("%s", lesson.title.c_str());
                ImGui::TableSetColumnIndex(2);
                const LessonStatus status = session.status(lesson);
                ImGui::TextColored(status_colour(status), "%s", lab::lesson_status_name(status));
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
    for (const auto& error : session.catalog().errors) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
        ImGui::TextWrapped("%s", error.c_str());
        ImGui::PopStyleColor();
    }
}

void LessonBrowser::draw_progress_file(lab::LessonSession& session) {
    if (!session.progress_problem().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
        ImGui::TextWrapped("%s", session.progress_problem().c_str());
        ImGui::PopStyleColor();
        if (ImGui::SmallButton("dismiss")) session.dismiss_progress_problem();
    }
    if (!ImGui::CollapsingHeader("Your progress file")) return;
    ImGui::TextWrapped("Saved as you go in %s", session.progress_file().string().c_str());
    const float field = ImGui::GetContentRegionAvail().x - em(7.0f);
    ImGui::SetNextItemWidth(field);
    input("##export", export_path_);
    ImGui::SameLine();
    if (ImGui::Button("Export", ImVec2(em(6.0f), 0))) {
        const std::string error = session.export_progress(export_path_);
        message_ = error.empty() ? "Exported to " + export_path_ : error;
    }
    ImGui::SetNextItemWidth(field);
    input("##import", import_path_);
    ImGui::SameLine();
    if (ImGui::Button("Import", ImVec2(em(6.0f), 0))) {
        const std::string error = session.import_progress(import_path_);
        message_ = error.empty() ? "Imported from " + import_path_ + "; it replaces the progress you had" : error;
    }
    if (!confirm_reset_) {
        if (ImGui::Button("Reset all progress")) confirm_reset_ = true;
    } else {
        ImGui::TextUnformatted("Forget every lesson's work, results and hints?");
        if (ImGui::Button("Yes, reset")) {
            session.reset_progress();
            message_ = "Progress reset";
            confirm_reset_ = false;
        }
        ImGui::SameLine();
        if (ImGui::Button("No")) confirm_reset_ = false;
    }
    if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
}

}  // namespace queuelab::gui
