#include "lesson_session.h"

#include <algorithm>
#include <chrono>

#include "input_error.h"
#include "learner_handler.h"

namespace queuelab::lab {

using curriculum::Lesson;
using curriculum::Part;
using curriculum::Task;
using curriculum::Work;

const char* lesson_status_name(LessonStatus status) {
    switch (status) {
        case LessonStatus::NotStarted: return "not started";
        case LessonStatus::InProgress: return "in progress";
        case LessonStatus::Done: return "done";
    }
    return "";
}

void LessonSession::load(const std::filesystem::path& lessons_dir, curriculum::ProgressStore store) {
    lessons_dir_ = lessons_dir;
    catalog_of_lessons_ = curriculum::load_lessons(lessons_dir);
    store_ = std::move(store);
    auto loaded = store_.load();
    progress_ = std::move(loaded.progress);
    progress_problem_ = std::move(loaded.problem);
    lesson_ = nullptr;
    task_ = nullptr;
    drafts_.clear();
}

LessonStatus LessonSession::status(const Lesson& lesson) const {
    const auto found = progress_.lessons.find(lesson.id);
    if (found == progress_.lessons.end() || (!found->second.read && found->second.tasks.empty())) return LessonStatus::NotStarted;
    bool done = found->second.read;
    for (const Part part : {Part::Study, Part::Practice, Part::Challenge}) {
        const auto part_status = progress_.status(lesson, part);
        if (part_status.total > 0 && !part_status.done()) done = false;
    }
    return done ? LessonStatus::Done : LessonStatus::InProgress;
}

bool LessonSession::open(const std::string& lesson_id) {
    const Lesson* lesson = catalog_of_lessons_.find(lesson_id);
    if (lesson == nullptr) {
        last_error = "no lesson \"" + lesson_id + "\" in " + lessons_dir_.string() + "; expected one of: " + catalog_of_lessons_.ids();
        return false;
    }
    lesson_ = lesson;
    task_ = nullptr;
    last_error.clear();
    return true;
}

bool LessonSession::select_task(const std::string& task_id) {
    const Task* task = lesson_ == nullptr ? nullptr : lesson_->find_task(task_id);
    if (task == nullptr) {
        last_error = "no task \"" + task_id + "\" in " + (lesson_ == nullptr ? std::string("no lesson") : lesson_->id);
        return false;
    }
    last_error.clear();
    if (task == task_) return true;
    task_ = task;
    try {
        starting_values_ = curriculum::starting_values(*task);
    } catch (const sim::InputError& error) {
        starting_values_.clear();
        last_error = error.what();
    }
    return true;
}

void LessonSession::mark_read() {
    if (lesson_ == nullptr) return;
    progress_.lessons[lesson_->id].read = true;
    save();
}

LessonSession::Draft LessonSession::draft_from(const Work& work) const {
    Draft draft;
    draft.answers = work.answers;
    for (const auto& [path, value] : work.set) draft.edits[path] = value.dump();
    return draft;
}

Work LessonSession::work_from(const Draft& draft) const {
    Work work;
    work.answers = draft.answers;
    for (const auto& [path, text] : draft.edits) {
        const nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
        if (value.is_discarded()) throw sim::InputError("lesson panel", path, 0, "expected a JSON value, got " + text);
        work.set[path] = value;
    }
    work.source = learner_handler();
    return work;
}

std::filesystem::path LessonSession::learner_handler() const {
    if (!task_->handler_exercise) return {};
    const auto copy = curriculum::learner_handler_path(store_.file(), *lesson_, *task_);
    curriculum::ensure_learner_handler(copy, *task_);
    return copy;
}

LessonSession::Draft& LessonSession::draft_of(const Lesson& lesson, const Task& task) const {
    const auto key = std::make_pair(lesson.id, task.id);
    auto found = drafts_.find(key);
    if (found == drafts_.end()) {
        const auto* saved = progress_.find(lesson.id, task.id);
        found = drafts_.emplace(key, draft_from(saved != nullptr ? saved->work : Work{})).first;
        // A question that has a recorded run was predicted before it: the prediction stays committed.
        found->second.committed = saved != nullptr && !saved->checks.empty();
    }
    return found->second;
}

curriculum::TaskProgress& LessonSession::task_progress() {
    return progress_.lessons[lesson_->id].tasks[task_->id];
}

TaskStage LessonSession::stage() const {
    const Draft& d = draft();
    if (d.outcome) return d.revealed ? TaskStage::Revealed : TaskStage::Played;
    return task_->is_question() && !d.committed ? TaskStage::Predict : TaskStage::Ready;
}

const std::string& LessonSession::answer(const std::string& key) const {
    static const std::string none;
    const auto& answers = draft().answers;
    const auto found = answers.find(key);
    return found == answers.end() ? none : found->second;
}

void LessonSession::set_answer(const std::string& key, const std::string& text) {
    Draft& d = draft();
    if (d.committed || task_->find_answer(key) == nullptr) return;  // a committed prediction stays as it was
    d.answers[key] = text;
}

std::string LessonSession::commit_prediction() {
    Draft& d = draft();
    try {
        for (const auto& answer : task_->answers) {
            const auto found = d.answers.find(answer.key);
            if (found == d.answers.end() || found->second.empty()) {
                throw sim::InputError("lesson panel", answer.key, 0, "answer \"" + answer.prompt + "\" before the run");
            }
            curriculum::validate_answer_text(answer, found->second, "lesson panel");
        }
    } catch (const sim::InputError& error) {
        return last_error = error.what();
    }
    d.committed = true;
    last_error.clear();
    return {};
}

std::string LessonSession::edit(const std::string& path) const {
    const auto& edits = draft().edits;
    const auto found = edits.find(path);
    if (found != edits.end()) return found->second;
    const auto starting = starting_values_.find(path);
    return starting == starting_values_.end() ? std::string{} : starting->second;
}

void LessonSession::set_edit(const std::string& path, const std::string& json_text) {
    if (std::find(task_->editable.begin(), task_->editable.end(), path) == task_->editable.end()) return;
    Draft& d = draft();
    d.edits[path] = json_text;
    d.outcome.reset();
    d.revealed = false;
}

bool LessonSession::start_run() {
    if (running_) {
        last_error = "a run is still running";
        return false;
    }
    if (stage() == TaskStage::Predict) {
        last_error = "commit your prediction before the run";
        return false;
    }
    try {
        Work work = work_from(draft());
        curriculum::validate_work(*task_, work, "lesson panel");
        auto outcome = std::async(std::launch::async, [task = task_, work, catalog = catalog_] {
            curriculum::TaskOutcome result = curriculum::run_task(*task, work, "lesson panel", *catalog);
            result.report = nlohmann::ordered_json();  // the lab keeps its own run
            return result;
        });
        running_ = Running{lesson_, task_, std::move(work), std::move(outcome)};
        last_error.clear();
        return true;
    } catch (const sim::InputError& error) {
        last_error = error.what();
        return false;
    }
}

std::optional<Launch> LessonSession::finish_run() {
    if (!running_ || running_->outcome.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    Running done = std::move(*running_);
    running_.reset();
    try {
        curriculum::TaskOutcome outcome = done.outcome.get();
        progress_.record(*done.lesson, *done.task, done.work, outcome);
        Draft& d = draft_of(*done.lesson, *done.task);
        d.outcome = std::move(outcome);
        d.revealed = false;
        save();
        return Launch{done.task->scenario, curriculum::task_overrides(*done.task, done.work, "lesson panel")};
    } catch (const std::exception& error) {  // bad input, or a learner's handler that could not run
        last_error = error.what();
        return std::nullopt;
    }
}

Launch LessonSession::preview() const {
    Launch launch{task_->scenario, {}};
    for (const auto& [path, value] : task_->set) launch.overrides.push_back({path, value.dump(), "the lesson's task " + task_->id});
    for (const auto& [path, text] : draft().edits) {
        if (!nlohmann::json::parse(text, nullptr, false).is_discarded()) launch.overrides.push_back({path, text, "lesson panel"});
    }
    return launch;
}

std::optional<Launch> LessonSession::run() {
    if (!start_run()) return std::nullopt;
    running_->outcome.wait();
    return finish_run();
}

void LessonSession::reveal() {
    Draft& d = draft();
    if (d.outcome) d.revealed = true;
}

const curriculum::TaskOutcome* LessonSession::outcome() const {
    const Draft& d = draft();
    return d.outcome ? &*d.outcome : nullptr;
}

bool LessonSession::solved_now() const {
    const auto* last = outcome();
    return last != nullptr && last->passed();
}

bool LessonSession::next_hint() {
    const bool shown = progress_.next_hint(*lesson_, *task_) != nullptr;
    if (shown) save();
    return shown;
}

int LessonSession::hints_shown() const {
    const auto* saved = progress_.find(lesson_->id, task_->id);
    return saved == nullptr ? 0 : std::min<int>(saved->hints_shown, static_cast<int>(task_->hints.size()));
}

void LessonSession::show_solution() {
    const Work& solution = progress_.show_solution(*lesson_, *task_);
    Draft& d = draft();
    d = draft_from(solution);
    save();
}

bool LessonSession::solution_shown() const {
    const auto* saved = progress_.find(lesson_->id, task_->id);
    return saved != nullptr && saved->solution_shown;
}

void LessonSession::reset_task() {
    progress_.reset_task(*lesson_, *task_);
    drafts_.erase(std::make_pair(lesson_->id, task_->id));
    save();
}

std::optional<Launch> LessonSession::scenario_named(const std::string& mention) const {
    std::vector<std::filesystem::path> candidates;
    if (lesson_ != nullptr) candidates.push_back(lesson_->file.parent_path() / mention);
    candidates.push_back(lessons_dir_.parent_path() / mention);
    candidates.push_back(lessons_dir_ / "scenarios" / std::filesystem::path(mention).filename());
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) return Launch{candidate.lexically_normal(), {}};
    }
    return std::nullopt;
}

std::string LessonSession::export_progress(const std::filesystem::path& destination) const {
    try {
        curriculum::ProgressStore::export_to(progress_, destination);
        return {};
    } catch (const std::exception& error) {
        return error.what();
    }
}

std::string LessonSession::import_progress(const std::filesystem::path& source) {
    try {
        progress_ = curriculum::ProgressStore::import_from(source);
    } catch (const std::exception& error) {
        return error.what();
    }
    drafts_.clear();
    last_error.clear();
    save();
    return last_error;
}

void LessonSession::reset_progress() {
    progress_ = {};
    drafts_.clear();
    save();
}

void LessonSession::save() {
    try {
        store_.save(progress_);
    } catch (const std::exception& error) {
        last_error = std::string("progress not saved: ") + error.what();
    }
}

}  // namespace queuelab::lab
