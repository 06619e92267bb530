#include <algorithm>

#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::format_count;

namespace {

constexpr const char* kMessageGroupHelp =
    "FIFO queue: messages with the same MessageGroupId are delivered in the order they were sent, and while one "
    "of them is in flight the rest of its group is blocked: not received until it is deleted or visible again. "
    "Other groups go on. Each row is a group: its id, blocked or ready, and its waiting messages, oldest first.";

}  // namespace

std::vector<std::string> topology::queue_settings_lines(const sim::QueueConfig& config, float room) {
    const std::string visibility = "VisibilityTimeout " + std::to_string(config.VisibilityTimeout) + " s";
    if (!config.redrive_policy) return {visibility};
    const std::string receives = "maxReceiveCount " + std::to_string(config.redrive_policy->maxReceiveCount);
    const std::string one_line = visibility + " \xC2\xB7 " + receives;
    if (text_width(one_line, 0.9f) <= room) return {one_line};
    return {visibility, receives};
}

// The last StartMessageMoveTask out of this lane's dead-letter queue, if any.
const sim::SqsService::MoveTask* TopologyView::move_task_of(const sim::Engine& engine, const Lane& lane) {
    const sim::SqsService::MoveTask* found = nullptr;
    for (const auto& task : engine.sqs().move_tasks()) {
        if (task.source == lane.dead_letter) found = &task;
    }
    return found;
}

// A queue's box: its name and settings, and a compartment each for delayed, visible and in-flight
// messages (the dots are placed by queue_dots.cpp).
void TopologyView::draw_queue(const lab::Run& run, const QueueBoxes& boxes, std::uint32_t queue, const char* title) {
    const auto& sqs = run.engine->sqs();
    const auto& config = sqs.config(queue);
    const bool dead_letter = sqs.is_dead_letter_queue(queue);
    panel(draw_list_, boxes.frame, dead_letter ? colours::dead_lettered() : colours::panel_border());
    const ImVec2 at(boxes.frame.min.x + em(0.4f), boxes.frame.min.y + em(0.25f));
    if (detail_ == Detail::Full) {
        const auto settings = queue_settings_lines(config, width(boxes.frame) - em(0.8f));
        text_lines(draw_list_, boxes.frame, at,
                   {{colours::text(), std::string(title) + " " + config.name + (config.FifoQueue ? " (FIFO)" : "")},
                    {colours::dim_text(), settings[0]},
                    {colours::dim_text(), settings.size() > 1 ? settings[1] : std::string()}},
                   0.9f);
    } else {
        text_in(draw_list_, boxes.frame, at, colours::text(), config.name + (dead_letter ? " (DLQ)" : ""), 0.85f);
    }
    // Each compartment's label starts with its role's swatch (lab/roles.h), the colour of its line in the charts.
    const auto compartment = [&](Box b, const std::string& label, lab::Role role) {
        if (height(b) < em(1.0f)) return;
        draw_list_->AddRectFilled(b.min, b.max, IM_COL32(28, 31, 39, 255), em(0.25f));
        const ImVec2 swatch(b.min.x + em(0.3f), b.min.y + em(0.3f));
        draw_list_->AddRectFilled(swatch, ImVec2(swatch.x + em(0.55f), swatch.y + em(0.55f)), colours::role(role), em(0.1f));
        text_in(draw_list_, b, ImVec2(b.min.x + em(1.1f), b.min.y + em(0.1f)), colours::dim_text(), label, 0.8f);
    };
    const lab::Role waiting = dead_letter ? lab::Role::DeadLetter : lab::Role::Visible;
    const auto held = held_in_queue_.size() > queue ? held_in_queue_[queue] : 0;
    const bool full = detail_ == Detail::Full;
    compartment(boxes.delayed, "Delayed " + format_count(sqs.delayed_count(queue)) + (full ? " (DelaySeconds)" : ""), lab::Role::Delayed);
    if (config.FifoQueue) {
        compartment(boxes.visible, "Visible " + format_count(sqs.visible_count(queue)) + (full ? ", by message group" : ""), waiting);
        const float label_end = text_width("Visible " + format_count(sqs.visible_count(queue)) + ", by message group", 0.8f);
        help_marker(ImVec2(std::min(boxes.visible.min.x + em(1.4f) + label_end, boxes.visible.max.x - em(1.2f)), boxes.visible.min.y + em(0.1f)),
                    kMessageGroupHelp);
    } else {
        compartment(boxes.visible, "Visible " + format_count(sqs.visible_count(queue)) + (full ? ": waiting to be received" : ""), waiting);
    }
    std::string in_flight = "In flight " + format_count(sqs.in_flight_count(queue));
    if (full && held > 0) in_flight += ", " + format_count(held) + " at pollers/function";
    if (full && held == 0) in_flight += ": hidden until deleted or VisibilityTimeout ends";
    compartment(boxes.in_flight, in_flight, lab::Role::InFlight);
}

// The arrow from a queue down to its dead-letter queue: receive #maxReceiveCount + 1 moves a
// message there instead of delivering it.
void TopologyView::draw_dead_letter_link(const lab::Run& run, const Lane& lane) {
    const auto& counts = run.activity.queue(lane.queue);
    const float x = lane.queue_boxes.frame.min.x + em(1.5f);
    const int max_receives = run.engine->sqs().config(lane.queue).redrive_policy->maxReceiveCount;
    const ImVec2 from(x, lane.queue_boxes.frame.max.y), to(x, lane.dead_letter_boxes.frame.min.y);
    draw_list_->AddLine(from, to, colours::dead_lettered(), recent(counts.last_dead_lettered, run.engine->now()) ? 3.0f : 1.5f);
    arrow_head(draw_list_, to, ImVec2(0, 1), colours::dead_lettered());
    const float label_end = move_task_of(*run.engine, lane) != nullptr ? centre(lane.queue_boxes.frame).x - em(0.4f)
                                                                        : lane.queue_boxes.frame.max.x - em(2.0f);
    const Box label_box{ImVec2(x + em(0.4f), from.y), ImVec2(label_end, to.y)};
    const float label_y = centre(label_box).y + em(0.1f);
    if (detail_ == Detail::Full) {
        const float room = width(label_box);
        const std::string receive = "receive #" + std::to_string(max_receives + 1);
        text_lines(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.9f)),
                   {{colours::dead_lettered(), fitting(receive + " > maxReceiveCount:", receive + ":", room, 0.8f)},
                    {colours::dead_lettered(), fitting(format_count(counts.dead_lettered_out) + " moved to the DLQ",
                                                       format_count(counts.dead_lettered_out) + " to DLQ", room, 0.8f)}},
                   0.8f);
    } else {
        text_in(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.5f)), colours::dead_lettered(),
                format_count(counts.dead_lettered_out) + " to DLQ", 0.8f);
    }
}

// The redrive (docs/aws-rules.md 1.18): an arrow up from the dead-letter queue to the queue its
// messages go back to, with the task's rate and how many it moved; lit while it moves them.
void TopologyView::draw_move_task(const lab::Run& run, const Lane& lane) {
    const auto* task = move_task_of(*run.engine, lane);
    if (task == nullptr) return;
    const auto& sqs = run.engine->sqs();
    const auto& counts = run.activity.queue(lane.dead_letter);
    const float x = centre(lane.queue_boxes.frame).x;
    const ImVec2 from(x, lane.dead_letter_boxes.frame.min.y), to(x, lane.queue_boxes.frame.max.y);
    const bool lit = recent(counts.last_redriven, run.engine->now());
    draw_list_->AddLine(from, to, colours::redriven(), lit ? 3.0f : 1.5f);
    arrow_head(draw_list_, to, ImVec2(0, -1), colours::redriven());
    const std::string destination = task->destination == sim::kNone ? "source queue" : sqs.config(task->destination).name;
    const std::string state = task->active ? "" : counts.redriven_out > 0 || sqs.visible_count(lane.dead_letter) == 0 ? ", done" : ", failed";
    const Box label_box{ImVec2(x + em(0.4f), to.y), ImVec2(lane.queue_boxes.frame.max.x - em(2.0f), from.y)};
    const float label_y = centre(label_box).y + em(0.1f);
    if (detail_ == Detail::Full) {
        const float room = width(label_box);
        const std::string rate = std::to_string(task->rate) + "/s" + state;
        text_lines(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.9f)),
                   {{colours::redriven(), fitting("StartMessageMoveTask " + rate, "redrive " + rate, room, 0.8f)},
                    {colours::redriven(), fitting(format_count(counts.redriven_out) + " redriven to " + destination,
                                                  format_count(counts.redriven_out) + " redriven", room, 0.8f)}},
                   0.8f);
    } else {
        text_in(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.5f)), colours::redriven(),
                format_count(counts.redriven_out) + " redriven", 0.8f);
    }
}

}  // namespace queuelab::gui
