#include "lanes.h"

namespace queuelab::gui {

using namespace topology;

// Producer → queue (and its dead-letter queue) → the mapping's pollers, function and outcomes.
void TopologyView::draw_lane(const lab::Run& run, const Lane& lane) {
    if (detail_ == Detail::Full) draw_producer(run, lane);
    draw_queue(run, lane.queue_boxes, lane.queue, "Queue");
    if (lane.dead_letter != sim::kNone) {
        draw_queue(run, lane.dead_letter_boxes, lane.dead_letter, "Dead-letter queue");
        draw_dead_letter_link(run, lane);
        draw_move_task(run, lane);
    }
    if (lane.mapping == nullptr) {
        text_lines(draw_list_, lane.pollers, ImVec2(lane.pollers.min.x, centre(lane.pollers).y),
                   {{colours::dim_text(), "No mapping"}, {colours::dim_text(), "reads this queue."}}, 0.9f);
        return;
    }
    draw_mapping(run, lane);
}

void TopologyView::draw_mapping(const lab::Run& run, const Lane& lane) {
    const bool full = detail_ == Detail::Full;
    const float arrow_y = lane.pollers.min.y + em(1.2f);
    arrow(draw_list_, ImVec2(lane.queue_boxes.frame.max.x, arrow_y), ImVec2(lane.pollers.min.x, arrow_y), colours::arrow(),
          full ? "receive" : "", false);
    arrow(draw_list_, ImVec2(lane.pollers.max.x, arrow_y), ImVec2(lane.function.min.x, arrow_y), colours::arrow(),
          full ? "invoke" : "", false);
    const std::size_t first_hotspot = hotspots_.size();
    draw_pollers(run, lane);
    draw_environments(run, lane);
    connect_invokes(first_hotspot);
    draw_sqs_outcomes(run, lane, arrow_y);
}

}  // namespace queuelab::gui
