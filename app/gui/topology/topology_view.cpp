#include "topology_view.h"

#include <algorithm>

#include "lanes.h"
#include "legend.h"
#include "services.h"

namespace queuelab::gui {

using namespace topology;

// Where the lanes drew each function (its first lane), queue and stream, for the arrows of the
// handlers' calls.
ServiceAnchors TopologyView::service_anchors(const sim::Engine& engine, const std::vector<Lane>& lanes,
                                             const std::vector<StreamLane>& stream_lanes) {
    ServiceAnchors anchors;
    anchors.functions.resize(engine.lambda().function_count());
    anchors.queues.resize(engine.sqs().queue_count());
    anchors.streams.resize(engine.kinesis().stream_count());
    auto keep = [](Box& slot, Box box) {
        if (width(slot) <= 0) slot = box;
    };
    for (const auto& lane : lanes) {
        keep(anchors.queues[lane.queue], lane.queue_boxes.frame);
        if (lane.dead_letter != sim::kNone) keep(anchors.queues[lane.dead_letter], lane.dead_letter_boxes.frame);
        if (lane.mapping != nullptr) keep(anchors.functions[lane.mapping->function()], lane.function);
    }
    for (const auto& lane : stream_lanes) {
        keep(anchors.streams[lane.mapping->stream()], lane.stream);
        keep(anchors.functions[lane.mapping->function()], lane.function);
        if (lane.destination != sim::kNone) keep(anchors.queues[lane.destination], lane.on_failure);
    }
    return anchors;
}

// A new run (restart, edit) or a view not drawn last frame starts its dots afresh.
void TopologyView::forget_run_if_replaced(const lab::Run& run) {
    const bool drawn_last_frame = last_imgui_frame_ == ImGui::GetFrameCount() - 1;
    last_imgui_frame_ = ImGui::GetFrameCount();
    if (run.generation == run_generation_ && drawn_last_frame) return;
    if (run.generation != run_generation_) {
        live_.clear();
        messages_seen_ = 0;
        held_frame_.clear();
        run_generation_ = run.generation;
    }
    dots_.clear();
}

void TopologyView::draw(lab::LabState& lab, lab::RunId id, Detail detail) {
    const auto& run = lab.run(id);
    if (!run.engine) {
        ImGui::TextDisabled("No run.");
        return;
    }
    detail_ = detail;
    selected_record_ = lab.selection.run == id ? lab.selection.record : sim::kNone;
    forget_run_if_replaced(run);
    const auto& engine = *run.engine;
    ++frame_;
    held_frame_.resize(engine.sqs().messages().size(), 0);
    held_in_queue_.assign(engine.sqs().queue_count(), 0);
    hotspots_.clear();
    dots_.begin_frame(ImGui::GetIO().DeltaTime);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, em(20.0f)), std::max(ImGui::GetContentRegionAvail().y, em(12.0f)));
    ImGui::InvisibleButton("topology", size);
    const bool hovered = ImGui::IsItemHovered();
    draw_list_ = ImGui::GetWindowDrawList();
    Box canvas{origin, ImVec2(origin.x + size.x, origin.y + size.y)};
    draw_list_->PushClipRect(canvas.min, canvas.max, true);
    auto lanes = collect_lanes(engine);
    const auto stream_lane_count = engine.stream_mappings().size();
    if (lanes.empty() && stream_lane_count == 0) {
        text_in(draw_list_, canvas, canvas.min, colours::dim_text(), "This scenario has no SQS queue and no stream mapping.");
        draw_list_->PopClipRect();
        return;
    }
    if (detail == Detail::Full) {
        const auto legend_area = [&](const Legend& legend) {
            return Box{canvas.min, ImVec2(canvas.max.x, canvas.min.y + legend.height(width(canvas)))};
        };
        if (!lanes.empty()) {
            const Box area = legend_area(message_legend());
            draw_legend(area);
            canvas.min.y = area.max.y + em(0.2f);
        }
        if (stream_lane_count > 0) {
            const Box area = legend_area(stream_legend());
            draw_stream_legend(area);
            canvas.min.y = area.max.y + em(0.6f);
        } else {
            canvas.min.y += em(0.4f);
        }
    }
    const float services_height = services_row_height(engine);
    const Box services_row{ImVec2(canvas.min.x, canvas.max.y - services_height), canvas.max};
    canvas.max.y -= services_height;
    const float stream_share = static_cast<float>(stream_lane_count) / static_cast<float>(lanes.size() + stream_lane_count);
    const Box stream_canvas = rows(canvas, 0.0f, stream_share);
    place_lanes(engine, lanes, rows(canvas, stream_share, 1.0f));
    const auto stream_lanes = layout_stream_lanes(engine, stream_canvas);
    for (const auto& lane : stream_lanes) draw_stream_lane(run, lane);
    mark_held_messages(engine, lanes);
    for (const auto& lane : lanes) draw_lane(run, lane);
    place_queue_dots(run, lanes);
    retire_dots(run, lanes);
    draw_services(draw_list_, engine, service_anchors(engine, lanes, stream_lanes), services_row);
    dots_.draw(draw_list_, lab.selection.run == id ? lab.selection.message : sim::kNone);
    draw_overflow_labels();
    draw_list_->PopClipRect();
    handle_mouse(lab, id, hovered);
}

}  // namespace queuelab::gui
