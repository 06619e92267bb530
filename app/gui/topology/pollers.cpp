#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {
namespace topology {
namespace {

ImU32 slot_colour(SlotActivity activity) {
    switch (activity) {
        case SlotActivity::Polling: return colours::polling();
        case SlotActivity::Collecting: return colours::collecting();
        case SlotActivity::Throttled: return colours::throttled();
        case SlotActivity::Invoking: return colours::invoking();
        case SlotActivity::BackingOff: return colours::backing_off();
    }
    return colours::polling();
}

const char* slot_label(SlotActivity activity) {
    switch (activity) {
        case SlotActivity::Polling: return "polling";
        case SlotActivity::Collecting: return "batching";
        case SlotActivity::Throttled: return "throttled";
        case SlotActivity::Invoking: return "invoking";
        case SlotActivity::BackingOff: return "backing off";
    }
    return "";
}

}  // namespace

const char* slot_explanation(SlotActivity activity) {
    switch (activity) {
        case SlotActivity::Polling: return "long-polling the queue (ReceiveMessage, up to 20 s)";
        case SlotActivity::Collecting: return "collecting a batch until BatchSize or the batching window ends";
        case SlotActivity::Throttled: return "throttled (TooManyRequestsException): retrying with backoff until the batch's visibility timeout ends";
        case SlotActivity::Invoking: return "waiting for its synchronous invoke to return";
        case SlotActivity::BackingOff: return "backing off after a failed batch before polling again";
    }
    return "";
}

}  // namespace topology

using namespace topology;
using lab::format_count;

// The mapping's pollers: its settings, then one cell per running poller coloured by what it does,
// with the batch it holds while gathering or throttled.
void TopologyView::draw_pollers(const lab::Run& run, const Lane& lane) {
    const auto& slots = lane.slots;
    const auto& config = lane.mapping->config();
    panel(draw_list_, lane.pollers);
    const ImVec2 at(lane.pollers.min.x + em(0.4f), lane.pollers.min.y + em(0.25f));
    std::string batching = "BatchSize " + std::to_string(config.BatchSize);
    if (config.MaximumBatchingWindowInSeconds > 0) batching += ", window " + std::to_string(config.MaximumBatchingWindowInSeconds) + " s";
    // Above the target (scaling down, or MaximumConcurrency lowered), a poller finishes the batch
    // it has, then stops (docs/aws-rules.md 2.6, 2.7).
    const auto target = static_cast<std::size_t>(std::max(0, lane.mapping->target_concurrency()));
    const std::string finishing = slots.size() > target ? format_count(static_cast<std::int64_t>(slots.size() - target)) +
                                                              " above target: stop after their batch"
                                                        : "";
    const float top = text_lines(draw_list_, lane.pollers, at,
                                 {{colours::text(), config.Enabled ? "Pollers" : "Pollers · disabled (Enabled false)"},
                                  {colours::dim_text(), std::to_string(slots.size()) + " running, target " + std::to_string(target)},
                                  {colours::dim_text(), batching},
                                  {colours::dim_text(), finishing}},
                                 0.85f);
    const Box area = shrink(Box{ImVec2(lane.pollers.min.x, top), lane.pollers.max}, em(0.3f));
    const CellLayout cells = layout_cells(area, static_cast<int>(slots.size()));
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const auto& slot = slots[i];
        const Box cell = cells.cell(area, static_cast<int>(i));
        draw_list_->AddRectFilled(cell.min, cell.max, slot_colour(slot.activity), cells.as_rows ? em(0.2f) : 0.0f);
        hotspots_.push_back(Hotspot{cell, Hotspot::Kind::Poller, slot.activity, slot.invocation, slot.batch.size()});
        if (!cells.as_rows) continue;
        text_in(draw_list_, cell, ImVec2(cell.min.x + em(0.3f), cell.min.y + em(0.2f)), colours::text(), slot_label(slot.activity), 0.8f);
        if (slot.activity == SlotActivity::Collecting || slot.activity == SlotActivity::Throttled) {
            draw_batch_dots(run, slot.batch, Box{ImVec2(cell.min.x + em(5.5f), cell.min.y), cell.max});
        }
    }
}

}  // namespace queuelab::gui
