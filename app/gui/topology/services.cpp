#include "services.h"

#include <cmath>
#include <string>

namespace queuelab::gui::topology {
namespace {

bool drawn(Box b) { return width(b) > 0 && height(b) > 0; }

bool in_outage(const sim::DownstreamConfig& config, sim::SimTime now) {
    for (const auto& outage : config.Outages) {
        if (now >= sim::from_seconds(outage.from_s) && now < sim::from_seconds(outage.until_s)) return true;
    }
    return false;
}

// One box per downstream, then one per table, side by side in `row`; returns the boxes in that
// order.
std::vector<Box> draw_targets(ImDrawList* draw_list, const sim::Engine& engine, Box row) {
    const auto& services = engine.handler_services();
    const auto& downstreams = services.downstreams();
    const auto& tables = services.tables();
    const std::uint32_t count = downstreams.count() + tables.count();
    std::vector<Box> boxes;
    for (std::uint32_t i = 0; i < count; ++i) {
        const float from = static_cast<float>(i) / static_cast<float>(count);
        const float to = static_cast<float>(i + 1) / static_cast<float>(count);
        const Box box = shrink(columns(row, from, to), em(0.2f));
        boxes.push_back(box);
        const ImVec2 at(box.min.x + em(0.4f), box.min.y + em(0.25f));
        if (i >= downstreams.count()) {
            const auto table = i - downstreams.count();
            panel(draw_list, box);
            text_lines(draw_list, box, at,
                       {{colours::text(), "Table " + tables.config(table).name},
                        {colours::dim_text(), plural(static_cast<std::int64_t>(tables.item_count(table)), "item", "items")}},
                       0.85f);
            continue;
        }
        const auto& config = downstreams.config(i);
        const auto& totals = downstreams.totals(i);
        const int open = downstreams.connections_at(i, engine.now());
        std::int64_t failed = 0;
        for (const auto& [code, n] : totals.errors) failed += n;
        const bool outage = in_outage(config, engine.now());
        const bool saturated = open >= config.MaxConnections;
        panel(draw_list, box, outage || saturated ? colours::throttled() : colours::panel_border());
        text_lines(draw_list, box, at,
                   {{colours::text(), "Downstream " + config.name + (outage ? " (outage)" : "")},
                    {saturated ? colours::returned() : colours::dim_text(),
                     std::to_string(open) + " of " + std::to_string(config.MaxConnections) + " connections open"},
                    {failed > 0 ? colours::returned() : colours::dim_text(),
                     plural(totals.calls, "call", "calls") + " · " + std::to_string(failed) + " failed"}},
                   0.85f);
    }
    return boxes;
}

// The point at `t` (0 to 1) of the cubic Bézier curve a-b-c-d.
ImVec2 cubic_point(ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, float t) {
    const float u = 1 - t;
    const float wa = u * u * u, wb = 3 * u * u * t, wc = 3 * u * t * t, wd = t * t * t;
    return ImVec2(wa * a.x + wb * b.x + wc * c.x + wd * d.x, wa * a.y + wb * b.y + wc * c.y + wd * d.y);
}

// A curved arrow from `from` to `to`, leaving and entering by the edges that face each other, with
// `label` near its end.
void link_arrow(ImDrawList* draw_list, Box from, Box to, ImU32 colour, const std::string& label) {
    const bool below = to.min.y >= from.max.y;
    const bool above = to.max.y <= from.min.y;
    const float lead = em(2.5f);
    ImVec2 start(from.max.x, centre(from).y), bend(start.x + lead, start.y);
    ImVec2 end(to.min.x, centre(to).y), approach(end.x - lead, end.y);
    if (below || above) {
        const float sign = below ? 1.0f : -1.0f;
        start = ImVec2(from.min.x + width(from) * 0.75f, below ? from.max.y : from.min.y);
        bend = ImVec2(start.x, start.y + sign * lead);
        end = ImVec2(centre(to).x, below ? to.min.y : to.max.y);
        approach = ImVec2(end.x, end.y - sign * lead);
    }
    draw_list->AddBezierCubic(start, bend, approach, end, colour, 1.5f);
    arrow_head(draw_list, end, ImVec2(end.x - approach.x, end.y - approach.y), colour);
    const ImVec2 near_end = cubic_point(start, bend, approach, end, 0.8f);
    const float scale = 0.8f;
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, label.c_str());
    const ImVec2 at(near_end.x - size.x / 2, near_end.y - size.y / 2);
    draw_list->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y), colours::panel(), 2.0f);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, colour, label.c_str());
}

}  // namespace

float services_row_height(const sim::Engine& engine) {
    const auto& services = engine.handler_services();
    return services.downstreams().count() + services.tables().count() > 0 ? em(3.6f) : 0.0f;
}

void draw_services(ImDrawList* draw_list, const sim::Engine& engine, const ServiceAnchors& anchors, Box row) {
    const std::vector<Box> targets = height(row) > 0 ? draw_targets(draw_list, engine, row) : std::vector<Box>{};
    const auto& services = engine.handler_services();
    const auto& sqs = engine.sqs();
    const auto& kinesis = engine.kinesis();
    for (const auto& link : services.links()) {
        if (link.calls == 0 || link.function >= anchors.functions.size() || !drawn(anchors.functions[link.function])) continue;
        Box to{};
        switch (link.service) {
            case sim::CallService::Sqs:
                for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
                    if (sqs.config(q).name == link.target && q < anchors.queues.size()) to = anchors.queues[q];
                }
                break;
            case sim::CallService::Kinesis:
                for (std::uint32_t s = 0; s < kinesis.stream_count(); ++s) {
                    if (kinesis.config(s).name == link.target && s < anchors.streams.size()) to = anchors.streams[s];
                }
                break;
            case sim::CallService::Downstream: {
                const auto d = services.downstreams().index(link.target);
                if (d != sim::kNone && d < targets.size()) to = targets[d];
                break;
            }
            case sim::CallService::DynamoDb: {
                const auto t = services.tables().index(link.target);
                if (t != sim::kNone && services.downstreams().count() + t < targets.size()) to = targets[services.downstreams().count() + t];
                break;
            }
        }
        if (!drawn(to)) continue;
        link_arrow(draw_list, anchors.functions[link.function], to, colours::collecting(), plural(link.calls, "call", "calls"));
    }
}

}  // namespace queuelab::gui::topology
