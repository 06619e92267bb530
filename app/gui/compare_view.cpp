// [SECTION] B's overrides
// [SECTION] Panes and charts
// [SECTION] Outcomes table
// [SECTION] The view

#include "compare_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <cstdio>
#include <functional>

#include "charts_view.h"
#include "lab/compare_verdict.h"
#include "lab/drain.h"
#include "lab/format.h"
#include "totals.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::RunId, lab::drain_text, lab::format_difference,
    lab::format_duration;
using lab::time_to_drain;

namespace {

std::string describe(const std::vector<sim::Override>& overrides) {
    std::string text;
    for (const auto& o : overrides) text += (text.empty() ? "" : ", ") + o.path + "=" + o.value;
    return text.empty() ? "no overrides (B = A)" : text;
}

}  // namespace

// [SECTION] B's overrides

void CompareView::draw_overrides(LabState& lab) {
    ImGui::TextUnformatted("B = A with");
    const auto overrides = lab.compare_overrides();
    for (std::size_t i = 0; i < overrides.size(); ++i) {
        ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        const std::string chip = overrides[i].path + "=" + overrides[i].value + "  \xC3\x97";  // ×
        if (ImGui::SmallButton(chip.c_str())) {
            auto fewer = overrides;
            fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
            error_ = lab.set_compare_overrides(fewer);
        }
        ItemTooltip("Remove this override from B");
        ImGui::PopID();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(18.0f));
    const bool entered = ImGui::InputTextWithHint("##override", "KEY=VALUE, e.g. queues.orders.VisibilityTimeout=60",
                                                  &new_override_, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add to B") || entered) && !new_override_.empty()) {
        try {
            auto more = overrides;
            more.push_back(sim::parse_override(new_override_));
            more.back().origin = "B's overrides";
            error_ = lab.set_compare_overrides(more);
            if (error_.empty()) new_override_.clear();
        } catch (const std::exception& error) {
            error_ = error.what();
        }
    }
    HelpMarker("The same path syntax as `queuelab compare --set`: a dotted path into the scenario file and a JSON "
               "value. B restarts from 0 and catches up with A's virtual time.");
    draw_presets(lab);
    if (!error_.empty()) ImGui::TextColored(colours::error_text(), "%s", error_.c_str());
}

void CompareView::draw_presets(LabState& lab) {
    const auto& scenario = lab.run(RunId::A).engine->scenario();
    ImGui::TextDisabled("Try:");
    const auto preset = [&](const std::string& label, const std::string& path, const std::string& value) {
        ImGui::SameLine();
        const std::vector<sim::Override> overrides{{path, value, "B's overrides"}};
        if (ImGui::SmallButton(label.c_str())) error_ = lab.set_compare_overrides(overrides);
        ItemTooltip(describe(overrides).c_str());
    };
    if (scenario.mappings.empty()) return;
    const auto& mapping = scenario.mappings[0];  // presets for the first mapping
    const std::string base = "mappings.0.";
    const sim::Override rbif = lab::report_batch_item_failures_flipped(scenario);
    preset(mapping.ReportBatchItemFailures ? "without ReportBatchItemFailures" : "with ReportBatchItemFailures", rbif.path,
           rbif.value);
    if ((mapping.source_kind == sim::EventSourceKind::KinesisStream)) {
        preset(mapping.BisectBatchOnFunctionError ? "without bisect" : "BisectBatchOnFunctionError",
               base + "BisectBatchOnFunctionError", mapping.BisectBatchOnFunctionError ? "false" : "true");
        if (mapping.MaximumRetryAttempts < 0) preset("MaximumRetryAttempts 2", base + "MaximumRetryAttempts", "2");
        if (mapping.ParallelizationFactor == 1) preset("ParallelizationFactor 4", base + "ParallelizationFactor", "4");
        return;
    }
    preset("MaximumConcurrency 2", base + "ScalingConfig.MaximumConcurrency", "2");
    const auto& queue = scenario.queues.at(mapping.EventSourceArn);
    const auto& function = scenario.functions.at(mapping.FunctionName);
    const int recommended = std::min(43'200, 6 * function.Timeout + mapping.MaximumBatchingWindowInSeconds);
    if (queue.VisibilityTimeout != recommended) {
        preset("VisibilityTimeout " + std::to_string(recommended) + " (6\xC3\x97 Timeout)",
               "queues." + queue.name + ".VisibilityTimeout", std::to_string(recommended));
    }
    if (queue.redrive_policy && queue.redrive_policy->maxReceiveCount < 5) {
        preset("maxReceiveCount 5", "queues." + queue.name + ".RedrivePolicy.maxReceiveCount", "5");
    }
}

// [SECTION] Panes and charts

void CompareView::draw_panes(LabState& lab, float height) {
    const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    const std::pair<RunId, TopologyView*> panes[] = {{RunId::A, &pane_a_}, {RunId::B, &pane_b_}};
    for (const auto& [id, pane] : panes) {
        if (id == RunId::B) ImGui::SameLine();
        ImGui::BeginChild(id == RunId::A ? "paneA" : "paneB", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
        const std::string title = id == RunId::A ? "A: as written" : "B: " + describe(lab.compare_overrides());
        ImGui::TextColored(id == RunId::A ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(1.0f, 0.75f, 0.45f, 1.0f), "%s",
                           title.c_str());
        if (lab.has_run(id)) {
            pane->draw(lab, id, TopologyView::Detail::Compact);
        } else {
            ImGui::TextDisabled("B could not be built; see the error above.");
        }
        ImGui::EndChild();
    }
}

// Per queue, the messages still to handle (delayed + visible + in flight), A against B.
void CompareView::draw_depth_chart(LabState& lab) {
    std::vector<ChartLine> lines;
    std::size_t next = 0;
    const auto add = [&](const sim::Engine& engine, const char* run, ImU32 colour, ImU32 dead_letter_colour) {
        const auto& recorder = engine.recorder();
        for (std::uint32_t q = 0; q < engine.sqs().queue_count(); ++q) {
            const auto& name = engine.sqs().config(q).name;
            std::vector<double>& sum = waiting_[next++];
            sum.assign(recorder.sample_times().size(), 0.0);
            for (const char* part : {".visible", ".in_flight", ".delayed"}) {
                const auto line = series_line(engine, name + part, "", 0);
                for (std::size_t i = 0; line && i < sum.size() && i < line->values->size(); ++i) sum[i] += (*line->values)[i];
            }
            const bool dead_letter = engine.sqs().is_dead_letter_queue(q);
            lines.push_back(ChartLine{std::string(run) + " " + name, &recorder.sample_times(), &sum,
                                      dead_letter ? dead_letter_colour : colour,
                                      dead_letter ? lab::Role::DeadLetter : lab::Role::Other, std::nullopt});
        }
    };
    const auto& a = *lab.run(RunId::A).engine;
    const sim::Engine* b = lab.has_run(RunId::B) ? lab.run(RunId::B).engine.get() : nullptr;
    waiting_.resize(a.sqs().queue_count() + (b != nullptr ? b->sqs().queue_count() : 0));  // before taking addresses
    // A in the pane title's blue, B in its orange; dead-letter queues in the DLQ's colour (lab/roles.h), B's darker.
    add(a, "A", IM_COL32(110, 170, 250, 255), colours::dead_lettered());
    if (b != nullptr) add(*b, "B", IM_COL32(250, 175, 80, 255), colours::rgb(lab::shade(lab::role_colour(lab::Role::DeadLetter), 1)));
    if (auto clicked = TimeChart("compare depth", "Messages in each queue", lines, chart_span(lab), lab.now(),
                                 ImGui::GetContentRegionAvail().y)) {
        lab.seek(*clicked);
    }
}

// [SECTION] Outcomes table

void CompareView::refresh_totals(const LabState& lab) {
    const auto& a = lab.run(RunId::A);
    const auto& b = lab.run(RunId::B);
    const std::uint64_t key[4] = {a.generation, b.generation, a.engine->events_processed(),
                                  b.engine ? b.engine->events_processed() : 0};
    constexpr double kRefreshSeconds = 0.2;  // totals scan every message: not every frame of a big run
    const bool same_runs = key[0] == totals_key_[0] && key[1] == totals_key_[1];
    const bool unchanged = same_runs && key[2] == totals_key_[2] && key[3] == totals_key_[3];
    if (unchanged || (same_runs && ImGui::GetTime() - totals_at_ < kRefreshSeconds && !lab.finished())) return;
    std::copy(std::begin(key), std::end(key), std::begin(totals_key_));
    totals_at_ = ImGui::GetTime();
    totals_a_ = sim::compute_totals(*a.engine);
    totals_b_ = b.engine ? sim::compute_totals(*b.engine) : sim::Totals{};
}

namespace {

ImVec4 change_colour(sim::Change change) {
    switch (change) {
        case sim::Change::Better: return colours::better();
        case sim::Change::Worse: return colours::worse();
        case sim::Change::Same:
        case sim::Change::Different: break;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

}  // namespace

// Every total the CLI's compare shows (sim::total_fields), coloured by whether B is better or
// worse for the system, then the time to drain.
void CompareView::draw_outcomes(const LabState& lab) {
    if (!lab.has_run(RunId::B)) return;
    refresh_totals(lab);
    // The verdict first, where it is seen without scrolling: red when B loses or is only worse.
    const std::string verdict = lab::compare_verdict(totals_a_, totals_b_);
    const bool worse = verdict.starts_with("B is worse"), better = verdict.starts_with("B is better");
    ImGui::PushStyleColor(ImGuiCol_Text, worse ? colours::worse() : better ? colours::better() : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("%s.", verdict.c_str());
    ImGui::PopStyleColor();
    draw_ends(*lab.run(RunId::A).engine, *lab.run(RunId::B).engine);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("outcomes", 4, flags)) return;
    ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("A");
    ImGui::TableSetupColumn("B");
    ImGui::TableSetupColumn("B - A");
    ImGui::TableHeadersRow();
    for (const sim::TotalField& field : sim::total_fields()) {
        if (!sim::shows(field, {&totals_a_, &totals_b_})) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(field.label).c_str());
        ItemTooltip(std::string(field.meaning).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sim::format_total(totals_a_, field).c_str());
        ImGui::TableNextColumn();
        const auto change = sim::compare_total(field, totals_a_, totals_b_);
        if (change == sim::Change::Same) {
            ImGui::TextUnformatted(sim::format_total(totals_b_, field).c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("same");
            continue;
        }
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(90, 80, 30, 110));
        ImGui::TextColored(change_colour(change), "%s", sim::format_total(totals_b_, field).c_str());
        ImGui::TableNextColumn();
        const double difference = sim::total_value(totals_b_, field) - sim::total_value(totals_a_, field);
        ImGui::TextColored(change_colour(change), "%s", format_difference(field, difference).c_str());
    }
    const auto& a = *lab.run(RunId::A).engine;
    const auto& b = *lab.run(RunId::B).engine;
    const auto drain_a = time_to_drain(a), drain_b = time_to_drain(b);
    const auto drain_change = lab::compare_drain(drain_a, drain_b);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("time to drain");
    ItemTooltip("Virtual time until nothing more could happen");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(drain_text(drain_a).c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(change_colour(drain_change), "%s", drain_text(drain_b).c_str());
    ImGui::TableNextColumn();
    if (drain_a.kind == lab::DrainTime::Kind::Drained && drain_b.kind == lab::DrainTime::Kind::Drained && drain_a.at != drain_b.at) {
        const bool sooner = drain_b.at < drain_a.at;
        ImGui::TextColored(change_colour(drain_change), "%s%s", sooner ? "-" : "+",
                           format_duration(sooner ? drain_a.at - drain_b.at : drain_b.at - drain_a.at).c_str());
    }
    ImGui::EndTable();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Green: B is better for the system (fewer lost, dead-lettered, duplicates, throttles, errors, "
                       "dollars; more processed); red: worse; plain: different with no better side. %s.",
                       std::string(lab::kLostNote).c_str());
    ImGui::PopStyleColor();
}

// When A and B stop at different times (one drained, the other ran on), both ends are said: the
// panes show each at the shared virtual time, which is past the end of the one that stopped.
void CompareView::draw_ends(const sim::Engine& a, const sim::Engine& b) {
    if (!a.ended() && !b.ended()) return;
    if (a.ended() && b.ended() && a.now() == b.now() && a.end_reason() == b.end_reason()) return;
    const auto end_of = [](const sim::Engine& engine) {
        return engine.ended() ? "ended at " + format_duration(engine.now()) + " (" + engine.end_reason() + ")"
                              : std::string("still running");
    };
    ImGui::TextWrapped("A %s; B %s.", end_of(a).c_str(), end_of(b).c_str());
}

// [SECTION] The view

void CompareView::draw(LabState& lab) {
    if (!lab.has_scenario()) {
        ImGui::TextDisabled("Open a scenario to compare.");
        return;
    }
    lab.enable_compare();
    draw_overrides(lab);
    const float panes = ImGui::GetContentRegionAvail().y * 0.52f;
    draw_panes(lab, panes);
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::BeginChild("outcomes", ImVec2(width * 0.5f, 0), false);
    draw_outcomes(lab);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("depth", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
    draw_depth_chart(lab);
    ImGui::EndChild();
}

}  // namespace queuelab::gui
