#include "lanes.h"

namespace queuelab::gui {

using namespace topology;

namespace {

// Column edges of a lane, as fractions of its width.
struct Columns {
    float producer_to, queue_from, queue_to, pollers_from, pollers_to, function_from, function_to, deleted_from;
};
constexpr Columns kFullColumns{0.065f, 0.10f, 0.34f, 0.40f, 0.56f, 0.62f, 0.86f, 0.91f};
constexpr Columns kCompactColumns{0.0f, 0.0f, 0.28f, 0.34f, 0.52f, 0.58f, 0.84f, 0.89f};  // no producer

}  // namespace

// One lane per mapping, then one per queue that no mapping reads and that is neither a DLQ nor a
// stream mapping's on-failure destination (those are drawn in their stream lane).
std::vector<TopologyView::Lane> TopologyView::collect_lanes(const sim::Engine& engine) const {
    const auto& sqs = engine.sqs();
    std::vector<Lane> lanes;
    std::vector<bool> function_seen(engine.lambda().function_count(), false);
    std::vector<bool> queue_shown(sqs.queue_count(), false);
    for (const auto& mapping : engine.sqs_mappings()) {
        Lane lane;
        lane.queue = mapping->queue();
        lane.mapping = mapping.get();
        lane.first_lane_of_function = !function_seen[mapping->function()];
        function_seen[mapping->function()] = true;
        queue_shown[mapping->queue()] = true;
        lanes.push_back(lane);
    }
    for (const auto& mapping : engine.stream_mappings()) {
        const auto destination = sqs.queue_index(mapping->config().on_failure_destination);
        if (destination != sim::kNone) queue_shown[destination] = true;
    }
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        if (queue_shown[q] || sqs.is_dead_letter_queue(q)) continue;
        Lane lane;
        lane.queue = q;
        lanes.push_back(lane);
    }
    return lanes;
}

void TopologyView::place_lanes(const sim::Engine& engine, std::vector<Lane>& lanes, Box canvas) const {
    const auto& sqs = engine.sqs();
    std::vector<bool> queue_read(sqs.queue_count(), false);
    for (const auto& mapping : engine.sqs_mappings()) queue_read[mapping->queue()] = true;
    const float lane_height = height(canvas) / static_cast<float>(std::max<std::size_t>(lanes.size(), 1));
    const float gap = em(0.6f);
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const Box area{ImVec2(canvas.min.x, canvas.min.y + lane_height * static_cast<float>(i)),
                       ImVec2(canvas.max.x, canvas.min.y + lane_height * static_cast<float>(i + 1) - gap)};
        place_lane(sqs, lanes[i], area, queue_read);
    }
}

// The queue box (with its compartments), the dead-letter queue under it, the return band between
// them, and the columns to the right.
void TopologyView::place_lane(const sim::SqsService& sqs, Lane& lane, Box area, const std::vector<bool>& queue_read) const {
    const Columns& c = detail_ == Detail::Full ? kFullColumns : kCompactColumns;
    const auto& redrive = sqs.config(lane.queue).redrive_policy;
    if (redrive) lane.dead_letter = sqs.queue_index(redrive->deadLetterTargetArn);
    const float top_share = lane.dead_letter != sim::kNone ? 0.60f : 0.80f;
    const Box top = rows(area, 0.0f, top_share);
    lane.return_band = rows(area, top_share, top_share + 0.12f);
    const float queue_width = width(columns(top, c.queue_from, c.queue_to)) - em(0.8f);
    const bool two_setting_lines = queue_settings_lines(sqs.config(lane.queue), queue_width).size() > 1;
    const float title = detail_ == Detail::Full ? (two_setting_lines ? em(3.6f) : em(2.6f)) : em(1.4f);
    // A queue nothing reads (a dead-letter queue, usually) has no in-flight compartment.
    const auto queue_boxes = [&](Box frame, float delayed, bool read) {
        QueueBoxes boxes;
        boxes.frame = frame;
        const Box inside = shrink(below(frame, title), em(0.3f));
        const float visible_end = read ? delayed + (1 - delayed) * 0.55f : 1.0f;
        boxes.delayed = rows(inside, 0.0f, delayed);
        boxes.visible = rows(inside, delayed, visible_end);
        boxes.in_flight = rows(inside, visible_end, 1.0f);
        return boxes;
    };
    const float delayed_share = sqs.config(lane.queue).DelaySeconds > 0 ? 0.22f : 0.0f;
    lane.queue_boxes = queue_boxes(columns(top, c.queue_from, c.queue_to), delayed_share, true);
    if (lane.dead_letter != sim::kNone) {
        lane.dead_letter_boxes = queue_boxes(columns(rows(area, top_share + 0.14f, 1.0f), c.queue_from, c.queue_to), 0.0f,
                                             queue_read[lane.dead_letter]);
    }
    const Box producer_column = columns(top, 0.0f, c.producer_to);
    const float middle = centre(lane.queue_boxes.visible).y;
    lane.producer = Box{ImVec2(producer_column.min.x, std::max(top.min.y, middle - em(2.6f))),
                        ImVec2(producer_column.max.x, std::min(top.max.y, middle + em(2.6f)))};
    lane.pollers = columns(top, c.pollers_from, c.pollers_to);
    lane.function = columns(top, c.function_from, c.function_to);
    lane.deleted = columns(top, c.deleted_from, 1.0f);
}

// One lane per stream mapping, under the SQS lanes' canvas share.
std::vector<TopologyView::StreamLane> TopologyView::layout_stream_lanes(const sim::Engine& engine, Box canvas) const {
    const auto& mappings = engine.stream_mappings();
    std::vector<StreamLane> lanes;
    std::vector<bool> function_seen(engine.lambda().function_count(), false);
    for (const auto& mapping : engine.sqs_mappings()) function_seen[mapping->function()] = true;
    const bool full = detail_ == Detail::Full;
    const float lane_height = height(canvas) / static_cast<float>(std::max<std::size_t>(mappings.size(), 1));
    for (std::size_t i = 0; i < mappings.size(); ++i) {
        StreamLane lane;
        lane.mapping = mappings[i].get();
        lane.destination = engine.sqs().queue_index(lane.mapping->config().on_failure_destination);
        lane.first_lane_of_function = !function_seen[lane.mapping->function()];
        function_seen[lane.mapping->function()] = true;
        lane.consumers = lane.mapping->consumers();
        const Box area{ImVec2(canvas.min.x, canvas.min.y + lane_height * static_cast<float>(i)),
                       ImVec2(canvas.max.x, canvas.min.y + lane_height * static_cast<float>(i + 1) - em(0.6f))};
        lane.stream = columns(area, full ? 0.10f : 0.0f, full ? 0.43f : 0.40f);
        lane.consumers_box = columns(area, full ? 0.47f : 0.44f, full ? 0.60f : 0.58f);
        lane.function = columns(area, 0.64f, 0.84f);
        const Box outcomes = columns(area, 0.88f, 1.0f);
        lane.checkpointed = rows(outcomes, 0.0f, 0.38f);
        lane.on_failure = rows(outcomes, 0.45f, 1.0f);
        lane.rows_top = lane.stream.min.y + (full ? em(4.6f) : em(1.5f));
        const auto shards = engine.kinesis().shard_count(lane.mapping->stream());
        lane.row_height = std::min(em(3.6f), (lane.stream.max.y - em(0.3f) - lane.rows_top) / static_cast<float>(std::max(shards, 1u)));
        const float middle = (lane.rows_top + lane.stream.max.y) / 2;
        lane.producer = Box{ImVec2(area.min.x, std::max(area.min.y, middle - em(2.6f))),
                            ImVec2(area.min.x + width(area) * 0.065f, std::min(area.max.y, middle + em(2.6f)))};
        lanes.push_back(std::move(lane));
    }
    return lanes;
}

}  // namespace queuelab::gui
