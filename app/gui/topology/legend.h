#pragma once
// The topology's legends: swatches and labels in groups, wrapped to the width they are given.

#include <vector>

#include "canvas.h"

namespace queuelab::gui::topology {

// Swatches and labels in groups, left to right. A group that does not fit on the rest of a row
// starts the next row; a group wider than a whole row wraps between its items.
class Legend {
public:
    void label(const char* text) { groups_.back().push_back(Item{text, 0, Shape::None}); }
    void swatch(ImU32 colour, const char* text, bool round) {
        groups_.back().push_back(Item{text, colour, round ? Shape::Dot : Shape::Square});
    }
    void gap() { groups_.emplace_back(); }

    // The height of the rows it takes within `width`.
    float height(float width) const {
        return lay_out(0, width, 0, [](const Item&, ImVec2) {}) + row_height();
    }
    void draw(ImDrawList* draw_list, Box area) const {
        lay_out(area.min.x, area.max.x, area.min.y + em(0.1f), [&](const Item& item, ImVec2 at) {
            const ImVec2 c(at.x + em(0.35f), at.y + em(0.45f));
            if (item.shape == Shape::Dot) draw_list->AddCircleFilled(c, em(0.32f), item.colour, 12);
            if (item.shape == Shape::Square) {
                draw_list->AddRectFilled(ImVec2(c.x - em(0.35f), c.y - em(0.35f)), ImVec2(c.x + em(0.35f), c.y + em(0.35f)),
                                         item.colour, em(0.1f));
            }
            const float text_x = at.x + (item.shape == Shape::None ? 0 : em(0.9f));
            text_in(draw_list, area, ImVec2(text_x, at.y), colours::dim_text(), item.text, kScale);
        });
    }

private:
    enum class Shape { None, Square, Dot };
    struct Item {
        const char* text;
        ImU32 colour;
        Shape shape;
    };
    static constexpr float kScale = 0.85f;

    static float row_height() { return em(1.2f); }
    static float spacing() { return em(0.6f); }
    static float item_width(const Item& item) {
        return (item.shape == Shape::None ? 0 : em(0.9f)) + text_width(item.text, kScale) + spacing();
    }
    static float group_width(const std::vector<Item>& group) {
        float w = 0;
        for (const auto& item : group) w += item_width(item);
        return w;
    }
    // Calls place(item, its top left) for every item; returns the top of the last row.
    template <typename Place>
    float lay_out(float left, float right, float top, Place place) const {
        ImVec2 at(left, top);
        const auto new_row_unless_fits = [&](float w) {  // the last item's spacing may pass `right`
            if (at.x > left && at.x + w - spacing() > right) at = ImVec2(left, at.y + row_height());
        };
        for (const auto& group : groups_) {
            if (at.x > left) at.x += em(1.0f);
            new_row_unless_fits(group_width(group));
            for (const auto& item : group) {
                new_row_unless_fits(item_width(item));
                place(item, at);
                at.x += item_width(item);
            }
        }
        return at.y - top;
    }

    std::vector<std::vector<Item>> groups_{1};
};

// The message dots' colours (receive count) and the pollers' activities.
Legend message_legend();
// The states of a shard's records and the consumers' activities.
Legend stream_legend();

}  // namespace queuelab::gui::topology
