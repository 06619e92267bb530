#include "lesson.h"

#include <algorithm>

namespace queuelab::curriculum {

const char* part_name(Part part) {
    switch (part) {
        case Part::Study: return "study";
        case Part::Practice: return "practice";
        case Part::Challenge: return "challenge";
    }
    return "?";
}

std::string Task::handler_slot() const {
    for (const auto& path : editable) {
        if (path.starts_with("functions.") && path.ends_with(".Handler")) return path;
    }
    return {};
}

const Answer* Task::find_answer(std::string_view key) const {
    const auto found = std::find_if(answers.begin(), answers.end(), [&](const Answer& a) { return a.key == key; });
    return found == answers.end() ? nullptr : &*found;
}

const Task* Lesson::find_task(std::string_view task_id) const {
    const auto found = std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.id == task_id; });
    return found == tasks.end() ? nullptr : &*found;
}

std::vector<const Task*> Lesson::tasks_of(Part part) const {
    std::vector<const Task*> out;
    for (const auto& task : tasks) {
        if (task.part == part) out.push_back(&task);
    }
    return out;
}

}  // namespace queuelab::curriculum
