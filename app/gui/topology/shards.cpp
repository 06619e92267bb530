#include <algorithm>
#include <cstdio>

#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::RecordState;

namespace {

constexpr const char* kIteratorAgeHelp =
    "Iterator age: how long ago the oldest record the mapping has not checkpointed yet arrived in the shard, "
    "i.e. how far behind its consumer is. 0 when caught up; it grows while a failed batch blocks the shard.";

constexpr const char* kCheckpointHelp =
    "Checkpoint: the position in the shard up to which Lambda is done (white tick). Records before it were "
    "processed, sent to the on-failure destination or skipped; reading resumes after it. A failed batch is retried "
    "and nothing newer from its shard (lane) is delivered until it succeeds, expires or runs out of retries.";

}  // namespace

namespace topology {

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

}  // namespace topology

// The stream box: its settings, then one row per shard (draw_shard).
void TopologyView::draw_shards(const lab::Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    const auto& config = lane.mapping->config();
    const auto stream = lane.mapping->stream();
    const auto shards = kinesis.shard_count(stream);

    const lab::StreamRecordStates states(engine, *lane.mapping, lane.consumers);
    bool any_blocked = false;
    for (std::uint32_t shard = 0; shard < shards; ++shard) any_blocked = any_blocked || states.blocked(shard);

    panel(draw_list_, lane.stream, any_blocked ? colours::throttled() : colours::panel_border());
    const ImVec2 at(lane.stream.min.x + em(0.4f), lane.stream.min.y + em(0.25f));
    const std::string title = "Stream " + kinesis.config(stream).name + " · " + plural(shards, "shard", "shards");
    if (detail_ == Detail::Full) {
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
    for (std::uint32_t shard = 0; shard < shards; ++shard) draw_shard(run, lane, states, shard);
}

// A shard's row: its records and iterator age, the bar of its records, and why it is blocked.
void TopologyView::draw_shard(const lab::Run& run, const StreamLane& lane, const lab::StreamRecordStates& states,
                              std::uint32_t shard) {
    const auto& kinesis = run.engine->kinesis();
    const Box row = shrink(Box{ImVec2(lane.stream.min.x, lane.rows_top + lane.row_height * static_cast<float>(shard)),
                               ImVec2(lane.stream.max.x, lane.rows_top + lane.row_height * static_cast<float>(shard + 1))},
                           em(0.15f));
    draw_list_->AddRectFilled(row.min, row.max, IM_COL32(28, 31, 39, 255), em(0.25f));
    if (states.blocked(shard)) draw_list_->AddRect(row.min, row.max, colours::throttled(), em(0.25f), 0, 2.0f);
    const auto& records = kinesis.shard_records(lane.mapping->stream(), shard);
    const double age = lane.mapping->iterator_age_s(shard, run.engine->now());
    char age_text[64];
    std::snprintf(age_text, sizeof age_text, "iterator age %.1f s", age);
    // Title line: shard, records, iterator age.
    ImVec2 line(row.min.x + em(0.3f), row.min.y + em(0.1f));
    const std::string name = "shard " + std::to_string(shard) + " · " + plural(static_cast<std::int64_t>(records.size()), "record", "records") + " · ";
    text_in(draw_list_, row, line, colours::text(), name, 0.8f);
    line.x += text_width(name, 0.8f);
    text_in(draw_list_, row, line, states.blocked(shard) ? colours::throttled() : age > 5 ? colours::returned() : colours::dim_text(), age_text, 0.8f);
    line.x += text_width(age_text, 0.8f) + em(0.2f);
    if (shard == 0) help_marker(line, kIteratorAgeHelp);

    const Box bar = draw_record_bar(run, lane, states, shard, row);
    if (shard == 0 && detail_ == Detail::Full) help_marker(ImVec2(bar.max.x - em(1.4f), bar.max.y + em(0.05f)), kCheckpointHelp);

    // Why the shard is blocked.
    if (lane.row_height >= em(2.9f)) {
        std::string why;
        for (const auto& c : lane.consumers) {
            if (c.shard != shard || !lab::retrying(c)) continue;
            const auto& first = kinesis.record(c.batch.front());
            why = "BLOCKED at #" + std::to_string(c.batch.front()) + " (key " + lab::shorten(first.partition_key, 16) + "): retry " +
                  std::to_string(c.retries) + " of " + retry_limit(lane.mapping->config());
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

// The bar of a shard's records in sequence order, oldest left, in runs of one colour by their
// state (lab/record_state.h), with the checkpoint's tick and a marker over the selected record.
TopologyView::Box TopologyView::draw_record_bar(const lab::Run& run, const StreamLane& lane, const lab::StreamRecordStates& states,
                                                std::uint32_t shard, Box row) {
    const auto& kinesis = run.engine->kinesis();
    const auto stream = lane.mapping->stream();
    const auto& records = kinesis.shard_records(stream, shard);
    const bool roomy = lane.row_height >= em(2.2f);
    const float bar_top = roomy ? row.min.y + em(1.1f) : row.min.y + em(1.0f);
    const Box bar{ImVec2(row.min.x + em(0.3f), bar_top), ImVec2(row.max.x - em(0.3f), std::min(row.max.y - em(0.1f), bar_top + em(0.7f)))};
    if (height(bar) < 2.0f || records.empty()) return bar;
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
    return bar;
}

}  // namespace queuelab::gui
