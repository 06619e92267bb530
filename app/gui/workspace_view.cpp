#include "workspace_view.h"

#include <imgui.h>

#include <chrono>
#include <cstdlib>

#include "widgets.h"

namespace queuelab::gui {

namespace fs = std::filesystem;

namespace {

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr double kListRefreshSeconds = 1.0;

}  // namespace

void WorkspaceView::set_builder(runtime::HandlerBuilder& builder) { workspace_.emplace(builder); }

void WorkspaceView::update(lab::LabState& lab) {
    if (workspace_) workspace_->update(lab, seconds_now());
}

void WorkspaceView::refresh_list(double now_s) {
    if (now_s - listed_at_s_ < kListRefreshSeconds) return;
    listed_at_s_ = now_s;
    handlers_ = lab::list_handlers(lab::handlers_dir());
}

void WorkspaceView::draw_new_handler() {
    const auto create = [&](lab::HandlerTemplate kind) {
        const auto folder = lab::handlers_dir();
        const auto made = lab::create_handler(folder, lab::free_handler_name(folder, kind), kind);
        note_is_error_ = !made.error.empty();
        note_ = note_is_error_ ? made.error : "wrote " + made.path.string();
        listed_at_s_ = -1e300;
    };
    ImGui::TextUnformatted("New handler:");
    ImGui::SameLine();
    if (ImGui::SmallButton("SQS template")) create(lab::HandlerTemplate::Sqs);
    ItemTooltip("A handler for SQS events: parse, handle, collect the failures into batchItemFailures.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Kinesis template")) create(lab::HandlerTemplate::Kinesis);
    ItemTooltip("A handler for Kinesis events: parse, handle, report the first failed record's sequence number.");
    if (!note_.empty()) {
        if (note_is_error_) ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
        ImGui::TextWrapped("%s", note_.c_str());
        if (note_is_error_) ImGui::PopStyleColor();
    }
}

void WorkspaceView::draw_handler(const fs::path& file, HandlerSourceView& sources) {
    ImGui::PushID(file.c_str());
    ImGui::Bullet();
    ImGui::TextUnformatted(file.filename().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("open in editor")) {
        std::string error;
        if (!lab::launch_detached(lab::editor_command(file, std::getenv("VISUAL"), std::getenv("EDITOR")), error)) {
            note_ = error;
            note_is_error_ = true;
        }
    }
    ItemTooltip("Opens the file with $VISUAL, else $EDITOR, else xdg-open. Save it: the lab rebuilds and reruns.");
    ImGui::SameLine();
    if (ImGui::SmallButton("source")) sources.open_file(file.string());
    ImGui::PopID();
}

void WorkspaceView::draw_build(HandlerSourceView& sources) {
    if (workspace_->building()) {
        ImGui::ProgressBar(static_cast<float>(workspace_->progress()), ImVec2(-FLT_MIN, 0),
                           workspace_->progress_text().c_str());
        return;
    }
    const runtime::BuildResult* build = workspace_->last_build();
    if (build == nullptr) return;
    const std::string name = fs::path(build->source).filename().string();
    if (build->ok) {
        ImGui::TextDisabled("built %s%s", name.c_str(), build->cached ? " (unchanged, from the cache)" : "");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
    ImGui::TextWrapped("%s does not build; the runs keep the last handler that did:", name.c_str());
    ImGui::PopStyleColor();
    int shown = 0;
    for (const auto& diagnostic : build->diagnostics) {
        if (!diagnostic.is_error()) continue;
        ImGui::PushID(shown++);
        if (ImGui::Selectable(diagnostic.describe().c_str()) && !diagnostic.file.empty()) {
            sources.open_file(diagnostic.file, diagnostic.line, diagnostic.message);
        }
        ItemTooltip("Show the source at this line");
        ImGui::PopID();
    }
    if (shown == 0) ImGui::TextWrapped("%s", build->first_error().c_str());
}

void WorkspaceView::draw(lab::LabState& lab, HandlerSourceView& sources) {
    (void)lab;
    if (!workspace_) return;
    if (!ImGui::CollapsingHeader("Your handlers", ImGuiTreeNodeFlags_DefaultOpen)) return;
    refresh_list(seconds_now());
    const std::string folder = lab::handlers_dir().string();
    ImGui::TextDisabled("in %s", folder.c_str());
    HelpMarker("Your own C++ handlers, built with the system compiler and run in a process of their own through the "
               "Lambda Runtime API (Runtime provided.al2023). Choose one as a function's Handler in the inspector; the "
               "lab rebuilds and reruns whenever you save it.");
    draw_new_handler();
    for (const auto& file : handlers_) draw_handler(file, sources);
    for (const auto& watched : workspace_->watched()) {
        ImGui::TextDisabled("watching %s: saving it rebuilds and reruns", watched.filename().c_str());
    }
    draw_build(sources);
}

void WorkspaceView::handler_choices(const sim::FunctionConfig& function, const std::string& scenario_dir) {
    if (!workspace_) return;
    refresh_list(seconds_now());
    ImGui::Separator();
    ImGui::TextDisabled("Your handlers");
    const auto current = function.simulation.Source.empty()
                             ? fs::path{}
                             : fs::absolute(fs::path(scenario_dir) / function.simulation.Source).lexically_normal();
    for (const auto& file : handlers_) {
        if (ImGui::Selectable(file.filename().c_str(), file == current) && file != current) {
            workspace_->assign(function.name, file);
        }
        ItemTooltip(file.c_str());
    }
    if (handlers_.empty()) ImGui::TextDisabled("none yet: New handler, above");
}

}  // namespace queuelab::gui
