// [SECTION] Geometry and drawing helpers
// [SECTION] Layout
// [SECTION] Lanes: producer, queue, dead-letter queue, outcomes
// [SECTION] Pollers and execution environments
// [SECTION] Message dots
// [SECTION] Kinesis stream lanes
// [SECTION] Legend
// [SECTION] Mouse: selection and tooltips

#include "topology_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "lab/format.h"
#include "lab/message_story.h"
#include "lab/record_state.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::RecordState, lab::Run, lab::RunId, lab::Selection, lab::describe_record_state, lab::describe_state;
using lab::format_count, lab::format_duration, lab::retrying, lab::shorten;

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

constexpr const char* kMessageGroupHelp =
    "FIFO queue: messages with the same MessageGroupId are delivered in the order they were sent, and while one "
    "of them is in flight the rest of its group is blocked: not received until it is deleted or visible again. "
    "Other groups go on. Each row is a group: its id, blocked or ready, and its waiting messages, oldest first.";

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

float text_width(const std::string& text, float scale) {
    return ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text.c_str()).x;
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
    if (config.FifoQueue) {
        compartment(boxes.visible, "Visible " + format_count(sqs.visible_count(queue)) + (full ? ", by message group" : ""));
        const float label_end = text_width("Visible " + format_count(sqs.visible_count(queue)) + ", by message group", 0.8f);
        help_marker(ImVec2(boxes.visible.min.x + em(0.6f) + label_end, boxes.visible.min.y + em(0.1f)), kMessageGroupHelp);
    } else {
        compartment(boxes.visible, "Visible " + format_count(sqs.visible_count(queue)) + (full ? ": waiting to be received" : ""));
    }
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
        text_lines(draw_list_, lane.pollers, ImVec2(lane.pollers.min.x, centre(lane.pollers).y),
                   {{colours::dim_text(), "No mapping"}, {colours::dim_text(), "reads this queue."}}, 0.9f);
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
                                 {{colours::text(), config.Enabled ? "Pollers" : "Pollers · disabled (Enabled false)"},
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

// An execution environment running a batch, from an SQS poller or a stream consumer.
struct TopologyView::BusyEnvironment {
    std::uint32_t invocation = sim::kNone;
    std::size_t batch_size = 0;
    std::span<const sim::Receipt> messages;  // SQS: the batch's messages, drawn as dots
};

// The function box's frame and title lines; returns the y under them.
float TopologyView::draw_function_header(const Run& run, std::uint32_t function, Box box) {
    const auto& engine = *run.engine;
    const auto& lambda = engine.lambda();
    const auto& config = lambda.config(function);
    const auto& counts = run.activity.function(function);
    const bool throttling = recent(counts.last_throttle, engine.now());
    panel(draw_list_, box, throttling ? colours::throttled() : colours::panel_border());
    std::string cap = std::to_string(lambda.concurrency_cap(function));
    cap += config.ReservedConcurrentExecutions ? " reserved" : " unreserved";
    const ImVec2 at(box.min.x + em(0.4f), box.min.y + em(0.25f));
    return text_lines(
        draw_list_, box, at,
        {{colours::text(), "Function " + config.name},
         {colours::dim_text(), config.Handler + " · Timeout " + std::to_string(config.Timeout) + " s"},
         {colours::dim_text(), "running " + std::to_string(lambda.concurrency_in_use(function)) + " of " + cap},
         {counts.throttles > 0 || counts.errors > 0 ? colours::returned() : colours::dim_text(),
          plural(counts.cold_starts, "cold start", "cold starts") + " · " + plural(counts.errors, "error", "errors") + " · " +
              plural(counts.throttles, "throttle", "throttles")}},
        0.85f);
}

// One cell per busy execution environment (progress bar, cold start), then `idle` warm ones.
void TopologyView::draw_environment_cells(const Run& run, Box area, const std::vector<BusyEnvironment>& busy, int idle) {
    const auto now = run.engine->now();
    const CellLayout cells = layout_cells(area, static_cast<int>(busy.size()) + idle);
    const auto& invocations = run.engine->recorder().invocations();
    for (std::size_t i = 0; i < busy.size(); ++i) {
        const auto& record = invocations[busy[i].invocation];
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
        hotspots_.push_back(Hotspot{cell, Hotspot::Kind::Environment, SlotActivity::Invoking, busy[i].invocation, busy[i].batch_size});
        if (!cells.as_rows) continue;
        char label[64];
        if (initialising) {
            std::snprintf(label, sizeof label, "cold start %.0f ms", record.init_ms);
        } else if (const auto stale = std::count_if(busy[i].messages.begin(), busy[i].messages.end(),
                                                    [&](sim::Receipt r) { return !run.engine->sqs().is_current(r); });
                   stale > 0) {
            std::snprintf(label, sizeof label, "running, %td stale", stale);
        } else {
            std::snprintf(label, sizeof label, "running %zu", record.records.size());
        }
        text_in(draw_list_, cell, ImVec2(cell.min.x + em(0.3f), cell.min.y + em(0.2f)), colours::text(), label, 0.8f);
        if (!busy[i].messages.empty()) draw_batch_dots(run, busy[i].messages, Box{ImVec2(cell.min.x + em(7.5f), cell.min.y), cell.max});
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

void TopologyView::draw_environments(const Run& run, const Lane& lane) {
    const auto& engine = *run.engine;
    const auto function = lane.mapping->function();
    const float top = draw_function_header(run, function, lane.function);
    std::vector<BusyEnvironment> busy;
    for (const auto& slot : lane.slots) {
        if (slot.activity != SlotActivity::Invoking) continue;
        busy.push_back(BusyEnvironment{slot.invocation, slot.batch.size(), slot.batch});
    }
    const int idle = lane.first_lane_of_function ? engine.lambda().idle_environment_count(function) : 0;
    draw_environment_cells(run, shrink(Box{ImVec2(lane.function.min.x, top), lane.function.max}, em(0.3f)), busy, idle);
}

// The batch's messages in a row on a dark tray at the right of a poller or environment row.
// A thin line from each invoking poller (or stream consumer) row to the execution environment running its batch
// (when there are few enough to draw as rows).
void TopologyView::connect_invokes(std::size_t first_hotspot) {
    const auto is_row = [](const Hotspot& spot) { return height(spot.box) >= em(1.0f); };
    for (std::size_t p = first_hotspot; p < hotspots_.size(); ++p) {
        const Hotspot& poller = hotspots_[p];
        const bool reader = poller.kind == Hotspot::Kind::Poller || poller.kind == Hotspot::Kind::Consumer;
        if (!reader || poller.invocation == sim::kNone || !is_row(poller)) continue;
        for (std::size_t e = first_hotspot; e < hotspots_.size(); ++e) {
            const Hotspot& environment = hotspots_[e];
            if (environment.kind != Hotspot::Kind::Environment || environment.invocation != poller.invocation) continue;
            draw_list_->AddLine(ImVec2(poller.box.max.x, centre(poller.box).y), ImVec2(environment.box.min.x, centre(environment.box).y),
                                IM_COL32(70, 170, 95, 160), 1.5f);
        }
    }
}

void TopologyView::draw_batch_dots(const Run& run, std::span<const sim::Receipt> batch, Box tray) {
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

namespace {

// FIFO: the rows of a queue's visible compartment, one per message group.
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
GroupRows draw_group_rows(ImDrawList* draw_list, const sim::SqsService& sqs, std::uint32_t queue, Box area) {
    GroupRows out;
    out.fifo = true;
    out.row_of_group.assign(sqs.group_count(queue), -1);
    std::vector<std::uint32_t> active;
    for (std::uint32_t g = 0; g < sqs.group_count(queue); ++g) {
        const auto view = sqs.group(queue, g);
        if (view.visible + view.in_flight > 0) active.push_back(g);
    }
    const float row_height = em(1.3f), spacing = em(0.85f), scale = 0.8f;
    const auto fit = static_cast<std::size_t>(std::max(0.0f, height(area) / row_height));
    const std::size_t shown = active.size() <= fit ? active.size() : (fit > 0 ? fit - 1 : 0);
    const auto row_box = [&](std::size_t i) {
        const float top = area.min.y + row_height * static_cast<float>(i);
        return Box{ImVec2(area.min.x, top), ImVec2(area.max.x, top + row_height - em(0.15f))};
    };
    for (std::size_t i = 0; i < shown; ++i) {
        const auto view = sqs.group(queue, active[i]);
        const Box row = row_box(i);
        const bool blocked = view.in_flight > 0;
        draw_list->AddRectFilled(row.min, row.max, IM_COL32(36, 40, 50, 255), em(0.2f));
        const float text_y = row.min.y + (height(row) - em(scale)) / 2;
        text_in(draw_list, columns(row, 0.0f, 0.37f), ImVec2(row.min.x + em(0.3f), text_y), colours::text(), view.id, scale);
        text_in(draw_list, columns(row, 0.37f, 0.62f), ImVec2(columns(row, 0.37f, 1).min.x, text_y),
                blocked ? colours::returned() : colours::dim_text(), blocked ? "blocked" : "ready", scale);
        Box dots = columns(row, 0.62f, 1.0f);
        dots.min.y = centre(row).y - spacing / 2;
        dots.max.y = dots.min.y + spacing;
        DotArea& slots = out.rows.emplace_back();
        slots.box = dots;
        slots.spacing = spacing;
        slots.columns = std::max(1, static_cast<int>(width(dots) / spacing));
        slots.count = view.visible;
        slots.capacity = view.visible > slots.columns ? std::max(0, slots.columns - 2) : slots.columns;
        if (view.visible > slots.capacity) {
            const std::string more = "+" + format_count(view.visible - slots.capacity);
            text_in(draw_list, row, ImVec2(row.max.x - text_width(more, scale) - em(0.3f), text_y), colours::text(), more, scale);
        }
        out.row_of_group[active[i]] = static_cast<std::int32_t>(i);
    }
    if (shown < active.size()) {
        std::int64_t waiting = 0;
        for (std::size_t i = shown; i < active.size(); ++i) waiting += sqs.group(queue, active[i]).visible;
        const Box row = row_box(shown);
        text_in(draw_list, row, ImVec2(row.min.x + em(0.3f), row.min.y + em(0.2f)), colours::dim_text(),
                "+" + plural(static_cast<std::int64_t>(active.size() - shown), "more group", "more groups") + ", " +
                    format_count(waiting) + " waiting",
                scale);
    }
    return out;
}

}  // namespace

// Queue dots: every live message not held by a poller, in its queue's compartment, as many as fit.
// The scan stops as soon as every compartment has what it can show.
void TopologyView::place_queue_dots(const Run& run, const std::vector<Lane>& lanes) {
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
        if (m.state == sim::MessageState::Deleted || m.state == sim::MessageState::Expired ||
            m.state == sim::MessageState::Filtered) {
            continue;
        }
        live_[kept++] = index;
        QueueAreas& a = areas[m.queue];
        if (!a.drawn || held_frame_[index] == frame_) continue;
        DotArea* area = m.state == sim::MessageState::Visible ? a.groups.area_for(m.group, a.visible)
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

// [SECTION] Kinesis stream lanes

struct TopologyView::StreamLane {
    const sim::StreamMapping* mapping = nullptr;
    std::uint32_t destination = sim::kNone;  // on-failure queue, if any
    bool first_lane_of_function = true;
    std::vector<sim::StreamMapping::ConsumerView> consumers;
    Box producer, stream, consumers_box, function, checkpointed, on_failure;
    float rows_top = 0, row_height = 0;      // shard rows, shared by the stream and consumers boxes
};

namespace {

using ConsumerActivity = sim::StreamMapping::ConsumerActivity;

constexpr const char* kIteratorAgeHelp =
    "Iterator age: how long ago the oldest record the mapping has not checkpointed yet arrived in the shard, "
    "i.e. how far behind its consumer is. 0 when caught up; it grows while a failed batch blocks the shard.";
constexpr const char* kCheckpointHelp =
    "Checkpoint: the position in the shard up to which Lambda is done (white tick). Records before it were "
    "processed, sent to the on-failure destination or skipped; reading resumes after it. A failed batch is retried "
    "and nothing newer from its shard (lane) is delivered until it succeeds, expires or runs out of retries.";
constexpr const char* kParallelizationHelp =
    "ParallelizationFactor (1 to 10): how many batches of one shard are processed at once. Each partition key "
    "always goes to the same lane, so order is kept per key. A failed batch blocks only its own lane.";
constexpr const char* kOnFailureHelp =
    "On-failure destination (DestinationConfig.OnFailure): where Lambda sends a description of a batch it gives "
    "up on (MaximumRetryAttempts used up: RetryAttemptsExhausted; older than MaximumRecordAgeInSeconds: "
    "RecordAgeExceeded). Only the batch's shard and sequence numbers are sent, not the data. Without one, the "
    "records are just skipped.";

ImU32 record_colour(RecordState state) {
    switch (state) {
        case RecordState::Waiting: return IM_COL32(95, 105, 128, 255);
        case RecordState::InBatch: return colours::in_flight();
        case RecordState::Retrying: return colours::throttled();
        case RecordState::Checkpointed: return colours::deleted();
        case RecordState::Filtered: return IM_COL32(96, 128, 104, 255);
        case RecordState::SentToOnFailure: return colours::dead_lettered();
        case RecordState::Skipped: return IM_COL32(200, 200, 205, 255);
        case RecordState::BeforeStart: return IM_COL32(45, 49, 60, 255);
    }
    return colours::idle();
}

ImU32 consumer_colour(ConsumerActivity activity) {
    switch (activity) {
        case ConsumerActivity::Waiting: return colours::polling();
        case ConsumerActivity::Throttled: return colours::throttled();
        case ConsumerActivity::Invoking: return colours::invoking();
        case ConsumerActivity::BackingOff: return colours::backing_off();
        case ConsumerActivity::Disabled: return colours::idle();
    }
    return colours::polling();
}

std::string consumer_label(const sim::StreamMapping::ConsumerView& c) {
    switch (c.activity) {
        case ConsumerActivity::Waiting: return "polling";
        case ConsumerActivity::Throttled: return "throttled";
        case ConsumerActivity::Invoking: return c.retries > 0 ? "retry " + std::to_string(c.retries) : "invoking";
        case ConsumerActivity::BackingOff: return "backing off";
        case ConsumerActivity::Disabled: return "disabled";
    }
    return "";
}

std::string retry_limit(const sim::MappingConfig& config) {
    return config.MaximumRetryAttempts < 0 ? "unlimited" : std::to_string(config.MaximumRetryAttempts);
}

// Swatches and labels in groups, left to right. A group that does not fit on the rest of a row
// starts the next row; a group wider than a whole row wraps between its items.
class Legend {
public:
    void label(const char* text) { groups_.back().push_back(Item{text, 0, Shape::None}); }
    void swatch(ImU32 colour, const char* text, bool round) {
        groups_.back().push_back(Item{text, colour, round ? Shape::Dot : Shape::Square});
    }
    void gap() { groups_.emplace_back(); }

    // The height of the rows it takes within `width`.
    float height(float width) const {
        return lay_out(0, width, 0, [](const Item&, ImVec2) {}) + row_height();
    }
    void draw(ImDrawList* draw_list, Box area) const {
        lay_out(area.min.x, area.max.x, area.min.y + em(0.1f), [&](const Item& item, ImVec2 at) {
            const ImVec2 c(at.x + em(0.35f), at.y + em(0.45f));
            if (item.shape == Shape::Dot) draw_list->AddCircleFilled(c, em(0.32f), item.colour, 12);
            if (item.shape == Shape::Square) {
                draw_list->AddRectFilled(ImVec2(c.x - em(0.35f), c.y - em(0.35f)), ImVec2(c.x + em(0.35f), c.y + em(0.35f)),
                                         item.colour, em(0.1f));
            }
            const float text_x = at.x + (item.shape == Shape::None ? 0 : em(0.9f));
            text_in(draw_list, area, ImVec2(text_x, at.y), colours::dim_text(), item.text, kScale);
        });
    }

private:
    enum class Shape { None, Square, Dot };
    struct Item {
        const char* text;
        ImU32 colour;
        Shape shape;
    };
    static constexpr float kScale = 0.85f;

    static float row_height() { return em(1.2f); }
    static float spacing() { return em(0.6f); }
    static float item_width(const Item& item) {
        return (item.shape == Shape::None ? 0 : em(0.9f)) + text_width(item.text, kScale) + spacing();
    }
    static float group_width(const std::vector<Item>& group) {
        float w = 0;
        for (const auto& item : group) w += item_width(item);
        return w;
    }
    // Calls place(item, its top left) for every item; returns the top of the last row.
    template <typename Place>
    float lay_out(float left, float right, float top, Place place) const {
        ImVec2 at(left, top);
        const auto new_row_unless_fits = [&](float w) {  // the last item's spacing may pass `right`
            if (at.x > left && at.x + w - spacing() > right) at = ImVec2(left, at.y + row_height());
        };
        for (const auto& group : groups_) {
            if (at.x > left) at.x += em(1.0f);
            new_row_unless_fits(group_width(group));
            for (const auto& item : group) {
                new_row_unless_fits(item_width(item));
                place(item, at);
                at.x += item_width(item);
            }
        }
        return at.y - top;
    }

    std::vector<std::vector<Item>> groups_{1};
};

Legend message_legend() {
    Legend legend;
    legend.label("Dots are messages, coloured by receive count:");
    const char* counts[] = {"0", "1", "2", "3", "4", "5+"};
    for (std::uint32_t i = 0; i < colours::kReceiveCountSteps; ++i) legend.swatch(colours::receive_count(i), counts[i], true);
    legend.gap();
    legend.label("Ring: time left in flight.");
    legend.gap();
    legend.swatch(colours::polling(), "polling", false);
    legend.swatch(colours::collecting(), "collecting", false);
    legend.swatch(colours::throttled(), "throttled", false);
    legend.swatch(colours::invoking(), "invoking", false);
    legend.swatch(colours::backing_off(), "backing off", false);
    legend.swatch(colours::cold_start(), "cold start", false);
    return legend;
}

Legend stream_legend() {
    Legend legend;
    legend.label("Shard records, oldest left:");
    legend.swatch(record_colour(RecordState::Checkpointed), "checkpointed", false);
    legend.swatch(record_colour(RecordState::Filtered), "filtered out", false);
    legend.swatch(record_colour(RecordState::InBatch), "in batch", false);
    legend.swatch(record_colour(RecordState::Retrying), "retrying: blocks shard", false);
    legend.swatch(record_colour(RecordState::SentToOnFailure), "on failure", false);
    legend.swatch(record_colour(RecordState::Skipped), "skipped", false);
    legend.swatch(record_colour(RecordState::Waiting), "waiting", false);
    legend.swatch(record_colour(RecordState::BeforeStart), "before StartingPosition", false);
    legend.swatch(colours::selection(), "checkpoint", false);
    legend.gap();
    legend.label("Consumers:");
    legend.swatch(colours::polling(), "polling", false);
    legend.swatch(colours::invoking(), "invoking", false);
    legend.swatch(colours::backing_off(), "backing off", false);
    legend.swatch(colours::throttled(), "throttled", false);
    return legend;
}

}  // namespace

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

// A "(?)" drawn at `at`; hovering it shows `text` (see show_hover_tooltip).
void TopologyView::help_marker(ImVec2 at, const char* text) {
    if (detail_ != Detail::Full) return;
    const float scale = 0.85f;
    text_in(draw_list_, Box{at, ImVec2(at.x + em(2.0f), at.y + em(1.2f))}, at, colours::dim_text(), "(?)", scale);
    hotspots_.push_back(Hotspot{Box{at, ImVec2(at.x + text_width("(?)", scale), at.y + em(scale))}, Hotspot::Kind::Help});
    hotspots_.back().help = text;
}

void TopologyView::draw_stream_lane(const Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    const auto stream = lane.mapping->stream();
    const bool full = detail_ == Detail::Full;
    if (full) {
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

// The stream box: one row per shard with a bar of its records, oldest left, and its iterator age.
void TopologyView::draw_shards(const Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    const auto& config = lane.mapping->config();
    const auto stream = lane.mapping->stream();
    const auto shards = kinesis.shard_count(stream);
    const bool full = detail_ == Detail::Full;
    const auto now = engine.now();

    const lab::StreamRecordStates states(engine, *lane.mapping, lane.consumers);
    bool any_blocked = false;
    for (std::uint32_t shard = 0; shard < shards; ++shard) any_blocked = any_blocked || states.blocked(shard);

    panel(draw_list_, lane.stream, any_blocked ? colours::throttled() : colours::panel_border());
    const ImVec2 at(lane.stream.min.x + em(0.4f), lane.stream.min.y + em(0.25f));
    const std::string title = "Stream " + kinesis.config(stream).name + " · " + plural(shards, "shard", "shards");
    if (full) {
        text_lines(draw_list_, lane.stream, at,
                   {{colours::text(), title},
                    {colours::dim_text(), "BatchSize " + std::to_string(config.BatchSize) + " · " + config.StartingPosition +
                                              (config.BisectBatchOnFunctionError ? " · bisect on error" : "") +
                                              (config.filter_patterns.empty() ? "" : " · FilterCriteria")},
                    {colours::dim_text(), "MaximumRetryAttempts " + std::to_string(config.MaximumRetryAttempts)},
                    {colours::dim_text(), "MaximumRecordAgeInSeconds " + std::to_string(config.MaximumRecordAgeInSeconds)}},
                   0.85f);
    } else {
        text_in(draw_list_, lane.stream, at, colours::text(), title, 0.85f);
    }

    for (std::uint32_t shard = 0; shard < shards; ++shard) {
        const Box row = shrink(Box{ImVec2(lane.stream.min.x, lane.rows_top + lane.row_height * static_cast<float>(shard)),
                                   ImVec2(lane.stream.max.x, lane.rows_top + lane.row_height * static_cast<float>(shard + 1))},
                               em(0.15f));
        draw_list_->AddRectFilled(row.min, row.max, IM_COL32(28, 31, 39, 255), em(0.25f));
        if (states.blocked(shard)) draw_list_->AddRect(row.min, row.max, colours::throttled(), em(0.25f), 0, 2.0f);
        const auto& records = kinesis.shard_records(stream, shard);
        const double age = lane.mapping->iterator_age_s(shard, now);
        char age_text[64];
        std::snprintf(age_text, sizeof age_text, "iterator age %.1f s", age);
        const bool roomy = lane.row_height >= em(2.2f);
        // Title line: shard, records, iterator age.
        ImVec2 line(row.min.x + em(0.3f), row.min.y + em(0.1f));
        const std::string name = "shard " + std::to_string(shard) + " · " + plural(static_cast<std::int64_t>(records.size()), "record", "records") + " · ";
        text_in(draw_list_, row, line, colours::text(), name, 0.8f);
        line.x += text_width(name, 0.8f);
        text_in(draw_list_, row, line, states.blocked(shard) ? colours::throttled() : age > 5 ? colours::returned() : colours::dim_text(), age_text, 0.8f);
        line.x += text_width(age_text, 0.8f) + em(0.2f);
        if (shard == 0) help_marker(line, kIteratorAgeHelp);

        // The bar: every record in sequence order, in runs of one colour.
        const float bar_top = roomy ? row.min.y + em(1.1f) : row.min.y + em(1.0f);
        const Box bar{ImVec2(row.min.x + em(0.3f), bar_top), ImVec2(row.max.x - em(0.3f), std::min(row.max.y - em(0.1f), bar_top + em(0.7f)))};
        if (height(bar) >= 2.0f && !records.empty()) {
            draw_list_->AddRectFilled(bar.min, bar.max, record_colour(RecordState::Waiting));
            const float per_record = width(bar) / static_cast<float>(records.size());
            std::size_t checkpoint = records.size();
            std::size_t run_start = 0;
            RecordState run_state = states.state(shard, 0);
            const auto flush = [&](std::size_t end) {
                if (run_state == RecordState::Waiting) return;
                float x0 = bar.min.x + per_record * static_cast<float>(run_start), x1 = bar.min.x + per_record * static_cast<float>(end);
                // Retried and given-up records stay visible however many records the shard has.
                if (run_state == RecordState::Retrying || run_state == RecordState::SentToOnFailure || run_state == RecordState::Skipped) {
                    x1 = std::max(x1, x0 + em(0.25f));
                }
                draw_list_->AddRectFilled(ImVec2(x0, bar.min.y), ImVec2(std::min(x1, bar.max.x), bar.max.y), record_colour(run_state));
            };
            for (std::size_t i = 0; i < records.size(); ++i) {
                const RecordState state = states.state(shard, i);
                if (!lab::settled(state) && checkpoint == records.size()) checkpoint = i;
                if (state == run_state) continue;
                flush(i);
                run_start = i;
                run_state = state;
            }
            flush(records.size());
            if (selected_record_ != sim::kNone && selected_record_ < kinesis.records().size() &&
                kinesis.record(selected_record_).stream == stream && kinesis.record(selected_record_).shard == shard) {
                const auto position = std::lower_bound(records.begin(), records.end(), selected_record_) - records.begin();
                const float x = bar.min.x + per_record * (static_cast<float>(position) + 0.5f);
                draw_list_->AddTriangleFilled(ImVec2(x, bar.min.y), ImVec2(x - em(0.35f), bar.min.y - em(0.45f)),
                                              ImVec2(x + em(0.35f), bar.min.y - em(0.45f)), colours::selection());
            }
            const float tick = bar.min.x + per_record * static_cast<float>(checkpoint);
            draw_list_->AddLine(ImVec2(tick, bar.min.y - em(0.15f)), ImVec2(tick, bar.max.y + em(0.15f)), colours::selection(), 2.0f);
        }
        if (shard == 0 && full) help_marker(ImVec2(bar.max.x - em(1.4f), bar.max.y + em(0.05f)), kCheckpointHelp);

        // Why the shard is blocked, or how much waits.
        if (roomy && lane.row_height >= em(2.9f)) {
            std::string why;
            for (const auto& c : lane.consumers) {
                if (c.shard != shard || !retrying(c)) continue;
                const auto& first = kinesis.record(c.batch.front());
                why = "BLOCKED at #" + std::to_string(c.batch.front()) + " (key " + shorten(first.partition_key, 16) + "): retry " +
                      std::to_string(c.retries) + " of " + retry_limit(config);
                break;
            }
            const ImVec2 under(row.min.x + em(0.3f), bar.max.y + em(0.1f));
            if (!why.empty()) {
                text_in(draw_list_, Box{row.min, ImVec2(row.max.x - em(1.6f), row.max.y)}, under, colours::throttled(), why, 0.75f);
            }
        }
        Hotspot spot{row, Hotspot::Kind::Shard};
        spot.stream_mapping = lane.mapping;
        spot.shard = shard;
        spot.bar = bar;
        hotspots_.push_back(spot);
    }
}

// The consumers: per shard row, one cell per ParallelizationFactor lane, coloured by activity.
void TopologyView::draw_consumers(const Run& run, const StreamLane& lane) {
    const auto& config = lane.mapping->config();
    const bool full = detail_ == Detail::Full;
    panel(draw_list_, lane.consumers_box);
    const ImVec2 at(lane.consumers_box.min.x + em(0.4f), lane.consumers_box.min.y + em(0.25f));
    if (full) {
        text_lines(draw_list_, lane.consumers_box, at,
                   {{colours::text(), config.Enabled ? "Consumers" : "Consumers · disabled"},
                    {config.Enabled ? colours::dim_text() : colours::returned(),
                     config.Enabled ? "one per shard × lane" : "not reading (Enabled false)"},
                    {colours::dim_text(), "ParallelizationFactor " + std::to_string(config.ParallelizationFactor)}},
                   0.85f);
        const std::string factor = "ParallelizationFactor " + std::to_string(config.ParallelizationFactor) + " ";
        help_marker(ImVec2(at.x + text_width(factor, 0.85f), at.y + em(0.85f * 1.15f * 2)), kParallelizationHelp);
    } else {
        text_in(draw_list_, lane.consumers_box, at, colours::text(), "Consumers", 0.85f);
    }
    const int lanes = std::max(1, config.ParallelizationFactor);
    const auto shards = run.engine->kinesis().shard_count(lane.mapping->stream());
    for (std::uint32_t shard = 0; shard < shards; ++shard) {
        const float y0 = lane.rows_top + lane.row_height * static_cast<float>(shard);
        const Box row = shrink(Box{ImVec2(lane.consumers_box.min.x, y0), ImVec2(lane.consumers_box.max.x, y0 + lane.row_height)}, em(0.15f));
        const float arrow_y = std::min(centre(row).y, row.min.y + em(0.8f));
        if (shard < 12 || lane.row_height >= em(1.0f)) {
            arrow(draw_list_, ImVec2(lane.stream.max.x, arrow_y), ImVec2(row.min.x, arrow_y), colours::arrow(), "", false);
        }
        const float cell_width = width(row) / static_cast<float>(lanes);
        for (int l = 0; l < lanes; ++l) {
            const Box cell{ImVec2(row.min.x + cell_width * static_cast<float>(l), row.min.y),
                           ImVec2(row.min.x + cell_width * static_cast<float>(l + 1) - (lanes > 1 ? em(0.15f) : 0.0f), row.max.y)};
            const auto it = std::find_if(lane.consumers.begin(), lane.consumers.end(),
                                         [&](const auto& c) { return c.shard == shard && c.lane == static_cast<std::uint32_t>(l); });
            Hotspot spot{cell, Hotspot::Kind::Consumer};
            spot.stream_mapping = lane.mapping;
            spot.shard = shard;
            spot.lane = static_cast<std::uint32_t>(l);
            if (it == lane.consumers.end()) {
                draw_list_->AddRect(cell.min, cell.max, colours::idle(), em(0.2f));
                hotspots_.push_back(spot);
                continue;
            }
            draw_list_->AddRectFilled(cell.min, cell.max, consumer_colour(it->activity), em(0.2f));
            if (retrying(*it)) draw_list_->AddRect(cell.min, cell.max, colours::throttled(), em(0.2f), 0, 2.0f);
            spot.invocation = it->invocation;
            spot.batch_size = it->batch.size();
            hotspots_.push_back(spot);
            if (height(cell) < em(1.0f) || width(cell) < em(3.0f)) continue;
            std::string label = consumer_label(*it);
            if (!it->batch.empty() && width(cell) >= em(7.0f)) label += " · " + std::to_string(it->batch.size()) + " rec";
            text_in(draw_list_, cell, ImVec2(cell.min.x + em(0.3f), cell.min.y + em(0.2f)), colours::text(), label, 0.8f);
        }
    }
}

// Checkpointed records, and what was given up: sent to the on-failure destination or skipped.
void TopologyView::draw_stream_outcomes(const Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    const auto stream = lane.mapping->stream();
    std::int64_t checkpointed = 0, filtered = 0, sent = 0, skipped = 0;
    for (std::uint32_t shard = 0; shard < kinesis.shard_count(stream); ++shard) {
        for (const auto r : kinesis.shard_records(stream, shard)) {
            switch (kinesis.record(r).outcome) {
                case sim::RecordOutcome::Checkpointed: ++checkpointed; break;
                case sim::RecordOutcome::Filtered: ++filtered; break;
                case sim::RecordOutcome::SentToOnFailure: ++sent; break;
                case sim::RecordOutcome::Skipped: ++skipped; break;
                case sim::RecordOutcome::InStream: break;
            }
        }
    }
    const bool full = detail_ == Detail::Full;
    const float arrow_y = lane.function.min.y + em(1.2f);
    arrow(draw_list_, ImVec2(lane.function.max.x, arrow_y), ImVec2(lane.checkpointed.min.x, arrow_y), colours::deleted(),
          full ? "success" : "", false);
    panel(draw_list_, lane.checkpointed, colours::deleted());
    const ImVec2 done_at(lane.checkpointed.min.x + em(0.4f), lane.checkpointed.min.y + em(0.3f));
    const float below = text_lines(draw_list_, lane.checkpointed, done_at,
                                   {{colours::text(), "Checkpointed"}, {colours::deleted(), format_count(checkpointed)}, {colours::dim_text(), "records done"}},
                                   0.9f);
    if (filtered > 0) {
        text_in(draw_list_, lane.checkpointed, ImVec2(done_at.x, below + em(0.2f)), record_colour(RecordState::Filtered),
                format_count(filtered) + " filtered out", 0.8f);
    }

    const float give_up_y = lane.on_failure.min.y + em(1.2f);
    const ImVec2 from(centre(lane.function).x + em(2.0f), lane.function.max.y);
    if (from.y < give_up_y) {
        arrow(draw_list_, ImVec2(lane.function.max.x, give_up_y), ImVec2(lane.on_failure.min.x, give_up_y), colours::dead_lettered(),
              full ? "give up" : "", false);
    } else {
        arrow(draw_list_, ImVec2(lane.function.max.x, std::min(give_up_y, lane.function.max.y - em(1.0f))),
              ImVec2(lane.on_failure.min.x, give_up_y), colours::dead_lettered(), full ? "give up" : "", false);
    }
    panel(draw_list_, lane.on_failure, colours::dead_lettered());
    const ImVec2 at(lane.on_failure.min.x + em(0.4f), lane.on_failure.min.y + em(0.3f));
    const bool has_destination = lane.destination != sim::kNone;
    const float after = text_lines(draw_list_, lane.on_failure, at,
                                   {{colours::text(), full ? "On-failure dest." : "On failure"},
                                    {has_destination ? colours::dead_lettered() : colours::dim_text(),
                                     has_destination ? "queue " + engine.sqs().config(lane.destination).name : "none configured"}},
                                   0.9f);
    if (full) help_marker(ImVec2(at.x + text_width("On-failure dest. ", 0.9f), at.y), kOnFailureHelp);
    text_lines(draw_list_, lane.on_failure, ImVec2(at.x, after + em(0.2f)),
               {{sent > 0 ? colours::dead_lettered() : colours::dim_text(), format_count(sent) + " records sent"},
                {skipped > 0 ? colours::text() : colours::dim_text(), format_count(skipped) + " skipped"},
                {colours::dim_text(), has_destination ? format_count(engine.sqs().visible_count(lane.destination) +
                                                                      engine.sqs().in_flight_count(lane.destination)) +
                                                            " msgs in queue"
                                                      : "(given-up records lost)"}},
               0.8f);
}

void TopologyView::draw_stream_legend(Box area) { stream_legend().draw(draw_list_, area); }

void TopologyView::show_consumer_tooltip(const Run& run, const Hotspot& spot) {
    const auto& kinesis = run.engine->kinesis();
    const auto& mapping = *spot.stream_mapping;
    const auto consumers = mapping.consumers();
    const auto it = std::find_if(consumers.begin(), consumers.end(), [&](const auto& c) { return c.shard == spot.shard && c.lane == spot.lane; });
    ImGui::Text("Consumer of %s, lane %u", kinesis.shard_id(spot.shard).c_str(), spot.lane);
    if (it == consumers.end()) {
        ImGui::TextUnformatted("not started");
        return;
    }
    switch (it->activity) {
        case ConsumerActivity::Waiting: ImGui::TextUnformatted("polling the shard (GetRecords about once a second)"); break;
        case ConsumerActivity::Throttled: ImGui::TextUnformatted("throttled: the function has no concurrency left; retrying the invoke"); break;
        case ConsumerActivity::Invoking: ImGui::TextUnformatted("waiting for its synchronous invoke to return"); break;
        case ConsumerActivity::BackingOff: ImGui::TextUnformatted("backing off after a failed batch; it will retry the same batch"); break;
        case ConsumerActivity::Disabled: ImGui::TextUnformatted("stopped: the mapping is disabled (Enabled false); it reads on from here when enabled"); break;
    }
    if (!it->batch.empty()) {
        ImGui::Text("holds a batch of %zu record(s), #%u to #%u", it->batch.size(), it->batch.front(), it->batch.back());
        ImGui::Text("retries %d of %s (MaximumRetryAttempts)", it->retries, retry_limit(mapping.config()).c_str());
        if (retrying(*it)) ImGui::TextWrapped("Nothing newer from this shard lane is delivered until this batch succeeds or is given up.");
    }
    if (it->invocation != sim::kNone) ImGui::TextDisabled("Click to inspect the invocation.");
}

// [SECTION] Legend

void TopologyView::draw_legend(Box area) { message_legend().draw(draw_list_, area); }

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
        if (spot.kind == Hotspot::Kind::Help) {
            HelpTooltip(spot.help);
            return;
        }
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
            case Hotspot::Kind::Consumer:
                show_consumer_tooltip(run, spot);
                break;
            case Hotspot::Kind::Shard: {
                const auto& kinesis = engine.kinesis();
                const auto& records = kinesis.shard_records(spot.stream_mapping->stream(), spot.shard);
                ImGui::Text("%s: %zu record(s)", kinesis.shard_id(spot.shard).c_str(), records.size());
                ImGui::Text("iterator age %.1f s", spot.stream_mapping->iterator_age_s(spot.shard, engine.now()));
                if (const auto record = record_at(engine, spot, mouse); record != sim::kNone) {
                    const auto& r = kinesis.record(record);
                    ImGui::Separator();
                    ImGui::Text("Record #%u  (key %s, %u deliveries)", record, shorten(r.partition_key, 16).c_str(), r.deliveries);
                    ImGui::TextUnformatted(describe_record_state(engine, record).c_str());
                    ImGui::TextDisabled("data: %s", shorten(r.data, 60).c_str());
                    ImGui::TextDisabled("Click to see its whole life.");
                } else {
                    ImGui::TextDisabled("Bar: every record, oldest left; the white tick is the checkpoint.");
                }
                break;
            }
            case Hotspot::Kind::Help:
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
        if (!contains(spot.box, mouse)) continue;
        if (const auto record = spot.kind == Hotspot::Kind::Shard ? record_at(*run.engine, spot, mouse) : sim::kNone; record != sim::kNone) {
            lab.selection = Selection{id, sim::kNone, sim::kNone, record};
            return;
        }
        if (spot.kind == Hotspot::Kind::IdleEnvironment || spot.invocation == sim::kNone) continue;
        lab.selection = Selection{id, sim::kNone, spot.invocation};
        return;
    }
}

std::uint32_t TopologyView::record_at(const sim::Engine& engine, const Hotspot& spot, ImVec2 mouse) {
    const auto& records = engine.kinesis().shard_records(spot.stream_mapping->stream(), spot.shard);
    const Box hit{ImVec2(spot.bar.min.x, spot.bar.min.y - em(0.3f)), ImVec2(spot.bar.max.x, spot.bar.max.y + em(0.3f))};
    if (records.empty() || width(spot.bar) <= 0 || !contains(hit, mouse)) return sim::kNone;
    const auto position = static_cast<std::size_t>((mouse.x - spot.bar.min.x) / width(spot.bar) * static_cast<float>(records.size()));
    return records[std::min(position, records.size() - 1)];
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
    selected_record_ = lab.selection.run == id ? lab.selection.record : sim::kNone;
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
    auto lanes = collect_lanes(engine);
    const auto stream_lane_count = engine.stream_mappings().size();
    if (lanes.empty() && stream_lane_count == 0) {
        text_in(draw_list_, canvas, canvas.min, colours::dim_text(), "This scenario has no SQS queue and no stream mapping.");
        draw_list_->PopClipRect();
        return;
    }
    if (detail == Detail::Full) {
        const auto legend_area = [&](const Legend& legend) {
            return Box{canvas.min, ImVec2(canvas.max.x, canvas.min.y + legend.height(width(canvas)))};
        };
        if (!lanes.empty()) {
            const Box area = legend_area(message_legend());
            draw_legend(area);
            canvas.min.y = area.max.y + em(0.2f);
        }
        if (stream_lane_count > 0) {
            const Box area = legend_area(stream_legend());
            draw_stream_legend(area);
            canvas.min.y = area.max.y + em(0.6f);
        } else {
            canvas.min.y += em(0.4f);
        }
    }
    const float stream_share = static_cast<float>(stream_lane_count) / static_cast<float>(lanes.size() + stream_lane_count);
    const Box stream_canvas = rows(canvas, 0.0f, stream_share);
    place_lanes(engine, lanes, rows(canvas, stream_share, 1.0f));
    for (const auto& lane : layout_stream_lanes(engine, stream_canvas)) draw_stream_lane(run, lane);
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
