#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "cli.h"
#include "curriculum_support.h"
#include "input_error.h"
#include "json_reader.h"
#include "json_text.h"
#include "learner_handler.h"
#include "lesson_loader.h"
#include "lesson_runner.h"

namespace queuelab::cli {
namespace {

namespace fs = std::filesystem;
using curriculum::Lesson;
using curriculum::Task;
using curriculum::Work;

// What the learner gave on the command line.
struct Given {
    std::map<std::string, std::string> answers;
    std::map<std::string, nlohmann::json> sets;
};

// A --set value is JSON, or else plain text; JSON past the bounds of docs/aws-rules.md 5.27 is
// bad input, never taken as text.
nlohmann::json json_value(const sim::Override& set) {
    sim::JsonTextError error;
    if (auto value = sim::parse_json_text(set.value, sim::DuplicateKeys::Reject, &error)) return std::move(*value);
    if (error.kind != sim::JsonTextError::Kind::Syntax) {
        const std::string path = error.path.empty() ? set.path : sim::join_path(set.path, error.path);
        throw sim::InputError("--set", path, 0, error.reason);
    }
    return nlohmann::json(set.value);
}

Given parse_given(const CheckOptions& options) {
    Given given;
    for (const auto& text : options.answers) {
        sim::Override answer = sim::parse_override(text);
        given.answers[answer.path] = answer.value;
    }
    for (const auto& text : options.sets) {
        const sim::Override set = sim::parse_override(text);
        given.sets[set.path] = json_value(set);
    }
    return given;
}

std::string join(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// The tasks the options address: those answering a --answer key, editing a --set path or
// choosing a handler with --handler; every task when none of these is given; then only --task.
std::vector<const Task*> select_tasks(const Lesson& lesson, const CheckOptions& options, const Given& given) {
    const std::string file = lesson.file.string();
    std::set<const Task*> chosen;
    for (const auto& [key, value] : given.answers) {
        const auto owner = std::find_if(lesson.tasks.begin(), lesson.tasks.end(),
                                        [&](const Task& t) { return t.find_answer(key) != nullptr; });
        if (owner == lesson.tasks.end()) {
            std::vector<std::string> keys;
            for (const auto& task : lesson.tasks) {
                for (const auto& answer : task.answers) keys.push_back(answer.key);
            }
            throw sim::InputError("--answer", key, 0, "not a question of " + lesson.id + "; expected one of: " + join(keys));
        }
        curriculum::validate_answer_text(*owner->find_answer(key), value, "--answer");
        chosen.insert(&*owner);
    }
    for (const auto& [path, value] : given.sets) {
        std::vector<const Task*> editing;
        for (const auto& task : lesson.tasks) {
            if (std::find(task.editable.begin(), task.editable.end(), path) == task.editable.end()) continue;
            if (options.task.empty() || task.id == options.task) editing.push_back(&task);
        }
        if (editing.empty()) {
            std::vector<std::string> paths;
            for (const auto& task : lesson.tasks) {
                for (const auto& editable : task.editable) paths.push_back(task.id + ": " + editable);
            }
            throw sim::InputError("--set", path, 0, "not a parameter an exercise of " + lesson.id + " lets you change; expected one of: " + join(paths));
        }
        if (editing.size() > 1) {
            throw sim::InputError("--set", path, 0, "editable in several tasks; name one with --task");
        }
        chosen.insert(editing.front());
    }
    if (!options.handler.empty()) {
        for (const auto& task : lesson.tasks) {
            if (!task.handler_slot().empty()) chosen.insert(&task);
        }
        if (chosen.empty()) throw sim::InputError("--handler", "", 0, lesson.id + " has no task whose handler you choose");
    }
    if (!options.task.empty() && lesson.find_task(options.task) == nullptr) {
        std::vector<std::string> ids;
        for (const auto& task : lesson.tasks) ids.push_back(task.id);
        throw sim::InputError("--task", "", 0, "no task \"" + options.task + "\" in " + lesson.id + "; expected one of: " + join(ids));
    }
    std::vector<const Task*> tasks;
    for (const auto& task : lesson.tasks) {
        const bool addressed = chosen.empty() || chosen.contains(&task);
        if (addressed && (options.task.empty() || task.id == options.task)) tasks.push_back(&task);
    }
    return tasks;
}

bool learner_mode(const CheckOptions& options) {
    return options.work || !options.answers.empty() || !options.sets.empty();
}

// The reference solution, or the learner's saved work with what they gave now; then the handler.
Work work_for(const Task& task, const CheckOptions& options, const Given& given, const curriculum::TaskProgress* saved) {
    Work work = learner_mode(options) ? (saved != nullptr ? saved->work : Work{}) : task.solution;
    for (const auto& [key, value] : given.answers) {
        if (task.find_answer(key) != nullptr) work.answers[key] = value;
    }
    for (const auto& [path, value] : given.sets) {
        if (std::find(task.editable.begin(), task.editable.end(), path) != task.editable.end()) work.set[path] = value;
    }
    if (!options.handler.empty() && !task.handler_slot().empty()) work.set[task.handler_slot()] = options.handler;
    return work;
}

// The learner's copy of a handler exercise's source, made from the starting handler the first
// time; says which file runs.
fs::path learner_handler(const Lesson& lesson, const Task& task, const curriculum::ProgressStore& store, std::ostream& out) {
    const fs::path copy = curriculum::learner_handler_path(store.file(), lesson, task);
    const bool made = curriculum::ensure_learner_handler(copy, task);
    out << "      " << curriculum::part_name(task.part) << " " << task.id << ": your handler " << copy.string()
        << (made ? " (a copy of the starting handler: edit it, then check again)" : "") << "\n";
    return copy;
}

struct Tally {
    int passed = 0, failed = 0;
};

void print_outcome(const Task& task, const curriculum::TaskOutcome& outcome, std::ostream& out, Tally& tally) {
    const std::string label = std::string(curriculum::part_name(task.part)) + " " + task.id;
    for (const auto& check : outcome.checks) {
        out << (check.passed ? "PASS  " : "FAIL  ") << label << ": " << check.line << "\n";
        ++(check.passed ? tally.passed : tally.failed);
    }
    if (outcome.moment) out << "      " << outcome.moment->line << "\n";
}

// Writes to `out` only once every task has run, so that bad input found on the way is the only
// thing printed.
int check_lesson(const Lesson& lesson, const CheckOptions& options, std::ostream& final_out, std::ostream& err) {
    std::ostringstream out;
    const Given given = parse_given(options);
    const std::vector<const Task*> tasks = select_tasks(lesson, options, given);
    const bool learner = learner_mode(options);
    const auto store = progress_store(options.paths);
    curriculum::Progress progress = learner ? load_progress(store, err) : curriculum::Progress{};
    const std::string origin = options.work ? store.file().string() : "--set";

    out << lesson.id << "  " << lesson.title << "  ("
        << (learner ? "your work" : "reference solution") << (options.handler.empty() ? "" : ", handler " + options.handler)
        << ")\n";
    Tally tally;
    for (const Task* task : tasks) {
        Work work = work_for(*task, options, given, progress.find(lesson.id, task->id));
        if (learner && task->handler_exercise) work.source = learner_handler(lesson, *task, store, out);
        const curriculum::TaskOutcome outcome = curriculum::run_task(*task, work, origin, *options.catalog);
        print_outcome(*task, outcome, out, tally);
        if (learner) progress.record(lesson, *task, work, outcome);
    }
    if (learner) store.save(progress);
    out << lesson.id << ": " << tally.passed << " passed, " << tally.failed << " failed\n";
    final_out << out.str();
    return tally.failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace

int check_command(const CheckOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        return check_lesson(find_lesson(options.paths, options.lesson_id), options, out, err);
    });
}

}  // namespace queuelab::cli
