#pragma once
// Time series over virtual time (queue depth, in flight, dead-letter depth, concurrency,
// invocations, errors, throttles, records put to streams, iterator age), with a cursor at the
// lab's "now". Clicking a chart replays the run to that time.

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "lab/lab_state.h"
#include "lab/roles.h"

namespace queuelab::gui {

struct ChartLine {
    std::string label;
    const std::vector<sim::SimTime>* times;
    const std::vector<double>* values;
    ImU32 colour;
    lab::Role role = lab::Role::Other;
    std::optional<double> live;  // the value now (lab/live_series.h), for the legend; else the last sample
};

// [Pieces every chart of the lab shares: the Sweep view's too]

// The colour of the `index`-th line without a role (a shard's iterator age, a sweep's series): five
// hues, then each again a shade darker.
ImU32 line_colour(std::size_t index);

// A legend's entry: a swatch of the line's colour, its label, and its value brighter.
struct LegendEntry {
    std::string label;
    ImU32 colour;
    std::string value;
};

// A chart's box: `height` tall across the space left on the line (an invisible button, so it knows
// hover and clicks), its background, the title followed by the legend (wrapping onto more rows),
// and inside it the plot's area, `left_margin` from the left edge for the value axis's labels and
// a line of labels high above the bottom edge.
struct ChartBox {
    ImVec2 min, max;            // the whole box
    ImVec2 plot_min, plot_max;  // the plot's area
    bool hovered = false, clicked = false;
    bool has_plot() const;      // false when the box is too small to plot in
};
ChartBox DrawChartBox(const char* id, const char* title, const std::vector<LegendEntry>& legend, float height, float left_margin);
// The plot's baseline and its top gridline.
void DrawPlotFrame(ImDrawList* draw_list, const ChartBox& box);
// An axis's label, small and dim, its top left at `at`; and how wide it is.
void DrawAxisLabel(ImDrawList* draw_list, ImVec2 at, const std::string& text);
float axis_label_width(const std::string& text);

// One chart of `lines` over virtual time [0, span] with a cursor at `now`, `height` tall and as
// wide as the space left on the line. Returns the virtual time clicked, if any.
std::optional<sim::SimTime> TimeChart(const char* id, const char* title, const std::vector<ChartLine>& lines,
                                      sim::SimTime span, sim::SimTime now, float height);

// The virtual time a chart spans: the whole run once it has ended, else a little beyond now.
sim::SimTime chart_span(const lab::LabState& lab);

// The line of a recorded series ("orders.visible"), or none if the run does not record it.
std::optional<ChartLine> series_line(const sim::Engine& engine, const std::string& name, const std::string& label,
                                     ImU32 colour);

class ChartsView {
public:
    // Every series of run A, grouped by queue, stream, stream mapping (iterator age per shard) and
    // function.
    void draw(lab::LabState& lab);
    // Charts side by side: messages waiting, iterator age per stream mapping, concurrency,
    // invocations/errors/throttles; a chart with nothing to plot is left out.
    void draw_strip(lab::LabState& lab);
};

}  // namespace queuelab::gui
