#pragma once
// Loading and validating lesson files (docs/lesson-format.md). A lesson is a folder
// lessons/day-NN/ holding lesson.json, its Read text and its scenarios. Everything is checked at
// load: the shape of every field, the measures of every check, that every scenario loads as it
// starts and with the reference solution, that solutions only edit what the learner may edit.
// A broken lesson is one line naming the file, the field and what was expected; the other
// lessons still load.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lesson.h"

namespace queuelab::curriculum {

// Throws sim::InputError (one line: file, field path, line where known, what was expected).
Lesson load_lesson(const std::filesystem::path& lesson_file);

struct LessonCatalog {
    std::vector<Lesson> lessons;      // in id order
    std::vector<std::string> errors;  // one line for each lesson that did not load

    const Lesson* find(std::string_view id) const;
    // "day-01, day-02, …" for error messages.
    std::string ids() const;
};

// Every <dir>/<name>/lesson.json, in name order; folders without one (scenarios/) are skipped.
// A missing or unreadable `dir` is one error.
LessonCatalog load_lessons(const std::filesystem::path& dir);

// Where the lessons are: $QUEUELAB_LESSONS_DIR when set, else the source tree's lessons/ when it
// exists (QUEUELAB_SOURCE_DIR), else the nearest lessons/ folder above the executable.
std::filesystem::path default_lessons_dir();

// Parses a learner's answer for `answer` (a number, one of the choices, a whole number in
// range). Throws sim::InputError(origin, answer.key, …) when it is not one.
void validate_answer_text(const Answer& answer, const std::string& text, const std::string& origin);

}  // namespace queuelab::curriculum
