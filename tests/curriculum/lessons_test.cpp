// The curriculum queuelab ships (lessons/day-01 … day-14): every lesson loads and validates, every
// reference solution passes all its checks, every exercise starts unsolved, wrong answers are
// judged wrong.

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "curriculum_test_support.h"
#include "lesson_loader.h"
#include "lesson_runner.h"

using namespace queuelab::curriculum;
using namespace queuelab::curriculum::test;

namespace {

const LessonCatalog& catalog() {
    static const LessonCatalog loaded = load_lessons(project_lessons());
    return loaded;
}

std::string failures_of(const TaskOutcome& outcome) {
    std::string text;
    for (const auto& check : outcome.checks) {
        if (!check.passed) text += "\n  " + check.line;
    }
    return text;
}

const Lesson& lesson_of_day(int day) {
    const std::string id = (day < 10 ? "day-0" : "day-") + std::to_string(day);
    const Lesson* lesson = catalog().find(id);
    if (lesson == nullptr) FAIL(id << " did not load");
    return *lesson;
}

void reference_passes(const Lesson& lesson) {
    for (const Task& task : lesson.tasks) {
        INFO(lesson.id << " " << task.id);
        const TaskOutcome outcome = run_task(task, task.solution, "reference", handler_catalog());
        CHECK(failures_of(outcome) == "");
        CHECK(outcome.passed());
        if (task.moment) {
            REQUIRE(outcome.moment);
            CHECK(outcome.moment->found);
        }
    }
}

void exercises_start_unsolved(const Lesson& lesson) {
    for (const Task& task : lesson.tasks) {
        if (task.is_question()) continue;
        INFO(lesson.id << " " << task.id);
        CHECK(!run_task(task, Work{}, "start", handler_catalog()).passed());
    }
}

// Wrong values for an answer: the other choices, a number beyond the tolerance, the neighbours
// of a threshold.
std::vector<std::string> wrong_answers(const Answer& answer, const std::string& right) {
    std::vector<std::string> wrong;
    switch (answer.kind) {
        case Answer::Kind::Choice:
            for (const auto& choice : answer.choices) {
                if (choice.value != right) wrong.push_back(choice.value);
            }
            break;
        case Answer::Kind::Number:
            // The reference is within the tolerance of the measure, so this is beyond it.
            wrong.push_back(std::to_string(std::stod(right) + 2 * answer.tolerance + 1));
            break;
        case Answer::Kind::Smallest:
        case Answer::Kind::Largest: {
            const long value = std::stol(right);
            for (const long other : {value - 1, value + 1}) {
                if (other >= answer.from && other <= answer.to) wrong.push_back(std::to_string(other));
            }
            break;
        }
    }
    return wrong;
}

void wrong_answers_fail(const Lesson& lesson) {
    for (const Task& task : lesson.tasks) {
        for (const Answer& answer : task.answers) {
            INFO(lesson.id << " " << task.id << " " << answer.key);
            const std::vector<std::string> wrong = wrong_answers(answer, task.solution.answers.at(answer.key));
            REQUIRE(!wrong.empty());
            for (const auto& text : wrong) {
                Work work;
                work.answers[answer.key] = text;
                const TaskOutcome outcome = run_task(task, work, "wrong", handler_catalog());
                const auto judged = std::find_if(outcome.checks.begin(), outcome.checks.end(),
                                                 [&](const CheckOutcome& c) { return c.key == answer.key; });
                REQUIRE(judged != outcome.checks.end());
                CHECK(!judged->passed);
            }
        }
    }
}

}  // namespace

TEST_CASE("every lesson file loads and validates: day-01 to day-14", "[curriculum][lessons]") {
    for (const auto& error : catalog().errors) FAIL_CHECK(error);
    REQUIRE(catalog().lessons.size() == 14);
    for (int day = 1; day <= 14; ++day) {
        const Lesson& lesson = lesson_of_day(day);
        CHECK(lesson.week == (day <= 7 ? 1 : 2));
        CHECK(!lesson.tasks_of(Part::Study).empty());
        CHECK(!lesson.tasks_of(Part::Practice).empty());
        CHECK(lesson.tasks_of(Part::Challenge).size() == 1);
    }
}

// One test case per lesson, so that they run side by side and each stays short: its reference
// solution passes every check (and every study question's deciding moment happens), every
// exercise starts unsolved, and every wrong answer is judged wrong.
#define QUEUELAB_LESSON_TEST(day)                                                                  \
    TEST_CASE("lesson day " #day ": the reference passes, exercises start unsolved, wrong answers fail", \
              "[curriculum][lessons]") {                                                           \
        const Lesson& lesson = lesson_of_day(day);                                                 \
        reference_passes(lesson);                                                                  \
        exercises_start_unsolved(lesson);                                                          \
        wrong_answers_fail(lesson);                                                                \
    }

QUEUELAB_LESSON_TEST(1)
QUEUELAB_LESSON_TEST(2)
QUEUELAB_LESSON_TEST(3)
QUEUELAB_LESSON_TEST(4)
QUEUELAB_LESSON_TEST(5)
QUEUELAB_LESSON_TEST(6)
QUEUELAB_LESSON_TEST(7)
QUEUELAB_LESSON_TEST(8)
QUEUELAB_LESSON_TEST(9)
QUEUELAB_LESSON_TEST(10)
QUEUELAB_LESSON_TEST(11)
QUEUELAB_LESSON_TEST(12)
QUEUELAB_LESSON_TEST(13)
QUEUELAB_LESSON_TEST(14)

// Days 6 and 11 (docs/lesson-format.md, handler exercises): the learner writes the handler in C++.
// The starting handler shipped with the lesson fails (above: exercises start unsolved), the
// reference source passes (above), and both run out of process as Simulation.Source.
TEST_CASE("days 6 and 11 practise writing the handler in C++: a starting source and a reference source",
          "[curriculum][lessons][runtime]") {
    for (const auto& [day, task_id, function] : {std::tuple{6, "write-the-handler", "processor"},
                                                 std::tuple{11, "write-the-sensor-handler", "sensor"}}) {
        const Lesson& lesson = lesson_of_day(day);
        const Task* task = lesson.find_task(task_id);
        REQUIRE(task != nullptr);
        INFO(lesson.id << " " << task->id);
        REQUIRE(task->handler_exercise);
        CHECK(task->handler_exercise->function == function);
        CHECK(task->handler_exercise->start == lesson.file.parent_path() / (std::string(task_id) + ".start.cpp"));
        CHECK(task->solution.source == lesson.file.parent_path() / (std::string(task_id) + ".solution.cpp"));
        const auto scenario = task_scenario(*task, Work{}, "start", handler_catalog());
        const auto& runs = scenario.functions.at(function);
        CHECK(runs.Runtime == "provided.al2023");
        CHECK(runs.simulation.Source == task->handler_exercise->start.string());
        const auto outcome = run_task(*task, Work{}, "start", handler_catalog());
        CHECK(std::count_if(outcome.checks.begin(), outcome.checks.end(), [](const CheckOutcome& c) { return !c.passed; }) >= 1);
    }
}
