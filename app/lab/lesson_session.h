#pragma once
// The lesson panel's state without a window: which lesson and which page (the Read text or a
// task) is open, the learner's drafts (a prediction's answers, an exercise's parameters), the
// outcome of the last run, the hints shown, and the progress file, saved after every change
// (docs/lesson-format.md "Progress"). The GUI draws it and loads the scenarios it hands out into
// the lab; the checks are judged here on a headless run of the same scenario with the same edits
// (runs are deterministic, so it is the run the lab plays).
//
// A question (study, or a challenge that asks one) goes predict → run → explain: the learner
// types answers and commits them; only then can the scenario run; the outcome and the
// explanation are revealed when the lab has played the run (or the learner skips to its end).
// An exercise goes edit → run → checks: only the parameters it lists are editable.

#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lesson_loader.h"
#include "lesson_runner.h"
#include "progress.h"
#include "scenario_loader.h"

namespace queuelab::lab {

enum class LessonStatus { NotStarted, InProgress, Done };
// "not started", "in progress", "done".
const char* lesson_status_name(LessonStatus status);

// A scenario for the lab to open, with the overrides to apply before it plays.
struct Launch {
    std::filesystem::path scenario;
    std::vector<sim::Override> overrides;
};

enum class TaskStage {
    Predict,   // a question whose answers are not committed yet (an exercise never is here)
    Ready,     // answers committed, or an exercise being edited: it can run
    Played,    // ran; the lab is playing it and the outcome waits to be revealed
    Revealed,  // the outcome, the checks and the explanation are shown
};

class LessonSession {
public:
    // Loads every lesson of `lessons_dir` and the progress file. A corrupt progress file is moved
    // aside by the store and reported in progress_problem().
    void load(const std::filesystem::path& lessons_dir, curriculum::ProgressStore store);
    // Where the functions' code comes from for the headless runs. REQUIRES: outlives the session.
    void set_catalog(const sim::HandlerCatalog& catalog) { catalog_ = &catalog; }

    const curriculum::LessonCatalog& catalog() const { return catalog_of_lessons_; }
    const curriculum::Progress& progress() const { return progress_; }
    const std::filesystem::path& progress_file() const { return store_.file(); }
    // Empty, or one line: the progress file was not progress and was kept aside as a backup.
    const std::string& progress_problem() const { return progress_problem_; }
    void dismiss_progress_problem() { progress_problem_.clear(); }
    LessonStatus status(const curriculum::Lesson& lesson) const;

    // The last command's error (one line), or empty.
    std::string last_error;

    // [Pages] Opens a lesson on its Read page. False (and last_error) for an unknown id.
    bool open(const std::string& lesson_id);
    void close() {
        lesson_ = nullptr;
        task_ = nullptr;
    }
    const curriculum::Lesson* lesson() const { return lesson_; }
    // The open task, or nullptr on the Read page.
    const curriculum::Task* task() const { return task_; }
    void show_read() { task_ = nullptr; }
    // False (and last_error) when the open lesson has no such task.
    bool select_task(const std::string& task_id);
    void mark_read();

    // [The open task] REQUIRES: task() != nullptr for all of these.
    TaskStage stage() const;
    // The learner's draft answer to a question, or what they may type for a parameter (JSON).
    const std::string& answer(const std::string& key) const;
    void set_answer(const std::string& key, const std::string& text);
    // Commits the prediction: "" when every answer is a valid number or choice, else the error
    // (and the prediction stays open).
    std::string commit_prediction();
    // The JSON text of an editable path: the learner's edit, else the value the task's scenario
    // starts with ("" when it has none).
    std::string edit(const std::string& path) const;
    void set_edit(const std::string& path, const std::string& json_text);
    // [Running] start_run() starts the headless run of the task with the learner's work on a
    // background thread (a handler exercise builds the learner's C++ first, which takes seconds);
    // false with last_error when the work is not valid or the prediction is not committed, or
    // while another run is running. Call finish_run() every frame: when the run is done it records
    // the outcome in the progress, saves it and returns what the lab should open and play; nullopt
    // while running, or with last_error when the run failed.
    bool start_run();
    bool running() const { return running_.has_value(); }
    std::optional<Launch> finish_run();
    // start_run(), waiting for it to finish.
    std::optional<Launch> run();
    // What the lab shows while the open task is on screen, before a run: its scenario with the
    // lesson's own set and the learner's edits that are valid JSON (a handler exercise's function
    // keeps the scenario's handler until a run builds the learner's).
    Launch preview() const;
    // The lab has played the run: shows the outcome.
    void reveal();
    // The last run's outcome, or nullptr.
    const curriculum::TaskOutcome* outcome() const;
    // Every check of the last run passed.
    bool solved_now() const;
    // Shows the next hint; false when every hint is already shown.
    bool next_hint();
    int hints_shown() const;
    // Fills the drafts with the reference solution; a pass then no longer counts as solved.
    void show_solution();
    bool solution_shown() const;
    // Forgets the learner's work, results and hints on this task.
    void reset_task();

    // [Handler exercises] The learner's own copy of the open task's starting handler, made on first
    // use beside the progress file (curriculum/learner_handler.h); runs use it. Empty when the task
    // is not a handler exercise. Throws sim::InputError when the copy cannot be written.
    std::filesystem::path learner_handler() const;

    // [Show me] The scenario a lesson text names ("lessons/scenarios/poison-pill.json" or a name
    // beside lesson.json), or nullopt when there is no such file.
    std::optional<Launch> scenario_named(const std::string& mention) const;

    // [Progress file] Each returns "" or the one-line error.
    std::string export_progress(const std::filesystem::path& destination) const;
    std::string import_progress(const std::filesystem::path& source);
    void reset_progress();

private:
    struct Draft {
        std::map<std::string, std::string> answers;
        std::map<std::string, std::string> edits;  // path → JSON text
        bool committed = false;
        std::optional<curriculum::TaskOutcome> outcome;
        bool revealed = false;
    };
    struct Running {
        const curriculum::Lesson* lesson;
        const curriculum::Task* task;
        curriculum::Work work;
        std::future<curriculum::TaskOutcome> outcome;
    };
    // The open task's draft, made from its saved work on first use.
    Draft& draft() const { return draft_of(*lesson_, *task_); }
    Draft& draft_of(const curriculum::Lesson& lesson, const curriculum::Task& task) const;
    // The draft of a task as the saved work left it.
    Draft draft_from(const curriculum::Work& work) const;
    // The learner's work from the draft. Throws sim::InputError for an edit that is not JSON.
    curriculum::Work work_from(const Draft& draft) const;
    curriculum::TaskProgress& task_progress();
    void save();

    std::filesystem::path lessons_dir_;
    curriculum::LessonCatalog catalog_of_lessons_;
    curriculum::ProgressStore store_{""};
    curriculum::Progress progress_;
    std::string progress_problem_;
    const sim::HandlerCatalog* catalog_ = &sim::default_catalog();
    const curriculum::Lesson* lesson_ = nullptr;
    const curriculum::Task* task_ = nullptr;
    std::map<std::string, std::string> starting_values_;  // the open task's editable paths as the scenario has them
    mutable std::map<std::pair<std::string, std::string>, Draft> drafts_;  // by lesson and task id
    std::optional<Running> running_;
};

}  // namespace queuelab::lab
