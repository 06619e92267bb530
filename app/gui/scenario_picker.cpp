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
    entries_.clear();
    const auto root = project_root();
    std::error_code error;
    if (root.empty()) return;
    for (const auto& file : std::filesystem::directory_iterator(root / "lessons" / "scenarios", error)) {
        if (file.path().extension() != ".json") continue;
        Entry entry{file.path().string(), file.path().stem().string(), ""};
        if (const auto text = read_text_file(file.path())) {
            const auto document = sim::parse_json_text(*text, sim::DuplicateKeys::KeepLast);
            const auto string_at = [&](const char* key, const std::string& fallback) {
                if (!document || !document->is_object()) return fallback;
                const auto found = document->find(key);
                return found != document->end() && found->is_string() ? found->get<std::string>() : fallback;
            };
            entry.name = string_at("name", entry.name);
            entry.description = string_at("description", "");
        }
        entries_.push_back(std::move(entry));
    }
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
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
    ImGui::TextUnformatted("Lessons' scenarios");
    if (entries_.empty()) ImGui::TextDisabled("(none found under lessons/scenarios)");
    for (const auto& entry : entries_) {
        if (ImGui::Selectable(entry.name.c_str(), entry.path == lab.scenario_path(), 0, ImVec2(em(30.0f), 0))) {
            lab.open_scenario(entry.path);
            ImGui::CloseCurrentPopup();
        }
        ItemTooltip((entry.description.empty() ? entry.path : entry.description + "\n" + entry.path).c_str());
    }
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

}  // namespace queuelab::gui
