// [SECTION] Opening a sweep's CSV
// [SECTION] The metric, the x key and the best point
// [SECTION] The chart
// [SECTION] The table of rows

#include "sweep_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "charts_view.h"
#include "lab/chart_scale.h"
#include "lab/format.h"
#include "widgets.h"

namespace queuelab::gui {

namespace {

constexpr std::size_t kLongestValue = 32;  // characters of a varied value shown in a tick or a cell

ImU32 best_colour() { return ImGui::ColorConvertFloat4ToU32(colours::better()); }

// "18 runs: 6 points × 3 seeds".
std::string size_text(const lab::SweepResults& results, const std::vector<lab::GridPoint>& points) {
    std::string text = std::to_string(results.rows.size()) + " runs: " + std::to_string(points.size()) + " points";
    const auto seeds = points.front().rows.size();
    const bool same = std::all_of(points.begin(), points.end(), [&](const lab::GridPoint& p) { return p.rows.size() == seeds; });
    if (same && seeds > 1) text += " \xC3\x97 " + std::to_string(seeds) + " seeds";
    return text;
}

}  // namespace

// [SECTION] Opening a sweep's CSV

std::string SweepView::open(const std::string& path) {
    path_ = path;  // the field shows the file that failed, to correct
    try {
        show(lab::read_sweep_csv(path));
    } catch (const std::exception& error) {  // sim::InputError, or memory for a huge file
        error_ = error.what();
    }
    return error_;
}

void SweepView::show(lab::SweepResults results, std::optional<std::size_t> metric, std::size_t x_key) {
    results_ = std::move(results);
    points_ = lab::grid_points(*results_);
    key_names_ = lab::short_key_names(results_->keys);
    path_ = results_->path;
    error_.clear();
    choose(metric.value_or(results_->metric_index("cost_usd").value_or(0)), x_key);
}

void SweepView::draw_opener() {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Sweep results");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(em(30.0f), ImGui::GetContentRegionAvail().x * 0.45f));
    const bool entered = ImGui::InputTextWithHint("##sweep file", "results.csv (queuelab sweep ... --out results.csv)", &path_,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Open") || entered) open(path_);
    if (results_) {
        ImGui::SameLine();
        if (ImGui::Button("Reload")) open(results_->path);
        ItemTooltip("Read the file again, after the sweep ran again.");
        ImGui::SameLine();
        ImGui::TextDisabled("%s", size_text(*results_, points_).c_str());
    }
    if (!error_.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(colours::error_text(), "%s", error_.c_str());
        ImGui::PopTextWrapPos();
    }
}

void SweepView::draw() {
    draw_opener();
    if (!results_) {
        TextDisabledWrapped("Run a sweep, then open its CSV here or start the lab with queuelab --sweep results.csv:");
        TextDisabledWrapped("queuelab sweep lessons/scenarios/poison-pill.json --vary mappings.0.BatchSize=1,5,10 "
                            "--vary mappings.0.ScalingConfig.MaximumConcurrency=2,5 --seeds 3 --out results.csv");
        return;
    }
    draw_choices();
    draw_chart(std::max(em(14.0f), ImGui::GetContentRegionAvail().y * 0.55f));
    draw_table();
}

// [SECTION] The metric, the x key and the best point

void SweepView::choose(std::size_t metric, std::size_t x_key) {
    metric_ = metric;
    x_key_ = x_key;
    chart_ = lab::sweep_chart(*results_, points_, metric_, x_key_);
    best_ = lab::best_point(*results_, points_, metric_);
    sort_again_ = true;
    best_rows_.assign(results_->rows.size(), false);
    if (best_.point) {
        for (const auto row : points_[*best_.point].rows) best_rows_[row] = true;
    }
}

void SweepView::draw_choices() {
    const auto& metrics = results_->metrics;
    const auto metric_text = [&](std::size_t m) { return metrics[m] + " \xE2\x80\x94 " + lab::metric_info(metrics[m]).label; };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Metric (y)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(20.0f));
    if (ImGui::BeginCombo("##metric", metric_text(metric_).c_str())) {
        for (std::size_t m = 0; m < metrics.size(); ++m) {
            if (ImGui::Selectable(metric_text(m).c_str(), m == metric_)) choose(m, x_key_);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("against the varied key (x)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em(22.0f));
    if (ImGui::BeginCombo("##x key", results_->keys[x_key_].c_str())) {
        for (std::size_t k = 0; k < results_->keys.size(); ++k) {
            if (ImGui::Selectable(results_->keys[k].c_str(), k == x_key_)) choose(metric_, k);
        }
        ImGui::EndCombo();
    }
    ImGui::PushTextWrapPos(0.0f);
    if (best_.point) {  // the value on a line of its own: ImGui wraps after a '.', as in "$0.0000135"
        ImGui::TextColored(colours::better(), "%s", best_.choice.c_str());
        ImGui::TextColored(colours::better(), "%s", best_.value.c_str());
    } else {
        ImGui::TextDisabled("%s", best_.choice.c_str());
    }
    ImGui::PopTextWrapPos();
}

// [SECTION] The chart

namespace {

struct Plot {
    ImVec2 min, max;  // the points' area: the plot's, inset so a marker at either end stays whole
    double y_max;

    float x(double position) const { return min.x + static_cast<float>(position) * (max.x - min.x); }
    float y(double value) const { return max.y - static_cast<float>(value / y_max) * (max.y - min.y); }
};

// The room around each x value: a category's band, or the gap between numbers.
float band_width(const lab::SweepChart& chart, const Plot& plot) {
    const auto count = chart.x_values.size();
    const auto bands = chart.scale == lab::XScale::Categories ? count : std::max<std::size_t>(1, count - 1);
    return (plot.max.x - plot.min.x) / static_cast<float>(std::max<std::size_t>(1, bands));
}

// Categories have no order between them: their series stand side by side in each category, not joined.
float dodge(const lab::SweepChart& chart, std::size_t series, float band) {
    if (chart.scale != lab::XScale::Categories || chart.series.size() < 2) return 0;
    const float step = std::min(em(0.9f), band / static_cast<float>(chart.series.size() + 1));
    return (static_cast<float>(series) - static_cast<float>(chart.series.size() - 1) / 2) * step;
}

void draw_marker(ImDrawList* draw_list, ImVec2 at, const lab::SeriesPoint& point, const Plot& plot, ImU32 colour) {
    const auto& stat = point.stat;
    if (stat.max > stat.min) {  // the seeds' range
        const float cap = em(0.3f), top = plot.y(stat.max), bottom = plot.y(stat.min);
        draw_list->AddLine(ImVec2(at.x, top), ImVec2(at.x, bottom), colour, 1.5f);
        draw_list->AddLine(ImVec2(at.x - cap, top), ImVec2(at.x + cap, top), colour, 1.5f);
        draw_list->AddLine(ImVec2(at.x - cap, bottom), ImVec2(at.x + cap, bottom), colour, 1.5f);
    }
    if (!point.drained) {  // a run was cut short: its values are of work left undone
        draw_list->AddCircle(at, em(0.3f), colour, 0, 2.0f);
    } else {
        draw_list->AddCircleFilled(at, em(0.3f), colour);
    }
}

void draw_series(ImDrawList* draw_list, const lab::SweepChart& chart, std::size_t s, const Plot& plot, ImU32 colour) {
    const float band = band_width(chart, plot);
    std::vector<ImVec2> line;
    for (std::size_t x = 0; x < chart.x_values.size(); ++x) {
        const auto& at = chart.series[s].at[x];
        if (!at || at->stat.runs == 0) continue;
        const ImVec2 point(plot.x(chart.x_positions[x]) + dodge(chart, s, band), plot.y(at->stat.mean));
        draw_marker(draw_list, point, *at, plot, colour);
        line.push_back(point);
    }
    if (chart.scale != lab::XScale::Categories && line.size() >= 2) {
        draw_list->AddPolyline(line.data(), static_cast<int>(line.size()), colour, 0, 2.0f);
    }
}

// The x key's values under the axis, each centred on its place but inside the box's plot area;
// one that would overlap the last one drawn is left out (hover shows every value).
void draw_x_ticks(ImDrawList* draw_list, const lab::SweepChart& chart, const Plot& plot, const ChartBox& box) {
    float drawn_to = -1e30f;
    for (std::size_t x = 0; x < chart.x_values.size(); ++x) {
        const std::string text = lab::shorten(chart.x_values[x], kLongestValue);
        const float centre = plot.x(chart.x_positions[x]), width = axis_label_width(text);
        draw_list->AddLine(ImVec2(centre, plot.max.y), ImVec2(centre, plot.max.y + em(0.25f)), colours::panel_border());
        const float left = std::clamp(centre - width / 2, box.plot_min.x, std::max(box.plot_min.x, box.plot_max.x - width));
        if (left < drawn_to + em(0.5f)) continue;
        DrawAxisLabel(draw_list, ImVec2(left, box.plot_max.y + em(0.35f)), text);
        ImGui::LogText("x %s\n", text.c_str());
        drawn_to = left + width;
    }
}

std::optional<ImVec2> best_marker(const lab::SweepChart& chart, const lab::BestPoint& best, const Plot& plot) {
    if (!best.point) return std::nullopt;
    const float band = band_width(chart, plot);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        for (std::size_t x = 0; x < chart.x_values.size(); ++x) {
            const auto& at = chart.series[s].at[x];
            if (at && at->point == *best.point) return ImVec2(plot.x(chart.x_positions[x]) + dodge(chart, s, band), plot.y(at->stat.mean));
        }
    }
    return std::nullopt;
}

void draw_best(ImDrawList* draw_list, const lab::SweepChart& chart, const lab::BestPoint& best, const Plot& plot) {
    const auto at = best_marker(chart, best, plot);
    if (!at) return;
    draw_list->AddCircle(*at, em(0.65f), best_colour(), 0, 2.5f);
    // The word above the ring and to its side, clear of the bars over the ring's x and of the lines
    // through it; to the left near the plot's right end, below it near the top.
    const char* label = "best";
    const float width = ImGui::CalcTextSize(label).x, height = ImGui::GetFontSize();
    const float x = at->x + em(0.5f) + width <= plot.max.x + em(1.4f) ? at->x + em(0.5f) : at->x - em(0.5f) - width;
    const float y = at->y - em(0.6f) - height >= plot.min.y ? at->y - em(0.6f) - height : at->y + em(0.6f);
    draw_list->AddText(ImVec2(x, y), best_colour(), label);
    ImGui::LogText("best\n");
}

// The value of each series at the x value nearest the pointer.
void show_point_tooltip(const lab::SweepResults& results, const lab::SweepChart& chart, std::size_t metric, const std::string& x_name,
                        std::size_t x) {
    const auto& column = results.metrics[metric];
    ImGui::BeginTooltip();
    ImGui::Text("%s = %s", x_name.c_str(), chart.x_values[x].c_str());
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const auto& at = chart.series[s].at[x];
        const ImVec4 colour = ImGui::ColorConvertU32ToFloat4(line_colour(s));
        if (!at) {
            ImGui::TextColored(colour, "%s: not in the grid", chart.series[s].label.c_str());
            continue;
        }
        const auto& stat = at->stat;
        std::string text = chart.series[s].label + ": ";
        text += stat.runs == 0 ? "no run has a value" : lab::format_metric(column, stat.mean);
        if (stat.runs > 1) text += " (mean of " + std::to_string(stat.runs) + ", " + lab::format_metric(column, stat.min) + " to " + lab::format_metric(column, stat.max) + ")";
        if (stat.missing > 0) {
            text += "; " + std::to_string(stat.missing) + " of " + std::to_string(stat.runs + stat.missing) + " runs did not drain";
        } else if (!at->drained) {
            text += "; not every run drained";
        }
        ImGui::TextColored(colour, "%s", text.c_str());
    }
    ImGui::EndTooltip();
}

std::size_t nearest_x(const lab::SweepChart& chart, const Plot& plot, float mouse_x) {
    std::size_t nearest = 0;
    for (std::size_t x = 1; x < chart.x_positions.size(); ++x) {
        if (std::abs(plot.x(chart.x_positions[x]) - mouse_x) < std::abs(plot.x(chart.x_positions[nearest]) - mouse_x)) nearest = x;
    }
    return nearest;
}

std::string chart_title(const lab::SweepResults& results, const std::vector<lab::GridPoint>& points, const lab::SweepChart& chart,
                        std::size_t metric, const std::string& x_name) {
    std::string title = lab::metric_info(results.metrics[metric]).label + " by " + x_name;
    if (chart.scale == lab::XScale::Logarithmic) title += " (log scale)";
    const bool seeds = std::any_of(points.begin(), points.end(), [](const lab::GridPoint& p) { return p.rows.size() > 1; });
    const bool ranges = std::any_of(chart.series.begin(), chart.series.end(), [](const lab::SweepSeries& s) {
        return std::any_of(s.at.begin(), s.at.end(), [](const auto& at) { return at && at->stat.max > at->stat.min; });
    });
    if (!seeds) return title;
    return title + (ranges ? ": mean over the seeds, bar from min to max" : ": the same for every seed");
}

struct AxisLabel {
    double value;
    std::string text;
};

// 0, half way and the top of the value axis, as the metric is written.
std::vector<AxisLabel> value_labels(const std::string& column, double y_max) {
    return {{0.0, lab::format_metric(column, 0)}, {y_max / 2, lab::format_metric(column, y_max / 2)}, {y_max, lab::format_metric(column, y_max)}};
}

float widest(const std::vector<AxisLabel>& labels) {
    float width = 0;
    for (const auto& label : labels) width = std::max(width, axis_label_width(label.text));
    return width;
}

// The labels left of the plot, and a gridline at each below the top (the box has the top one).
void draw_value_axis(ImDrawList* draw_list, const ChartBox& box, const Plot& plot, const std::vector<AxisLabel>& labels) {
    for (const auto& label : labels) {
        const float y = plot.y(label.value);
        if (label.value < plot.y_max) draw_list->AddLine(ImVec2(box.plot_min.x, y), ImVec2(box.plot_max.x, y), IM_COL32(48, 53, 66, 255));
        DrawAxisLabel(draw_list, ImVec2(box.min.x + em(0.3f), y - em(0.4f)), label.text);
    }
}

bool some_cut_short(const lab::SweepChart& chart) {
    return std::any_of(chart.series.begin(), chart.series.end(), [](const lab::SweepSeries& s) {
        return std::any_of(s.at.begin(), s.at.end(), [](const auto& at) { return at && !at->drained; });
    });
}

}  // namespace

void SweepView::draw_chart(float height) {
    const auto& column = results_->metrics[metric_];
    std::vector<LegendEntry> legend;
    for (std::size_t s = 0; s < chart_.series.size(); ++s) legend.push_back({chart_.series[s].label, line_colour(s), ""});
    const auto values = lab::metric_info(column).unit == lab::MetricUnit::Count ? lab::AxisValues::Counts : lab::AxisValues::Any;
    const double y_max = lab::axis_maximum(chart_.largest, values);
    const auto labels = value_labels(column, y_max);
    const std::string title = chart_title(*results_, points_, chart_, metric_, key_names_[x_key_]);
    const ChartBox box = DrawChartBox("sweep chart", title.c_str(), legend, height, widest(labels) + em(0.8f));
    if (!box.has_plot()) return;
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    DrawPlotFrame(draw_list, box);
    // Zero sits a little above the baseline, so a marker at 0 and the best point's ring stay clear of the x labels.
    const Plot plot{ImVec2(box.plot_min.x + em(1.5f), box.plot_min.y), ImVec2(box.plot_max.x - em(1.5f), box.plot_max.y - em(0.8f)), y_max};
    draw_value_axis(draw_list, box, plot, labels);
    draw_x_ticks(draw_list, chart_, plot, box);
    draw_list->PushClipRect(box.min, box.max, true);  // a hand-made file's negative values stay in the box
    for (std::size_t s = 0; s < chart_.series.size(); ++s) draw_series(draw_list, chart_, s, plot, line_colour(s));
    draw_best(draw_list, chart_, best_, plot);
    draw_list->PopClipRect();
    if (box.hovered) {
        const std::size_t x = nearest_x(chart_, plot, ImGui::GetIO().MousePos.x);
        draw_list->AddLine(ImVec2(plot.x(chart_.x_positions[x]), box.plot_min.y), ImVec2(plot.x(chart_.x_positions[x]), box.plot_max.y),
                           IM_COL32(255, 255, 255, 70));
        show_point_tooltip(*results_, chart_, metric_, key_names_[x_key_], x);
    }
    if (some_cut_short(chart_)) {
        TextDisabledWrapped("Hollow: a point with a run that did not drain (cut short at duration_s with work left), so it cannot be "
                            "the best; its time to drain is the mean of the runs that drained, and not drawn when none did.");
    }
}

// [SECTION] The table of rows

// Point, seed, the keys, the chosen metric, end_reason, then the other metrics in the file's order.
lab::SweepColumn SweepView::column_at(int index) const {
    using Kind = lab::SweepColumn::Kind;
    const auto i = static_cast<std::size_t>(index), keys = results_->keys.size();
    if (i < 2) return {i == 0 ? Kind::Point : Kind::Seed, 0};
    if (i < 2 + keys) return {Kind::Key, i - 2};
    if (i == 2 + keys) return {Kind::Metric, metric_};
    if (i == 3 + keys) return {Kind::EndReason, 0};
    const auto other = i - 4 - keys;
    return {Kind::Metric, other < metric_ ? other : other + 1};
}

void SweepView::draw_table() {
    const auto& results = *results_;
    std::vector<std::size_t> other_metrics;
    for (std::size_t m = 0; m < results.metrics.size(); ++m) {
        if (m != metric_) other_metrics.push_back(m);
    }
    const int columns = static_cast<int>(4 + results.keys.size() + other_metrics.size());
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable;
    if (!ImGui::BeginTable("sweep rows", columns, flags, ImVec2(0, std::max(em(6.0f), ImGui::GetContentRegionAvail().y)))) return;
    ImGui::TableSetupScrollFreeze(static_cast<int>(2 + results.keys.size()), 1);
    ImGui::TableSetupColumn("point");
    ImGui::TableSetupColumn("seed");
    for (const auto& name : key_names_) ImGui::TableSetupColumn(name.c_str());
    ImGui::TableSetupColumn(results.metrics[metric_].c_str());
    ImGui::TableSetupColumn("end_reason");
    for (const auto m : other_metrics) ImGui::TableSetupColumn(results.metrics[m].c_str());
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs != nullptr && (specs->SpecsDirty || sort_again_)) {
        const bool sorted = specs->SpecsCount > 0;
        row_order_ = lab::sorted_rows(results, sorted ? column_at(specs->Specs[0].ColumnIndex) : lab::SweepColumn{},
                                      sorted && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending);
        specs->SpecsDirty = sort_again_ = false;
    }
    if (row_order_.size() != results.rows.size()) row_order_ = lab::sorted_rows(results, {}, false);
    const auto metric_cell = [&](const lab::SweepRow& row, std::size_t m) {
        ImGui::TableNextColumn();
        const auto& value = row.metrics[m];
        ImGui::TextUnformatted(value ? lab::format_metric(results.metrics[m], *value).c_str() : "not drained");
    };
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(results.rows.size()));
    while (clipper.Step()) {
        for (int shown = clipper.DisplayStart; shown < clipper.DisplayEnd; ++shown) {
            const auto r = row_order_[static_cast<std::size_t>(shown)];
            const auto& row = results.rows[r];
            ImGui::TableNextRow();
            if (best_rows_[r]) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::ColorConvertFloat4ToU32(ImVec4(0.25f, 0.55f, 0.3f, 0.45f)));
            }
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(row.point));
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(row.seed));
            for (const auto& value : row.values) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(lab::shorten(value, kLongestValue).c_str());
            }
            metric_cell(row, metric_);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.end_reason.c_str());
            for (const auto m : other_metrics) metric_cell(row, m);
        }
    }
    ImGui::EndTable();
}

}  // namespace queuelab::gui
