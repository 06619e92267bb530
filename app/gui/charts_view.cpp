// [SECTION] One chart, and the pieces other charts share
// [SECTION] Series of a run
// [SECTION] The strip's charts: short labels, as the strip is narrow
// [SECTION] Views: all charts, and the strip under the topology

#include "charts_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "lab/chart_scale.h"
#include "lab/format.h"
#include "lab/live_series.h"
#include "lab/roles.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState, lab::RunId, lab::format_duration;

namespace {

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

// The line as steps (lab/chart_scale.h) with at most one value per pixel column, its largest.
void draw_series(ImDrawList* draw_list, const ChartLine& line, ImVec2 min, ImVec2 max, sim::SimTime span, double y_max) {
    const auto& times = *line.times;
    const auto& values = *line.values;
    const float w = max.x - min.x, h = max.y - min.y;
    std::vector<lab::StepPoint> samples;
    samples.reserve(std::min(values.size(), static_cast<std::size_t>(w) * 4 + 2));
    for (std::size_t i = 0; i < values.size() && i < times.size() && times[i] <= span; ++i) {
        const double x = std::floor(static_cast<double>(times[i]) / static_cast<double>(span) * w);
        samples.push_back({x, values[i]});
        if (samples.size() >= 2 && samples[samples.size() - 2].x == x) {  // keep one per column as we go
            samples[samples.size() - 2].y = std::max(samples[samples.size() - 2].y, values[i]);
            samples.pop_back();
        }
    }
    std::vector<ImVec2> points;
    for (const auto& p : lab::step_points(samples)) {
        points.emplace_back(min.x + static_cast<float>(p.x), max.y - static_cast<float>(p.y / y_max) * h);
    }
    if (points.size() >= 2) draw_list->AddPolyline(points.data(), static_cast<int>(points.size()), line.colour, 0, 2.0f);
}

constexpr float kLegendScale = 0.8f;
constexpr float kAxisLabelScale = 0.75f;

float legend_text_width(const std::string& text) {
    return ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * kLegendScale, FLT_MAX, 0, text.c_str()).x;
}

// A swatch, the label and the value, brighter than the label. Returns its width.
float draw_legend_entry(ImDrawList* draw_list, ImVec2 at, const LegendEntry& entry) {
    const std::string label = entry.label + " ";
    const float label_width = legend_text_width(label);
    const ImVec2 text_at(at.x + em(0.8f), at.y + em(0.15f));
    draw_list->AddRectFilled(ImVec2(at.x, at.y + em(0.35f)), ImVec2(at.x + em(0.6f), at.y + em(0.75f)), entry.colour);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * kLegendScale, text_at, colours::dim_text(), label.c_str());
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * kLegendScale, ImVec2(text_at.x + label_width, text_at.y),
                       colours::text(), entry.value.c_str());
    ImGui::LogText("%s%s\n", label.c_str(), entry.value.c_str());
    return label_width + legend_text_width(entry.value);
}

// The title, then one entry per line, wrapping onto more rows where the width runs out. Returns
// the height of the rows added below the first.
float draw_legend(ImDrawList* draw_list, ImVec2 at, float right, const char* title, const std::vector<LegendEntry>& entries) {
    draw_list->AddText(at, colours::text(), title);
    ImGui::LogText("%s\n", title);
    const float left = at.x, top = at.y;
    at.x += ImGui::CalcTextSize(title).x + em(1.0f);
    for (const auto& entry : entries) {
        const float width = legend_text_width(entry.label + " " + entry.value);
        if (at.x > left && at.x + width + em(1.0f) > right) at = ImVec2(left, at.y + em(1.1f));
        at.x += draw_legend_entry(draw_list, at, entry) + em(1.8f);
    }
    return at.y - top;
}

std::vector<LegendEntry> legend_of(const std::vector<ChartLine>& lines, sim::SimTime now) {
    std::vector<LegendEntry> entries;
    for (const auto& line : lines) entries.push_back({line.label, line.colour, number_text(line.live.value_or(value_at(line, now)))});
    return entries;
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

// [SECTION] One chart, and the pieces other charts share

ImU32 line_colour(std::size_t index) {
    static const lab::Rgb hues[] = {{110, 170, 245}, {70, 200, 190}, {225, 220, 90}, {240, 170, 60}, {200, 202, 215}};
    constexpr std::size_t kHues = sizeof hues / sizeof hues[0];
    return colours::rgb(lab::shade(hues[index % kHues], index / kHues));
}

bool ChartBox::has_plot() const { return plot_max.x > plot_min.x && plot_max.y > plot_min.y; }

ChartBox DrawChartBox(const char* id, const char* title, const std::vector<LegendEntry>& legend, float height, float left_margin) {
    ChartBox box;
    box.min = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em(10.0f));
    ImGui::InvisibleButton(id, ImVec2(width, height));
    box.hovered = ImGui::IsItemHovered();
    box.clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    box.max = ImVec2(box.min.x + width, box.min.y + height);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    draw_list->AddRectFilled(box.min, box.max, IM_COL32(28, 31, 39, 255), em(0.3f));
    const float legend_rows = draw_legend(draw_list, ImVec2(box.min.x + em(0.4f), box.min.y + em(0.15f)), box.max.x, title, legend);
    box.plot_min = ImVec2(box.min.x + left_margin, box.min.y + em(1.5f) + legend_rows);
    box.plot_max = ImVec2(box.max.x - em(0.6f), box.max.y - em(1.2f));
    return box;
}

void DrawPlotFrame(ImDrawList* draw_list, const ChartBox& box) {
    draw_list->AddLine(ImVec2(box.plot_min.x, box.plot_max.y), box.plot_max, colours::panel_border());
    draw_list->AddLine(box.plot_min, ImVec2(box.plot_max.x, box.plot_min.y), IM_COL32(60, 66, 80, 255));
}

float axis_label_width(const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x * kAxisLabelScale; }

void DrawAxisLabel(ImDrawList* draw_list, ImVec2 at, const std::string& text) {
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * kAxisLabelScale, at, colours::dim_text(), text.c_str());
}

std::optional<sim::SimTime> TimeChart(const char* id, const char* title, const std::vector<ChartLine>& lines,
                                      sim::SimTime span, sim::SimTime now, float height) {
    const ChartBox box = DrawChartBox(id, title, legend_of(lines, now), height, em(3.0f));
    if (!box.has_plot() || span <= 0) return std::nullopt;
    const ImVec2 plot_min = box.plot_min, plot_max = box.plot_max;
    double y_max = 0;
    for (const auto& line : lines) {
        for (std::size_t i = 0; i < line.values->size() && (*line.times)[i] <= span; ++i) y_max = std::max(y_max, (*line.values)[i]);
    }
    y_max = lab::axis_maximum(y_max);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    DrawPlotFrame(draw_list, box);
    DrawAxisLabel(draw_list, ImVec2(box.min.x + em(0.3f), plot_min.y - em(0.4f)), number_text(y_max));
    DrawAxisLabel(draw_list, ImVec2(box.min.x + em(0.3f), plot_max.y - em(0.5f)), "0");
    DrawAxisLabel(draw_list, ImVec2(plot_min.x, plot_max.y + em(0.1f)), "0 s");
    const std::string end = format_duration(span);
    DrawAxisLabel(draw_list, ImVec2(plot_max.x - axis_label_width(end), plot_max.y + em(0.1f)), end);

    draw_list->PushClipRect(plot_min, ImVec2(plot_max.x + 1, plot_max.y + 1), true);
    for (const auto& line : lines) draw_series(draw_list, line, plot_min, plot_max, span, y_max);
    const auto x_of = [&](sim::SimTime t) {
        return plot_min.x + static_cast<float>(static_cast<double>(t) / static_cast<double>(span)) * (plot_max.x - plot_min.x);
    };
    const float now_x = x_of(std::min(now, span));
    draw_list->AddLine(ImVec2(now_x, plot_min.y), ImVec2(now_x, plot_max.y), IM_COL32(255, 255, 255, 200), 1.5f);
    draw_list->PopClipRect();

    if (!box.hovered) return std::nullopt;
    const float mouse_x = std::clamp(ImGui::GetIO().MousePos.x, plot_min.x, plot_max.x);
    const auto t = static_cast<sim::SimTime>((mouse_x - plot_min.x) / (plot_max.x - plot_min.x) * static_cast<float>(span));
    draw_list->AddLine(ImVec2(mouse_x, plot_min.y), ImVec2(mouse_x, plot_max.y), IM_COL32(255, 255, 255, 70));
    show_values_tooltip(lines, t);
    return box.clicked ? std::optional<sim::SimTime>(t) : std::nullopt;
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
        if (series.name == name) return ChartLine{label, &recorder.sample_times(), &series.values, colour, lab::Role::Other, std::nullopt};
    }
    return std::nullopt;
}

namespace {

// The engine's name for a series of a mapping: "orders->processor.pollers".
std::string mapping_series(const sim::MappingConfig& mapping, const std::string& what) {
    return mapping.EventSourceArn + "->" + mapping.FunctionName + "." + what;
}

enum class QueueRole { Source, DeadLetter, OnFailure };

// OnFailure: no SQS mapping reads the queue, and a stream mapping sends its given-up records there.
QueueRole queue_role(const sim::Engine& engine, std::uint32_t queue) {
    if (engine.sqs().is_dead_letter_queue(queue)) return QueueRole::DeadLetter;
    const auto& name = engine.sqs().config(queue).name;
    const bool read = std::any_of(engine.sqs_mappings().begin(), engine.sqs_mappings().end(),
                                  [&](const auto& mapping) { return mapping->queue() == queue; });
    const bool takes_failures =
        std::any_of(engine.stream_mappings().begin(), engine.stream_mappings().end(),
                    [&](const auto& mapping) { return mapping->config().on_failure_destination == name; });
    return !read && takes_failures ? QueueRole::OnFailure : QueueRole::Source;
}

// A series' line in its role's colour (lab/roles.h): a dead-letter or on-failure queue's messages
// in the DLQ's, a throttle in the throttles'; a second line of the same role in a darker shade.
void add_line(std::vector<ChartLine>& lines, const sim::Engine& engine, const std::string& name, const std::string& label) {
    const auto dot = name.rfind('.');
    const auto queue = dot == std::string::npos ? sim::kNone : engine.sqs().queue_index(name.substr(0, dot));
    const bool dead_letter = queue != sim::kNone && queue_role(engine, queue) != QueueRole::Source;
    const lab::Role role = lab::series_role(name, dead_letter);
    std::size_t same_role = 0;
    for (const auto& line : lines) same_role += line.role == role;
    const ImU32 colour = role == lab::Role::Other ? line_colour(lines.size()) : colours::rgb(lab::shade(lab::role_colour(role), same_role));
    if (auto line = series_line(engine, name, label, colour)) {
        line->role = role;
        line->live = lab::live_value(engine, name);
        lines.push_back(*line);
    }
}

std::string queue_title(const sim::Engine& engine, std::uint32_t queue) {
    switch (queue_role(engine, queue)) {
        case QueueRole::DeadLetter: return "Dead-letter queue " + engine.sqs().config(queue).name;
        case QueueRole::OnFailure: return "On-failure queue " + engine.sqs().config(queue).name;
        case QueueRole::Source: break;
    }
    return "Queue " + engine.sqs().config(queue).name;
}

// A stream mapping by its stream's name, and its function's too when the stream has several.
std::string stream_mapping_label(const sim::Engine& engine, const sim::MappingConfig& config) {
    const auto& mappings = engine.stream_mappings();
    const auto readers = std::count_if(mappings.begin(), mappings.end(), [&](const auto& mapping) {
        return mapping->config().EventSourceArn == config.EventSourceArn;
    });
    return readers > 1 ? config.EventSourceArn + " → " + config.FunctionName : config.EventSourceArn;
}

std::vector<ChartLine> stream_record_lines(const sim::Engine& engine, const std::string& stream) {
    std::vector<ChartLine> lines;
    add_line(lines, engine, stream + ".records", "records put");
    add_line(lines, engine, stream + ".put_throttled", "puts throttled");
    return lines;
}

std::vector<ChartLine> shard_age_lines(const sim::Engine& engine, const sim::StreamMapping& mapping) {
    const auto& kinesis = engine.kinesis();
    std::vector<ChartLine> lines;
    for (std::uint32_t shard = 0; shard < kinesis.shard_count(mapping.stream()); ++shard) {
        add_line(lines, engine, mapping_series(mapping.config(), kinesis.shard_id(shard) + ".iterator_age_s"),
                 "shard " + std::to_string(shard));
    }
    return lines;
}

// [SECTION] The strip's charts: short labels, as the strip is narrow

struct StripChart {
    const char* title;
    std::vector<ChartLine> lines;
};

std::vector<ChartLine> strip_depth_lines(const sim::Engine& engine) {
    const auto& sqs = engine.sqs();
    std::vector<QueueRole> roles;
    int counts[3] = {0, 0, 0};
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        roles.push_back(queue_role(engine, q));
        ++counts[static_cast<int>(roles.back())];
    }
    const auto count = [&](QueueRole role) { return counts[static_cast<int>(role)]; };
    std::vector<ChartLine> lines;
    for (std::uint32_t q = 0; q < sqs.queue_count(); ++q) {
        const auto& name = sqs.config(q).name;
        switch (roles[q]) {
            case QueueRole::DeadLetter:
                add_line(lines, engine, name + ".visible", count(QueueRole::DeadLetter) > 1 ? "DLQ " + name : "DLQ");
                break;
            case QueueRole::OnFailure:
                add_line(lines, engine, name + ".visible", count(QueueRole::OnFailure) > 1 ? "on failure " + name : "on failure");
                break;
            case QueueRole::Source: {
                const std::string prefix = count(QueueRole::Source) > 1 ? name + " " : "";
                add_line(lines, engine, name + ".visible", prefix + "visible");
                add_line(lines, engine, name + ".in_flight", prefix + "in flight");
                break;
            }
        }
    }
    return lines;
}

// The age of each stream mapping's oldest unprocessed record; the charts view has it per shard.
std::vector<ChartLine> strip_iterator_age_lines(const sim::Engine& engine) {
    std::vector<ChartLine> lines;
    for (const auto& mapping : engine.stream_mappings()) {
        const auto& config = mapping->config();
        add_line(lines, engine, mapping_series(config, "iterator_age_s"), stream_mapping_label(engine, config));
    }
    return lines;
}

std::vector<ChartLine> strip_concurrency_lines(const sim::Engine& engine) {
    std::vector<ChartLine> lines;
    for (std::uint32_t f = 0; f < engine.lambda().function_count(); ++f) {
        const auto& name = engine.lambda().config(f).name;
        add_line(lines, engine, name + ".concurrency", name);
    }
    for (const auto& mapping : engine.sqs_mappings()) {
        add_line(lines, engine, mapping_series(mapping->config(), "pollers"), "pollers");
    }
    return lines;
}

std::vector<ChartLine> strip_invocation_lines(const sim::Engine& engine) {
    std::vector<ChartLine> lines;
    const auto& lambda = engine.lambda();
    for (std::uint32_t f = 0; f < lambda.function_count(); ++f) {
        const auto& name = lambda.config(f).name;
        const std::string prefix = lambda.function_count() > 1 ? name + " " : "";
        add_line(lines, engine, name + ".invocations", prefix + "invocations");
        add_line(lines, engine, name + ".errors", prefix + "errors");
        add_line(lines, engine, name + ".throttles", prefix + "throttles");
    }
    return lines;
}

// The charts with something to plot.
std::vector<StripChart> strip_charts(const sim::Engine& engine) {
    std::vector<StripChart> charts{{"Messages", strip_depth_lines(engine)},
                                   {"Iterator age (s)", strip_iterator_age_lines(engine)},
                                   {"Concurrency", strip_concurrency_lines(engine)},
                                   {"Invocations per sample", strip_invocation_lines(engine)}};
    charts.erase(std::remove_if(charts.begin(), charts.end(), [](const StripChart& chart) { return chart.lines.empty(); }),
                 charts.end());
    return charts;
}

// Seeking rebuilds the run, so it waits until every chart reading the run has been drawn.
void remember_click(std::optional<sim::SimTime>& seek_to, std::optional<sim::SimTime> clicked) {
    if (clicked) seek_to = clicked;
}

// Each downstream (docs/aws-rules.md 5.25): its open connections (against MaxConnections), and per
// sample its calls, the failed ones and their mean latency.
void draw_downstreams(const sim::Engine& engine, sim::SimTime span, float height, sim::SimTime now,
                      std::optional<sim::SimTime>& seek_to) {
    const auto& downstreams = engine.handler_services().downstreams();
    for (std::uint32_t d = 0; d < downstreams.count(); ++d) {
        const auto& config = downstreams.config(d);
        const std::string title = "Downstream " + config.name + ": ";
        std::vector<ChartLine> connections;
        add_line(connections, engine, config.name + ".connections", "open connections");
        remember_click(seek_to, TimeChart(("connections" + config.name).c_str(),
                                          (title + "connections (limit " + std::to_string(config.MaxConnections) + ")").c_str(),
                                          connections, span, now, height));
        std::vector<ChartLine> calls;
        add_line(calls, engine, config.name + ".calls", "calls");
        add_line(calls, engine, config.name + ".errors", "failed calls");
        remember_click(seek_to, TimeChart(("calls" + config.name).c_str(), (title + "calls per sample").c_str(), calls, span,
                                          now, height));
        std::vector<ChartLine> latency;
        add_line(latency, engine, config.name + ".latency_ms", "mean latency (ms)");
        remember_click(seek_to, TimeChart(("latency" + config.name).c_str(), (title + "latency").c_str(), latency, span,
                                          now, height));
    }
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
        remember_click(seek_to,
                       TimeChart(("queue" + name).c_str(), queue_title(engine, q).c_str(), lines, span, lab.now(), height));
    }
    for (std::uint32_t s = 0; s < engine.kinesis().stream_count(); ++s) {
        const auto& name = engine.kinesis().config(s).name;
        remember_click(seek_to, TimeChart(("stream" + name).c_str(), ("Stream " + name + ": records since the start").c_str(),
                                          stream_record_lines(engine, name), span, lab.now(), height));
    }
    for (const auto& mapping : engine.stream_mappings()) {
        const auto& config = mapping->config();
        const std::string title = config.EventSourceArn + " → " + config.FunctionName + ": iterator age (s)";
        remember_click(seek_to, TimeChart(("age" + mapping_series(config, "")).c_str(), title.c_str(),
                                          shard_age_lines(engine, *mapping), span, lab.now(), height));
    }
    for (std::uint32_t f = 0; f < engine.lambda().function_count(); ++f) {
        const auto& name = engine.lambda().config(f).name;
        std::vector<ChartLine> concurrency;
        add_line(concurrency, engine, name + ".concurrency", "concurrent executions");
        for (const auto& mapping : engine.sqs_mappings()) {
            if (mapping->function() != f) continue;
            const auto& config = mapping->config();
            add_line(concurrency, engine, mapping_series(config, "pollers"), "pollers " + config.EventSourceArn);
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
    draw_downstreams(engine, span, height, lab.now(), seek_to);
    if (seek_to) lab.seek(*seek_to);
}

void ChartsView::draw_strip(LabState& lab) {
    if (!lab.has_scenario()) return;
    const auto charts = strip_charts(*lab.run(RunId::A).engine);
    if (charts.empty()) return;
    const auto span = chart_span(lab);
    const float height = ImGui::GetContentRegionAvail().y;
    const float gaps = static_cast<float>(charts.size() - 1) * ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - gaps) / static_cast<float>(charts.size());
    std::optional<sim::SimTime> seek_to;
    for (std::size_t i = 0; i < charts.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::BeginChild(charts[i].title, ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
        remember_click(seek_to, TimeChart(charts[i].title, charts[i].title, charts[i].lines, span, lab.now(), height));
        ImGui::EndChild();
    }
    if (seek_to) lab.seek(*seek_to);
}

}  // namespace queuelab::gui
