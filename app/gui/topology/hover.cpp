#include <algorithm>

#include "lab/format.h"
#include "lab/message_story.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::Selection, lab::describe_record_state, lab::describe_state, lab::format_duration, lab::shorten;

// A "(?)" drawn at `at`; hovering it shows `text` (see show_hover_tooltip).
void TopologyView::help_marker(ImVec2 at, const char* text) {
    if (detail_ != Detail::Full) return;
    const float scale = 0.85f;
    text_in(draw_list_, Box{at, ImVec2(at.x + em(2.0f), at.y + em(1.2f))}, at, colours::dim_text(), "(?)", scale);
    hotspots_.push_back(Hotspot{Box{at, ImVec2(at.x + text_width("(?)", scale), at.y + em(scale))}, Hotspot::Kind::Help});
    hotspots_.back().help = text;
}

// What is under the mouse: a message dot, a poller, an execution environment, a consumer or a shard's record.
void TopologyView::show_hover_tooltip(const lab::Run& run, ImVec2 mouse) {
    const auto& engine = *run.engine;
    if (const auto message = dots_.hit(mouse)) {
        const auto& m = engine.sqs().message(*message);
        ImGui::BeginTooltip();
        ImGui::Text("Message #%u  (receive count %u)", *message, m.receive_count);
        ImGui::TextUnformatted(describe_state(engine, *message).c_str());
        ImGui::TextDisabled("body: %s", shorten(m.body(), 60).c_str());
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
                ImGui::Text("Execution environment running invocation %s", shorten(engine.recorder().request_id(spot.invocation), 8).c_str());
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

void TopologyView::handle_mouse(lab::LabState& lab, lab::RunId id, bool hovered) {
    if (!hovered) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto& run = lab.run(id);
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

}  // namespace queuelab::gui
