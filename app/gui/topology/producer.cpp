#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::format_count;

// The producer of a queue: messages sent, and an arrow lit while it sends.
void TopologyView::draw_producer(const lab::Run& run, const Lane& lane) {
    const auto& counts = run.activity.queue(lane.queue);
    panel(draw_list_, lane.producer);
    text_lines(draw_list_, lane.producer, ImVec2(lane.producer.min.x + em(0.4f), lane.producer.min.y + em(0.3f)),
               {{colours::text(), "Producer"}, {colours::dim_text(), "sent"}, {colours::dim_text(), format_count(counts.sent)}},
               0.9f);
    const ImVec2 queue_entry(lane.queue_boxes.frame.min.x, centre(lane.producer).y);
    arrow(draw_list_, ImVec2(lane.producer.max.x, queue_entry.y), queue_entry, colours::arrow(), "send",
          recent(counts.last_sent, run.engine->now()));
}

// The producer of a stream: records put, and puts throttled (ProvisionedThroughputExceededException).
void TopologyView::draw_stream_producer(const lab::Run& run, const StreamLane& lane) {
    const auto& kinesis = run.engine->kinesis();
    const auto stream = lane.mapping->stream();
    const auto throttled = kinesis.put_throttled(stream);
    panel(draw_list_, lane.producer, throttled > 0 ? colours::throttled() : colours::panel_border());
    text_lines(draw_list_, lane.producer, ImVec2(lane.producer.min.x + em(0.4f), lane.producer.min.y + em(0.3f)),
               {{colours::text(), "Producer"},
                {colours::dim_text(), "put " + format_count(kinesis.put_accepted(stream))},
                {throttled > 0 ? colours::throttled() : colours::dim_text(), throttled > 0 ? "throttled" : ""},
                {colours::throttled(), throttled > 0 ? format_count(throttled) : ""}},
               0.85f);
    const float y = centre(lane.producer).y;
    arrow(draw_list_, ImVec2(lane.producer.max.x, y), ImVec2(lane.stream.min.x, y), colours::arrow(), "put", false);
}

}  // namespace queuelab::gui
