#include <algorithm>
#include <cstdio>

#include "lanes.h"

namespace queuelab::gui {

using namespace topology;

// The function box's frame and title lines; returns the y under them.
float TopologyView::draw_function_header(const lab::Run& run, std::uint32_t function, Box box) {
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
void TopologyView::draw_environment_cells(const lab::Run& run, Box area, const std::vector<BusyEnvironment>& busy, int idle) {
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
        const float progress = record.end() > record.start
                                   ? std::clamp(static_cast<float>(now - record.start) / static_cast<float>(record.end() - record.start), 0.0f, 1.0f)
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

void TopologyView::draw_environments(const lab::Run& run, const Lane& lane) {
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

}  // namespace queuelab::gui
