#include "export_dialog.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

#include "input_error.h"
#include "project_export.h"
#include "widgets.h"

namespace queuelab::gui {
namespace {

namespace fs = std::filesystem;
using lab::LabState, lab::RunId;

// The function's code as the export names it: its source, or its built-in handler.
exporting::HandlerChoice handler_of(const sim::Scenario& scenario, const std::string& function) {
    const auto& config = scenario.functions.at(function);
    if (!config.simulation.Bootstrap.empty()) {
        throw sim::InputError(config.simulation.Bootstrap, "", 0, "expected a built-in or a C++ source: a Simulation.Bootstrap has no source to export");
    }
    if (config.simulation.Source.empty()) return exporting::choose_handler(config.Handler);
    return exporting::choose_handler((fs::path(scenario.directory) / config.simulation.Source).string());
}

bool has_files(const std::string& folder) {
    std::error_code error;
    return fs::is_directory(folder, error) && !fs::is_empty(folder, error);
}

}  // namespace

void ExportDialog::draw(LabState& lab) {
    if (!lab.has_scenario()) return;
    if (ImGui::Button("Export\xE2\x80\xA6")) {  // …
        const auto& functions = lab.run(RunId::A).engine->scenario().functions;
        if (function_.empty() || functions.count(function_) == 0) function_ = functions.empty() ? "" : functions.begin()->first;
        confirm_overwrite_ = false;
        outcome_.clear();
        ImGui::OpenPopup("export");
    }
    ItemTooltip("Export the function's handler, tested in this scenario, as a project for AWS Lambda");
    draw_popup(lab);
}

void ExportDialog::draw_popup(LabState& lab) {
    if (!ImGui::BeginPopup("export")) return;
    const auto& scenario = lab.run(RunId::A).engine->scenario();
    ImGui::TextUnformatted("Export a tested handler as a project for Lambda");
    if (ImGui::BeginCombo("function", function_.c_str())) {
        for (const auto& [name, config] : scenario.functions) {
            if (ImGui::Selectable(name.c_str(), name == function_)) function_ = name;
        }
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(em(30.0f));
    ImGui::InputTextWithHint("folder", "path/to/project", &folder_);
    if (confirm_overwrite_) {
        ImGui::TextColored(colours::error_text(), "%s has files. Replace them all?", folder_.c_str());
        if (ImGui::Button("Replace")) start_export(lab, true);
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) confirm_overwrite_ = false;
    } else if (ImGui::Button("Export") && !folder_.empty()) {
        if (has_files(folder_)) {
            confirm_overwrite_ = true;
        } else {
            start_export(lab, false);
        }
    }
    if (!outcome_.empty()) {
        ImGui::PushTextWrapPos(em(40.0f));
        if (failed_) {
            ImGui::TextColored(colours::error_text(), "%s", outcome_.c_str());
        } else {
            ImGui::TextUnformatted(outcome_.c_str());
        }
        ImGui::PopTextWrapPos();
    }
    ImGui::EndPopup();
}

void ExportDialog::start_export(LabState& lab, bool force) {
    confirm_overwrite_ = false;
    failed_ = true;
    try {
        const auto& run = lab.run(RunId::A);
        const exporting::HandlerChoice handler = handler_of(run.engine->scenario(), function_);
        const exporting::Trial trial = exporting::export_handler(
            {handler, lab.scenario_path(), function_, run.overrides}, folder_, force, lab.catalog());
        if (!trial.passed()) {
            outcome_ = handler.display_name() + " has not passed its tests here, so it is not exported:";
            for (const auto& failure : trial.failures) outcome_ += "\n" + failure;
            return;
        }
        outcome_ = "Exported to " + folder_ + ": see its README.md to build, test and deploy it.";
        failed_ = false;
    } catch (const std::exception& error) {
        outcome_ = error.what();
    }
}

}  // namespace queuelab::gui
