#pragma once
// The lesson browser: the curriculum's weeks and days with the learner's status for each (done,
// in progress, not started, from the progress file), the lessons that did not load with their
// one-line errors, and the progress file itself: where it is, a corrupt file kept as a backup,
// export, import and reset.

#include <string>

#include "lab/lesson_session.h"

namespace queuelab::gui {

class LessonBrowser {
public:
    // Opens a lesson in `session` when the learner picks one.
    void draw(lab::LessonSession& session);

private:
    void draw_lessons(lab::LessonSession& session);
    void draw_progress_file(lab::LessonSession& session);

    std::string export_path_ = "queuelab-progress.json";
    std::string import_path_ = "queuelab-progress.json";
    std::string message_;  // the last export, import or reset: what happened, or its error
    bool confirm_reset_ = false;
};

}  // namespace queuelab::gui
