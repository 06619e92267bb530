#include <cmath>
#include <algorithm>

#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::format_count;

// Messages in a poller's batch are drawn there, not in their queue.
void TopologyView::mark_held_messages(const sim::Engine& engine, std::vector<Lane>& lanes) {
    for (auto& lane : lanes) {
        if (lane.mapping == nullptr) continue;
        lane.slots = lane.mapping->active_slots();
        for (const auto& slot : lane.slots) {
            for (const auto receipt : slot.batch) {
                if (!engine.sqs().is_current(receipt)) continue;
                held_frame_[receipt.message] = frame_;
                ++held_in_queue_[lane.queue];
            }
        }
    }
}

// The batch's messages in a row on a dark tray at the right of a poller or environment row.
void TopologyView::draw_batch_dots(const lab::Run& run, std::span<const sim::Receipt> batch, Box tray) {
    const auto& sqs = run.engine->sqs();
    tray = shrink(tray, em(0.12f));
    if (width(tray) < em(1.0f)) return;
    draw_list_->AddRectFilled(tray.min, tray.max, IM_COL32(20, 22, 28, 230), em(0.2f));
    const float radius = em(0.28f), spacing = radius * 2.6f;
    std::int64_t current = 0;
    for (const auto receipt : batch) current += sqs.is_current(receipt);
    const int room = std::max(0, static_cast<int>((width(tray) - em(0.2f)) / spacing));
    // The dots that fit; when some do not, the last place says "+N" for them.
    const std::string more_label = "+" + lab::format_count(current);
    const int more_slots = static_cast<int>(std::ceil(text_width(more_label, 0.7f) / spacing));
    const int fits = current <= room ? room : std::max(0, room - more_slots);
    int drawn = 0;
    for (const auto receipt : batch) {
        if (drawn >= fits || !sqs.is_current(receipt)) continue;
        const ImVec2 at(tray.min.x + em(0.1f) + spacing * (static_cast<float>(drawn) + 0.5f), centre(tray).y);
        dots_.place(receipt.message, at, at, colours::receive_count(sqs.message(receipt.message).receive_count), radius);
        ++drawn;
    }
    if (drawn < current) {
        const ImVec2 at(tray.min.x + em(0.15f) + spacing * static_cast<float>(drawn), centre(tray).y - em(0.4f));
        text_in(draw_list_, tray, at, colours::text(), "+" + lab::format_count(current - drawn), 0.7f);
    }
}

// Queue dots: every live message not held by a poller, in its queue's compartment, as many as fit.
// The scan stops as soon as every compartment has what it can show.
void TopologyView::place_queue_dots(const lab::Run& run, const std::vector<Lane>& lanes) {
    const auto& engine = *run.engine;
    const auto& sqs = engine.sqs();
    const auto& messages = sqs.messages();
    for (; messages_seen_ < messages.size(); ++messages_seen_) live_.push_back(static_cast<std::uint32_t>(messages_seen_));

    struct QueueAreas {
        DotArea visible, in_flight, delayed;
        GroupRows groups;  // FIFO: the visible messages, one row per message group
        ImVec2 producer;
        bool drawn = false;
    };
    std::vector<QueueAreas> areas(sqs.queue_count());
    std::int64_t wanted = 0;
    const auto add = [&](std::uint32_t queue, const QueueBoxes& boxes, ImVec2 producer) {
        QueueAreas& a = areas[queue];
        if (a.drawn) return;
        a.drawn = true;
        a.producer = producer;
        const float label = em(1.1f);
        if (sqs.config(queue).FifoQueue) {
            a.groups = draw_group_rows(draw_list_, sqs, queue, below(boxes.visible, label));
            for (const DotArea& row : a.groups.rows) wanted += std::min<std::int64_t>(row.count, row.capacity);
        } else {
            a.visible = make_area(below(boxes.visible, label), sqs.visible_count(queue));
        }
        a.in_flight = make_area(below(boxes.in_flight, label), sqs.in_flight_count(queue) - held_in_queue_[queue]);
        a.delayed = make_area(below(boxes.delayed, label), height(boxes.delayed) > 0 ? sqs.delayed_count(queue) : 0);
        for (const DotArea* area : {&a.visible, &a.in_flight, &a.delayed}) wanted += std::min<std::int64_t>(area->count, area->capacity);
    };
    for (const auto& lane : lanes) {
        add(lane.queue, lane.queue_boxes, centre(lane.producer));
        if (lane.dead_letter != sim::kNone) add(lane.dead_letter, lane.dead_letter_boxes, centre(lane.dead_letter_boxes.frame));
    }

    const auto now = engine.now();
    std::size_t kept = 0, read = 0;
    for (; read < live_.size() && wanted > 0; ++read) {
        const auto index = live_[read];
        const auto& m = messages[index];
        if (m.ended()) continue;
        live_[kept++] = index;
        QueueAreas& a = areas[m.queue];
        if (!a.drawn || held_frame_[index] == frame_) continue;
        DotArea* area = m.state == sim::MessageState::Visible ? a.groups.area_for(sqs.extras(m).group, a.visible)
                        : m.state == sim::MessageState::InFlight ? &a.in_flight
                                                                 : &a.delayed;
        if (area == nullptr || area->full()) continue;
        const ImVec2 at = area->next();
        --wanted;
        const bool just_sent = m.receive_count == 0 && m.queue == m.source_queue && now - m.sent_at < sim::kMicrosPerSecond;
        float ring = -1;
        if (m.state == sim::MessageState::InFlight) {
            const auto timeout = sim::from_seconds(sqs.config(m.queue).VisibilityTimeout);
            ring = timeout > 0 ? std::clamp(static_cast<float>(m.visible_at - now) / static_cast<float>(timeout), 0.0f, 1.0f) : 0.0f;
        }
        dots_.place(index, at, just_sent ? a.producer : at, colours::receive_count(m.receive_count), area->radius(), ring);
    }
    live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(kept), live_.begin() + static_cast<std::ptrdiff_t>(read));

    overflows_.clear();
    for (std::uint32_t q = 0; q < areas.size(); ++q) {
        for (const DotArea* area : {&areas[q].visible, &areas[q].in_flight, &areas[q].delayed}) {
            if (areas[q].drawn && area->count > area->capacity) overflows_.push_back({area->box, area->count - area->capacity});
        }
    }
}

// "+N not drawn" over the corner of each compartment with more messages than dots.
void TopologyView::draw_overflow_labels() {
    const float scale = 0.8f;
    for (const auto& [box, hidden] : overflows_) {
        const std::string text = "+" + format_count(hidden) + " not drawn";
        const float w = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text.c_str()).x;
        const ImVec2 at(box.max.x - w - em(0.3f), box.max.y - em(1.05f));
        draw_list_->AddRectFilled(ImVec2(at.x - em(0.3f), at.y - em(0.05f)), box.max, IM_COL32(20, 22, 28, 235), em(0.2f));
        text_in(draw_list_, box, at, colours::text(), text, scale);
    }
}

// Deleted dots fly to the Deleted box and fade there; others just go.
void TopologyView::retire_dots(const lab::Run& run, const std::vector<Lane>& lanes) {
    const auto& sqs = run.engine->sqs();
    dots_.retire([&](std::uint32_t message) -> std::optional<ImVec2> {
        const auto& m = sqs.message(message);
        if (m.state != sim::MessageState::Deleted || sqs.extras(m).redriven_to != sim::kNone) return std::nullopt;
        for (const auto& lane : lanes) {
            if (lane.queue == m.queue && lane.mapping != nullptr) return scatter(lane.deleted, message);
        }
        return std::nullopt;
    });
}

}  // namespace queuelab::gui
