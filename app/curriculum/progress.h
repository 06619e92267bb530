#pragma once
// A learner's progress: per lesson whether the Read part is done, and per task the learner's
// work (edits and answers), which checks passed on the last run, how many hints were shown,
// whether the solution was shown, and whether it was ever solved. Kept in one JSON file in the
// user's data folder, written atomically; a file that cannot be read as progress is moved aside
// as a backup and reported, never silently discarded (docs/lesson-format.md "Progress").

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lesson.h"
#include "lesson_runner.h"

namespace queuelab::curriculum {

struct TaskProgress {
    Work work;                           // the learner's edits and answers
    std::map<std::string, bool> checks;  // check key → passed on the last run
    bool passed = false;                 // the last run passed every check
    bool solved = false;                 // passed once without the solution shown
    int hints_shown = 0;
    bool solution_shown = false;  // "show solution" was used: a pass no longer counts as solved

    friend bool operator==(const TaskProgress&, const TaskProgress&) = default;
};

struct LessonProgress {
    bool read = false;
    std::map<std::string, TaskProgress> tasks;  // by task id

    friend bool operator==(const LessonProgress&, const LessonProgress&) = default;
};

// How far a learner is in one part of a lesson.
struct PartStatus {
    int solved = 0;
    int total = 0;
    bool done() const { return total > 0 && solved == total; }
};

struct Progress {
    std::map<std::string, LessonProgress> lessons;  // by lesson id

    // Records a run of the learner's work: which checks passed; solved when all passed and the
    // solution was not shown.
    void record(const Lesson& lesson, const Task& task, const Work& work, const TaskOutcome& outcome);
    // The next hint of a task (and counts it), or nullptr when every hint has been shown.
    const std::string* next_hint(const Lesson& lesson, const Task& task);
    // Marks the solution shown and returns it as the task's work (it does not count as solved).
    const Work& show_solution(const Lesson& lesson, const Task& task);
    // Forgets the task's work, results, hints and solution.
    void reset_task(const Lesson& lesson, const Task& task);
    void reset_lesson(const std::string& lesson_id) { lessons.erase(lesson_id); }

    // nullptr when nothing was recorded.
    const TaskProgress* find(const std::string& lesson_id, const std::string& task_id) const;
    PartStatus status(const Lesson& lesson, Part part) const;
    bool read_done(const std::string& lesson_id) const;

    friend bool operator==(const Progress&, const Progress&) = default;
};

// The file's JSON: {"format": "queuelab-progress", "version": 1, "lessons": {...}}.
nlohmann::ordered_json progress_to_json(const Progress& progress);
// Throws sim::InputError(file, field path, …) when `document` is not progress.
Progress progress_from_json(const nlohmann::json& document, const std::string& file);

class ProgressStore {
public:
    explicit ProgressStore(std::filesystem::path file) : file_(std::move(file)) {}

    // $QUEUELAB_DATA_HOME/progress.json when set (tests), else $XDG_DATA_HOME/queuelab/progress.json,
    // else ~/.local/share/queuelab/progress.json.
    static std::filesystem::path default_file();

    const std::filesystem::path& file() const { return file_; }

    struct Loaded {
        Progress progress;
        // Empty, or one line: the file was not progress, was moved to `backup`, and the learner
        // starts afresh.
        std::string problem;
        std::filesystem::path backup;
    };
    // A missing file is empty progress. A file that is not valid progress is renamed to
    // "<file>.corrupt-YYYYMMDD-HHMMSS" (a number added if taken) and reported.
    Loaded load() const;
    // Writes atomically (a temporary file, then rename), creating the folder. Throws
    // std::runtime_error.
    void save(const Progress& progress) const;

    // Writes the progress to `destination` (atomically).
    static void export_to(const Progress& progress, const std::filesystem::path& destination);
    // Reads progress from `source`. Throws sim::InputError when it is not progress.
    static Progress import_from(const std::filesystem::path& source);

private:
    std::filesystem::path file_;
};

}  // namespace queuelab::curriculum
