#pragma once
// The topology view: producer → queue → pollers → execution environments → deleted, back to
// the queue, or into the dead-letter queue, drawn from the engine's state at the lab's virtual
// time. Messages are dots coloured by receive count; clicking a dot selects the message, clicking
// a busy execution environment selects its invocation. Kinesis stream mappings get their own lanes:
// producer → stream (one row per shard: records checkpointed / waiting / being retried, iterator
// age) → consumers per shard and lane → function → checkpointed / on-failure destination. Arrows
// go from each function to the queues, streams, tables and downstreams its handler called.
//
// One file per section, in this folder: topology_view.cpp (a frame, in order), layout.cpp (lanes
// and boxes), producer.cpp, sqs_lane.cpp (a queue's lane), queues.cpp (a queue's compartments and
// its dead-letter queue), fifo_groups.cpp (a FIFO queue's message groups), pollers.cpp,
// environments.cpp (the function and its execution environments), outcomes.cpp (deleted, back to
// the queue; checkpointed, on failure), queue_dots.cpp (the message dots), stream_lane.cpp,
// shards.cpp (a stream's shards and their records), consumers.cpp, services.cpp (downstreams,
// tables and the arrows of handlers' calls), legend.cpp and hover.cpp (mouse: selection and
// tooltips). canvas.h has the geometry and drawing helpers, lanes.h what the
// sections share.

#include <imgui.h>

#include <cstdint>
#include <span>
#include <vector>

#include "lab/lab_state.h"
#include "message_dots.h"

namespace queuelab::lab {
class StreamRecordStates;
}

namespace queuelab::gui::topology {
struct ServiceAnchors;
}

namespace queuelab::gui {

class TopologyView {
public:
    // How much the view explains: the main view has legends and labels; a compare pane is terser.
    enum class Detail { Full, Compact };

    // Draws run `id` into the rest of the current window. Sends selection commands to `lab`.
    void draw(lab::LabState& lab, lab::RunId id, Detail detail);
    // Dots are still gliding: the caller should keep rendering frames while paused.
    bool animating() const { return dots_.moving(); }

    struct Box {
        ImVec2 min, max;
    };

private:
    struct QueueBoxes;
    struct Lane;
    struct StreamLane;
    struct BusyEnvironment;
    // Something under the mouse that is not a dot: a poller or an execution environment.
    struct Hotspot {
        enum class Kind { Poller, Environment, IdleEnvironment, Consumer, Shard, Help };
        Box box;
        Kind kind;
        sim::SqsMapping::SlotActivity activity = sim::SqsMapping::SlotActivity::Polling;
        std::uint32_t invocation = sim::kNone;
        std::size_t batch_size = 0;
        // Consumer and Shard: the stream mapping, shard and lane; Help: the text.
        const sim::StreamMapping* stream_mapping = nullptr;
        std::uint32_t shard = 0;
        std::uint32_t lane = 0;
        const char* help = nullptr;
        Box bar{};  // Shard: its records' bar
    };

    // topology_view.cpp
    void forget_run_if_replaced(const lab::Run& run);
    static topology::ServiceAnchors service_anchors(const sim::Engine& engine, const std::vector<Lane>& lanes,
                                                    const std::vector<StreamLane>& stream_lanes);
    // layout.cpp
    std::vector<Lane> collect_lanes(const sim::Engine& engine) const;
    void place_lanes(const sim::Engine& engine, std::vector<Lane>& lanes, Box canvas) const;
    void place_lane(const sim::SqsService& sqs, Lane& lane, Box area, const std::vector<bool>& queue_read) const;
    std::vector<StreamLane> layout_stream_lanes(const sim::Engine& engine, Box canvas) const;
    // producer.cpp
    void draw_producer(const lab::Run& run, const Lane& lane);
    void draw_stream_producer(const lab::Run& run, const StreamLane& lane);
    // sqs_lane.cpp
    void draw_lane(const lab::Run& run, const Lane& lane);
    void draw_mapping(const lab::Run& run, const Lane& lane);
    // queues.cpp
    void draw_queue(const lab::Run& run, const QueueBoxes& boxes, std::uint32_t queue, const char* title);
    void draw_dead_letter_link(const lab::Run& run, const Lane& lane);
    void draw_move_task(const lab::Run& run, const Lane& lane);
    static const sim::SqsService::MoveTask* move_task_of(const sim::Engine& engine, const Lane& lane);
    // pollers.cpp
    void draw_pollers(const lab::Run& run, const Lane& lane);
    // environments.cpp
    void draw_environments(const lab::Run& run, const Lane& lane);
    float draw_function_header(const lab::Run& run, std::uint32_t function, Box box);
    void draw_environment_cells(const lab::Run& run, Box area, const std::vector<BusyEnvironment>& busy, int idle);
    void connect_invokes(std::size_t first_hotspot);
    // outcomes.cpp
    void draw_sqs_outcomes(const lab::Run& run, const Lane& lane, float arrow_y);
    void draw_stream_outcomes(const lab::Run& run, const StreamLane& lane);
    // queue_dots.cpp
    void mark_held_messages(const sim::Engine& engine, std::vector<Lane>& lanes);
    void draw_batch_dots(const lab::Run& run, std::span<const sim::Receipt> batch, Box tray);
    void place_queue_dots(const lab::Run& run, const std::vector<Lane>& lanes);
    void retire_dots(const lab::Run& run, const std::vector<Lane>& lanes);
    void draw_overflow_labels();
    // stream_lane.cpp
    void draw_stream_lane(const lab::Run& run, const StreamLane& lane);
    // shards.cpp
    void draw_shards(const lab::Run& run, const StreamLane& lane);
    void draw_shard(const lab::Run& run, const StreamLane& lane, const lab::StreamRecordStates& states, std::uint32_t shard);
    Box draw_record_bar(const lab::Run& run, const StreamLane& lane, const lab::StreamRecordStates& states,
                        std::uint32_t shard, Box row);
    // consumers.cpp
    void draw_consumers(const lab::Run& run, const StreamLane& lane);
    void show_consumer_tooltip(const lab::Run& run, const Hotspot& spot);
    // legend.cpp
    void draw_legend(Box area);
    void draw_stream_legend(Box area);
    // hover.cpp
    void help_marker(ImVec2 at, const char* text);
    void handle_mouse(lab::LabState& lab, lab::RunId id, bool hovered);
    void show_hover_tooltip(const lab::Run& run, ImVec2 mouse);
    // The stream record under `mouse` in a shard's bar, or kNone.
    static std::uint32_t record_at(const sim::Engine& engine, const Hotspot& spot, ImVec2 mouse);

    MessageDots dots_;
    Detail detail_ = Detail::Full;
    std::uint32_t selected_record_ = sim::kNone;  // this frame's selected stream record, marked in its shard's bar
    ImDrawList* draw_list_ = nullptr;
    std::vector<Hotspot> hotspots_;
    std::vector<std::pair<Box, std::int64_t>> overflows_;  // compartments with more messages than dots
    std::vector<std::uint32_t> live_;         // messages not yet ended, in index order
    std::size_t messages_seen_ = 0;
    std::vector<std::uint64_t> held_frame_;   // per message: the last frame a poller held it
    std::vector<std::int64_t> held_in_queue_; // per queue: messages held by pollers this frame
    std::uint64_t frame_ = 0;
    std::uint64_t run_generation_ = 0;
    int last_imgui_frame_ = -1;
};

}  // namespace queuelab::gui
