// [SECTION] Geometry and drawing helpers
// [SECTION] Layout
// [SECTION] Lanes: producer, queue, dead-letter queue, outcomes
// [SECTION] Pollers and execution environments
// [SECTION] Message dots
// [SECTION] Legend
// [SECTION] Mouse: selection and tooltips

#include "topology_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "message_story.h"
#include "widgets.h"

namespace queuelab::gui {

using Box = TopologyView::Box;
using SlotActivity = sim::SqsMapping::SlotActivity;

struct TopologyView::QueueBoxes {
    Box frame;
    Box delayed;    // zero height when the queue never delays messages
    Box visible;
    Box in_flight;
};

struct TopologyView::Lane {
    std::uint32_t queue = 0;
    const sim::SqsMapping* mapping = nullptr;  // null: no mapping reads this queue
    std::uint32_t dead_letter = sim::kNone;
    bool first_lane_of_function = true;        // shows the function's idle environments
    std::vector<sim::SqsMapping::SlotView> slots;  // the mapping's active poller slots
    Box producer, pollers, function, deleted, return_band;
    QueueBoxes queue_boxes, dead_letter_boxes;
};

// [SECTION] Geometry and drawing helpers

namespace {

// A grid that places one dot after another inside a box.
struct DotArea {
    Box box;
    float spacing = 0;
    int columns = 1;
    int capacity = 0;
    int placed = 0;
    std::int64_t count = 0;  // messages that belong here

    bool full() const { return placed >= capacity || placed >= count; }
    ImVec2 next() {
        const int row = placed / columns, column = placed % columns;
        ++placed;
        return ImVec2(box.min.x + spacing * (static_cast<float>(column) + 0.5f),
                      box.min.y + spacing * (static_cast<float>(row) + 0.5f));
    }
    float radius() const { return spacing * 0.36f; }
};

float width(Box b) { return b.max.x - b.min.x; }
float height(Box b) { return b.max.y - b.min.y; }
ImVec2 centre(Box b) { return ImVec2((b.min.x + b.max.x) / 2, (b.min.y + b.max.y) / 2); }
bool contains(Box b, ImVec2 p) { return p.x >= b.min.x && p.x < b.max.x && p.y >= b.min.y && p.y < b.max.y; }

// The part of `b` from fraction `from` to `to` of its width.
Box columns(Box b, float from, float to) {
    return Box{ImVec2(b.min.x + width(b) * from, b.min.y), ImVec2(b.min.x + width(b) * to, b.max.y)};
}
Box rows(Box b, float from, float to) {
    return Box{ImVec2(b.min.x, b.min.y + height(b) * from), ImVec2(b.max.x, b.min.y + height(b) * to)};
}
Box below(Box b, float offset) { return Box{ImVec2(b.min.x, std::min(b.max.y, b.min.y + offset)), b.max}; }
Box shrink(Box b, float by) {
    return Box{ImVec2(b.min.x + by, b.min.y + by), ImVec2(std::max(b.min.x + by, b.max.x - by), std::max(b.min.y + by, b.max.y - by))};
}

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

// Recent: within the last virtual second, or the last frame's worth of time at high speed.
bool recent(sim::SimTime event, sim::SimTime now) {
    return event >= 0 && now - event <= sim::kMicrosPerSecond;
}

void text_in(ImDrawList* draw_list, Box clip, ImVec2 at, ImU32 colour, const std::string& text, float scale = 1.0f) {
    draw_list->PushClipRect(clip.min, clip.max, true);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, colour, text.c_str());
    draw_list->PopClipRect();
}

void panel(ImDrawList* draw_list, Box b, ImU32 border = colours::panel_border()) {
    draw_list->AddRectFilled(b.min, b.max, colours::panel(), em(0.35f));
    draw_list->AddRect(b.min, b.max, border, em(0.35f), 0, 1.5f);
}

void arrow_head(ImDrawList* draw_list, ImVec2 tip, ImVec2 direction, ImU32 colour) {
    const float length = std::sqrt(direction.x * direction.x + direction.y * direction.y);
    if (length <= 0) return;
    const ImVec2 d(direction.x / length, direction.y / length);
    const float size = em(0.5f);
    const ImVec2 back(tip.x - d.x * size, tip.y - d.y * size);
    const ImVec2 side(-d.y * size * 0.5f, d.x * size * 0.5f);
    draw_list->AddTriangleFilled(tip, ImVec2(back.x + side.x, back.y + side.y), ImVec2(back.x - side.x, back.y - side.y), colour);
}

// A straight arrow with a label above its middle.
void arrow(ImDrawList* draw_list, ImVec2 from, ImVec2 to, ImU32 colour, const std::string& label, bool lit) {
    const float thickness = lit ? 3.0f : 1.5f;
    draw_list->AddLine(from, to, colour, thickness);
    arrow_head(draw_list, to, ImVec2(to.x - from.x, to.y - from.y), colour);
    if (label.empty()) return;
    const float scale = 0.8f;
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, label.c_str());
    const ImVec2 at((from.x + to.x) / 2 - size.x / 2, (from.y + to.y) / 2 - size.y - em(0.15f));
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, colours::dim_text(), label.c_str());
}

// Several lines of text, one under the other, starting at `at`; returns the y below them.
float text_lines(ImDrawList* draw_list, Box clip, ImVec2 at, std::initializer_list<std::pair<ImU32, std::string>> lines,
                 float scale = 1.0f) {
    for (const auto& [colour, text] : lines) {
        text_in(draw_list, clip, at, colour, text, scale);
        at.y += ImGui::GetFontSize() * scale * 1.15f;
    }
    return at.y;
}

DotArea make_area(Box box, std::int64_t count) {
    DotArea area;
    area.box = box;
    area.count = count;
    const float min_spacing = em(0.55f), max_spacing = em(1.3f);
    const float room = std::max(0.0f, width(box) * height(box));
    area.spacing = std::clamp(std::sqrt(room / static_cast<float>(std::max<std::int64_t>(count, 1))) * 0.9f,
                              min_spacing, max_spacing);
    area.columns = std::max(1, static_cast<int>(width(box) / area.spacing));
    area.capacity = area.columns * std::max(0, static_cast<int>(height(box) / area.spacing));
    return area;
}

// A place inside `b` that depends only on the message, so dots landing there spread out.
ImVec2 scatter(Box b, std::uint32_t message) {
    const std::uint32_t h = message * 2654435761u;
    const float fx = static_cast<float>(h & 0xFFFF) / 65535.0f, fy = static_cast<float>(h >> 16) / 65535.0f;
    const Box inner = shrink(b, em(0.6f));
    return ImVec2(inner.min.x + width(inner) * fx, inner.min.y + height(inner) * (0.35f + 0.6f * fy));
}

std::string plural(std::int64_t n, const char* one, const char* many) {
    return format_count(n) + " " + (n == 1 ? one : many);
}

}  // namespace

// [SECTION] Layout

namespace {

// Column edges of a lane, as fractions of its width.
struct Columns {
    float producer_to, queue_from, queue_to, pollers_from, pollers_to, function_from, function_to, deleted_from;
};
constexpr Columns kFullColumns{0.065f, 0.10f, 0.34f, 0.40f, 0.56f, 0.62f, 0.86f, 0.91f};
constexpr Columns kCompactColumns{0.0f, 0.0f, 0.28f, 0.34f, 0.52f, 0.58f, 0.84f, 0.89f};  // no producer

}  // namespace

// One lane per mapping, then one per queue that no mapping reads and that is not a DLQ.
std::vector<TopologyView::Lane> TopologyView::layout_lanes(const sim::Engine& engine, Box canvas) const {
    const auto& sqs = engine.sqs();
    std::vector<Lane> lanes;
    std::vector<bool> function_seen(engine.lambda().function_count(), false);
    std::vector<bool> queue_read(sqs.queue_count(), false);
    for (const auto& mapping : engine.mappings()) {
        Lane lane;
        lane.queue = mapping->queue();
        lane.mapping = mapping.get();
        lane.first_lane_of_function = !function_seen[mapping->function()];
        function_seen[mapping->function()] = true;
        queue_read[mapping->queue()] = true;
        lanes.push_back(lane);
    }
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        if (queue_read[q] || sqs.is_dead_letter_queue(q)) continue;
        Lane lane;
        lane.queue = q;
        lanes.push_back(lane);
    }
    const float lane_height = height(canvas) / static_cast<float>(std::max<std::size_t>(lanes.size(), 1));
    const float gap = em(0.6f);
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const Box area{ImVec2(canvas.min.x, canvas.min.y + lane_height * static_cast<float>(i)),
                       ImVec2(canvas.max.x, canvas.min.y + lane_height * static_cast<float>(i + 1) - gap)};
        place_lane(sqs, lanes[i], area, queue_read);
    }
    return lanes;
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
    const float title = detail_ == Detail::Full ? em(2.6f) : em(1.4f);
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

// [SECTION] Lanes: producer, queue, dead-letter queue, outcomes

void TopologyView::draw_queue(const Run& run, const QueueBoxes& boxes, std::uint32_t queue, const char* title) {
    const auto& sqs = run.engine->sqs();
    const auto& config = sqs.config(queue);
    const bool dead_letter = sqs.is_dead_letter_queue(queue);
    panel(draw_list_, boxes.frame, dead_letter ? colours::dead_lettered() : colours::panel_border());
    const ImVec2 at(boxes.frame.min.x + em(0.4f), boxes.frame.min.y + em(0.25f));
    std::string settings = "VisibilityTimeout " + std::to_string(config.VisibilityTimeout) + " s";
    if (config.redrive_policy) settings += " · maxReceiveCount " + std::to_string(config.redrive_policy->maxReceiveCount);
    if (detail_ == Detail::Full) {
        text_lines(draw_list_, boxes.frame, at,
                   {{colours::text(), std::string(title) + " " + config.name + (config.FifoQueue ? " (FIFO)" : "")},
                    {colours::dim_text(), settings}},
                   0.9f);
    } else {
        text_in(draw_list_, boxes.frame, at, colours::text(), config.name + (dead_letter ? " (DLQ)" : ""), 0.85f);
    }
    const auto compartment = [&](Box b, const std::string& label) {
        if (height(b) < em(1.0f)) return;
        draw_list_->AddRectFilled(b.min, b.max, IM_COL32(28, 31, 39, 255), em(0.25f));
        text_in(draw_list_, b, ImVec2(b.min.x + em(0.3f), b.min.y + em(0.1f)), colours::dim_text(), label, 0.8f);
    };
    const auto held = held_in_queue_.size() > queue ? held_in_queue_[queue] : 0;
    const bool full = detail_ == Detail::Full;
    compartment(boxes.delayed, "Delayed " + format_count(sqs.delayed_count(queue)) + (full ? " (DelaySeconds)" : ""));
    compartment(boxes.visible, "Visible " + format_count(sqs.visible_count(queue)) + (full ? ": waiting to be received" : ""));
    std::string in_flight = "In flight " + format_count(sqs.in_flight_count(queue));
    if (full && held > 0) in_flight += ", " + format_count(held) + " at pollers/function";
    if (full && held == 0) in_flight += ": hidden until deleted or VisibilityTimeout ends";
    compartment(boxes.in_flight, in_flight);
}

void TopologyView::draw_lane(const Run& run, const Lane& lane) {
    const auto& engine = *run.engine;
    const auto& counts = run.activity.queue(lane.queue);
    const auto now = engine.now();
    if (detail_ == Detail::Full) {
        panel(draw_list_, lane.producer);
        text_lines(draw_list_, lane.producer, ImVec2(lane.producer.min.x + em(0.4f), lane.producer.min.y + em(0.3f)),
                   {{colours::text(), "Producer"}, {colours::dim_text(), "sent"}, {colours::dim_text(), format_count(counts.sent)}},
                   0.9f);
        const ImVec2 queue_entry(lane.queue_boxes.frame.min.x, centre(lane.producer).y);
        arrow(draw_list_, ImVec2(lane.producer.max.x, queue_entry.y), queue_entry, colours::arrow(), "send",
              recent(counts.last_sent, now));
    }
    draw_queue(run, lane.queue_boxes, lane.queue, "Queue");
    if (lane.dead_letter != sim::kNone) {
        draw_queue(run, lane.dead_letter_boxes, lane.dead_letter, "Dead-letter queue");
        const float x = lane.queue_boxes.frame.min.x + em(1.5f);
        const int max_receives = engine.sqs().config(lane.queue).redrive_policy->maxReceiveCount;
        const ImVec2 from(x, lane.queue_boxes.frame.max.y), to(x, lane.dead_letter_boxes.frame.min.y);
        draw_list_->AddLine(from, to, colours::dead_lettered(), recent(counts.last_dead_lettered, now) ? 3.0f : 1.5f);
        arrow_head(draw_list_, to, ImVec2(0, 1), colours::dead_lettered());
        const Box label_box{ImVec2(x + em(0.4f), from.y), ImVec2(lane.queue_boxes.frame.max.x - em(2.0f), to.y)};
        const float label_y = centre(label_box).y + em(0.1f);
        if (detail_ == Detail::Full) {
            text_lines(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.9f)),
                       {{colours::dead_lettered(), "receive #" + std::to_string(max_receives + 1) + " > maxReceiveCount:"},
                        {colours::dead_lettered(), format_count(counts.dead_lettered_out) + " moved to the DLQ"}},
                       0.8f);
        } else {
            text_in(draw_list_, label_box, ImVec2(label_box.min.x, label_y - em(0.5f)), colours::dead_lettered(),
                    format_count(counts.dead_lettered_out) + " to DLQ", 0.8f);
        }
    }
    if (lane.mapping == nullptr) {
        text_in(draw_list_, lane.pollers, ImVec2(lane.pollers.min.x, centre(lane.pollers).y), colours::dim_text(),
                "No event source mapping reads this queue.", 0.9f);
        return;
    }
    draw_mapping(run, lane);
}

void TopologyView::draw_mapping(const Run& run, const Lane& lane) {
    const auto& engine = *run.engine;
    const auto now = engine.now();
    const auto& counts = run.activity.queue(lane.queue);
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

    // Outcomes: deleted, or back to the queue through the return band.
    panel(draw_list_, lane.deleted, colours::deleted());
    text_lines(draw_list_, lane.deleted, ImVec2(lane.deleted.min.x + em(0.4f), lane.deleted.min.y + em(0.3f)),
               {{colours::text(), "Deleted"},
                {colours::deleted(), format_count(counts.deleted)},
                {counts.lost > 0 ? colours::throttled() : colours::dim_text(),
                 counts.lost > 0 ? plural(counts.lost, "lost", "lost") : ""}},
               0.9f);
    if (full && counts.lost > 0) {
        text_in(draw_list_, lane.deleted, ImVec2(lane.deleted.min.x + em(0.4f), lane.deleted.min.y + em(3.3f)),
                colours::dim_text(), "(handler said failed)", 0.75f);
    }
    arrow(draw_list_, ImVec2(lane.function.max.x, arrow_y), ImVec2(lane.deleted.min.x, arrow_y), colours::deleted(),
          full ? "delete" : "", recent(counts.last_deleted, now));

    const bool lit = recent(counts.last_returned, now);
    const float thickness = lit ? 3.0f : 1.5f;
    const float band_y = centre(lane.return_band).y;
    const float start_x = centre(lane.function).x;
    const float end_x = lane.queue_boxes.frame.max.x - em(1.5f);
    draw_list_->AddLine(ImVec2(start_x, lane.function.max.y), ImVec2(start_x, band_y), colours::returned(), thickness);
    draw_list_->AddLine(ImVec2(start_x, band_y), ImVec2(end_x, band_y), colours::returned(), thickness);
    draw_list_->AddLine(ImVec2(end_x, band_y), ImVec2(end_x, lane.queue_boxes.frame.max.y), colours::returned(), thickness);
    arrow_head(draw_list_, ImVec2(end_x, lane.queue_boxes.frame.max.y), ImVec2(0, -1), colours::returned());
    const Box label_box{ImVec2(end_x + em(0.5f), lane.return_band.min.y), ImVec2(start_x - em(0.3f), lane.return_band.max.y)};
    if (full) {
        text_lines(draw_list_, label_box, ImVec2(label_box.min.x, band_y + em(0.15f)),
                   {{colours::returned(), "not deleted (error, reported failed, too slow): stays in flight,"},
                    {colours::returned(), "visible again when VisibilityTimeout ends: " + format_count(counts.returned)}},
                   0.8f);
    } else {
        text_in(draw_list_, label_box, ImVec2(label_box.min.x, band_y + em(0.15f)), colours::returned(),
                format_count(counts.returned) + " came back", 0.8f);
    }
}

// [SECTION] Pollers and execution environments

namespace {

// Cells for `count` items inside `area`: rows with text when they fit, else a grid of squares.
struct CellLayout {
    bool as_rows = false;
    float cell_width = 0, cell_height = 0;
    int columns = 1;

    Box cell(Box area, int index) const {
        const int row = index / columns, column = index % columns;
        const ImVec2 min(area.min.x + static_cast<float>(column) * cell_width,
                         area.min.y + static_cast<float>(row) * cell_height);
        const float gap = as_rows ? em(0.2f) : std::max(1.0f, cell_width * 0.15f);
        return Box{min, ImVec2(min.x + cell_width - gap, min.y + cell_height - gap)};
    }
};

CellLayout layout_cells(Box area, int count) {
    CellLayout layout;
    const float row_height = em(1.5f);
    if (count <= 0) return layout;
    if (static_cast<float>(count) * row_height <= height(area)) {
        layout.as_rows = true;
        layout.cell_width = width(area);
        layout.cell_height = row_height;
        return layout;
    }
    float side = std::sqrt(width(area) * height(area) / static_cast<float>(count));
    while (side > 2.0f && static_cast<int>(width(area) / side) * static_cast<int>(height(area) / side) < count) side *= 0.95f;
    layout.cell_width = layout.cell_height = std::max(side, 2.0f);
    layout.columns = std::max(1, static_cast<int>(width(area) / layout.cell_width));
    return layout;
}

}  // namespace

void TopologyView::draw_pollers(const Run& run, const Lane& lane) {
    const auto& slots = lane.slots;
    const auto& config = lane.mapping->config();
    panel(draw_list_, lane.pollers);
    const ImVec2 at(lane.pollers.min.x + em(0.4f), lane.pollers.min.y + em(0.25f));
    std::string batching = "BatchSize " + std::to_string(config.BatchSize);
    if (config.MaximumBatchingWindowInSeconds > 0) batching += ", window " + std::to_string(config.MaximumBatchingWindowInSeconds) + " s";
    const float top = text_lines(draw_list_, lane.pollers, at,
                                 {{colours::text(), "Pollers"},
                                  {colours::dim_text(), std::to_string(slots.size()) + " running, target " +
                                                            std::to_string(lane.mapping->target_concurrency())},
                                  {colours::dim_text(), batching}},
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

void TopologyView::draw_environments(const Run& run, const Lane& lane) {
    const auto& slots = lane.slots;
    const auto& engine = *run.engine;
    const auto& lambda = engine.lambda();
    const auto function = lane.mapping->function();
    const auto& config = lambda.config(function);
    const auto& counts = run.activity.function(function);
    const auto now = engine.now();
    const bool throttling = recent(counts.last_throttle, now);
    panel(draw_list_, lane.function, throttling ? colours::throttled() : colours::panel_border());
    std::string cap = std::to_string(lambda.concurrency_cap(function));
    cap += config.ReservedConcurrentExecutions ? " reserved" : " unreserved";
    const ImVec2 at(lane.function.min.x + em(0.4f), lane.function.min.y + em(0.25f));
    const float top = text_lines(
        draw_list_, lane.function, at,
        {{colours::text(), "Function " + config.name},
         {colours::dim_text(), config.Handler + " · Timeout " + std::to_string(config.Timeout) + " s"},
         {colours::dim_text(), "running " + std::to_string(lambda.concurrency_in_use(function)) + " of " + cap},
         {counts.throttles > 0 || counts.errors > 0 ? colours::returned() : colours::dim_text(),
          plural(counts.cold_starts, "cold start", "cold starts") + " · " + plural(counts.errors, "error", "errors") + " · " +
              plural(counts.throttles, "throttle", "throttles")}},
        0.85f);
    std::vector<const sim::SqsMapping::SlotView*> busy;
    for (const auto& slot : slots) {
        if (slot.activity == SlotActivity::Invoking) busy.push_back(&slot);
    }
    const int idle = lane.first_lane_of_function ? lambda.idle_environment_count(function) : 0;
    const Box area = shrink(Box{ImVec2(lane.function.min.x, top), lane.function.max}, em(0.3f));
    const CellLayout cells = layout_cells(area, static_cast<int>(busy.size()) + idle);
    const auto& invocations = engine.recorder().invocations();
    for (std::size_t i = 0; i < busy.size(); ++i) {
        const auto& record = invocations[busy[i]->invocation];
        const Box cell = cells.cell(area, static_cast<int>(i));
        const sim::SimTime init_end = record.start + sim::from_millis(record.init_ms);
        const bool initialising = now < init_end;
        draw_list_->AddRectFilled(cell.min, cell.max, initialising ? colours::cold_start() : colours::invoking(),
                                  cells.as_rows ? em(0.2f) : 0.0f);
        const float progress = record.end > record.start
                                   ? std::clamp(static_cast<float>(now - record.start) / static_cast<float>(record.end - record.start), 0.0f, 1.0f)
                                   : 1.0f;
        const float bar = std::max(2.0f, height(cell) * 0.15f);
        draw_list_->AddRectFilled(ImVec2(cell.min.x, cell.max.y - bar), ImVec2(cell.min.x + width(cell) * progress, cell.max.y),
                                  IM_COL32(255, 255, 255, 150));
        hotspots_.push_back(Hotspot{cell, Hotspot::Kind::Environment, SlotActivity::Invoking, busy[i]->invocation,
                                    busy[i]->batch.size()});
        if (!cells.as_rows) continue;
        const auto stale = std::count_if(busy[i]->batch.begin(), busy[i]->batch.end(),
                                         [&](sim::Receipt r) { return !engine.sqs().is_current(r); });
        char label[64];
        if (initialising) {
            std::snprintf(label, sizeof label, "cold start %.0f ms", record.init_ms);
        } else if (stale > 0) {
            std::snprintf(label, sizeof label, "running, %td stale", stale);
        } else {
            std::snprintf(label, sizeof label, "running %zu", record.records.size());
        }
        text_in(draw_list_, cell, ImVec2(cell.min.x + em(0.3f), cell.min.y + em(0.2f)), colours::text(), label, 0.8f);
        draw_batch_dots(run, busy[i]->batch, Box{ImVec2(cell.min.x + em(7.5f), cell.min.y), cell.max});
    }
    for (int i = 0; i < idle; ++i) {
        const Box cell = cells.cell(area, static_cast<int>(busy.size()) + i);
        draw_list_->AddRect(cell.min, cell.max, IM_COL32(120, 128, 145, 255), cells.as_rows ? em(0.2f) : 0.0f);
        hotspots_.push_back(Hotspot{cell, Hotspot::Kind::IdleEnvironment});
        if (cells.as_rows) {
            text_in(draw_list_, cell, ImVec2(cell.min.x + em(0.3f), cell.min.y + em(0.2f)), colours::dim_text(), "idle (warm)", 0.8f);
        }
    }
}

// The batch's messages in a row on a dark tray at the right of a poller or environment row.
// A thin line from each invoking poller row to the execution environment running its batch
// (when there are few enough to draw as rows).
void TopologyView::connect_invokes(std::size_t first_hotspot) {
    const auto is_row = [](const Hotspot& spot) { return height(spot.box) >= em(1.0f); };
    for (std::size_t p = first_hotspot; p < hotspots_.size(); ++p) {
        const Hotspot& poller = hotspots_[p];
        if (poller.kind != Hotspot::Kind::Poller || poller.invocation == sim::kNone || !is_row(poller)) continue;
        for (std::size_t e = first_hotspot; e < hotspots_.size(); ++e) {
            const Hotspot& environment = hotspots_[e];
            if (environment.kind != Hotspot::Kind::Environment || environment.invocation != poller.invocation) continue;
            draw_list_->AddLine(ImVec2(poller.box.max.x, centre(poller.box).y), ImVec2(environment.box.min.x, centre(environment.box).y),
                                IM_COL32(70, 170, 95, 160), 1.5f);
        }
    }
}

void TopologyView::draw_batch_dots(const Run& run, const std::vector<sim::Receipt>& batch, Box tray) {
    const auto& sqs = run.engine->sqs();
    tray = shrink(tray, em(0.12f));
    if (width(tray) < em(1.0f)) return;
    draw_list_->AddRectFilled(tray.min, tray.max, IM_COL32(20, 22, 28, 230), em(0.2f));
    const float radius = em(0.28f), spacing = radius * 2.6f;
    const int fits = std::max(0, static_cast<int>((width(tray) - em(0.2f)) / spacing));
    int drawn = 0;
    for (const auto receipt : batch) {
        if (drawn >= fits || !sqs.is_current(receipt)) continue;
        const ImVec2 at(tray.min.x + em(0.1f) + spacing * (static_cast<float>(drawn) + 0.5f), centre(tray).y);
        dots_.place(receipt.message, at, at, colours::receive_count(sqs.message(receipt.message).receive_count), radius);
        ++drawn;
    }
}

// [SECTION] Message dots

// Queue dots: every live message not held by a poller, in its queue's compartment, as many as fit.
// The scan stops as soon as every compartment has what it can show.
void TopologyView::place_queue_dots(const Run& run, const std::vector<Lane>& lanes) {
    const auto& engine = *run.engine;
    const auto& sqs = engine.sqs();
    const auto& messages = sqs.messages();
    for (; messages_seen_ < messages.size(); ++messages_seen_) live_.push_back(static_cast<std::uint32_t>(messages_seen_));

    struct QueueAreas {
        DotArea visible, in_flight, delayed;
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
        a.visible = make_area(below(boxes.visible, label), sqs.visible_count(queue));
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
        if (m.state == sim::MessageState::Deleted || m.state == sim::MessageState::Expired ||
            m.state == sim::MessageState::Filtered) {
            continue;
        }
        live_[kept++] = index;
        QueueAreas& a = areas[m.queue];
        if (!a.drawn || held_frame_[index] == frame_) continue;
        DotArea* area = m.state == sim::MessageState::Visible ? &a.visible
                        : m.state == sim::MessageState::InFlight ? &a.in_flight
                                                                 : &a.delayed;
        if (area->full()) continue;
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
void TopologyView::retire_dots(const Run& run, const std::vector<Lane>& lanes) {
    const auto& sqs = run.engine->sqs();
    dots_.retire([&](std::uint32_t message) -> std::optional<ImVec2> {
        const auto& m = sqs.message(message);
        if (m.state != sim::MessageState::Deleted || m.redriven_to != sim::kNone) return std::nullopt;
        for (const auto& lane : lanes) {
            if (lane.queue == m.queue && lane.mapping != nullptr) return scatter(lane.deleted, message);
        }
        return std::nullopt;
    });
}

// [SECTION] Legend

void TopologyView::draw_legend(Box area) {
    ImVec2 at(area.min.x, area.min.y + em(0.1f));
    const float scale = 0.85f;
    const auto label = [&](const char* text) {
        text_in(draw_list_, area, at, colours::dim_text(), text, scale);
        at.x += ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text).x + em(0.6f);
    };
    const auto swatch = [&](ImU32 colour, const char* text, bool round) {
        const ImVec2 c(at.x + em(0.35f), at.y + em(0.45f));
        if (round) {
            draw_list_->AddCircleFilled(c, em(0.32f), colour, 12);
        } else {
            draw_list_->AddRectFilled(ImVec2(c.x - em(0.35f), c.y - em(0.35f)), ImVec2(c.x + em(0.35f), c.y + em(0.35f)), colour, em(0.1f));
        }
        at.x += em(0.9f);
        label(text);
    };
    label("Dots are messages, coloured by receive count:");
    const char* counts[] = {"0", "1", "2", "3", "4", "5+"};
    for (std::uint32_t i = 0; i < colours::kReceiveCountSteps; ++i) swatch(colours::receive_count(i), counts[i], true);
    at.x += em(1.0f);
    label("Ring: time left in flight.");
    at.x += em(1.0f);
    swatch(colours::polling(), "polling", false);
    swatch(colours::collecting(), "collecting", false);
    swatch(colours::throttled(), "throttled", false);
    swatch(colours::invoking(), "invoking", false);
    swatch(colours::backing_off(), "backing off", false);
    swatch(colours::cold_start(), "cold start", false);
}

// [SECTION] Mouse: selection and tooltips

void TopologyView::show_hover_tooltip(const Run& run, ImVec2 mouse) {
    const auto& engine = *run.engine;
    if (const auto message = dots_.hit(mouse)) {
        const auto& m = engine.sqs().message(*message);
        ImGui::BeginTooltip();
        ImGui::Text("Message #%u  (receive count %u)", *message, m.receive_count);
        ImGui::TextUnformatted(describe_state(engine, *message).c_str());
        ImGui::TextDisabled("body: %s", shorten(m.body, 60).c_str());
        ImGui::TextDisabled("Click to see its whole life.");
        ImGui::EndTooltip();
        return;
    }
    for (const auto& spot : hotspots_) {
        if (!contains(spot.box, mouse)) continue;
        ImGui::BeginTooltip();
        switch (spot.kind) {
            case Hotspot::Kind::Poller:
                ImGui::Text("Poller: %s", slot_explanation(spot.activity));
                if (spot.batch_size > 0) ImGui::Text("holds a batch of %zu message(s)", spot.batch_size);
                break;
            case Hotspot::Kind::Environment: {
                const auto& record = engine.recorder().invocations()[spot.invocation];
                ImGui::Text("Execution environment running invocation %s", shorten(record.request_id, 8).c_str());
                ImGui::Text("%zu record(s); started at %s%s", record.records.size(), format_duration(record.start).c_str(),
                            record.cold_start ? " with a cold start" : " (warm start)");
                if (record.cold_start) ImGui::Text("init %.0f ms, then the handler", record.init_ms);
                if (const auto stale = std::count_if(record.records.begin(), record.records.end(), [&](const sim::RecordRef& r) {
                        return !engine.sqs().is_current(sim::Receipt{r.message, r.receive_count});
                    });
                    stale > 0 && !engine.ended()) {
                    ImGui::TextWrapped("%td record(s) stale: their visibility timeout ended while this invocation runs, so "
                                       "they were received again; this invocation's delete will be ignored.",
                                       stale);
                }
                ImGui::TextDisabled("Click to inspect the invocation.");
                break;
            }
            case Hotspot::Kind::IdleEnvironment:
                ImGui::TextUnformatted("Idle execution environment: warm, reused by the next invoke (no cold start).");
                break;
        }
        ImGui::EndTooltip();
        return;
    }
}

void TopologyView::handle_mouse(LabState& lab, RunId id, bool hovered) {
    if (!hovered) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const Run& run = lab.run(id);
    show_hover_tooltip(run, mouse);
    if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
    if (const auto message = dots_.hit(mouse)) {
        lab.selection = Selection{id, *message, sim::kNone};
        return;
    }
    for (const auto& spot : hotspots_) {
        if (spot.kind == Hotspot::Kind::IdleEnvironment || spot.invocation == sim::kNone || !contains(spot.box, mouse)) continue;
        lab.selection = Selection{id, sim::kNone, spot.invocation};
        return;
    }
}

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

void TopologyView::forget_run_if_replaced(const Run& run) {
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

void TopologyView::draw(LabState& lab, RunId id, Detail detail) {
    const Run& run = lab.run(id);
    if (!run.engine) {
        ImGui::TextDisabled("No run.");
        return;
    }
    detail_ = detail;
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
    if (engine.sqs().queue_count() == 0) {
        text_in(draw_list_, canvas, canvas.min, colours::dim_text(), "This scenario has no SQS queue.");
        draw_list_->PopClipRect();
        return;
    }
    if (detail == Detail::Full) {
        draw_legend(Box{canvas.min, ImVec2(canvas.max.x, canvas.min.y + em(1.2f))});
        canvas.min.y += em(1.8f);
    }
    auto lanes = layout_lanes(engine, canvas);
    mark_held_messages(engine, lanes);
    for (const auto& lane : lanes) draw_lane(run, lane);
    place_queue_dots(run, lanes);
    retire_dots(run, lanes);
    dots_.draw(draw_list_, lab.selection.run == id ? lab.selection.message : sim::kNone);
    draw_overflow_labels();
    draw_list_->PopClipRect();
    handle_mouse(lab, id, hovered);
}

}  // namespace queuelab::gui
