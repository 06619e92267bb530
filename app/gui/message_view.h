#pragma once
// Messages, stream records and invocations: tables of each, and the whole life of the selected
// one. A message's life is a timeline and a list of its events: every receive with its receipt
// handle, each invocation with the exact JSON event the handler got and the response it returned,
// why the message came back, and where it ended. A stream record's life is the same for its
// deliveries, retries and checkpoint. An invocation shows its timing, cold start, records, event,
// response and error, and the invocation's log as Lambda writes it (START, the handler's output,
// END, REPORT), in the code font.

#include <cstdint>
#include <string>
#include <vector>

struct ImFont;

#include "lab/lab_state.h"
#include "lab/message_story.h"
#include "lab/table_filters.h"

namespace queuelab::gui {

class MessageView {
public:
    // `monospace`: the code font for logs (may be null).
    void draw(lab::LabState& lab, ImFont* monospace);

private:
    enum class Table { Messages, Records, Invocations };

    void draw_table_choice(const sim::Engine& engine);
    void draw_message_table(lab::LabState& lab, const lab::Run& run, float height);
    void draw_record_table(lab::LabState& lab, const lab::Run& run, float height);
    void draw_invocation_table(lab::LabState& lab, const lab::Run& run, float height);
    void refresh_rows(const lab::Run& run);
    void draw_message(lab::LabState& lab, lab::Run& run, std::uint32_t message);
    void draw_record(lab::LabState& lab, lab::Run& run, std::uint32_t record);
    // `ended`: when the message or record ended, or -1; `stream`: the story is a stream record's.
    void draw_timeline(const lab::Run& run, const std::vector<lab::StoryLine>& story, sim::SimTime ended, bool stream);
    void draw_story(lab::LabState& lab, lab::Run& run, const std::vector<lab::StoryLine>& story);
    void draw_invocation(lab::LabState& lab, lab::Run& run, std::uint32_t invocation);
    void draw_event_and_response(lab::Run& run, std::uint32_t invocation);
    void draw_log(const lab::Run& run, std::uint32_t invocation);
    const std::string& event_json(lab::Run& run, std::uint32_t invocation);
    // The story of a message (`stream` false) or a stream record, cached until its history grows.
    const std::vector<lab::StoryLine>& story_of(const lab::Run& run, std::uint32_t index, bool stream);

    Table table_ = Table::Messages;
    bool table_picked_ = false;  // the learner chose a table: keep it
    lab::MessageFilter message_filter_ = lab::MessageFilter::All;
    lab::RecordFilter record_filter_ = lab::RecordFilter::All;
    lab::InvocationFilter invocation_filter_ = lab::InvocationFilter::All;
    std::vector<std::uint32_t> message_rows_;
    std::vector<std::uint32_t> record_rows_;
    std::vector<std::uint32_t> invocation_rows_;
    std::uint64_t rows_generation_ = 0;
    std::uint64_t rows_events_ = ~0ull;
    double rows_refreshed_at_ = -1;
    int rows_filters_ = -1;
    std::uint32_t scrolled_to_message_ = sim::kNone;
    std::uint32_t scrolled_to_record_ = sim::kNone;
    std::uint32_t scrolled_to_invocation_ = sim::kNone;

    // Caches keyed by the run's generation, so a restarted run is not shown stale data.
    std::uint64_t story_key_[4] = {0, 0, 0, 0};  // generation, message or record, stream, history size
    std::vector<lab::StoryLine> story_;
    std::uint64_t json_key_[2] = {0, 0};       // generation, invocation + 1
    std::string json_;
    ImFont* monospace_ = nullptr;
};

}  // namespace queuelab::gui
