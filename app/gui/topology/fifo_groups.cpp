#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui::topology {

using lab::format_count;

GroupRows draw_group_rows(ImDrawList* draw_list, const sim::SqsService& sqs, std::uint32_t queue, Box area) {
    GroupRows out;
    out.fifo = true;
    out.row_of_group.assign(sqs.group_count(queue), -1);
    std::vector<std::uint32_t> active;
    for (std::uint32_t g = 0; g < sqs.group_count(queue); ++g) {
        const auto view = sqs.group(queue, g);
        if (view.visible + view.in_flight > 0) active.push_back(g);
    }
    const float row_height = em(1.3f), spacing = em(0.85f), scale = 0.8f;
    const auto fit = static_cast<std::size_t>(std::max(0.0f, height(area) / row_height));
    const std::size_t shown = active.size() <= fit ? active.size() : (fit > 0 ? fit - 1 : 0);
    const auto row_box = [&](std::size_t i) {
        const float top = area.min.y + row_height * static_cast<float>(i);
        return Box{ImVec2(area.min.x, top), ImVec2(area.max.x, top + row_height - em(0.15f))};
    };
    for (std::size_t i = 0; i < shown; ++i) {
        const auto view = sqs.group(queue, active[i]);
        const Box row = row_box(i);
        const bool blocked = view.in_flight > 0;
        draw_list->AddRectFilled(row.min, row.max, IM_COL32(36, 40, 50, 255), em(0.2f));
        const float text_y = row.min.y + (height(row) - em(scale)) / 2;
        text_in(draw_list, columns(row, 0.0f, 0.37f), ImVec2(row.min.x + em(0.3f), text_y), colours::text(), view.id, scale);
        text_in(draw_list, columns(row, 0.37f, 0.62f), ImVec2(columns(row, 0.37f, 1).min.x, text_y),
                blocked ? colours::returned() : colours::dim_text(), blocked ? "blocked" : "ready", scale);
        Box dots = columns(row, 0.62f, 1.0f);
        dots.min.y = centre(row).y - spacing / 2;
        dots.max.y = dots.min.y + spacing;
        DotArea& slots = out.rows.emplace_back();
        slots.box = dots;
        slots.spacing = spacing;
        slots.columns = std::max(1, static_cast<int>(width(dots) / spacing));
        slots.count = view.visible;
        slots.capacity = view.visible > slots.columns ? std::max(0, slots.columns - 2) : slots.columns;
        if (view.visible > slots.capacity) {
            const std::string more = "+" + format_count(view.visible - slots.capacity);
            text_in(draw_list, row, ImVec2(row.max.x - text_width(more, scale) - em(0.3f), text_y), colours::text(), more, scale);
        }
        out.row_of_group[active[i]] = static_cast<std::int32_t>(i);
    }
    if (shown < active.size()) {
        std::int64_t waiting = 0;
        for (std::size_t i = shown; i < active.size(); ++i) waiting += sqs.group(queue, active[i]).visible;
        const Box row = row_box(shown);
        text_in(draw_list, row, ImVec2(row.min.x + em(0.3f), row.min.y + em(0.2f)), colours::dim_text(),
                "+" + plural(static_cast<std::int64_t>(active.size() - shown), "more group", "more groups") + ", " +
                    format_count(waiting) + " waiting",
                scale);
    }
    return out;
}

}  // namespace queuelab::gui::topology
