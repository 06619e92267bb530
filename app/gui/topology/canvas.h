#pragma once
// Geometry and drawing helpers the topology's sections share: boxes cut into columns and rows,
// text clipped to a box, panels and arrows, and grids that place dots or cells in a box. Sizes
// are in em (multiples of the font size).

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

#include "gui/widgets.h"
#include "sim_time.h"
#include "topology_view.h"

namespace queuelab::gui::topology {

using Box = TopologyView::Box;

inline float width(Box b) { return b.max.x - b.min.x; }
inline float height(Box b) { return b.max.y - b.min.y; }
inline ImVec2 centre(Box b) { return ImVec2((b.min.x + b.max.x) / 2, (b.min.y + b.max.y) / 2); }
inline bool contains(Box b, ImVec2 p) { return p.x >= b.min.x && p.x < b.max.x && p.y >= b.min.y && p.y < b.max.y; }

// The part of `b` from fraction `from` to `to` of its width.
inline Box columns(Box b, float from, float to) {
    return Box{ImVec2(b.min.x + width(b) * from, b.min.y), ImVec2(b.min.x + width(b) * to, b.max.y)};
}
// The part of `b` from fraction `from` to `to` of its height.
inline Box rows(Box b, float from, float to) {
    return Box{ImVec2(b.min.x, b.min.y + height(b) * from), ImVec2(b.max.x, b.min.y + height(b) * to)};
}
// `b` without its top `offset`.
inline Box below(Box b, float offset) { return Box{ImVec2(b.min.x, std::min(b.max.y, b.min.y + offset)), b.max}; }
inline Box shrink(Box b, float by) {
    return Box{ImVec2(b.min.x + by, b.min.y + by), ImVec2(std::max(b.min.x + by, b.max.x - by), std::max(b.min.y + by, b.max.y - by))};
}

// Recent: within the last virtual second, or the last frame's worth of time at high speed.
bool recent(sim::SimTime event, sim::SimTime now);

float text_width(const std::string& text, float scale);
void text_in(ImDrawList* draw_list, Box clip, ImVec2 at, ImU32 colour, const std::string& text, float scale = 1.0f);
// Several lines of text, one under the other, starting at `at`; returns the y below them.
float text_lines(ImDrawList* draw_list, Box clip, ImVec2 at, std::initializer_list<std::pair<ImU32, std::string>> lines,
                 float scale = 1.0f);
// `full` when it fits `room` at `scale`, else `brief` (which text_in elides if need be).
std::string fitting(const std::string& full, const std::string& brief, float room, float scale);
// "1 lost", "3 errors".
std::string plural(std::int64_t n, const char* one, const char* many);

void panel(ImDrawList* draw_list, Box b, ImU32 border = colours::panel_border());
void arrow_head(ImDrawList* draw_list, ImVec2 tip, ImVec2 direction, ImU32 colour);
// A straight arrow with a label above its middle; `lit` draws it thicker.
void arrow(ImDrawList* draw_list, ImVec2 from, ImVec2 to, ImU32 colour, const std::string& label, bool lit);

// A grid that places one dot after another inside a box.
struct DotArea {
    Box box;
    float spacing = 0;
    int columns = 1;
    int capacity = 0;
    int placed = 0;
    std::int64_t count = 0;  // messages that belong here

    bool full() const { return placed >= capacity || placed >= count; }
    ImVec2 next() {
        const int row = placed / columns, column = placed % columns;
        ++placed;
        return ImVec2(box.min.x + spacing * (static_cast<float>(column) + 0.5f),
                      box.min.y + spacing * (static_cast<float>(row) + 0.5f));
    }
    float radius() const { return spacing * 0.36f; }
};

// Dots as large as `count` of them allow in `box`, within bounds.
DotArea make_area(Box box, std::int64_t count);

// A place inside `b` that depends only on the message, so dots landing there spread out.
ImVec2 scatter(Box b, std::uint32_t message);

// Cells for `count` items inside `area`: rows with text when they fit, else a grid of squares.
struct CellLayout {
    bool as_rows = false;
    float cell_width = 0, cell_height = 0;
    int columns = 1;

    Box cell(Box area, int index) const {
        const int row = index / columns, column = index % columns;
        const ImVec2 min(area.min.x + static_cast<float>(column) * cell_width,
                         area.min.y + static_cast<float>(row) * cell_height);
        const float gap = as_rows ? em(0.2f) : std::max(1.0f, cell_width * 0.15f);
        return Box{min, ImVec2(min.x + cell_width - gap, min.y + cell_height - gap)};
    }
};

CellLayout layout_cells(Box area, int count);

}  // namespace queuelab::gui::topology
