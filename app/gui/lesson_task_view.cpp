#include "lesson_task_view.h"

#include <algorithm>
#include <cstdlib>

#include "input_error.h"
#include "lab/format.h"
#include "lab/workspace.h"
#include "widgets.h"

namespace queuelab::gui {
namespace {

using curriculum::Answer;
using curriculum::Task;
using lab::TaskStage;

void input(const char* id, const std::string& text, const std::function<void(const std::string&)>& changed,
           const char* hint = "") {
    char buffer[512];
    text.copy(buffer, sizeof buffer - 1);
    buffer[std::min(text.size(), sizeof buffer - 1)] = '\0';
    if (ImGui::InputTextWithHint(id, hint, buffer, sizeof buffer)) changed(buffer);
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(colours::heading(), "%s", title);
}

void error_line(const std::string& text) {
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void launch_in_lab(lab::LabState& lab, const lab::Launch& launch, bool play) {
    if (!lab.open_scenario(launch.scenario.string())) return;
    if (!launch.overrides.empty()) {
        if (const std::string error = lab.propose_edits(launch.overrides); !error.empty()) {
            lab.last_error = error;
            return;
        }
        lab.restart();
    }
    lab.playing = play && !lab.finished();
}

std::string run_in_lab(lab::LessonSession& session, lab::LabState& lab) {
    const auto launch = session.run();
    if (!launch) return session.last_error;
    launch_in_lab(lab, *launch);
    return {};
}

void LessonTaskView::draw(lab::LessonSession& session, lab::LabState& lab, MarkdownCache& markdown, ImFont* monospace,
                          const MarkdownActions& actions) {
    const Task& task = *session.task();
    if (task_ != &task) error_.clear();
    task_ = &task;
    ImGui::PushID(task.id.c_str());
    ImGui::SetWindowFontScale(1.15f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(colours::heading(), "%s", task.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetWindowFontScale(1.0f);
    if (task.is_question()) {
        draw_markdown(markdown.blocks(task.question), monospace, actions);
        draw_prediction(session);
    } else {
        section("Goal");
        draw_markdown(markdown.blocks(task.goal), monospace, actions);
        draw_parameters(session);
        draw_handler_exercise(session);
    }
    draw_run(session, lab);
    draw_outcome(session, lab, markdown, monospace, actions);
    draw_help(session);
    ImGui::PopID();
}

void LessonTaskView::draw_prediction(lab::LessonSession& session) {
    const bool committed = session.stage() != TaskStage::Predict;
    section(committed ? "Your prediction (committed)" : "Your prediction");
    for (const auto& answer : session.task()->answers) draw_answer(session, answer, committed);
    if (!committed) {
        if (ImGui::Button("Commit my prediction")) error_ = session.commit_prediction();
        ItemTooltip("Commit before the run: then watch the lab play it and see whether you were right.");
    }
}

void LessonTaskView::draw_answer(lab::LessonSession& session, const Answer& answer, bool committed) {
    ImGui::PushID(answer.key.c_str());
    ImGui::TextWrapped("%s", answer.prompt.c_str());
    ImGui::BeginDisabled(committed);
    ImGui::Indent(em(1.0f));
    const std::string& current = session.answer(answer.key);
    switch (answer.kind) {
        case Answer::Kind::Choice:
            for (const auto& choice : answer.choices) {
                if (ImGui::RadioButton(("##" + choice.value).c_str(), current == choice.value)) session.set_answer(answer.key, choice.value);
                ImGui::SameLine();
                ImGui::TextWrapped("%s", choice.text.c_str());
            }
            break;
        case Answer::Kind::Number:
        case Answer::Kind::Smallest:
        case Answer::Kind::Largest:
            ImGui::SetNextItemWidth(em(8.0f));
            input("##value", current, [&](const std::string& text) { session.set_answer(answer.key, text); });
            break;
    }
    ImGui::Unindent(em(1.0f));
    ImGui::EndDisabled();
    ImGui::PopID();
}

void LessonTaskView::draw_parameters(lab::LessonSession& session) {
    const Task& task = *session.task();
    if (task.editable.empty()) return;
    section("What you may change");
    for (const auto& path : task.editable) {
        ImGui::PushID(path.c_str());
        ImGui::TextWrapped("%s", path.c_str());
        ImGui::Indent(em(1.0f));
        ImGui::SetNextItemWidth(std::max(em(8.0f), ImGui::GetContentRegionAvail().x));
        input("##value", session.edit(path), [&](const std::string& text) { session.set_edit(path, text); },
              "not set: AWS's default applies");
        ImGui::Unindent(em(1.0f));
        ImGui::PopID();
    }
    TextDisabledWrapped("Values are JSON: 30, true, [\"ReportBatchItemFailures\"], \"order-processor\".");
}

void LessonTaskView::draw_handler_exercise(lab::LessonSession& session) {
    if (!session.task()->handler_exercise) return;
    section("Your handler");
    try {
        const auto copy = session.learner_handler();
        TextDisabledWrapped(copy.string());
        if (ImGui::Button("Open in editor")) {
            std::string error;
            if (!lab::launch_detached(lab::editor_command(copy, std::getenv("VISUAL"), std::getenv("EDITOR")), error)) error_ = error;
        }
        ItemTooltip("Edit it, save, then run: the lab builds your C++ (the first build takes a few seconds) and checks it.");
    } catch (const sim::InputError& error) {
        error_ = error.what();
    }
}

void LessonTaskView::draw_run(lab::LessonSession& session, lab::LabState& lab) {
    ImGui::Spacing();
    const TaskStage stage = session.stage();
    ImGui::BeginDisabled(stage == TaskStage::Predict || session.running());
    if (ImGui::Button("\xE2\x96\xB6 Run it in the lab")) error_ = session.start_run() ? "" : session.last_error;
    ImGui::EndDisabled();
    if (session.running()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", session.task()->handler_exercise ? "building your handler and running the checks\xE2\x80\xA6"
                                                                    : "running the checks\xE2\x80\xA6");
    }
    error_line(error_);
    if (session.stage() != TaskStage::Played) return;
    if (lab.finished()) {
        session.reveal();
        return;
    }
    ImGui::TextWrapped("The lab is playing the run (%s): watch it, then see the result.", lab::format_duration(lab.now()).c_str());
    if (ImGui::Button("Skip to the end")) {
        lab.seek(sim::from_seconds(lab.pending_scenario().duration_s));
        lab.playing = false;
        session.reveal();
    }
}

void LessonTaskView::draw_outcome(lab::LessonSession& session, lab::LabState& lab, MarkdownCache& markdown, ImFont* monospace,
                                  const MarkdownActions& actions) {
    const auto* outcome = session.outcome();
    if (outcome == nullptr || session.stage() != TaskStage::Revealed) return;
    section(outcome->passed() ? "Result: all checks pass" : "Result: not solved yet");
    for (const auto& check : outcome->checks) {
        ImGui::PushStyleColor(ImGuiCol_Text, check.passed ? colours::better() : colours::worse());
        ImGui::TextWrapped("%s  %s", check.passed ? "PASS" : "FAIL", check.line.c_str());
        ImGui::PopStyleColor();
    }
    if (outcome->passed() && session.solution_shown()) TextDisabledWrapped("The solution was shown: this does not count as solved.");
    if (outcome->moment) {
        const auto& moment = *outcome->moment;
        ImGui::TextWrapped("%s", moment.line.c_str());
        if (moment.found && ImGui::Button("Go to this moment in the lab")) {
            lab.seek(sim::from_seconds(moment.at_s));
            lab.playing = false;
            if (moment.message) lab.selection = lab::Selection{lab::RunId::A, static_cast<std::uint32_t>(*moment.message), sim::kNone};
            if (moment.invocation) lab.selection = lab::Selection{lab::RunId::A, sim::kNone, static_cast<std::uint32_t>(*moment.invocation)};
        }
    }
    if (!session.task()->explain.empty()) {
        section("Why");
        draw_markdown(markdown.blocks(session.task()->explain), monospace, actions);
    }
}

void LessonTaskView::draw_help(lab::LessonSession& session) {
    const Task& task = *session.task();
    const int shown = session.hints_shown();
    if (!task.hints.empty()) {
        section("Hints");
        for (int i = 0; i < shown; ++i) ImGui::TextWrapped("%d. %s", i + 1, task.hints[static_cast<std::size_t>(i)].c_str());
        if (shown < static_cast<int>(task.hints.size())) {
            const std::string label = "Show hint " + std::to_string(shown + 1) + " of " + std::to_string(task.hints.size());
            if (ImGui::Button(label.c_str())) session.next_hint();
        }
    }
    ImGui::Spacing();
    ImGui::Separator();
    if (ImGui::Button("Show solution")) session.show_solution();
    ItemTooltip("Fills in the reference solution. A run of it does not count as solved.");
    ImGui::SameLine();
    if (ImGui::Button(task.is_question() ? "Reset question" : "Reset exercise")) {
        session.reset_task();
        error_.clear();
    }
    ItemTooltip("Forgets your work, results and hints on this task.");
}

}  // namespace queuelab::gui
