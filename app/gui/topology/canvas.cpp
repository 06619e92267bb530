#include "canvas.h"

#include <cmath>

#include "lab/format.h"

namespace queuelab::gui::topology {

bool recent(sim::SimTime event, sim::SimTime now) {
    return event >= 0 && now - event <= sim::kMicrosPerSecond;
}

float text_width(const std::string& text, float scale) {
    return ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text.c_str()).x;
}

namespace {

// The longest start of `text` that fits `room` with "…" after it, cut after a word when one fits.
std::string elided(const std::string& text, float room, float scale) {
    static const std::string kEllipsis = "\xE2\x80\xA6";
    std::size_t end = text.size();
    std::size_t last_fit_at_word = std::string::npos;
    std::size_t last_fit = 0;
    for (std::size_t cut = 1; cut <= end; ++cut) {
        if (cut < end && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) continue;  // inside a UTF-8 character
        if (text_width(text.substr(0, cut) + kEllipsis, scale) > room) break;
        last_fit = cut;
        if (cut < end && text[cut] == ' ') last_fit_at_word = cut;
    }
    const std::size_t keep = last_fit_at_word != std::string::npos && last_fit_at_word * 2 >= last_fit ? last_fit_at_word : last_fit;
    return text.substr(0, keep) + kEllipsis;
}

}  // namespace

// Text wider than its box is elided with "…" and shows in full when hovered; a line below the
// box is left out. What is drawn also goes to ImGui's log, so --text-dump lists it.
void text_in(ImDrawList* draw_list, Box clip, ImVec2 at, ImU32 colour, const std::string& text, float scale) {
    if (text.empty()) return;
    const float size = ImGui::GetFontSize() * scale;
    if (at.y + size * 0.8f > clip.max.y) return;
    const float room = clip.max.x - at.x;
    const float full = text_width(text, scale);
    const std::string shown = full <= room + 0.5f ? text : elided(text, room, scale);
    draw_list->PushClipRect(clip.min, clip.max, true);
    draw_list->AddText(ImGui::GetFont(), size, at, colour, shown.c_str());
    draw_list->PopClipRect();
    ImGui::LogText("%s\n", shown.c_str());
    if (shown.size() != text.size() && ImGui::IsMouseHoveringRect(at, ImVec2(clip.max.x, at.y + size))) HelpTooltip(text.c_str());
}

float text_lines(ImDrawList* draw_list, Box clip, ImVec2 at, std::initializer_list<std::pair<ImU32, std::string>> lines,
                 float scale) {
    for (const auto& [colour, text] : lines) {
        text_in(draw_list, clip, at, colour, text, scale);
        at.y += ImGui::GetFontSize() * scale * 1.15f;
    }
    return at.y;
}

std::string fitting(const std::string& full, const std::string& brief, float room, float scale) {
    return text_width(full, scale) <= room ? full : brief;
}

std::string plural(std::int64_t n, const char* one, const char* many) {
    return lab::format_count(n) + " " + (n == 1 ? one : many);
}

void panel(ImDrawList* draw_list, Box b, ImU32 border) {
    draw_list->AddRectFilled(b.min, b.max, colours::panel(), em(0.35f));
    draw_list->AddRect(b.min, b.max, border, em(0.35f), 0, 1.5f);
}

void arrow_head(ImDrawList* draw_list, ImVec2 tip, ImVec2 direction, ImU32 colour) {
    const float length = std::sqrt(direction.x * direction.x + direction.y * direction.y);
    if (length <= 0) return;
    const ImVec2 d(direction.x / length, direction.y / length);
    const float size = em(0.5f);
    const ImVec2 back(tip.x - d.x * size, tip.y - d.y * size);
    const ImVec2 side(-d.y * size * 0.5f, d.x * size * 0.5f);
    draw_list->AddTriangleFilled(tip, ImVec2(back.x + side.x, back.y + side.y), ImVec2(back.x - side.x, back.y - side.y), colour);
}

void arrow(ImDrawList* draw_list, ImVec2 from, ImVec2 to, ImU32 colour, const std::string& label, bool lit) {
    const float thickness = lit ? 3.0f : 1.5f;
    draw_list->AddLine(from, to, colour, thickness);
    arrow_head(draw_list, to, ImVec2(to.x - from.x, to.y - from.y), colour);
    if (label.empty()) return;
    const float scale = 0.8f;
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, label.c_str());
    const ImVec2 at((from.x + to.x) / 2 - size.x / 2, (from.y + to.y) / 2 - size.y - em(0.15f));
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, colours::dim_text(), label.c_str());
}

DotArea make_area(Box box, std::int64_t count) {
    DotArea area;
    area.box = box;
    area.count = count;
    const float min_spacing = em(0.55f), max_spacing = em(1.3f);
    const float room = std::max(0.0f, width(box) * height(box));
    area.spacing = std::clamp(std::sqrt(room / static_cast<float>(std::max<std::int64_t>(count, 1))) * 0.9f,
                              min_spacing, max_spacing);
    area.columns = std::max(1, static_cast<int>(width(box) / area.spacing));
    area.capacity = area.columns * std::max(0, static_cast<int>(height(box) / area.spacing));
    return area;
}

ImVec2 scatter(Box b, std::uint32_t message) {
    const std::uint32_t h = message * 2654435761u;
    const float fx = static_cast<float>(h & 0xFFFF) / 65535.0f, fy = static_cast<float>(h >> 16) / 65535.0f;
    const Box inner = shrink(b, em(0.6f));
    return ImVec2(inner.min.x + width(inner) * fx, inner.min.y + height(inner) * (0.35f + 0.6f * fy));
}

CellLayout layout_cells(Box area, int count) {
    CellLayout layout;
    const float row_height = em(1.5f);
    if (count <= 0) return layout;
    if (static_cast<float>(count) * row_height <= height(area)) {
        layout.as_rows = true;
        layout.cell_width = width(area);
        layout.cell_height = row_height;
        return layout;
    }
    float side = std::sqrt(width(area) * height(area) / static_cast<float>(count));
    while (side > 2.0f && static_cast<int>(width(area) / side) * static_cast<int>(height(area) / side) < count) side *= 0.95f;
    layout.cell_width = layout.cell_height = std::max(side, 2.0f);
    layout.columns = std::max(1, static_cast<int>(width(area) / layout.cell_width));
    return layout;
}

}  // namespace queuelab::gui::topology
