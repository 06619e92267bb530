// `queuelab lessons` (the list, or one lesson to read and work on) and `queuelab progress`.

#include <iomanip>
#include <iostream>

#include "cli.h"
#include "curriculum_support.h"
#include "input_error.h"
#include "lesson_loader.h"

namespace queuelab::cli {
namespace {

using curriculum::Lesson;
using curriculum::Part;
using curriculum::Progress;
using curriculum::Task;

std::string part_status(const Progress& progress, const Lesson& lesson, Part part) {
    const curriculum::PartStatus status = progress.status(lesson, part);
    return std::string(curriculum::part_name(part)) + " " + std::to_string(status.solved) + "/" + std::to_string(status.total);
}

void list_lessons(const curriculum::LessonCatalog& catalog, const Progress& progress, std::ostream& out) {
    for (const auto& lesson : catalog.lessons) {
        const auto& m = lesson.minutes;
        out << lesson.id << "  week " << lesson.week << ", day " << std::setw(2) << std::left << lesson.day << "  "
            << std::setw(42) << lesson.title << std::right << std::setw(4) << m.read + m.study + m.practice + m.challenge
            << " min   read " << (progress.read_done(lesson.id) ? "done" : "-   ") << "  "
            << part_status(progress, lesson, Part::Study) << "  " << part_status(progress, lesson, Part::Practice) << "  "
            << part_status(progress, lesson, Part::Challenge) << "\n";
    }
}

std::string answer_form(const curriculum::Answer& answer) {
    switch (answer.kind) {
        case curriculum::Answer::Kind::Number: return "a number";
        case curriculum::Answer::Kind::Choice: {
            std::string text = "one of:";
            for (const auto& choice : answer.choices) text += "\n        " + choice.value + "  " + choice.text;
            return text;
        }
        case curriculum::Answer::Kind::Smallest:
        case curriculum::Answer::Kind::Largest:
            return "a whole number from " + std::to_string(answer.from) + " to " + std::to_string(answer.to) + " (of " +
                   answer.parameter + ")";
    }
    return "an answer";
}

void print_task(const Lesson& lesson, const Task& task, const Progress& progress, std::ostream& out) {
    out << "\n### " << task.title << "  [" << curriculum::part_name(task.part) << " " << task.id << "]\n\n";
    out << "Watch it: queuelab run " << task.scenario.string();
    for (const auto& [path, value] : task.set) out << " --set '" << path << "=" << value.dump() << "'";
    out << "\n\n";
    const curriculum::TaskProgress* saved = progress.find(lesson.id, task.id);
    if (task.is_question()) {
        out << task.question << "\n\nAnswer with `queuelab check " << lesson.id << " --answer KEY=VALUE`:\n";
        for (const auto& answer : task.answers) out << "    " << answer.key << ": " << answer.prompt << " (" << answer_form(answer) << ")\n";
    } else {
        out << "Goal: " << task.goal << "\n\nYou may change (`queuelab check " << lesson.id << " --set PATH=VALUE`):\n";
        for (const auto& path : task.editable) out << "    " << path << "\n";
    }
    const int shown = saved == nullptr ? 0 : saved->hints_shown;
    for (int i = 0; i < shown && i < static_cast<int>(task.hints.size()); ++i) out << "Hint " << i + 1 << ": " << task.hints[static_cast<std::size_t>(i)] << "\n";
    if (shown < static_cast<int>(task.hints.size())) {
        out << "(" << task.hints.size() - static_cast<std::size_t>(shown) << " more hint" << (task.hints.size() - static_cast<std::size_t>(shown) == 1 ? "" : "s")
            << ": `queuelab lessons " << lesson.id << " --hint " << task.id << "`)\n";
    }
    if (saved != nullptr) out << "Status: " << (saved->solved ? "solved" : saved->passed ? "passed (solution shown)" : "not solved yet") << "\n";
}

void print_lesson(const Lesson& lesson, const Progress& progress, std::ostream& out) {
    const auto& m = lesson.minutes;
    out << "# " << lesson.id << ": " << lesson.title << " (week " << lesson.week << ", day " << lesson.day << ")\n"
        << "Read " << m.read << " min, study " << m.study << " min, practice " << m.practice << " min, challenge "
        << m.challenge << " min\n\n"
        << lesson.read << "\n## Study\n";
    for (const Task* task : lesson.tasks_of(Part::Study)) print_task(lesson, *task, progress, out);
    out << "\n## Practice\n";
    for (const Task* task : lesson.tasks_of(Part::Practice)) print_task(lesson, *task, progress, out);
    out << "\n## Challenge\n";
    for (const Task* task : lesson.tasks_of(Part::Challenge)) print_task(lesson, *task, progress, out);
    out << "\n## Key takeaways\n\n";
    for (const auto& takeaway : lesson.takeaways) out << "- " << takeaway << "\n";
}

const Task& task_of(const Lesson& lesson, const std::string& id, const char* option) {
    const Task* task = lesson.find_task(id);
    if (task == nullptr) throw sim::InputError(option, "", 0, "no task \"" + id + "\" in " + lesson.id);
    return *task;
}

void print_solution(const Task& task, std::ostream& out) {
    out << "Solution of " << task.id << " (shown: solving it now does not count as solved):\n";
    for (const auto& [path, value] : task.solution.set) out << "    --set " << path << "=" << value.dump() << "\n";
    for (const auto& [key, text] : task.solution.answers) out << "    --answer " << key << "=" << text << "\n";
}

int one_lesson(const LessonsOptions& options, std::ostream& out, std::ostream& err) {
    const Lesson lesson = find_lesson(options.paths, options.lesson_id);
    const auto store = progress_store(options.paths);
    Progress progress = load_progress(store, err);
    const bool changes = options.mark_read || !options.hint_task.empty() || !options.solution_task.empty();
    if (options.mark_read) {
        progress.lessons[lesson.id].read = true;
        out << lesson.id << ": Read marked done\n";
    }
    if (!options.hint_task.empty()) {
        const Task& task = task_of(lesson, options.hint_task, "--hint");
        const std::string* hint = progress.next_hint(lesson, task);
        out << (hint == nullptr ? "No more hints for " + task.id + "." : "Hint: " + *hint) << "\n";
    }
    if (!options.solution_task.empty()) {
        const Task& task = task_of(lesson, options.solution_task, "--solution");
        progress.show_solution(lesson, task);
        print_solution(task, out);
    }
    if (changes) {
        store.save(progress);
        return kExitOk;
    }
    print_lesson(lesson, progress, out);
    return kExitOk;
}

}  // namespace

int lessons_command(const LessonsOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        if (!options.lesson_id.empty()) return one_lesson(options, out, err);
        if (!options.hint_task.empty() || !options.solution_task.empty() || options.mark_read) {
            throw sim::InputError("queuelab lessons", "", 0, "--hint, --solution and --read need a LESSON_ID");
        }
        const curriculum::LessonCatalog catalog = curriculum::load_lessons(lessons_dir(options.paths));
        list_lessons(catalog, load_progress(progress_store(options.paths), err), out);
        for (const auto& error : catalog.errors) err << error << "\n";
        return catalog.errors.empty() ? kExitOk : kExitBadInput;
    });
}

int progress_command(const ProgressOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        const auto store = progress_store(options.paths);
        if (!options.import_from.empty()) {
            store.save(curriculum::ProgressStore::import_from(options.import_from));
            out << "progress imported from " << options.import_from.string() << " into " << store.file().string() << "\n";
            return kExitOk;
        }
        Progress progress = load_progress(store, err);
        if (!options.export_to.empty()) {
            curriculum::ProgressStore::export_to(progress, options.export_to);
            out << "progress exported to " << options.export_to.string() << "\n";
        } else if (options.reset) {
            if (options.lesson_id.empty()) {
                progress = Progress{};
            } else {
                progress.reset_lesson(options.lesson_id);
            }
            store.save(progress);
            out << "progress reset" << (options.lesson_id.empty() ? "" : " for " + options.lesson_id) << "\n";
        } else {
            out << store.file().string() << ": " << progress.lessons.size() << " lesson"
                << (progress.lessons.size() == 1 ? "" : "s") << " with progress\n";
        }
        return kExitOk;
    });
}

}  // namespace queuelab::cli
