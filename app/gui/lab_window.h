#pragma once
// The lab's one window: the top bar (scenario, time controls, last error), the main area
// (topology with charts under it, all charts, compare, or a sweep's results) and the side panel
// (inspector, or messages and invocations). Owns the lab state and every view; views talk only through the
// lab state.

#include <imgui.h>

#include <string>

#include "charts_view.h"
#include "compare_view.h"
#include "export_dialog.h"
#include "frame_stats.h"
#include "handler_source_view.h"
#include "inspector_view.h"
#include "lab/lab_state.h"
#include "lesson_panel.h"
#include "message_view.h"
#include "scenario_picker.h"
#include "settings.h"
#include "sweep_view.h"
#include "time_controls.h"
#include "topology/topology_view.h"
#include "workspace_view.h"

namespace queuelab::gui {

enum class MainView { Topology, Charts, Compare, Sweep };
enum class SideView { Lesson, Inspector, Messages };

class LabWindow {
public:
    explicit LabWindow(ImFont* monospace) : monospace_(monospace) {}
    // After the fonts were rebuilt at another scale.
    void set_monospace(ImFont* monospace) { monospace_ = monospace; }
    // The zoom setting (lab/ui_scale.h: 0 auto); the app rebuilds the fonts when it changes.
    float zoom() const { return zoom_; }
    void set_zoom(float zoom) { zoom_ = zoom; }
    // Shows the first-run welcome (what the lab is, where to start) until it is closed.
    void show_welcome(bool show) { welcome_open_ = show; }
    void show_frame_time(bool show) { frame_time_shown_ = show; }
    // --text-dump: the file this frame's text is logged to, or "". ImGui stops logging at the end
    // of each top-level window, so the welcome and help windows log on into it (appending).
    void set_text_dump(std::string path) { text_dump_ = std::move(path); }

    lab::LabState& lab() { return lab_; }
    // Enables the learner's handler workspace (WorkspaceView), building with `builder`.
    void set_builder(runtime::HandlerBuilder& builder) { workspace_.set_builder(builder); }
    FrameStats& frame_stats() { return frame_stats_; }

    // Shows a view: "topology", "charts", "compare", "sweep", "lesson", "inspector" or "messages".
    void show(const std::string& view);
    // Shows a sweep's results (lab/sweep_csv.h) in the Sweep view (SweepView::show).
    void show_sweep(lab::SweepResults results, std::optional<std::size_t> metric, std::size_t x_key);
    // Opens a lesson ("day-06", or "day-06/turn-it-on" on that task) in the side panel, and with
    // `run` runs that task as its Run button does; an error is the lab's last error.
    void open_lesson(const std::string& lesson_and_task, bool run);
    // What the lesson panel drew in the last frame, or "" (see LessonPanel::drawn).
    const std::string& drawn_lesson() const { return lesson_.drawn(); }
    void apply(const LabSettings& settings);
    LabSettings settings() const;

    void draw();
    // Something moves on screen: render continuously instead of waiting for input.
    bool animating() const;

private:
    void draw_top_bar();
    void draw_view_settings();
    void draw_welcome();
    void draw_help();
    void log_on() const;
    void draw_main_area(float width);
    void draw_side_panel();
    void draw_splitter(float height);
    void follow_selection();
    void fit_lesson_width(float window_width);

    lab::LabState lab_;
    TimeControls time_controls_;
    ScenarioPicker scenario_picker_;
    ExportDialog export_dialog_;
    TopologyView topology_;
    ChartsView charts_;
    CompareView compare_;
    SweepView sweep_;
    InspectorView inspector_;
    MessageView messages_;
    HandlerSourceView handler_source_;
    LessonPanel lesson_;
    WorkspaceView workspace_;
    FrameStats frame_stats_;
    ImFont* monospace_;

    MainView main_view_ = MainView::Topology;
    SideView side_view_ = SideView::Inspector;
    bool select_main_tab_ = true;
    bool select_side_tab_ = true;
    float side_width_em_ = 28.0f;
    bool side_open_ = true;
    bool fit_lesson_width_ = false;  // a lesson was opened: widen the side panel on the next frame
    lab::Selection shown_selection_;
    float zoom_ = 0;
    bool welcome_open_ = false;
    bool welcomed_ = false;          // the welcome was closed once: not shown again
    bool help_open_ = false;
    bool frame_time_shown_ = false;  // the frame-time overlay (--frame-stats, or the help window's box)
    std::vector<lab::ScenarioEntry> examples_;  // the welcome's list
    std::string text_dump_;
};

}  // namespace queuelab::gui
