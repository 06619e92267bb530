#pragma once
// Small pieces every view uses: the "(?)" help marker, the lab's colours and a read-only text box.
// Everything is sized in multiples of the font size. Text formatting is in lab/format.h.

#include <imgui.h>

#include <cstdint>
#include <string>

#include "lab/roles.h"

namespace queuelab::gui {

// A greyed "(?)" on the same line as the previous widget; hovering shows `text` wrapped at about
// 35 characters' width.
void HelpMarker(const char* text);

// A tooltip showing `text` wrapped like HelpMarker's, for markers drawn without a widget.
void HelpTooltip(const char* text);

// The previous item shows `text` as a tooltip when hovered.
void ItemTooltip(const char* text);

// Multiples of the current font size, for DPI-independent sizes.
float em(float count);

// The lab's colours, so every view tells the same story with them. A role's colour (visible, in
// flight, dead-letter queue, deleted, came back, redriven, throttled, error) comes from
// lab/roles.h and is the same in the topology, the charts and the legends.
namespace colours {
ImU32 rgb(lab::Rgb colour);
ImU32 role(lab::Role role);
ImU32 receive_count(std::uint32_t count);  // a message dot by ApproximateReceiveCount
inline constexpr int kReceiveCountSteps = 6;  // 0, 1, 2, 3, 4, 5+
ImU32 text();
ImU32 dim_text();
ImU32 panel();
ImU32 panel_border();
ImU32 arrow();
ImU32 polling();
ImU32 collecting();
ImU32 throttled();
ImU32 invoking();
ImU32 in_flight();
ImU32 backing_off();
ImU32 cold_start();
ImU32 idle();
ImU32 deleted();
ImU32 returned();
ImU32 dead_lettered();
ImU32 redriven();
ImU32 error();
ImU32 selection();
ImVec4 error_text();
ImVec4 changed_text();
ImVec4 better();
ImVec4 worse();
ImVec4 heading();  // lesson text's headings and titles
}  // namespace colours

// Greyed text wrapped at the edge of the window.
void TextDisabledWrapped(const std::string& text);

// A read-only, scrollable text box (for JSON and source code) filling `size`.
void ReadOnlyText(const char* id, const std::string& text, ImVec2 size);

}  // namespace queuelab::gui
