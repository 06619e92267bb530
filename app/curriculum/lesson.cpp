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

const std::vector<CapabilityInfo>& capabilities() {
    static const std::vector<CapabilityInfo> all = {
        {Capability::LearnerHandlers, "learner-handlers",
         "your own C++ handler, built and run through the Lambda Runtime API", false},
        {Capability::HandlerServices, "handler-services",
         "handlers that call SQS, Kinesis and downstream services (databases, APIs)", false},
    };
    return all;
}

const CapabilityInfo& capability_info(Capability capability) {
    const auto& all = capabilities();
    return *std::find_if(all.begin(), all.end(), [&](const CapabilityInfo& info) { return info.capability == capability; });
}

std::vector<Capability> Task::missing_capabilities() const {
    std::vector<Capability> missing;
    for (const Capability capability : needs) {
        if (!capability_info(capability).available) missing.push_back(capability);
    }
    return missing;
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
