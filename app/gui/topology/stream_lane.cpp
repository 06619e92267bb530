#include "lanes.h"

namespace queuelab::gui {

using namespace topology;

// Producer → stream (its shards) → consumers → function → checkpointed or on failure.
void TopologyView::draw_stream_lane(const lab::Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const bool full = detail_ == Detail::Full;
    if (full) draw_stream_producer(run, lane);
    const std::size_t first_hotspot = hotspots_.size();
    draw_shards(run, lane);
    draw_consumers(run, lane);
    const float invoke_y = lane.function.min.y + em(1.2f);
    arrow(draw_list_, ImVec2(lane.consumers_box.max.x, invoke_y), ImVec2(lane.function.min.x, invoke_y), colours::arrow(),
          full ? "invoke" : "", false);
    const float top = draw_function_header(run, lane.mapping->function(), lane.function);
    std::vector<BusyEnvironment> busy;
    for (const auto& c : lane.consumers) {
        if (c.activity == ConsumerActivity::Invoking && c.invocation != sim::kNone) busy.push_back(BusyEnvironment{c.invocation, c.batch.size(), {}});
    }
    const int idle = lane.first_lane_of_function ? engine.lambda().idle_environment_count(lane.mapping->function()) : 0;
    draw_environment_cells(run, shrink(Box{ImVec2(lane.function.min.x, top), lane.function.max}, em(0.3f)), busy, idle);
    connect_invokes(first_hotspot);
    draw_stream_outcomes(run, lane);
}

}  // namespace queuelab::gui
