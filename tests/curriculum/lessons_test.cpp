// The curriculum queuelab ships (lessons/day-01 … day-14): every lesson loads and validates, every
// reference solution passes all its checks, every exercise starts unsolved, wrong answers are
// judged wrong, and what cannot be checked yet is marked pending with the capability it needs.

#include <catch2/catch.hpp>

#include <algorithm>

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

// Every task that has a scenario (pending tasks too: their reference runs today).
template <typename Visit>
void for_each_runnable_task(const Lesson& lesson, Visit visit) {
    for (const Task& task : lesson.tasks) {
        if (!task.scenario.empty()) visit(task);
    }
}

void reference_passes(const Lesson& lesson) {
    for_each_runnable_task(lesson, [&](const Task& task) {
        INFO(lesson.id << " " << task.id);
        const TaskOutcome outcome = run_task(task, task.solution, "reference");
        CHECK(failures_of(outcome) == "");
        CHECK(outcome.passed());
        if (task.moment) {
            REQUIRE(outcome.moment);
            CHECK(outcome.moment->found);
        }
    });
}

void exercises_start_unsolved(const Lesson& lesson) {
    for_each_runnable_task(lesson, [&](const Task& task) {
        if (task.is_question()) return;
        INFO(lesson.id << " " << task.id);
        CHECK(!run_task(task, Work{}, "start").passed());
    });
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
    for_each_runnable_task(lesson, [&](const Task& task) {
        for (const Answer& answer : task.answers) {
            INFO(lesson.id << " " << task.id << " " << answer.key);
            const std::vector<std::string> wrong = wrong_answers(answer, task.solution.answers.at(answer.key));
            REQUIRE(!wrong.empty());
            for (const auto& text : wrong) {
                Work work;
                work.answers[answer.key] = text;
                const TaskOutcome outcome = run_task(task, work, "wrong");
                const auto judged = std::find_if(outcome.checks.begin(), outcome.checks.end(),
                                                 [&](const CheckOutcome& c) { return c.key == answer.key; });
                REQUIRE(judged != outcome.checks.end());
                CHECK(!judged->passed);
            }
        }
    });
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

TEST_CASE("what needs capabilities queuelab lacks is marked pending in the lesson data", "[curriculum][lessons]") {
    const auto pending_needs = [](const std::string& id) {
        std::vector<Capability> needs;
        const Lesson* lesson = catalog().find(id);
        REQUIRE(lesson != nullptr);
        for (const Task& task : lesson->tasks) {
            for (const Capability capability : task.missing_capabilities()) needs.push_back(capability);
        }
        return needs;
    };
    const auto has = [](const std::vector<Capability>& needs, Capability capability) {
        return std::find(needs.begin(), needs.end(), capability) != needs.end();
    };
    // Days 6 and 11: the learner writes the handler in C++ (learners' own handlers).
    CHECK(has(pending_needs("day-06"), Capability::LearnerHandlers));
    CHECK(has(pending_needs("day-11"), Capability::LearnerHandlers));
    // Days 5, 7, 12 and 14: handlers that call services and downstream dependencies.
    for (const char* id : {"day-05", "day-07", "day-12", "day-14"}) {
        INFO(id);
        CHECK(has(pending_needs(id), Capability::HandlerServices));
    }
    // The others need nothing that is missing.
    for (const char* id : {"day-01", "day-02", "day-03", "day-04", "day-08", "day-09", "day-10", "day-13"}) {
        INFO(id);
        CHECK(pending_needs(id).empty());
    }
}
