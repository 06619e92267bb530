#include "scenario_picker.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "json_text.h"
#include "lab/paths.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::RunId, lab::project_root, lab::read_text_file;

void ScenarioPicker::refresh_entries() {
    const auto root = project_root();
    entries_ = root.empty() ? std::vector<lab::ScenarioEntry>{} : lab::list_scenarios(root / "lessons" / "scenarios");
}

void ScenarioPicker::draw(LabState& lab) {
    const std::string name = lab.has_scenario() ? lab.run(RunId::A).engine->scenario().name : "no scenario";
    const std::string label = "Scenario: " + name + " \xE2\x96\xBE###scenario";  // ▾
    if (ImGui::Button(label.c_str())) {
        refresh_entries();
        path_ = lab.scenario_path();
        ImGui::OpenPopup("open scenario");
    }
    ItemTooltip(lab.has_scenario() ? lab.scenario_path().c_str() : "Open a scenario file");
    draw_popup(lab);
}

void ScenarioPicker::draw_popup(LabState& lab) {
    if (!ImGui::BeginPopup("open scenario")) return;
    ImGui::TextUnformatted("Example scenarios, by topic");
    if (entries_.empty()) ImGui::TextDisabled("(none found under lessons/scenarios)");
    ImGui::BeginChild("examples", ImVec2(em(44.0f), std::min(em(30.0f), ImGui::GetMainViewport()->WorkSize.y * 0.6f)), false);
    if (draw_scenario_list(lab, entries_)) ImGui::CloseCurrentPopup();
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::TextUnformatted("Any scenario file");
    ImGui::SetNextItemWidth(em(30.0f));
    const bool entered = ImGui::InputTextWithHint("##path", "path/to/scenario.json", &path_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Open") || entered) {
        if (lab.open_scenario(path_)) ImGui::CloseCurrentPopup();
    }
    if (!lab.last_error.empty()) {
        ImGui::PushTextWrapPos(em(36.0f));
        ImGui::TextColored(colours::error_text(), "%s", lab.last_error.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndPopup();
}

bool draw_scenario_list(LabState& lab, const std::vector<lab::ScenarioEntry>& entries) {
    bool opened = false;
    std::string topic;
    for (const auto& entry : entries) {
        if (entry.topic != topic) {
            topic = entry.topic;
            ImGui::Spacing();
            ImGui::TextColored(colours::heading(), "%s", topic.c_str());
            ImGui::Separator();
        }
        ImGui::PushID(entry.path.c_str());
        if (ImGui::Selectable(entry.name.c_str(), entry.path == lab.scenario_path())) {
            opened = lab.open_scenario(entry.path);
        }
        ItemTooltip(entry.path.c_str());
        ImGui::Indent(em(1.0f));
        TextDisabledWrapped(entry.description.empty() ? "(no description)" : entry.description);
        ImGui::Unindent(em(1.0f));
        ImGui::PopID();
    }
    return opened;
}

}  // namespace queuelab::gui
