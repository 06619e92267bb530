#include "time_controls.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <string>

#include "lab/format.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::RunId, lab::format_duration;

void TimeControls::handle_shortcuts(LabState& lab, const std::vector<int>& keys) {
    if (ImGui::GetIO().WantTextInput) return;
    for (const int key : keys) {
        if (key == GLFW_KEY_SPACE) lab.toggle_play();
        if (key == GLFW_KEY_RIGHT) lab.step();
        if (key == GLFW_KEY_R) lab.restart();
    }
}

void TimeControls::draw(LabState& lab) {
    ImGui::BeginDisabled(!lab.has_scenario());
    if (ImGui::Button("\xE2\x86\xBA Restart")) lab.restart();  // ↺
    ItemTooltip(lab.has_pending_edits() ? "Restart from virtual time 0 with the same seed, applying your edits (R)"
                                        : "Restart from virtual time 0 with the same seed (R)");
    ImGui::SameLine();
    const char* play = lab.playing ? "\xE2\x96\xAE\xE2\x96\xAE Pause" : "\xE2\x96\xB6 Play";  // ▮▮ / ▶
    if (ImGui::Button(play, ImVec2(em(5.5f), 0))) lab.toggle_play();
    ItemTooltip(lab.playing ? "Pause virtual time (space)" : "Run in virtual time at the chosen speed (space)");
    ImGui::SameLine();
    if (ImGui::Button("Step \xE2\x86\x92")) lab.step();  // →
    ItemTooltip("Run to the next event that changes a message or starts an invocation (\xE2\x86\x92)");
    ImGui::SameLine();
    ImGui::BeginDisabled(lab.as_fast_as_possible);
    float speed = static_cast<float>(lab.speed);
    ImGui::SetNextItemWidth(em(9.0f));
    if (ImGui::SliderFloat("##speed", &speed, 1.0f, 1000.0f, "%.0f\xC3\x97 speed", ImGuiSliderFlags_Logarithmic)) {
        lab.speed = speed;
    }
    ItemTooltip("Virtual seconds per real second: 1\xC3\x97 to 1000\xC3\x97. Ctrl+click to type a value.");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox("as fast as possible", &lab.as_fast_as_possible);
    ItemTooltip("Run events as fast as the CPU allows, still drawing every frame");
    ImGui::SameLine();
    draw_seed(lab);
    ImGui::EndDisabled();
    if (!lab.has_scenario()) return;
    ImGui::SameLine();
    // The clock goes on the next line rather than past the window's edge.
    const auto& a = *lab.run(RunId::A).engine;
    const std::string widest = "t = " + format_duration(lab.now()) + " of " + format_duration(a.end_time()) + "  drained at " +
                               format_duration(a.now());
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(widest.c_str()).x) ImGui::NewLine();
    draw_clock(lab);
}

void TimeControls::draw_seed(LabState& lab) {
    if (!editing_seed_ && lab.has_scenario()) seed_edit_ = lab.run(RunId::A).engine->scenario().seed;
    ImGui::TextUnformatted("seed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(6.0f));
    if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed_edit_, nullptr, nullptr, "%llu",
                           ImGuiInputTextFlags_EnterReturnsTrue)) {
        const auto error = lab.set_seed(seed_edit_);
        if (!error.empty()) lab.last_error = error;
    }
    editing_seed_ = ImGui::IsItemActive();
    ItemTooltip("The seed of every random choice (ids, short-poll sampling, handler failure rates). "
                "Same scenario + same seed = the same run. Enter restarts with it.");
}

void TimeControls::draw_clock(const LabState& lab) {
    const auto& a = *lab.run(RunId::A).engine;
    std::string clock = "t = " + format_duration(lab.now()) + " of " + format_duration(a.end_time());
    ImGui::TextUnformatted(clock.c_str());
    ImGui::SameLine();
    if (a.ended()) {
        const std::string& reason = a.end_reason();
        if (reason == "drained" || reason == "duration") {
            const std::string ended = reason == "drained" ? "drained at " + format_duration(a.now()) : "stopped at duration_s";
            ImGui::TextColored(colours::better(), "%s", ended.c_str());
        } else {
            const std::string stopped = "stopped by its " + std::string(reason == "work_budget" ? "work" : "memory") + " budget";
            ImGui::TextColored(colours::worse(), "%s", stopped.c_str());
            ItemTooltip(reason == "work_budget"
                            ? "More events at one virtual instant than the service limit max_events_per_instant, e.g. a "
                              "message moved back and forth between dead-letter queues (docs/aws-rules.md 5.28)."
                            : "More kept in memory than the service limit max_stored_bytes (docs/aws-rules.md 5.28).");
        }
    } else {
        ImGui::TextDisabled("%s", lab.playing ? "playing" : "paused");
    }
    ItemTooltip("Virtual time: the simulator never reads a wall clock. A run ends when nothing more can happen "
                "(drained), at duration_s, or when it would pass its work or memory budget.");
}

}  // namespace queuelab::gui
