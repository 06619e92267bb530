#include <algorithm>

#include "lanes.h"

namespace queuelab::gui {
namespace topology {
namespace {

constexpr const char* kParallelizationHelp =
    "ParallelizationFactor (1 to 10): how many batches of one shard are processed at once. Each partition key "
    "always goes to the same lane, so order is kept per key. A failed batch blocks only its own lane.";

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

}  // namespace

std::string retry_limit(const sim::MappingConfig& config) {
    return config.MaximumRetryAttempts < 0 ? "unlimited" : std::to_string(config.MaximumRetryAttempts);
}

}  // namespace topology

using namespace topology;
using lab::retrying;

// The consumers: per shard row, one cell per ParallelizationFactor lane, coloured by activity.
void TopologyView::draw_consumers(const lab::Run& run, const StreamLane& lane) {
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

// What a consumer is doing, the batch it holds and its retries.
void TopologyView::show_consumer_tooltip(const lab::Run& run, const Hotspot& spot) {
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

}  // namespace queuelab::gui
