#pragma once
// What the topology's section files share: the lanes and boxes layout.cpp cuts the canvas into,
// and the few helpers more than one section uses (each defined in the file named beside it).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "canvas.h"
#include "lab/record_state.h"

namespace queuelab::gui {

struct TopologyView::QueueBoxes {
    Box frame;
    Box delayed;    // zero height when the queue never delays messages
    Box visible;
    Box in_flight;
};

// A queue, the mapping that reads it (if any) and where its messages end up.
struct TopologyView::Lane {
    std::uint32_t queue = 0;
    const sim::SqsMapping* mapping = nullptr;  // null: no mapping reads this queue
    std::uint32_t dead_letter = sim::kNone;
    bool first_lane_of_function = true;        // shows the function's idle environments
    std::vector<sim::SqsMapping::SlotView> slots;  // the mapping's active poller slots
    Box producer, pollers, function, deleted, return_band;
    QueueBoxes queue_boxes, dead_letter_boxes;
};

// A stream mapping: its stream's shards, its consumers, its function and its outcomes.
struct TopologyView::StreamLane {
    const sim::StreamMapping* mapping = nullptr;
    std::uint32_t destination = sim::kNone;  // on-failure queue, if any
    bool first_lane_of_function = true;
    std::vector<sim::StreamMapping::ConsumerView> consumers;
    Box producer, stream, consumers_box, function, checkpointed, on_failure;
    float rows_top = 0, row_height = 0;      // shard rows, shared by the stream and consumers boxes
};

// An execution environment running a batch, from an SQS poller or a stream consumer.
struct TopologyView::BusyEnvironment {
    std::uint32_t invocation = sim::kNone;
    std::size_t batch_size = 0;
    std::span<const sim::Receipt> messages;  // SQS: the batch's messages, drawn as dots
};

namespace topology {

using SlotActivity = sim::SqsMapping::SlotActivity;
using ConsumerActivity = sim::StreamMapping::ConsumerActivity;

// pollers.cpp: what a poller in this activity is doing, for its tooltip.
const char* slot_explanation(SlotActivity activity);

// shards.cpp: a stream record's colour in a shard's bar.
ImU32 record_colour(lab::RecordState state);

// consumers.cpp: "unlimited" (-1) or the number.
std::string retry_limit(const sim::MappingConfig& config);

// queues.cpp: a queue's settings under its name, on one line or, when `room` is too narrow, two.
std::vector<std::string> queue_settings_lines(const sim::QueueConfig& config, float room);

// fifo_groups.cpp: a FIFO queue's visible compartment, one row per message group.
struct GroupRows {
    std::vector<DotArea> rows;
    std::vector<std::int32_t> row_of_group;  // -1: the group has no row
    bool fifo = false;

    // Where a visible message of `group` goes: its group's row (null when it has none), or
    // `visible` for a standard queue.
    DotArea* area_for(std::uint32_t group, DotArea& visible) {
        if (!fifo) return &visible;
        const auto row = group < row_of_group.size() ? row_of_group[group] : -1;
        return row < 0 ? nullptr : &rows[static_cast<std::size_t>(row)];
    }
};

// One row per message group with messages in the queue: its id, "blocked" while one of its
// messages is in flight or "ready", and room for its waiting messages as dots, oldest first.
// Groups that do not fit are summed up in the last row.
GroupRows draw_group_rows(ImDrawList* draw_list, const sim::SqsService& sqs, std::uint32_t queue, Box area);

}  // namespace topology
}  // namespace queuelab::gui
