#pragma once
// What `check`, `lessons` and `progress` share: finding the lessons and the learner's progress.

#include <iosfwd>
#include <string>

#include "cli.h"
#include "lesson.h"
#include "progress.h"

namespace queuelab::cli {

std::filesystem::path lessons_dir(const CurriculumPaths& paths);
curriculum::ProgressStore progress_store(const CurriculumPaths& paths);

// Loads one lesson by id. Throws sim::InputError: an unknown id (naming the lessons folder and
// the ids it has), or the lesson's own one-line error.
curriculum::Lesson find_lesson(const CurriculumPaths& paths, const std::string& id);

// Loads the progress; a file that was not progress has been moved aside: says so on `err`.
curriculum::Progress load_progress(const curriculum::ProgressStore& store, std::ostream& err);

}  // namespace queuelab::cli
