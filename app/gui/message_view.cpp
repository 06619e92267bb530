// [SECTION] Tables of messages, stream records and invocations
// [SECTION] A message's or stream record's life
// [SECTION] An invocation
// [SECTION] The view

#include "message_view.h"

#include <imgui.h>

#include <algorithm>
#include <initializer_list>
#include <cstdio>

#include "lab/format.h"
#include "lab/hops.h"
#include "lab/table_filters.h"
#include "report.h"
#include "sqs_event_builder.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::Run, lab::RunId, lab::Selection, lab::StoryLine, lab::describe_record_state;
using lab::describe_result, lab::describe_state, lab::invocation_log, lab::invocation_settled, lab::message_story, lab::record_story;
using lab::InvocationFilter, lab::MessageFilter, lab::RecordFilter, lab::matches, lab::shorten;

namespace {

// A scrolling table with a frozen header row; the last column takes the remaining width.
bool begin_list_table(const char* id, std::initializer_list<const char*> columns, float height) {
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, ImVec2(0, height))) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* column : columns) {
        ImGui::TableSetupColumn(column, column == *(columns.end() - 1) ? ImGuiTableColumnFlags_WidthStretch : 0);
    }
    ImGui::TableHeadersRow();
    return true;
}

using sim::InvocationResult;

std::string time_text(sim::SimTime t) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", sim::to_seconds(t));
    return text;
}

// Inside a scrolling table: when `selected` changed since the last call (a click elsewhere),
// scroll so its row is in the middle.
void scroll_to_selected(const std::vector<std::uint32_t>& rows, std::uint32_t selected, std::uint32_t& scrolled_to) {
    if (selected == scrolled_to) return;
    scrolled_to = selected;
    const auto found = std::lower_bound(rows.begin(), rows.end(), selected);
    if (found == rows.end() || *found != selected) return;
    const float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    const float row_top = row_height * static_cast<float>(found - rows.begin());
    ImGui::SetScrollY(std::max(0.0f, row_top - ImGui::GetWindowHeight() / 2));
}

// A filter row of radio buttons over an enum.
template <typename Enum, std::size_t N>
void filter_buttons(Enum& value, const std::pair<Enum, const char*> (&choices)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0) ImGui::SameLine();
        if (ImGui::RadioButton(choices[i].second, value == choices[i].first)) value = choices[i].first;
    }
}

Selection select_hop(RunId run, const lab::Hop& hop) {
    return hop.kind == sim::EventSourceKind::SqsQueue ? Selection{run, hop.index, sim::kNone}
                                                      : Selection{run, sim::kNone, sim::kNone, hop.index};
}

const std::string& function_of(const sim::Engine& engine, std::uint32_t invocation) {
    return engine.lambda().config(engine.recorder().invocations()[invocation].function).name;
}

// A message's or stream record's hops across the pipeline (lab/hops.h): where it came from and
// what handlers sent on from it, each a button that opens it. Nothing for plain traffic.
void draw_hops(LabState& lab, const sim::Engine& engine, sim::EventSourceKind kind, std::uint32_t index) {
    const auto before = lab::hops_before(engine, kind, index);
    const auto after = lab::hops_after(engine, kind, index);
    if (before.size() < 2 && after.empty()) return;
    ImGui::PushID("hops");
    ImGui::TextUnformatted("Hops:");
    for (std::size_t i = 0; i < before.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const auto& hop = before[i];
        if (i > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("→ %s →", function_of(engine, hop.sent_by).c_str());
            ImGui::SameLine();
        }
        const std::string label = lab::describe_hop(engine, hop);
        if (i + 1 == before.size()) {
            ImGui::TextUnformatted(label.c_str());
        } else if (ImGui::SmallButton(label.c_str())) {
            lab.selection = select_hop(lab.selection.run, hop);
        }
        ImGui::PopID();
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
        ImGui::PushID(static_cast<int>(before.size() + i));
        ImGui::TextDisabled("sent on by %s:", function_of(engine, after[i].sent_by).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(lab::describe_hop(engine, after[i]).c_str())) lab.selection = select_hop(lab.selection.run, after[i]);
        ImGui::PopID();
    }
    ImGui::PopID();
}

// The service calls an invocation's handler made, one line each.
void draw_calls(const sim::InvocationRecord& record) {
    if (record.calls.empty()) return;
    ImGui::Text("Calls (%zu):", record.calls.size());
    for (const auto& call : record.calls) {
        const std::string line = lab::describe_call(call);
        if (call.error_code.empty()) {
            ImGui::BulletText("%s", line.c_str());
        } else {
            ImGui::Bullet();
            ImGui::TextColored(colours::error_text(), "%s", line.c_str());
        }
    }
}

}  // namespace

// [SECTION] Tables of messages, stream records and invocations

void MessageView::refresh_rows(const Run& run) {
    const auto& engine = *run.engine;
    const int filters = (static_cast<int>(message_filter_) * 16 + static_cast<int>(record_filter_)) * 16 + static_cast<int>(invocation_filter_);
    constexpr double kRefreshSeconds = 0.25;  // a large run changes every frame; its tables need not
    const bool same_run = rows_generation_ == run.generation && rows_filters_ == filters;
    if (same_run && (rows_events_ == engine.events_processed() || ImGui::GetTime() - rows_refreshed_at_ < kRefreshSeconds)) {
        return;
    }
    rows_generation_ = run.generation;
    rows_events_ = engine.events_processed();
    rows_filters_ = filters;
    rows_refreshed_at_ = ImGui::GetTime();
    message_rows_.clear();
    const auto& messages = engine.sqs().messages();
    for (std::uint32_t i = 0; i < messages.size(); ++i) {
        if (matches(message_filter_, engine.sqs(), messages[i])) message_rows_.push_back(i);
    }
    record_rows_.clear();
    const auto& records = engine.kinesis().records();
    for (std::uint32_t i = 0; i < records.size(); ++i) {
        if (matches(record_filter_, records[i])) record_rows_.push_back(i);
    }
    invocation_rows_.clear();
    for (std::uint32_t i = 0; i < engine.recorder().invocations().size(); ++i) {
        if (matches(invocation_filter_, engine, i)) invocation_rows_.push_back(i);
    }
}

void MessageView::draw_message_table(LabState& lab, const Run& run, float height) {
    const std::pair<MessageFilter, const char*> choices[] = {{MessageFilter::All, "all"},
                                                             {MessageFilter::InFlight, "in flight"},
                                                             {MessageFilter::ReceivedMoreThanOnce, "received > 1"},
                                                             {MessageFilter::DeadLettered, "dead-lettered"},
                                                             {MessageFilter::Lost, "lost"}};
    filter_buttons(message_filter_, choices);
    const auto& engine = *run.engine;
    if (!begin_list_table("messages", {"#", "receives", "queue", "now", "body"}, height)) return;
    scroll_to_selected(message_rows_, lab.selection.message, scrolled_to_message_);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(message_rows_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto index = message_rows_[static_cast<std::size_t>(row)];
            const auto& m = engine.sqs().message(index);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = lab.selection.message == index;
            char id[16];
            std::snprintf(id, sizeof id, "%u", index);
            if (ImGui::Selectable(id, selected, ImGuiSelectableFlags_SpanAllColumns)) {
                lab.selection = Selection{lab.selection.run, index, sim::kNone};
            }
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::receive_count(m.receive_count)), "%u", m.receive_count);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(engine.sqs().config(m.queue).name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lab::message_status(engine, index).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(shorten(m.body(), 48).c_str());
            ItemTooltip(shorten(m.body(), 400).c_str());  // the column may be narrower than the text
        }
    }
    ImGui::EndTable();
}

void MessageView::draw_record_table(LabState& lab, const Run& run, float height) {
    const std::pair<RecordFilter, const char*> choices[] = {{RecordFilter::All, "all"},
                                                            {RecordFilter::DeliveredMoreThanOnce, "delivered > 1"},
                                                            {RecordFilter::GivenUp, "given up"},
                                                            {RecordFilter::Filtered, "filtered"}};
    filter_buttons(record_filter_, choices);
    const auto& kinesis = run.engine->kinesis();
    if (!begin_list_table("records", {"#", "deliveries", "shard", "now", "key", "data"}, height)) return;
    scroll_to_selected(record_rows_, lab.selection.record, scrolled_to_record_);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(record_rows_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto index = record_rows_[static_cast<std::size_t>(row)];
            const auto& r = kinesis.record(index);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            char id[16];
            std::snprintf(id, sizeof id, "%u", index);
            if (ImGui::Selectable(id, lab.selection.record == index, ImGuiSelectableFlags_SpanAllColumns)) {
                lab.selection = Selection{lab.selection.run, sim::kNone, sim::kNone, index};
            }
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::receive_count(r.deliveries)), "%u", r.deliveries);
            ImGui::TableNextColumn();
            ImGui::Text("%u", r.shard);
            ImGui::TableNextColumn();
            const std::string_view outcome = sim::record_outcome_name(r.outcome).text();
            ImGui::TextUnformatted(outcome.data(), outcome.data() + outcome.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(shorten(r.partition_key, 16).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(shorten(r.data, 48).c_str());
            ItemTooltip(shorten(r.data, 400).c_str());
        }
    }
    ImGui::EndTable();
}

void MessageView::draw_invocation_table(LabState& lab, const Run& run, float height) {
    const std::pair<InvocationFilter, const char*> choices[] = {{InvocationFilter::All, "all"},
                                                                {InvocationFilter::Failed, "failed"},
                                                                {InvocationFilter::Throttled, "throttled"},
                                                                {InvocationFilter::ColdStarts, "cold starts"}};
    filter_buttons(invocation_filter_, choices);
    const auto& engine = *run.engine;
    if (!begin_list_table("invocations", {"start", "request id", "records", "start kind", "result"}, height)) return;
    scroll_to_selected(invocation_rows_, lab.selection.invocation, scrolled_to_invocation_);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(invocation_rows_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto index = invocation_rows_[static_cast<std::size_t>(row)];
            const auto& record = engine.recorder().invocations()[index];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string start = time_text(record.start) + "##" + std::to_string(index);
            if (ImGui::Selectable(start.c_str(), lab.selection.invocation == index, ImGuiSelectableFlags_SpanAllColumns)) {
                lab.selection = Selection{lab.selection.run, sim::kNone, index};
            }
            ImGui::TableNextColumn();
            const auto request_id = engine.recorder().request_id(index);
            ImGui::TextUnformatted(request_id.empty() ? "-" : shorten(request_id, 8).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", record.records.size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(record.result == InvocationResult::Throttled ? "" : record.cold_start ? "cold" : "warm");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(describe_result(engine, index).c_str());
        }
    }
    ImGui::EndTable();
}

// [SECTION] A message's or stream record's life

const std::vector<StoryLine>& MessageView::story_of(const Run& run, std::uint32_t index, bool stream) {
    const auto& recorder = run.engine->recorder();
    const std::uint64_t key[4] = {run.generation, index, stream,
                                  stream ? recorder.stream_history().size() : recorder.history().size()};
    if (!std::equal(std::begin(key), std::end(key), std::begin(story_key_))) {
        std::copy(std::begin(key), std::end(key), std::begin(story_key_));
        story_ = stream ? record_story(*run.engine, index) : message_story(*run.engine, index);
    }
    return story_;
}

// One bar from the send to now (or the end): where the message or record was, with a tick per
// event.
void MessageView::draw_timeline(const Run& run, const std::vector<StoryLine>& story, sim::SimTime ended, bool stream) {
    if (story.empty()) return;
    const auto& engine = *run.engine;
    const sim::SimTime from = story.front().time;
    const sim::SimTime to = std::max(from + sim::kMicrosPerSecond, ended >= 0 ? ended : engine.now());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, bar = em(1.1f);
    ImGui::InvisibleButton("timeline", ImVec2(width, bar + em(1.2f)));
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const auto x_of = [&](sim::SimTime t) {
        return origin.x + static_cast<float>(static_cast<double>(std::clamp(t, from, to) - from) / static_cast<double>(to - from)) * width;
    };
    draw_list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + bar), IM_COL32(45, 50, 62, 255));
    // In flight spans (received → next event that ends the receive), and invocation spans inside.
    const auto ends_receive = [](sim::HistoryKind kind) {
        using sim::HistoryKind;
        return kind == HistoryKind::VisibilityExpired || kind == HistoryKind::Deleted || kind == HistoryKind::DeadLettered ||
               kind == HistoryKind::Expired || kind == HistoryKind::Filtered || kind == HistoryKind::ReleasedUnsent;
    };
    for (std::size_t i = 0; i < story.size(); ++i) {
        if (story[i].kind != sim::HistoryKind::Received) continue;
        const auto last = std::find_if(story.begin() + static_cast<std::ptrdiff_t>(i) + 1, story.end(),
                                       [&](const StoryLine& line) { return ends_receive(line.kind); });
        const sim::SimTime end = last == story.end() ? to : last->time;
        draw_list->AddRectFilled(ImVec2(x_of(story[i].time), origin.y), ImVec2(std::max(x_of(end), x_of(story[i].time) + 2), origin.y + bar),
                                 colours::in_flight());
    }
    for (const auto& line : story) {
        if (line.invocation == sim::kNone) continue;
        const auto& record = engine.recorder().invocations()[line.invocation];
        draw_list->AddRectFilled(ImVec2(x_of(record.start), origin.y + bar * 0.2f),
                                 ImVec2(std::max(x_of(record.end()), x_of(record.start) + 2), origin.y + bar * 0.8f),
                                 line.bad_news ? colours::error() : colours::invoking());
    }
    for (const auto& line : story) {
        const float x = x_of(line.time);
        draw_list->AddLine(ImVec2(x, origin.y - em(0.1f)), ImVec2(x, origin.y + bar + em(0.2f)),
                           line.bad_news ? colours::returned() : colours::text(), 1.5f);
    }
    const float scale = 0.75f;
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(origin.x, origin.y + bar + em(0.2f)),
                       colours::dim_text(), time_text(from).c_str());
    const std::string end = time_text(to);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale,
                       ImVec2(origin.x + width - ImGui::CalcTextSize(end.c_str()).x * scale, origin.y + bar + em(0.2f)),
                       colours::dim_text(), end.c_str());
    // Keys side by side, wrapping to a new line where the next one would not fit whole.
    bool first = true;
    const auto key = [&](ImU32 colour, const char* text) {
        const float needed = em(1.0f) + ImGui::CalcTextSize(text).x;
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < needed) ImGui::NewLine();
        }
        first = false;
        ImGui::ColorButton(text, ImGui::ColorConvertU32ToFloat4(colour), ImGuiColorEditFlags_NoTooltip, ImVec2(em(0.7f), em(0.7f)));
        ImGui::SameLine(0, em(0.3f));
        ImGui::TextDisabled("%s", text);
    };
    key(IM_COL32(45, 50, 62, 255), stream ? "in the stream" : "in a queue");
    if (!stream) key(colours::in_flight(), "in flight");
    key(colours::invoking(), "invocation: done");
    key(colours::error(), "invocation: failed");
}

void MessageView::draw_story(LabState& lab, Run& run, const std::vector<StoryLine>& story) {
    if (!ImGui::BeginTable("story", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, em(6.0f));
    ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch);
    for (std::size_t i = 0; i < story.size(); ++i) {
        const auto& line = story[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(time_text(line.time).c_str());
        ImGui::TableNextColumn();
        if (line.bad_news) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colours::returned()));
        ImGui::TextWrapped("%s", line.what.c_str());
        if (line.bad_news) ImGui::PopStyleColor();
        if (!line.detail.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colours::dim_text()));
            ImGui::TextWrapped("%s", line.detail.c_str());
            ImGui::PopStyleColor();
        }
        if (line.invocation != sim::kNone) {
            if (ImGui::SmallButton("open invocation")) lab.selection.invocation = line.invocation;
            ImGui::SameLine();
            if (ImGui::TreeNode("event", "event and response")) {
                draw_event_and_response(run, line.invocation);
                ImGui::TreePop();
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void MessageView::draw_message(LabState& lab, Run& run, std::uint32_t message) {
    auto& engine = *run.engine;
    if (message >= engine.sqs().messages().size()) return;
    const auto& m = engine.sqs().message(message);
    ImGui::Text("Message #%u", message);
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::receive_count(m.receive_count)), "receive count %u", m.receive_count);
    ImGui::TextWrapped("Now: %s", describe_state(engine, message).c_str());
    TextDisabledWrapped("MessageId " + engine.sqs().message_id(message));
    if (engine.sqs().extras(m).group != sim::kNone) ImGui::TextDisabled("MessageGroupId %s", engine.sqs().group_id(m).c_str());
    ImGui::TextWrapped("Body: %s", shorten(m.body(), 400).c_str());
    ImGui::TextDisabled("Handler verdicts: %u done, %u failed", m.handler_ok, m.handler_failed);
    draw_hops(lab, engine, sim::EventSourceKind::SqsQueue, message);
    const auto& story = story_of(run, message, false);
    draw_timeline(run, story, m.ended_at(), false);
    draw_story(lab, run, story);
}

void MessageView::draw_record(LabState& lab, Run& run, std::uint32_t record) {
    auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    if (record >= kinesis.records().size()) {
        ImGui::TextDisabled("Record #%u has not been put yet at this time.", record);
        return;
    }
    const auto& r = kinesis.record(record);
    ImGui::Text("Stream record #%u", record);
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::receive_count(r.deliveries)), "%u deliveries", r.deliveries);
    ImGui::TextWrapped("Now: %s", describe_record_state(engine, record).c_str());
    ImGui::TextDisabled("stream %s, %s", kinesis.config(r.stream).name.c_str(), kinesis.shard_id(r.shard).c_str());
    TextDisabledWrapped("sequenceNumber " + kinesis.sequence_number(record));
    ImGui::TextWrapped("partitionKey %.*s", static_cast<int>(r.partition_key.size()), r.partition_key.data());
    ImGui::TextWrapped("Data: %s", shorten(r.data, 400).c_str());
    ImGui::TextDisabled("Handler verdicts: %u done, %u failed", r.handler_ok, r.handler_failed);
    draw_hops(lab, engine, sim::EventSourceKind::KinesisStream, record);
    const auto& story = story_of(run, record, true);
    draw_timeline(run, story, r.ended_at, true);
    draw_story(lab, run, story);
}

// [SECTION] An invocation

const std::string& MessageView::event_json(Run& run, std::uint32_t invocation) {
    const std::uint64_t key[2] = {run.generation, invocation + 1ull};
    if (json_key_[0] == key[0] && json_key_[1] == key[1]) return json_;
    json_key_[0] = key[0];
    json_key_[1] = key[1];
    auto& engine = *run.engine;
    const auto& record = engine.recorder().invocations()[invocation];
    if ((record.source_kind == sim::EventSourceKind::KinesisStream)) {
        json_ = nlohmann::json(engine.stream_mappings()[record.mapping]->event_of(invocation)).dump(2);
        return json_;
    }
    const auto queue = engine.sqs_mappings()[record.mapping]->queue();
    const auto event = sim::build_sqs_event(engine.sqs(), engine.scenario().region, queue, record.records);
    json_ = nlohmann::json(event).dump(2);
    return json_;
}

void MessageView::draw_event_and_response(Run& run, std::uint32_t invocation) {
    const auto& engine = *run.engine;
    const auto& record = engine.recorder().invocations()[invocation];
    if (record.result == InvocationResult::Throttled) {
        ImGui::TextWrapped("Never ran: %s: %s", record.error_type.str().c_str(), record.error_message.str().c_str());
        return;
    }
    ImGui::TextDisabled("Event (as Lambda sent it to the handler):");
    const float lines = std::min(18.0f, 2.0f + static_cast<float>(record.records.size()) * 20.0f);
    ReadOnlyText("##event", event_json(run, invocation), ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * lines));
    if (!invocation_settled(engine, invocation)) {
        ImGui::TextDisabled("Running: the response comes at %s.", time_text(record.end()).c_str());
        draw_log(run, invocation);
        return;
    }
    if (!record.error_type.empty()) {
        ImGui::TextColored(colours::error_text(), "%s", record.error_type.str().c_str());
        ImGui::TextWrapped("%s", record.error_message.str().c_str());
    }
    ImGui::TextDisabled("Response payload:");
    ReadOnlyText("##response", record.response_payload.empty() ? std::string("(none)") : record.response_payload.str(),
                 ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 3.5f));
    draw_log(run, invocation);
}

void MessageView::draw_log(const Run& run, std::uint32_t invocation) {
    const std::string log = invocation_log(*run.engine, invocation);
    ImGui::TextDisabled("Log (as Lambda writes it to CloudWatch Logs):");
    const auto lines = static_cast<float>(std::count(log.begin(), log.end(), '\n'));
    if (monospace_ != nullptr) ImGui::PushFont(monospace_);
    const float height = ImGui::GetTextLineHeightWithSpacing() * std::min(lines, 12.0f) + 2 * ImGui::GetStyle().WindowPadding.y +
                         ImGui::GetStyle().ScrollbarSize;
    ImGui::BeginChild("##log", ImVec2(-FLT_MIN, height), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(log.data(), log.data() + log.size());
    ImGui::EndChild();
    if (monospace_ != nullptr) ImGui::PopFont();
}

void MessageView::draw_invocation(LabState& lab, Run& run, std::uint32_t invocation) {
    const auto& engine = *run.engine;
    if (invocation >= engine.recorder().invocations().size()) return;
    const auto& record = engine.recorder().invocations()[invocation];
    const auto request_id = engine.recorder().request_id(invocation);
    ImGui::Text("Invocation %s", request_id.empty() ? "(throttled attempt)" : request_id.c_str());
    ImGui::Text("Function %s: %s", engine.lambda().config(record.function).name.c_str(), describe_result(engine, invocation).c_str());
    if (record.result != InvocationResult::Throttled) {
        ImGui::Text("%s to %s", time_text(record.start).c_str(), time_text(record.end()).c_str());
        if (record.cold_start) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::cold_start()), "cold start: init %.0f ms", record.init_ms);
        } else {
            ImGui::TextDisabled("warm start (an idle execution environment was reused)");
        }
        ImGui::Text("duration %.0f ms, billed %.0f ms at %d MB", record.duration_ms, record.billed_ms(), record.memory_mb);
    }
    ImGui::Text("Records (in the order the handler got them):");
    for (std::size_t i = 0; i < record.records.size(); ++i) {
        const auto& r = record.records[i];
        const bool failed = invocation_settled(engine, invocation) &&
                            std::find(record.failures.begin(), record.failures.end(), r.message) != record.failures.end();
        if (i > 0 && i % 4 != 0) ImGui::SameLine();
        char label[96];
        if ((record.source_kind == sim::EventSourceKind::KinesisStream)) {
            std::snprintf(label, sizeof label, "#%u %s (delivery %u)%s", r.message,
                          shorten(engine.kinesis().record(r.message).partition_key, 16).c_str(), r.receive_count, failed ? " failed" : "");
            if (ImGui::SmallButton(label)) lab.selection = Selection{lab.selection.run, sim::kNone, sim::kNone, r.message};
            continue;
        }
        std::snprintf(label, sizeof label, "#%u (receive %u)%s", r.message, r.receive_count, failed ? " failed" : "");
        if (ImGui::SmallButton(label)) lab.selection = Selection{lab.selection.run, r.message, sim::kNone};
    }
    if (invocation_settled(engine, invocation)) draw_calls(record);
    draw_event_and_response(run, invocation);
}

// [SECTION] The view

// Messages, Records (when the scenario has streams) or Invocations. A scenario whose mappings all
// read streams starts on its records.
void MessageView::draw_table_choice(const sim::Engine& engine) {
    const bool streams = engine.kinesis().stream_count() > 0;
    if (!table_picked_ && streams && engine.sqs_mappings().empty() && table_ == Table::Messages) table_ = Table::Records;
    if (!streams && table_ == Table::Records) table_ = Table::Messages;
    const auto choice = [&](const char* label, Table table) {
        if (ImGui::RadioButton(label, table_ == table)) {
            table_ = table;
            table_picked_ = true;
        }
        ImGui::SameLine();
    };
    choice("Messages", Table::Messages);
    if (streams) choice("Records", Table::Records);
    choice("Invocations", Table::Invocations);
    ImGui::NewLine();
}

void MessageView::draw(LabState& lab, ImFont* monospace) {
    monospace_ = monospace;
    if (!lab.has_run(lab.selection.run)) lab.selection = Selection{};
    if (!lab.has_scenario()) return;
    Run& run = lab.run(lab.selection.run);
    refresh_rows(run);
    if (lab.compare_enabled() && lab.has_run(RunId::B)) {
        int which = lab.selection.run == RunId::A ? 0 : 1;
        ImGui::TextUnformatted("Run:");
        ImGui::SameLine();
        bool changed = ImGui::RadioButton("A", &which, 0);
        ImGui::SameLine();
        changed |= ImGui::RadioButton("B (compare)", &which, 1);
        if (changed) lab.selection = Selection{which == 0 ? RunId::A : RunId::B};
        ImGui::SameLine();
    }
    draw_table_choice(*run.engine);
    const float table_height = std::max(em(8.0f), ImGui::GetContentRegionAvail().y * 0.32f);
    switch (table_) {
        case Table::Messages: draw_message_table(lab, run, table_height); break;
        case Table::Records: draw_record_table(lab, run, table_height); break;
        case Table::Invocations: draw_invocation_table(lab, run, table_height); break;
    }
    ImGui::Separator();
    ImGui::BeginChild("life");
    auto& selection = lab.selection;
    if (selection.invocation != sim::kNone) {
        const bool from_record = selection.record != sim::kNone;
        if ((from_record || selection.message != sim::kNone) &&
            ImGui::SmallButton(from_record ? "\xE2\x86\x90 back to the record" : "\xE2\x86\x90 back to the message")) {
            selection.invocation = sim::kNone;
        }
        if (selection.invocation != sim::kNone) draw_invocation(lab, run, selection.invocation);
    } else if (selection.message != sim::kNone) {
        draw_message(lab, run, selection.message);
    } else if (selection.record != sim::kNone) {
        draw_record(lab, run, selection.record);
    } else {
        ImGui::TextWrapped("Click a message dot, a shard's record or an execution environment in the topology, or a row "
                           "above, to see its whole life.");
    }
    ImGui::EndChild();
}

}  // namespace queuelab::gui
