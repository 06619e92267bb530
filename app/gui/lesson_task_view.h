#pragma once
// One task of a lesson: a question (study, or a challenge that asks one) as predict → run →
// explain, or an exercise as goal, editable parameters and checks; then its hints one at a time,
// "show solution" and "reset exercise". Running hands the scenario with the learner's work to the
// lab, which plays it; the checks and the explanation appear when the run has played (or the
// learner skips to its end), and "go to the moment" seeks the lab to what decides a question.

#include <imgui.h>

#include "lab/lab_state.h"
#include "lab/lesson_session.h"
#include "lesson_markdown.h"

namespace queuelab::gui {

// Opens the scenario in the lab with the overrides and plays it (or leaves it at its start); an
// error is the lab's last_error.
void launch_in_lab(lab::LabState& lab, const lab::Launch& launch, bool play = true);
// Runs the session's open task with the learner's work (LessonSession::run), waiting for it, and
// plays it in the lab. "" or the one-line error.
std::string run_in_lab(lab::LessonSession& session, lab::LabState& lab);

class LessonTaskView {
public:
    void draw(lab::LessonSession& session, lab::LabState& lab, MarkdownCache& markdown, ImFont* monospace,
              const MarkdownActions& actions);

private:
    void draw_prediction(lab::LessonSession& session);
    void draw_answer(lab::LessonSession& session, const curriculum::Answer& answer, bool committed);
    void draw_parameters(lab::LessonSession& session);
    void draw_handler_exercise(lab::LessonSession& session);
    void draw_run(lab::LessonSession& session, lab::LabState& lab);
    void draw_outcome(lab::LessonSession& session, lab::LabState& lab, MarkdownCache& markdown, ImFont* monospace,
                      const MarkdownActions& actions);
    void draw_help(lab::LessonSession& session);

    const curriculum::Task* task_ = nullptr;  // the task drawn last
    std::string error_;                       // its last commit's or run's error
};

}  // namespace queuelab::gui
