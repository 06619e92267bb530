#include "progress.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "input_error.h"
#include "json_reader.h"
#include "atomic_file.h"
#include "input_file.h"

namespace queuelab::curriculum {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kFormat = "queuelab-progress";
constexpr int kVersion = 1;

ordered_json work_json(const Work& work) {
    ordered_json set = ordered_json::object();
    for (const auto& [path, value] : work.set) set[path] = ordered_json::parse(value.dump());
    ordered_json answers = ordered_json::object();
    for (const auto& [key, text] : work.answers) answers[key] = text;
    return {{"set", set}, {"answers", answers}};
}

ordered_json task_json(const TaskProgress& task) {
    ordered_json checks = ordered_json::object();
    for (const auto& [key, passed] : task.checks) checks[key] = passed;
    return {{"work", work_json(task.work)}, {"checks", checks},     {"passed", task.passed},
            {"solved", task.solved},        {"hints_shown", task.hints_shown}, {"solution_shown", task.solution_shown}};
}

bool boolean(const JsonReader& r, const json& object, const std::string& path, const std::string& key) {
    const json* value = JsonReader::member(object, key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) r.fail(join_path(path, key), "expected true or false, got " + describe_value(*value));
    return value->get<bool>();
}

Work read_work(const JsonReader& r, const json& value, const std::string& path) {
    r.keys(value, path, {"set", "answers"});
    Work work;
    if (const json* set = JsonReader::member(value, "set")) {
        r.object(*set, join_path(path, "set"));
        for (const auto& [key, edit] : set->items()) work.set.emplace(key, edit);
    }
    if (const json* answers = JsonReader::member(value, "answers")) {
        r.object(*answers, join_path(path, "answers"));
        for (const auto& [key, text] : answers->items()) {
            if (!text.is_string()) r.fail(join_path(join_path(path, "answers"), key), "expected a string, got " + describe_value(text));
            work.answers.emplace(key, text.get<std::string>());
        }
    }
    return work;
}

TaskProgress read_task(const JsonReader& r, const json& value, const std::string& path) {
    r.keys(value, path, {"work", "checks", "passed", "solved", "hints_shown", "solution_shown"});
    TaskProgress task;
    if (const json* work = JsonReader::member(value, "work")) task.work = read_work(r, *work, join_path(path, "work"));
    if (const json* checks = JsonReader::member(value, "checks")) {
        r.object(*checks, join_path(path, "checks"));
        for (const auto& [key, passed] : checks->items()) {
            if (!passed.is_boolean()) r.fail(join_path(join_path(path, "checks"), key), "expected true or false");
            task.checks.emplace(key, passed.get<bool>());
        }
    }
    task.passed = boolean(r, value, path, "passed");
    task.solved = boolean(r, value, path, "solved");
    task.solution_shown = boolean(r, value, path, "solution_shown");
    if (JsonReader::member(value, "hints_shown") != nullptr) {
        task.hints_shown = static_cast<int>(r.integer(value, path, "hints_shown", 0, 1000));
    }
    return task;
}

LessonProgress read_lesson(const JsonReader& r, const json& value, const std::string& path) {
    r.keys(value, path, {"read", "tasks"});
    LessonProgress lesson;
    lesson.read = boolean(r, value, path, "read");
    if (const json* tasks = JsonReader::member(value, "tasks")) {
        r.object(*tasks, join_path(path, "tasks"));
        for (const auto& [id, task] : tasks->items()) {
            lesson.tasks.emplace(id, read_task(r, task, join_path(join_path(path, "tasks"), id)));
        }
    }
    return lesson;
}

Progress parse_progress(const std::string& text, const std::string& file) {
    return progress_from_json(sim::parse_input_json(text, file, "not valid JSON"), file);
}

std::string timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M%S", &parts);
    return buffer;
}

fs::path free_backup_name(const fs::path& file) {
    const std::string base = file.string() + ".corrupt-" + timestamp();
    fs::path candidate = base;
    for (int n = 2; fs::exists(candidate); ++n) candidate = base + "-" + std::to_string(n);
    return candidate;
}

}  // namespace

ordered_json progress_to_json(const Progress& progress) {
    ordered_json lessons = ordered_json::object();
    for (const auto& [id, lesson] : progress.lessons) {
        ordered_json tasks = ordered_json::object();
        for (const auto& [task_id, task] : lesson.tasks) tasks[task_id] = task_json(task);
        lessons[id] = ordered_json{{"read", lesson.read}, {"tasks", tasks}};
    }
    return {{"format", kFormat}, {"version", kVersion}, {"lessons", lessons}};
}

Progress progress_from_json(const json& document, const std::string& file) {
    const JsonReader r(file, "");
    r.keys(document, "", {"format", "version", "lessons"});
    if (r.string(document, "", "format") != kFormat) r.fail("format", std::string("expected \"") + kFormat + "\"");
    r.integer(document, "", "version", kVersion, kVersion);
    Progress progress;
    const json& lessons = r.required(document, "", "lessons", "an object: lesson id → progress");
    r.object(lessons, "lessons");
    for (const auto& [id, lesson] : lessons.items()) progress.lessons.emplace(id, read_lesson(r, lesson, join_path("lessons", id)));
    return progress;
}

void Progress::record(const Lesson& lesson, const Task& task, const Work& work, const TaskOutcome& outcome) {
    TaskProgress& entry = lessons[lesson.id].tasks[task.id];
    entry.work = work;
    entry.checks.clear();
    for (const auto& check : outcome.checks) entry.checks[check.key] = check.passed;
    entry.passed = outcome.passed();
    if (entry.passed && !entry.solution_shown) entry.solved = true;
}

const std::string* Progress::next_hint(const Lesson& lesson, const Task& task) {
    TaskProgress& entry = lessons[lesson.id].tasks[task.id];
    if (entry.hints_shown >= static_cast<int>(task.hints.size())) return nullptr;
    return &task.hints[static_cast<std::size_t>(entry.hints_shown++)];
}

const Work& Progress::show_solution(const Lesson& lesson, const Task& task) {
    lessons[lesson.id].tasks[task.id].solution_shown = true;
    return task.solution;
}

void Progress::reset_task(const Lesson& lesson, const Task& task) {
    const auto found = lessons.find(lesson.id);
    if (found != lessons.end()) found->second.tasks.erase(task.id);
}

const TaskProgress* Progress::find(const std::string& lesson_id, const std::string& task_id) const {
    const auto lesson = lessons.find(lesson_id);
    if (lesson == lessons.end()) return nullptr;
    const auto task = lesson->second.tasks.find(task_id);
    return task == lesson->second.tasks.end() ? nullptr : &task->second;
}

PartStatus Progress::status(const Lesson& lesson, Part part) const {
    PartStatus status;
    for (const Task* task : lesson.tasks_of(part)) {
        ++status.total;
        const TaskProgress* entry = find(lesson.id, task->id);
        if (entry != nullptr && entry->solved) ++status.solved;
    }
    return status;
}

bool Progress::read_done(const std::string& lesson_id) const {
    const auto lesson = lessons.find(lesson_id);
    return lesson != lessons.end() && lesson->second.read;
}

fs::path ProgressStore::default_file() {
    if (const char* dir = std::getenv("QUEUELAB_DATA_HOME"); dir != nullptr && *dir != '\0') {
        return fs::path(dir) / "progress.json";
    }
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "queuelab" / "progress.json";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share" / "queuelab" / "progress.json";
}

ProgressStore::Loaded ProgressStore::load() const {
    Loaded loaded;
    std::error_code error;
    if (!fs::exists(file_, error)) return loaded;
    std::string text;
    try {
        text = sim::read_input_file(file_.string(), "a progress file");
    } catch (const sim::InputError& problem) {
        loaded.problem = std::string(problem.what()) + "; starting with empty progress (the file is left as it is)";
        return loaded;
    }
    try {
        loaded.progress = parse_progress(text, file_.string());
    } catch (const sim::InputError& problem) {
        loaded.backup = free_backup_name(file_);
        fs::rename(file_, loaded.backup, error);
        loaded.problem = std::string(problem.what()) +
                         (error ? "; could not move it aside (" + error.message() + "), it is left as it is"
                                : "; kept as " + loaded.backup.string() + ", starting with empty progress");
        if (error) loaded.backup.clear();
    }
    return loaded;
}

void ProgressStore::save(const Progress& progress) const { export_to(progress, file_); }

void ProgressStore::export_to(const Progress& progress, const fs::path& destination) {
    std::error_code error;
    if (destination.has_parent_path()) fs::create_directories(destination.parent_path(), error);
    sim::write_file_atomically(destination.string(), progress_to_json(progress).dump(2) + "\n");
}

Progress ProgressStore::import_from(const fs::path& source) { return parse_progress(sim::read_input_file(source.string(), "a progress file"), source.string()); }

}  // namespace queuelab::curriculum
