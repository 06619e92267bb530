#pragma once
// The lesson panel beside the simulation: the lesson browser until a lesson is open, then the
// lesson's pages: the Read text (Markdown, with "show me" buttons for the scenarios it names),
// one page per task (study questions, practice exercises, the challenge) and the key takeaways.
// A task's page shows the task's scenario in the lab, at its start, until a run plays it.
// Its state is a lab::LessonSession; the lessons and the progress file load on first use.

#include <imgui.h>

#include <string>

#include "lab/lab_state.h"
#include "lab/lesson_session.h"
#include "lesson_browser.h"
#include "lesson_markdown.h"
#include "lesson_task_view.h"

namespace queuelab::gui {

class LessonPanel {
public:
    void draw(lab::LabState& lab, ImFont* monospace);
    // Opens "day-06", or a task of it: "day-06/turn-it-on". "" or the one-line error.
    std::string open(const lab::LabState& lab, const std::string& lesson_and_task);
    // Runs the open task as its Run button does, a question with its saved answers committed as
    // the prediction. "" or the one-line error.
    std::string run(lab::LabState& lab);
    // What the panel drew in the last frame ("day-06 Lambda integration with SQS: Read", "…:
    // turn-it-on, 1 of 4 checks pass", "lesson browser: 14 lessons"), or "" when it was not
    // drawn: for tests of the window.
    const std::string& drawn() const { return drawn_; }
    // Every frame, drawn or not: plays a background run of a task once it has finished.
    void begin_frame(lab::LabState& lab);

private:
    void ensure_loaded(const lab::LabState& lab);
    void draw_header();
    void draw_pages(lab::LabState& lab, ImFont* monospace);
    void draw_read(lab::LabState& lab, ImFont* monospace);
    void draw_takeaways();
    MarkdownActions actions(lab::LabState& lab);
    // ", 1 of 4 checks pass" once the open task's run is revealed, else "".
    std::string outcome_summary() const;

    bool loaded_ = false;
    lab::LessonSession session_;
    LessonBrowser browser_;
    LessonTaskView task_view_;
    MarkdownCache markdown_;
    bool select_page_ = false;  // the page tab follows the session once (after open)
    const curriculum::Task* previewed_ = nullptr;  // the task whose scenario the lab shows
    std::string drawn_;
};

}  // namespace queuelab::gui
