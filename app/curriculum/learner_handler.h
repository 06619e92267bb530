#pragma once
// The learner's own handler for a handler exercise (Task::handler_exercise): their copy of the
// lesson's starting handler, kept beside their progress so that it survives restarts and
// updates of the lessons:
//   <the progress file's folder>/handlers/<lesson id>/<task id>.cpp
// `queuelab check LESSON --work` runs it; the lab opens it for editing.

#include <filesystem>

#include "lesson.h"

namespace queuelab::curriculum {

std::filesystem::path learner_handler_path(const std::filesystem::path& progress_file, const Lesson& lesson, const Task& task);

// Copies the task's starting handler to `copy` when there is nothing there yet (atomically, never
// over an existing file). Returns true when it made the copy now. Throws sim::InputError naming
// the file when it cannot be written.
// REQUIRES: task.handler_exercise.
bool ensure_learner_handler(const std::filesystem::path& copy, const Task& task);

}  // namespace queuelab::curriculum
