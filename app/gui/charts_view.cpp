// [SECTION] One chart
// [SECTION] Series of a run
// [SECTION] Views: all charts, and the strip under the topology

#include "charts_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "widgets.h"

namespace queuelab::gui {
namespace {

ImU32 palette(std::size_t index) {
    static const ImU32 colours_[] = {IM_COL32(100, 160, 240, 255), IM_COL32(70, 200, 190, 255), IM_COL32(205, 95, 215, 255),
                                     IM_COL32(95, 205, 125, 255),  IM_COL32(240, 170, 60, 255), IM_COL32(230, 75, 65, 255)};
    return colours_[index % (sizeof colours_ / sizeof colours_[0])];
}

double nice_ceiling(double value) {
    if (value <= 1) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
}

std::string number_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, value == std::floor(value) ? "%.0f" : "%.2f", value);
    return text;
}

// Index of the last sample at or before `t`, or -1.
long sample_at(const std::vector<sim::SimTime>& times, sim::SimTime t) {
    const auto after = std::upper_bound(times.begin(), times.end(), t);
    return static_cast<long>(after - times.begin()) - 1;
}

double value_at(const ChartLine& line, sim::SimTime t) {
    const long i = sample_at(*line.times, t);
    return i < 0 || static_cast<std::size_t>(i) >= line.values->size() ? 0.0 : (*line.values)[static_cast<std::size_t>(i)];
}

// The line as a polyline with at most one point per pixel column (the column's largest value).
void draw_series(ImDrawList* draw_list, const ChartLine& line, ImVec2 min, ImVec2 max, sim::SimTime span, double y_max) {
    const auto& times = *line.times;
    const auto& values = *line.values;
    const float w = max.x - min.x, h = max.y - min.y;
    std::vector<ImVec2> points;
    points.reserve(static_cast<std::size_t>(w) + 2);
    int column = -1;
    double column_max = 0;
    const auto flush = [&] {
        if (column < 0) return;
        points.emplace_back(min.x + static_cast<float>(column), max.y - static_cast<float>(column_max / y_max) * h);
    };
    for (std::size_t i = 0; i < values.size() && i < times.size() && times[i] <= span; ++i) {
        const int x = static_cast<int>(static_cast<double>(times[i]) / static_cast<double>(span) * w);
        if (x != column) {
            flush();
            column = x;
            column_max = values[i];
        } else {
            column_max = std::max(column_max, values[i]);
        }
    }
    flush();
    if (points.size() >= 2) draw_list->AddPolyline(points.data(), static_cast<int>(points.size()), line.colour, 0, 2.0f);
}

void draw_legend(ImDrawList* draw_list, ImVec2 at, float right, const char* title, const std::vector<ChartLine>& lines,
                 sim::SimTime now) {
    draw_list->AddText(at, colours::text(), title);
    at.x += ImGui::CalcTextSize(title).x + em(1.0f);
    const float scale = 0.8f;
    for (const auto& line : lines) {
        const std::string text = line.label + " " + number_text(value_at(line, now));
        const float w = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text.c_str()).x;
        if (at.x + w + em(1.0f) > right) break;
        draw_list->AddRectFilled(ImVec2(at.x, at.y + em(0.35f)), ImVec2(at.x + em(0.6f), at.y + em(0.75f)), line.colour);
        draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(at.x + em(0.8f), at.y + em(0.15f)),
                           colours::dim_text(), text.c_str());
        at.x += w + em(1.8f);
    }
}

void show_values_tooltip(const std::vector<ChartLine>& lines, sim::SimTime t) {
    ImGui::BeginTooltip();
    ImGui::Text("t = %s", format_duration(t).c_str());
    for (const auto& line : lines) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(line.colour), "%s: %s", line.label.c_str(),
                           number_text(value_at(line, t)).c_str());
    }
    ImGui::TextDisabled("Click to replay the run to this time.");
    ImGui::EndTooltip();
}

}  // namespace

// [SECTION] One chart

std::optional<sim::SimTime> TimeChart(const char* id, const char* title, const std::vector<ChartLine>& lines,
                                      sim::SimTime span, sim::SimTime now, float height) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em(10.0f));
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImVec2 frame_max(origin.x + width, origin.y + height);
    draw_list->AddRectFilled(origin, frame_max, IM_COL32(28, 31, 39, 255), em(0.3f));
    draw_legend(draw_list, ImVec2(origin.x + em(0.4f), origin.y + em(0.15f)), frame_max.x, title, lines, now);

    const ImVec2 plot_min(origin.x + em(3.0f), origin.y + em(1.5f));
    const ImVec2 plot_max(frame_max.x - em(0.6f), frame_max.y - em(1.2f));
    if (plot_max.x <= plot_min.x || plot_max.y <= plot_min.y || span <= 0) return std::nullopt;
    double y_max = 0;
    for (const auto& line : lines) {
        for (std::size_t i = 0; i < line.values->size() && (*line.times)[i] <= span; ++i) y_max = std::max(y_max, (*line.values)[i]);
    }
    y_max = nice_ceiling(y_max);
    draw_list->AddLine(ImVec2(plot_min.x, plot_max.y), plot_max, colours::panel_border());
    draw_list->AddLine(ImVec2(plot_min.x, plot_min.y), ImVec2(plot_max.x, plot_min.y), IM_COL32(60, 66, 80, 255));
    const float label_scale = 0.75f;
    const auto label = [&](ImVec2 at, const std::string& text) {
        draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * label_scale, at, colours::dim_text(), text.c_str());
    };
    label(ImVec2(origin.x + em(0.3f), plot_min.y - em(0.4f)), number_text(y_max));
    label(ImVec2(origin.x + em(0.3f), plot_max.y - em(0.5f)), "0");
    label(ImVec2(plot_min.x, plot_max.y + em(0.1f)), "0 s");
    const std::string end = format_duration(span);
    label(ImVec2(plot_max.x - ImGui::CalcTextSize(end.c_str()).x * label_scale, plot_max.y + em(0.1f)), end);

    draw_list->PushClipRect(plot_min, ImVec2(plot_max.x + 1, plot_max.y + 1), true);
    for (const auto& line : lines) draw_series(draw_list, line, plot_min, plot_max, span, y_max);
    const auto x_of = [&](sim::SimTime t) {
        return plot_min.x + static_cast<float>(static_cast<double>(t) / static_cast<double>(span)) * (plot_max.x - plot_min.x);
    };
    const float now_x = x_of(std::min(now, span));
    draw_list->AddLine(ImVec2(now_x, plot_min.y), ImVec2(now_x, plot_max.y), IM_COL32(255, 255, 255, 200), 1.5f);
    draw_list->PopClipRect();

    if (!hovered) return std::nullopt;
    const float mouse_x = std::clamp(ImGui::GetIO().MousePos.x, plot_min.x, plot_max.x);
    const auto t = static_cast<sim::SimTime>((mouse_x - plot_min.x) / (plot_max.x - plot_min.x) * static_cast<float>(span));
    draw_list->AddLine(ImVec2(mouse_x, plot_min.y), ImVec2(mouse_x, plot_max.y), IM_COL32(255, 255, 255, 70));
    show_values_tooltip(lines, t);
    return clicked ? std::optional<sim::SimTime>(t) : std::nullopt;
}

sim::SimTime chart_span(const LabState& lab) {
    if (!lab.has_scenario()) return sim::kMicrosPerSecond;
    const auto& a = *lab.run(RunId::A).engine;
    if (lab.finished()) return std::max(lab.now(), sim::kMicrosPerSecond);
    const sim::SimTime ahead = std::max<sim::SimTime>(lab.now() + lab.now() / 4, 10 * sim::kMicrosPerSecond);
    return std::min(ahead, a.end_time());
}

// [SECTION] Series of a run

std::optional<ChartLine> series_line(const sim::Engine& engine, const std::string& name, const std::string& label,
                                     ImU32 colour) {
    const auto& recorder = engine.recorder();
    for (const auto& series : recorder.series()) {
        if (series.name == name) return ChartLine{label, &recorder.sample_times(), &series.values, colour};
    }
    return std::nullopt;
}

namespace {

// The engine's name for a mapping's poller series: "orders->processor.pollers".
std::string pollers_series(const sim::MappingConfig& mapping) {
    return mapping.EventSourceArn + "->" + mapping.FunctionName + ".pollers";
}

void add_line(std::vector<ChartLine>& lines, const sim::Engine& engine, const std::string& name, const std::string& label) {
    if (auto line = series_line(engine, name, label, palette(lines.size()))) lines.push_back(*line);
}

// Seeking rebuilds the run, so it waits until every chart reading the run has been drawn.
void remember_click(std::optional<sim::SimTime>& seek_to, std::optional<sim::SimTime> clicked) {
    if (clicked) seek_to = clicked;
}

}  // namespace

// [SECTION] Views: all charts, and the strip under the topology

void ChartsView::draw(LabState& lab) {
    if (!lab.has_scenario()) return;
    const auto& engine = *lab.run(RunId::A).engine;
    const auto span = chart_span(lab);
    const float height = em(9.0f);
    const auto& sqs = engine.sqs();
    std::optional<sim::SimTime> seek_to;
    ImGui::TextDisabled("Sampled every %s of virtual time. Hover for values; click to replay to that time.",
                        engine.recorder().sample_times().size() > 1
                            ? format_duration(engine.recorder().sample_times()[1] - engine.recorder().sample_times()[0]).c_str()
                            : "-");
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        const auto& name = sqs.config(q).name;
        std::vector<ChartLine> lines;
        add_line(lines, engine, name + ".visible", "visible");
        add_line(lines, engine, name + ".in_flight", "in flight");
        add_line(lines, engine, name + ".delayed", "delayed");
        const std::string title = (sqs.is_dead_letter_queue(q) ? "Dead-letter queue " : "Queue ") + name;
        remember_click(seek_to, TimeChart(("queue" + name).c_str(), title.c_str(), lines, span, lab.now(), height));
    }
    for (std::uint32_t f = 0; f < engine.lambda().function_count(); ++f) {
        const auto& name = engine.lambda().config(f).name;
        std::vector<ChartLine> concurrency;
        add_line(concurrency, engine, name + ".concurrency", "concurrent executions");
        for (const auto& mapping : engine.mappings()) {
            if (mapping->function() != f) continue;
            add_line(concurrency, engine, pollers_series(mapping->config()), "pollers " + mapping->config().EventSourceArn);
        }
        remember_click(seek_to, TimeChart(("concurrency" + name).c_str(), ("Function " + name + ": concurrency").c_str(),
                                     concurrency, span, lab.now(), height));
        std::vector<ChartLine> outcomes;
        add_line(outcomes, engine, name + ".invocations", "invocations");
        add_line(outcomes, engine, name + ".errors", "errors");
        add_line(outcomes, engine, name + ".throttles", "throttles");
        remember_click(seek_to, TimeChart(("outcomes" + name).c_str(), ("Function " + name + ": per sample").c_str(),
                                          outcomes, span, lab.now(), height));
    }
    if (seek_to) lab.seek(*seek_to);
}

void ChartsView::draw_strip(LabState& lab) {
    if (!lab.has_scenario()) return;
    const auto& engine = *lab.run(RunId::A).engine;
    const auto span = chart_span(lab);
    const float height = ImGui::GetContentRegionAvail().y;
    const float width = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    std::vector<ChartLine> depth, concurrency, outcomes;
    const auto& sqs = engine.sqs();
    int dead_letter_queues = 0;
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) dead_letter_queues += sqs.is_dead_letter_queue(q);
    const bool name_queues = sqs.queue_count() - static_cast<std::uint32_t>(dead_letter_queues) > 1;
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {  // short labels: the strip is narrow
        const auto& name = sqs.config(q).name;
        if (sqs.is_dead_letter_queue(q)) {
            add_line(depth, engine, name + ".visible", dead_letter_queues > 1 ? "DLQ " + name : "DLQ");
        } else {
            const std::string prefix = name_queues ? name + " " : "";
            add_line(depth, engine, name + ".visible", prefix + "visible");
            add_line(depth, engine, name + ".in_flight", prefix + "in flight");
        }
    }
    for (std::uint32_t f = 0; f < engine.lambda().function_count(); ++f) {
        const auto& name = engine.lambda().config(f).name;
        add_line(concurrency, engine, name + ".concurrency", name);
        add_line(outcomes, engine, name + ".invocations", "invocations");
        add_line(outcomes, engine, name + ".errors", "errors");
        add_line(outcomes, engine, name + ".throttles", "throttles");
    }
    for (const auto& mapping : engine.mappings()) {
        add_line(concurrency, engine, pollers_series(mapping->config()), "pollers");
    }
    const std::pair<const char*, std::vector<ChartLine>*> charts[] = {
        {"Messages", &depth}, {"Concurrency", &concurrency}, {"Invocations", &outcomes}};
    std::optional<sim::SimTime> seek_to;
    for (std::size_t i = 0; i < 3; ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::BeginChild(charts[i].first, ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
        remember_click(seek_to, TimeChart(charts[i].first, charts[i].first, *charts[i].second, span, lab.now(), height));
        ImGui::EndChild();
    }
    if (seek_to) lab.seek(*seek_to);
}

}  // namespace queuelab::gui
