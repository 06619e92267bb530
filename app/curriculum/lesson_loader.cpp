#include "lesson_loader.h"

// [SECTION] Files
// [SECTION] Answers and moments
// [SECTION] Tasks
// [SECTION] Lessons

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "input_error.h"
#include "input_file.h"
#include "scenario_loader.h"

namespace queuelab::curriculum {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// [SECTION] Files

bool is_name(std::string_view text, bool allow_underscore) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_underscore && c == '_');
    });
}

std::string override_text(const json& value) { return value.dump(); }

// Loads the scenario with edits, so that a lesson whose scenario or solution does not load is
// itself broken. `origin` names where the edits come from.
sim::Scenario try_scenario(const fs::path& scenario, const std::map<std::string, json>& first,
                           const std::map<std::string, json>& second, const std::string& origin) {
    std::vector<sim::Override> overrides;
    for (const auto* edits : {&first, &second}) {
        for (const auto& [path, value] : *edits) overrides.push_back({path, override_text(value), origin});
    }
    return sim::load_scenario_file(scenario.string(), overrides);
}

// [SECTION] Answers and moments

class TaskReader {
public:
    TaskReader(const JsonReader& reader, fs::path folder, std::set<std::string>& answer_keys)
        : r_(reader), folder_(std::move(folder)), answer_keys_(answer_keys) {}

    Task read(const json& value, const std::string& path, Part part) const;

private:
    Answer read_answer(const json& value, const std::string& path) const;
    Answer::Choice read_choice(const json& value, const std::string& path) const;
    Moment read_moment(const json& value, const std::string& path) const;
    std::map<std::string, json> read_set(const json& value, const std::string& path) const;
    void read_question(const json& value, const std::string& path, Task& task) const;
    void read_exercise(const json& value, const std::string& path, Task& task) const;
    void read_solution(const json& value, const std::string& path, Task& task) const;
    void read_handler_exercise(const json& value, const std::string& path, Task& task) const;
    fs::path lesson_file(const json& value, const std::string& path, const char* key) const;
    void check_scenarios(const std::string& path, const Task& task) const;

    const JsonReader& r_;
    fs::path folder_;
    std::set<std::string>& answer_keys_;
};

Answer TaskReader::read_answer(const json& value, const std::string& path) const {
    r_.object(value, path);
    Answer answer;
    answer.key = r_.string(value, path, "key");
    if (!is_name(answer.key, true)) {
        r_.fail(join_path(path, "key"), "expected lower-case letters, digits, '-' and '_', got \"" + answer.key + "\"");
    }
    if (!answer_keys_.insert(answer.key).second) {
        r_.fail(join_path(path, "key"), "the answer key \"" + answer.key + "\" is already used in this lesson");
    }
    answer.prompt = r_.string(value, path, "prompt");
    if (JsonReader::member(value, "choices") != nullptr) {
        r_.keys(value, path, {"key", "prompt", "choices"});
        answer.kind = Answer::Kind::Choice;
        const json& choices = r_.array(value, path, "choices", 2);
        std::set<std::string> seen;
        for (std::size_t i = 0; i < choices.size(); ++i) {
            const std::string at = join_path(join_path(path, "choices"), i);
            answer.choices.push_back(read_choice(choices[i], at));
            if (!seen.insert(answer.choices.back().value).second) {
                r_.fail(join_path(at, "value"), "the choice \"" + answer.choices.back().value + "\" appears twice");
            }
        }
        return answer;
    }
    const bool smallest = JsonReader::member(value, "smallest") != nullptr;
    if (smallest || JsonReader::member(value, "largest") != nullptr) {
        r_.keys(value, path, {"key", "prompt", smallest ? "smallest" : "largest", "from", "to", "holds"});
        answer.kind = smallest ? Answer::Kind::Smallest : Answer::Kind::Largest;
        answer.parameter = r_.string(value, path, smallest ? "smallest" : "largest");
        answer.from = r_.integer(value, path, "from", -1'000'000'000, 1'000'000'000);
        answer.to = r_.integer(value, path, "to", answer.from + 1, 1'000'000'000);
        answer.holds = parse_checks(r_, r_.required(value, path, "holds", "an array of checks"), join_path(path, "holds"));
        return answer;
    }
    answer.kind = Answer::Kind::Number;
    answer.measure = parse_measure(r_, value, path, {"key", "prompt", "tolerance"});
    answer.tolerance = r_.number_or(value, path, "tolerance", 0, 0);
    return answer;
}

Answer::Choice TaskReader::read_choice(const json& value, const std::string& path) const {
    r_.keys(value, path, {"value", "text", "when"});
    Answer::Choice choice;
    choice.value = r_.string(value, path, "value");
    const bool plain = std::all_of(choice.value.begin(), choice.value.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
    if (!plain) {
        r_.fail(join_path(path, "value"), "expected letters, digits, '-', '_' and '.', got \"" + choice.value + "\"");
    }
    choice.text = r_.string(value, path, "text");
    choice.when = parse_checks(r_, r_.required(value, path, "when", "an array of checks"), join_path(path, "when"));
    return choice;
}

Moment TaskReader::read_moment(const json& value, const std::string& path) const {
    r_.object(value, path);
    Moment moment;
    moment.says = r_.string(value, path, "says");
    if (JsonReader::member(value, "at_s") != nullptr) {
        r_.keys(value, path, {"says", "at_s"});
        moment.kind = Moment::Kind::AtTime;
        moment.at_s = r_.number_or(value, path, "at_s", 0, 0);
    } else if (JsonReader::member(value, "invocation") != nullptr) {
        r_.keys(value, path, {"says", "invocation"});
        moment.kind = Moment::Kind::Invocation;
        moment.where = parse_filter(r_, value.at("invocation"), join_path(path, "invocation"), true);
    } else if (JsonReader::member(value, "event") != nullptr) {
        r_.keys(value, path, {"says", "event", "where", "occurrence"});
        moment.kind = Moment::Kind::Event;
        moment.event = r_.string(value, path, "event");
        const auto& events = history_event_names();
        if (std::find(events.begin(), events.end(), moment.event) == events.end()) {
            r_.fail(join_path(path, "event"), "unknown history event \"" + moment.event + "\"");
        }
        if (const json* where = JsonReader::member(value, "where")) {
            moment.where = parse_filter(r_, *where, join_path(path, "where"), false);
        }
        if (JsonReader::member(value, "occurrence") != nullptr) {
            moment.occurrence = static_cast<int>(r_.integer(value, path, "occurrence", 1, 1'000'000));
        }
    } else {
        r_.fail(path, "expected at_s (a time), event (a history event of the messages `where` picks) or "
                      "invocation (a filter picking an invocation)");
    }
    return moment;
}

// [SECTION] Tasks

std::map<std::string, json> TaskReader::read_set(const json& value, const std::string& path) const {
    r_.object(value, path);
    std::map<std::string, json> set;
    for (const auto& [key, member] : value.items()) {
        if (key.empty() || key.front() == '.' || key.back() == '.' || key.find("..") != std::string::npos) {
            r_.fail(join_path(path, key), "expected a dotted scenario path such as queues.orders.VisibilityTimeout");
        }
        set.emplace(key, member);
    }
    return set;
}

void TaskReader::read_question(const json& value, const std::string& path, Task& task) const {
    task.question = r_.string(value, path, "question");
    const json& answers = r_.array(value, path, "answers", 1);
    for (std::size_t i = 0; i < answers.size(); ++i) {
        task.answers.push_back(read_answer(answers[i], join_path(join_path(path, "answers"), i)));
    }
    if (const json* moment = JsonReader::member(value, "moment")) {
        task.moment = read_moment(*moment, join_path(path, "moment"));
    } else if (task.part == Part::Study) {
        r_.fail(join_path(path, "moment"), "missing; expected the moment of the run that decides the question "
                                           "({\"says\": …, \"event\"|\"invocation\"|\"at_s\": …})");
    }
    task.explain = r_.string(value, path, "explain");
}

// A file shipped with the lesson, relative to its folder.
fs::path TaskReader::lesson_file(const json& value, const std::string& path, const char* key) const {
    const fs::path file = (folder_ / r_.string(value, path, key)).lexically_normal();
    std::error_code error;
    if (!fs::is_regular_file(file, error)) r_.fail(join_path(path, key), "no such file: " + file.string());
    return file;
}

void TaskReader::read_handler_exercise(const json& value, const std::string& path, Task& task) const {
    r_.object(value, path);
    r_.keys(value, path, {"function", "start"});
    task.handler_exercise = HandlerExercise{r_.string(value, path, "function"), lesson_file(value, path, "start")};
}

void TaskReader::read_exercise(const json& value, const std::string& path, Task& task) const {
    task.goal = r_.string(value, path, "goal");
    if (const json* source = JsonReader::member(value, "handler_source")) {
        read_handler_exercise(*source, join_path(path, "handler_source"), task);
    }
    task.editable = r_.strings(value, path, "editable", task.handler_exercise ? 0 : 1);
    if (const json* checks = JsonReader::member(value, "checks")) {
        task.checks = parse_checks(r_, *checks, join_path(path, "checks"));
    } else {
        r_.fail(join_path(path, "checks"), "missing; expected an array of at least 1 check");
    }
}

void TaskReader::read_solution(const json& value, const std::string& path, Task& task) const {
    if (task.is_question()) {
        r_.keys(value, path, {"answers"});
        const json& answers = r_.required(value, path, "answers", "an object: answer key → the reference answer");
        r_.object(answers, join_path(path, "answers"));
        for (const auto& answer : task.answers) {
            const std::string at = join_path(join_path(path, "answers"), answer.key);
            const json* given = JsonReader::member(answers, answer.key);
            if (given == nullptr || !given->is_string()) r_.fail(at, "missing; expected the reference answer as a string");
            try {
                validate_answer_text(answer, given->get<std::string>(), r_.file());
            } catch (const sim::InputError& error) {
                r_.fail(at, error.expected);
            }
            task.solution.answers.emplace(answer.key, given->get<std::string>());
        }
        for (const auto& [key, given] : answers.items()) {
            if (task.find_answer(key) == nullptr) r_.fail(join_path(join_path(path, "answers"), key), "not an answer key of this task");
        }
        return;
    }
    if (task.handler_exercise) {
        r_.keys(value, path, {"set", "source"});
        task.solution.source = lesson_file(value, path, "source");
        if (const json* set = JsonReader::member(value, "set")) task.solution.set = read_set(*set, join_path(path, "set"));
    } else {
        r_.keys(value, path, {"set"});
        task.solution.set = read_set(r_.required(value, path, "set", "an object: scenario path → value"), join_path(path, "set"));
    }
    for (const auto& [key, edit] : task.solution.set) {
        if (std::find(task.editable.begin(), task.editable.end(), key) == task.editable.end()) {
            r_.fail(join_path(join_path(path, "set"), key), "not one of the task's editable paths");
        }
    }
}

void TaskReader::check_scenarios(const std::string& path, const Task& task) const {
    const std::string origin = r_.file() + " " + path;
    const auto scenario = try_scenario(task.scenario, task.set, {}, origin + ".set");
    if (task.handler_exercise && !scenario.functions.contains(task.handler_exercise->function)) {
        r_.fail(join_path(join_path(path, "handler_source"), "function"),
                "not a function of " + task.scenario.filename().string() + ": \"" + task.handler_exercise->function + "\"");
    }
    try_scenario(task.scenario, task.set, task.solution.set, origin + ".solution");
    for (const auto& answer : task.answers) {
        if (answer.kind != Answer::Kind::Smallest && answer.kind != Answer::Kind::Largest) continue;
        for (const std::int64_t end : {answer.from, answer.to}) {
            try_scenario(task.scenario, task.set, {{answer.parameter, json(end)}}, origin + " answer " + answer.key);
        }
    }
}

Task TaskReader::read(const json& value, const std::string& path, Part part) const {
    r_.keys(value, path, {"id", "title", "scenario", "set", "question", "answers", "moment", "explain",
                          "goal", "editable", "handler_source", "checks", "hints", "solution"});
    Task task;
    task.part = part;
    task.id = r_.string(value, path, "id");
    if (!is_name(task.id, false)) {
        r_.fail(join_path(path, "id"), "expected lower-case letters, digits and '-', got \"" + task.id + "\"");
    }
    task.title = r_.string(value, path, "title");
    const bool question = JsonReader::member(value, "answers") != nullptr;
    const bool exercise = JsonReader::member(value, "checks") != nullptr || JsonReader::member(value, "goal") != nullptr;
    if (question == exercise) {
        r_.fail(path, "expected a question (question, answers, explain) or an exercise (goal, editable, checks), not both or neither");
    }
    if (part == Part::Study && !question) r_.fail(path, "a study task is a question: expected question, answers, moment, explain");
    if (part == Part::Practice && !exercise) r_.fail(path, "a practice task is an exercise: expected goal, editable, checks");
    if (question) {
        read_question(value, path, task);
    } else {
        read_exercise(value, path, task);
    }
    task.hints = r_.strings(value, path, "hints", part == Part::Study ? 0 : 1);
    if (const json* set = JsonReader::member(value, "set")) task.set = read_set(*set, join_path(path, "set"));

    if (JsonReader::member(value, "scenario") == nullptr) {
        r_.fail(join_path(path, "scenario"), "missing; expected a scenario file next to lesson.json");
    }
    task.scenario = (folder_ / r_.string(value, path, "scenario")).lexically_normal();
    std::error_code error;
    if (!fs::is_regular_file(task.scenario, error)) {
        r_.fail(join_path(path, "scenario"), "no such file: " + task.scenario.string());
    }
    read_solution(r_.required(value, path, "solution", "the reference solution"), join_path(path, "solution"), task);
    check_scenarios(path, task);
    return task;
}

// [SECTION] Lessons

Minutes read_minutes(const JsonReader& r, const json& value, const std::string& path) {
    r.keys(value, path, {"read", "study", "practice", "challenge"});
    const auto minutes = [&](const char* key) { return static_cast<int>(r.integer(value, path, key, 1, 240)); };
    return Minutes{minutes("read"), minutes("study"), minutes("practice"), minutes("challenge")};
}

void read_part(const JsonReader& r, const TaskReader& tasks, const json& document, const char* key, Part part,
               std::vector<Task>& out) {
    const json& list = r.array(document, "", key, 1);
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(tasks.read(list[i], join_path(key, i), part));
}

Lesson read_lesson(const JsonReader& r, const json& document, const fs::path& file) {
    r.keys(document, "", {"id", "week", "day", "title", "minutes", "read", "study", "practice", "challenge", "takeaways"});
    Lesson lesson;
    lesson.file = file;
    lesson.id = r.string(document, "", "id");
    const std::string folder = file.parent_path().filename().string();
    if (lesson.id.size() != 6 || !lesson.id.starts_with("day-") || !std::isdigit(static_cast<unsigned char>(lesson.id[4])) ||
        !std::isdigit(static_cast<unsigned char>(lesson.id[5]))) {
        r.fail("id", "expected day-NN (two digits), got \"" + lesson.id + "\"");
    }
    if (lesson.id != folder) r.fail("id", "expected the lesson's folder name \"" + folder + "\", got \"" + lesson.id + "\"");
    lesson.day = static_cast<int>(r.integer(document, "", "day", 1, 99));
    if (lesson.day != std::stoi(lesson.id.substr(4))) r.fail("day", "expected " + std::to_string(std::stoi(lesson.id.substr(4))) + " (from the id)");
    lesson.week = static_cast<int>(r.integer(document, "", "week", 1, 15));
    if (lesson.week != (lesson.day - 1) / 7 + 1) r.fail("week", "expected " + std::to_string((lesson.day - 1) / 7 + 1) + " (7 days a week)");
    lesson.title = r.string(document, "", "title");
    lesson.minutes = read_minutes(r, r.required(document, "", "minutes", "an object"), "minutes");

    const fs::path read_file = file.parent_path() / r.string(document, "", "read");
    std::error_code error;
    if (!fs::is_regular_file(read_file, error)) r.fail("read", "no such file: " + read_file.string());
    lesson.read = sim::read_input_file(read_file.string(), "a lesson text");
    if (lesson.read.find_first_not_of(" \t\r\n") == std::string::npos) r.fail("read", read_file.string() + " is empty");

    std::set<std::string> answer_keys;
    const TaskReader tasks(r, file.parent_path(), answer_keys);
    read_part(r, tasks, document, "study", Part::Study, lesson.tasks);
    read_part(r, tasks, document, "practice", Part::Practice, lesson.tasks);
    lesson.tasks.push_back(tasks.read(r.required(document, "", "challenge", "a question or an exercise"), "challenge", Part::Challenge));
    std::set<std::string> ids;
    for (const auto& task : lesson.tasks) {
        if (!ids.insert(task.id).second) r.fail(std::string(part_name(task.part)), "the task id \"" + task.id + "\" is used twice");
    }
    lesson.takeaways = r.strings(document, "", "takeaways", 1);
    return lesson;
}

bool is_number_text(const std::string& text, double& value) {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

void validate_answer_text(const Answer& answer, const std::string& text, const std::string& origin) {
    double value = 0;
    switch (answer.kind) {
        case Answer::Kind::Number:
            if (!is_number_text(text, value)) throw sim::InputError(origin, answer.key, 0, "expected a number, got \"" + text + "\"");
            return;
        case Answer::Kind::Choice: {
            std::string values;
            for (const auto& choice : answer.choices) {
                if (choice.value == text) return;
                values += (values.empty() ? "" : ", ") + choice.value;
            }
            throw sim::InputError(origin, answer.key, 0, "expected one of " + values + ", got \"" + text + "\"");
        }
        case Answer::Kind::Smallest:
        case Answer::Kind::Largest:
            if (!is_number_text(text, value) || value != std::floor(value) || value < static_cast<double>(answer.from) ||
                value > static_cast<double>(answer.to)) {
                throw sim::InputError(origin, answer.key, 0,
                                      "expected a whole number from " + std::to_string(answer.from) + " to " +
                                          std::to_string(answer.to) + ", got \"" + text + "\"");
            }
            return;
    }
}

Lesson load_lesson(const fs::path& lesson_file) {
    const std::string file = lesson_file.string();
    const std::string text = sim::read_input_file(file, "a lesson file");
    const json document = sim::parse_input_json(text, file, "not valid JSON");
    const JsonReader reader(file, text);
    return read_lesson(reader, document, lesson_file);
}

const Lesson* LessonCatalog::find(std::string_view id) const {
    const auto found = std::find_if(lessons.begin(), lessons.end(), [&](const Lesson& l) { return l.id == id; });
    return found == lessons.end() ? nullptr : &*found;
}

std::string LessonCatalog::ids() const {
    std::string text;
    for (const auto& lesson : lessons) text += (text.empty() ? "" : ", ") + lesson.id;
    return text;
}

LessonCatalog load_lessons(const fs::path& dir) {
    LessonCatalog catalog;
    std::error_code error;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        const fs::path file = it->path() / "lesson.json";
        if (fs::is_regular_file(file)) files.push_back(file);
    }
    if (error) {
        catalog.errors.push_back(dir.string() + ": cannot read the lessons folder: " + error.message());
        return catalog;
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        try {
            catalog.lessons.push_back(load_lesson(file));
        } catch (const sim::InputError& problem) {
            catalog.errors.push_back(problem.what());
        }
    }
    return catalog;
}

fs::path default_lessons_dir() {
    if (const char* dir = std::getenv("QUEUELAB_LESSONS_DIR"); dir != nullptr && *dir != '\0') return dir;
    std::error_code error;
#ifdef QUEUELAB_SOURCE_DIR
    if (fs::is_directory(fs::path(QUEUELAB_SOURCE_DIR) / "lessons", error)) return fs::path(QUEUELAB_SOURCE_DIR) / "lessons";
#endif
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    for (fs::path folder = executable.parent_path(); !error && !folder.empty(); folder = folder.parent_path()) {
        if (fs::is_directory(folder / "lessons", error)) return folder / "lessons";
        if (folder == folder.root_path()) break;
    }
    return "lessons";
}

}  // namespace queuelab::curriculum
