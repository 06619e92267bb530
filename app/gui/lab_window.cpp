#include "lab_window.h"

#include <algorithm>
#include <filesystem>

#include <GLFW/glfw3.h>

#include <cstdio>

#include "key_presses.h"
#include "lab/help_text.h"
#include "lab/paths.h"
#include "lab/ui_scale.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::RunId;

namespace {

constexpr float kLessonWidthEm = 32.0f;

const char* main_view_name(MainView view) {
    switch (view) {
        case MainView::Topology: return "topology";
        case MainView::Charts: return "charts";
        case MainView::Compare: return "compare";
        case MainView::Sweep: return "sweep";
    }
    return "topology";
}

const char* side_view_name(SideView view) {
    switch (view) {
        case SideView::Lesson: return "lesson";
        case SideView::Inspector: return "inspector";
        case SideView::Messages: return "messages";
    }
    return "inspector";
}

// A tab that is selected when `select` asks for it; returns whether it is open this frame.
bool tab(const char* label, bool select) {
    return ImGui::BeginTabItem(label, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
}

}  // namespace

void LabWindow::show(const std::string& view) {
    if (view == "topology") main_view_ = MainView::Topology;
    if (view == "charts") main_view_ = MainView::Charts;
    if (view == "compare" || view == "sweep") {
        main_view_ = view == "compare" ? MainView::Compare : MainView::Sweep;
        side_open_ = false;  // two runs side by side, or a chart and a table, need the width
    }
    if (view == "inspector" || view == "messages" || view == "lesson") {
        side_view_ = view == "inspector" ? SideView::Inspector : view == "messages" ? SideView::Messages : SideView::Lesson;
        side_open_ = true;
    }
    select_main_tab_ = select_side_tab_ = true;
}

void LabWindow::show_sweep(lab::SweepResults results, std::optional<std::size_t> metric, std::size_t x_key) {
    sweep_.show(std::move(results), metric, x_key);
    show("sweep");
}

void LabWindow::open_lesson(const std::string& lesson_and_task, bool run) {
    std::string error = lesson_.open(lab_, lesson_and_task);
    if (error.empty() && run) error = lesson_.run(lab_);
    if (!error.empty()) lab_.last_error = error;
    show("lesson");
    fit_lesson_width_ = true;
}

// Markdown and tables need the room: 40% of the window's width, at least 32 em.
void LabWindow::fit_lesson_width(float window_width) {
    if (!fit_lesson_width_) return;
    side_width_em_ = std::clamp(window_width * 0.4f / em(1.0f), kLessonWidthEm, 80.0f);
    fit_lesson_width_ = false;
}

void LabWindow::apply(const LabSettings& settings) {
    lab_.speed = std::clamp(settings.speed, 1.0, 1000.0);
    lab_.as_fast_as_possible = settings.as_fast_as_possible;
    show(settings.main_view);
    show(settings.side_view);
    side_width_em_ = std::clamp(settings.side_width_em, 20.0f, 80.0f);
    side_open_ = settings.side_open;
    zoom_ = settings.zoom;
    welcomed_ = settings.welcomed;
    if (!settings.last_sweep.empty()) sweep_.open(settings.last_sweep);  // an error shows in the Sweep view
}

LabSettings LabWindow::settings() const {
    LabSettings settings;
    std::error_code error;
    const auto path = lab_.scenario_path();
    settings.last_scenario = path.empty() ? path : std::filesystem::absolute(path, error).string();
    const auto sweep = sweep_.path();
    settings.last_sweep = sweep.empty() ? sweep : std::filesystem::absolute(sweep, error).string();
    settings.speed = lab_.speed;
    settings.as_fast_as_possible = lab_.as_fast_as_possible;
    settings.main_view = main_view_name(main_view_);
    settings.side_view = side_view_name(side_view_);
    settings.side_width_em = side_width_em_;
    settings.side_open = side_open_;
    settings.zoom = zoom_;
    settings.welcomed = welcomed_;
    return settings;
}

bool LabWindow::animating() const {
    return lab_.playing || workspace_.animating() || topology_.animating() || (main_view_ == MainView::Compare && compare_.animating());
}

// A click on a message or an invocation anywhere opens its life in the side panel, unless a
// lesson is open there (its "go to this moment" selects one).
void LabWindow::follow_selection() {
    const auto& s = lab_.selection;
    const bool changed = s.message != shown_selection_.message || s.invocation != shown_selection_.invocation ||
                         s.run != shown_selection_.run;
    const bool lesson_open = side_open_ && side_view_ == SideView::Lesson;
    if (changed && !lesson_open && (s.message != sim::kNone || s.invocation != sim::kNone) && (side_view_ != SideView::Messages || !side_open_)) {
        side_view_ = SideView::Messages;
        side_open_ = true;
        select_side_tab_ = true;
    }
    shown_selection_ = s;
}

void LabWindow::draw_top_bar() {
    ImGui::TextUnformatted("queuelab");
    ImGui::SameLine();
    if (ImGui::SmallButton("Help (F1)")) help_open_ = true;
    ImGui::SameLine();
    draw_view_settings();
    ImGui::SameLine();
    scenario_picker_.draw(lab_);
    ImGui::SameLine();
    export_dialog_.draw(lab_);
    ImGui::SameLine();
    time_controls_.draw(lab_);
    if (!lab_.last_error.empty()) {
        if (ImGui::SmallButton("dismiss")) lab_.last_error.clear();
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
        ImGui::TextWrapped("%s", lab_.last_error.c_str());
        ImGui::PopStyleColor();
    }
}

void LabWindow::draw_main_area(float width) {
    ImGui::BeginChild("main", ImVec2(width, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (ImGui::BeginTabBar("main views")) {
        const bool select = select_main_tab_;
        const MainView requested = main_view_;
        select_main_tab_ = false;
        if (tab("Topology", select && requested == MainView::Topology)) {
            main_view_ = MainView::Topology;
            const float strip = std::max(em(8.0f), ImGui::GetContentRegionAvail().y * 0.3f);
            ImGui::BeginChild("topology", ImVec2(0, -strip - ImGui::GetStyle().ItemSpacing.y), false,
                              ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
            topology_.draw(lab_, RunId::A, TopologyView::Detail::Full);
            ImGui::EndChild();
            charts_.draw_strip(lab_);
            ImGui::EndTabItem();
        }
        if (tab("Charts", select && requested == MainView::Charts)) {
            main_view_ = MainView::Charts;
            ImGui::BeginChild("charts");
            charts_.draw(lab_);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (tab("Compare", select && requested == MainView::Compare)) {
            if (main_view_ != MainView::Compare) side_open_ = false;  // opened by a click: two runs need the width
            main_view_ = MainView::Compare;
            compare_.draw(lab_);
            ImGui::EndTabItem();
        }
        if (tab("Sweep", select && requested == MainView::Sweep)) {
            main_view_ = MainView::Sweep;
            ImGui::BeginChild("sweep");
            sweep_.draw();
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        const char* toggle = side_open_ ? "Hide side panel \xE2\x96\xB8" : "\xE2\x97\x82 Lesson, inspector and messages";
        if (ImGui::TabItemButton(toggle, ImGuiTabItemFlags_Trailing)) side_open_ = !side_open_;
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

void LabWindow::draw_side_panel() {
    ImGui::BeginChild("side");
    if (ImGui::BeginTabBar("side views")) {
        const bool select = select_side_tab_;
        const SideView requested = side_view_;
        select_side_tab_ = false;
        if (tab("Lesson", select && requested == SideView::Lesson)) {
            side_view_ = SideView::Lesson;
            lesson_.draw(lab_, monospace_);
            ImGui::EndTabItem();
        }
        if (tab("Inspector", select && requested == SideView::Inspector)) {
            side_view_ = SideView::Inspector;
            ImGui::BeginChild("inspector");
            inspector_.draw(lab_, handler_source_, workspace_);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (tab("Messages", select && requested == SideView::Messages)) {
            side_view_ = SideView::Messages;
            messages_.draw(lab_, monospace_);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
}

// A thin vertical bar between the main area and the side panel; drag it to resize.
void LabWindow::draw_splitter(float height) {
    ImGui::InvisibleButton("splitter", ImVec2(em(0.4f), height));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive()) side_width_em_ = std::clamp(side_width_em_ - ImGui::GetIO().MouseDelta.x / em(1.0f), 20.0f, 80.0f);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2((min.x + max.x) / 2, min.y), ImVec2((min.x + max.x) / 2, max.y),
                                        ImGui::IsItemActive() ? colours::text() : colours::panel_border(), 2.0f);
}

void LabWindow::draw() {
    workspace_.update(lab_);
    const std::vector<int> keys = key_presses().take();
    TimeControls::handle_shortcuts(lab_, keys);
    if (!ImGui::GetIO().WantTextInput && std::find(keys.begin(), keys.end(), GLFW_KEY_F1) != keys.end()) help_open_ = !help_open_;
    follow_selection();
    lesson_.begin_frame(lab_);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    fit_lesson_width(viewport->WorkSize.x);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("queuelab", nullptr, flags);
    draw_top_bar();
    ImGui::Separator();
    const float height = ImGui::GetContentRegionAvail().y;
    if (side_open_) {
        const float side = std::min(em(side_width_em_), ImGui::GetContentRegionAvail().x * 0.6f);
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        draw_main_area(ImGui::GetContentRegionAvail().x - side - em(0.4f) - 2 * spacing);
        ImGui::SameLine();
        draw_splitter(height);
        ImGui::SameLine();
        draw_side_panel();
    } else {
        draw_main_area(0);
    }
    ImGui::End();
    handler_source_.draw(monospace_);
    draw_welcome();
    draw_help();
    if (frame_time_shown_) frame_stats_.draw_overlay();
}

// The zoom of text and sizes (lab/ui_scale.h); the app applies it before the next frame.
void LabWindow::draw_view_settings() {
    char current[16];
    if (zoom_ == 0) {
        std::snprintf(current, sizeof current, "Zoom: auto");
    } else {
        std::snprintf(current, sizeof current, "Zoom: %.0f%%", zoom_ * 100);
    }
    ImGui::SetNextItemWidth(em(8.0f));
    if (ImGui::BeginCombo("##zoom", current)) {
        for (const float zoom : lab::kZoomChoices) {
            char label[40];
            if (zoom == 0) {
                std::snprintf(label, sizeof label, "auto (follows the window)");
            } else {
                std::snprintf(label, sizeof label, "%.1f%%", zoom * 100);
            }
            if (ImGui::Selectable(label, zoom == zoom_)) zoom_ = zoom;
        }
        ImGui::EndCombo();
    }
    ItemTooltip("The size of text and everything else. Auto follows the window's height and the monitor's scale.");
}

void LabWindow::log_on() const {
    if (!text_dump_.empty()) ImGui::LogToFile(0, text_dump_.c_str());  // appends
}

// The first-run welcome: what the lab is and where to start, with the examples by topic.
void LabWindow::draw_welcome() {
    if (!welcome_open_) return;
    if (examples_.empty()) {
        const auto root = lab::project_root();
        if (!root.empty()) examples_ = lab::list_scenarios(root / "lessons" / "scenarios");
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(std::min(em(46.0f), viewport->WorkSize.x * 0.9f), std::min(em(40.0f), viewport->WorkSize.y * 0.9f));
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2, viewport->WorkPos.y + viewport->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    bool open = true;
    if (ImGui::Begin("Welcome to queuelab", &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        log_on();
        ImGui::LogText("Welcome to queuelab\n");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(
            "queuelab simulates Amazon SQS queues and Kinesis streams consumed by AWS Lambda, in virtual time, with "
            "AWS's own rules and numbers: visibility timeouts, retries, dead-letter queues, batching, scaling, "
            "throttling and partial batch responses.");
        ImGui::Spacing();
        ImGui::TextColored(colours::heading(), "Where to start");
        ImGui::BulletText("Press space to play the scenario; watch messages (dots) move through the Topology.");
        ImGui::BulletText("Click a dot to read that message's whole life in Messages.");
        ImGui::BulletText("Change a setting in the Inspector, then compare A and B in Compare.");
        ImGui::BulletText("The Lesson tab has the course, day by day, with tasks checked in the lab.");
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::TextColored(colours::heading(), "Or open an example:");
        ImGui::BeginChild("welcome examples", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
        if (draw_scenario_list(lab_, examples_)) open = false;
        ImGui::EndChild();
        if (ImGui::Button("Start with this scenario")) open = false;
        ImGui::SameLine();
        ImGui::TextDisabled("Help (F1) lists every key and view.");
    }
    ImGui::End();
    if (!open) {
        welcome_open_ = false;
        welcomed_ = true;
    }
}

// Every shortcut and what each view shows.
void LabWindow::draw_help() {
    if (!help_open_) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x / 2, viewport->WorkPos.y + viewport->WorkSize.y / 2),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(em(44.0f), viewport->WorkSize.x * 0.9f), std::min(em(38.0f), viewport->WorkSize.y * 0.9f)),
                             ImGuiCond_Appearing);
    if (ImGui::Begin("Help", &help_open_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        log_on();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(colours::heading(), "Keys");
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
            for (const auto& [key, what] : lab::shortcut_help()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(key);
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", what);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::TextColored(colours::heading(), "Views");
        for (const auto& [view, what] : lab::view_help()) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::TextWrapped("%s: %s", view, what);
        }
        ImGui::Spacing();
        ImGui::Checkbox("Show frame time (CPU per frame)", &frame_time_shown_);
        if (ImGui::Button("Show the welcome again")) welcome_open_ = true;
        ImGui::PopTextWrapPos();
    }
    ImGui::End();
}

}  // namespace queuelab::gui
