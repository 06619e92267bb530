#include "widgets.h"

#include <algorithm>
#include <array>

namespace queuelab::gui {

void HelpTooltip(const char* text) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void HelpMarker(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) HelpTooltip(text);
}

void ItemTooltip(const char* text) {
    if (ImGui::IsItemHovered()) HelpTooltip(text);
}

float em(float count) { return ImGui::GetFontSize() * count; }

namespace colours {

ImU32 rgb(lab::Rgb colour) { return IM_COL32(colour.r, colour.g, colour.b, 255); }
ImU32 role(lab::Role role) { return rgb(lab::role_colour(role)); }

ImU32 receive_count(std::uint32_t count) {
    static const std::array<ImU32, kReceiveCountSteps> palette = {
        IM_COL32(150, 175, 215, 255),  // 0: never received
        IM_COL32(95, 205, 125, 255),   // 1
        IM_COL32(235, 205, 70, 255),   // 2
        IM_COL32(245, 145, 55, 255),   // 3
        IM_COL32(230, 75, 65, 255),    // 4
        IM_COL32(205, 95, 215, 255),   // 5 or more
    };
    return palette[std::min<std::size_t>(count, palette.size() - 1)];
}

ImU32 text() { return IM_COL32(230, 232, 238, 255); }
ImU32 dim_text() { return IM_COL32(150, 155, 170, 255); }
ImU32 panel() { return IM_COL32(36, 40, 50, 255); }
ImU32 panel_border() { return IM_COL32(85, 92, 110, 255); }
ImU32 arrow() { return IM_COL32(130, 138, 160, 255); }
ImU32 polling() { return IM_COL32(70, 90, 120, 255); }
ImU32 collecting() { return IM_COL32(60, 150, 170, 255); }
ImU32 throttled() { return role(lab::Role::Throttled); }
ImU32 invoking() { return IM_COL32(70, 170, 95, 255); }
ImU32 in_flight() { return role(lab::Role::InFlight); }
ImU32 backing_off() { return IM_COL32(200, 140, 40, 255); }
ImU32 cold_start() { return IM_COL32(80, 140, 230, 255); }
ImU32 idle() { return IM_COL32(62, 68, 82, 255); }
ImU32 deleted() { return role(lab::Role::Deleted); }
ImU32 returned() { return role(lab::Role::Returned); }
ImU32 dead_lettered() { return role(lab::Role::DeadLetter); }
ImU32 redriven() { return role(lab::Role::Redriven); }
ImU32 error() { return role(lab::Role::Error); }
ImU32 selection() { return IM_COL32(255, 255, 255, 255); }
ImVec4 error_text() { return ImVec4(1.0f, 0.45f, 0.42f, 1.0f); }
ImVec4 changed_text() { return ImVec4(0.95f, 0.78f, 0.3f, 1.0f); }
ImVec4 better() { return ImVec4(0.45f, 0.85f, 0.5f, 1.0f); }
ImVec4 worse() { return ImVec4(1.0f, 0.5f, 0.45f, 1.0f); }
ImVec4 heading() { return ImVec4(0.62f, 0.80f, 1.0f, 1.0f); }

}  // namespace colours

void ReadOnlyText(const char* id, const std::string& text, ImVec2 size) {
    // ReadOnly: ImGui never writes to the buffer, so the string's own storage can be shown.
    ImGui::InputTextMultiline(id, const_cast<char*>(text.c_str()), text.size() + 1, size,
                              ImGuiInputTextFlags_ReadOnly);
}

void TextDisabledWrapped(const std::string& text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", text.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace queuelab::gui
