// Lesson files are validated when they load (docs/lesson-format.md): a broken lesson is one line
// naming its file, the field and what was expected, and the other lessons still load.

#include <catch2/catch.hpp>

#include <algorithm>

#include "curriculum_test_support.h"
#include "input_error.h"
#include "lesson_loader.h"

using namespace queuelab::curriculum;
using namespace queuelab::curriculum::test;
using nlohmann::json;

namespace {

// The one-line error of loading lesson day-01 after `edit`.
template <typename Edit>
std::string load_error(const std::string& name, Edit edit) {
    TempDir dir(name);
    const fs::path file = write_tiny_lesson(dir.path(), 1, edit);
    try {
        load_lesson(file);
    } catch (const queuelab::sim::InputError& error) {
        const std::string what = error.what();
        CHECK(what.find('\n') == std::string::npos);
        return what;
    }
    FAIL("the lesson loaded");
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a valid lesson loads with its parts, tasks and Read text", "[curriculum]") {
    TempDir dir("loader-valid");
    const Lesson lesson = load_lesson(write_tiny_lesson(dir.path(), 3));
    CHECK(lesson.id == "day-03");
    CHECK(lesson.week == 1);
    CHECK(lesson.day == 3);
    CHECK(lesson.read == "# Tiny\n\nText.\n");
    REQUIRE(lesson.tasks.size() == 3);
    CHECK(lesson.tasks[0].part == Part::Study);
    CHECK(lesson.tasks[0].is_question());
    CHECK(lesson.tasks[1].part == Part::Practice);
    CHECK(lesson.tasks[1].editable == std::vector<std::string>{"mappings.0.FunctionResponseTypes"});
    CHECK(lesson.tasks[1].checks.size() == 2);
    CHECK(lesson.tasks[1].hints.size() == 2);
    CHECK(lesson.tasks[2].part == Part::Challenge);
    CHECK(lesson.tasks[2].answers[0].kind == Answer::Kind::Choice);
    CHECK(lesson.tasks[0].scenario == dir.path() / "day-03" / "tiny.json");
}

TEST_CASE("bad lesson files give one line naming the file, the field and what was expected", "[curriculum]") {
    SECTION("a measure that does not exist") {
        const auto error = load_error("loader-measure", [](json& l) { l["practice"][0]["checks"][1]["measure"] = "totals.lostt"; });
        CHECK(contains(error, "day-01/lesson.json"));
        CHECK(contains(error, "practice.0.checks.1.measure"));
        CHECK(contains(error, "unknown total \"lostt\""));
        CHECK(contains(error, "dead_lettered"));  // the names it accepts
    }
    SECTION("an unknown key, with its line") {
        const auto error = load_error("loader-key", [](json& l) { l["practice"][0]["goals"] = "typo"; });
        CHECK(contains(error, "practice.0.goals: unknown key"));
        CHECK(contains(error, "lesson.json:"));
    }
    SECTION("an operator that is not one") {
        const auto error = load_error("loader-op", [](json& l) { l["practice"][0]["checks"][0]["op"] = "=>"; });
        CHECK(contains(error, "practice.0.checks.0.op: expected one of ==, !=, <, <=, >, >=, got \"=>\""));
    }
    SECTION("a solution that edits what the learner may not") {
        const auto error = load_error("loader-editable", [](json& l) {
            l["practice"][0]["solution"]["set"]["queues.orders.VisibilityTimeout"] = 60;
        });
        CHECK(contains(error, "practice.0.solution.set.queues.orders.VisibilityTimeout: not one of the task's editable paths"));
    }
    SECTION("a solution whose value the scenario refuses") {
        const auto error = load_error("loader-solution-value", [](json& l) {
            l["practice"][0]["editable"].push_back("queues.orders.VisibilityTimeout");
            l["practice"][0]["solution"]["set"]["queues.orders.VisibilityTimeout"] = 50000;
        });
        CHECK(contains(error, "tiny.json"));
        CHECK(contains(error, "queues.orders.VisibilityTimeout"));
        CHECK(contains(error, "practice.0.solution"));
    }
    SECTION("a reference answer that is not one of the choices") {
        const auto error = load_error("loader-choice", [](json& l) { l["challenge"]["solution"]["answers"]["fate"] = "lost"; });
        CHECK(contains(error, "challenge.solution.answers.fate: expected one of dlq, kept, got \"lost\""));
    }
    SECTION("a study question without the moment that decides it") {
        const auto error = load_error("loader-moment", [](json& l) { l["study"][0].erase("moment"); });
        CHECK(contains(error, "study.0.moment: missing"));
    }
    SECTION("a task without a scenario") {
        const auto error = load_error("loader-no-scenario", [](json& l) { l["practice"][0].erase("scenario"); });
        CHECK(contains(error, "practice.0.scenario: missing; expected a scenario file next to lesson.json"));
    }
    SECTION("an id that is not its folder's name") {
        const auto error = load_error("loader-id", [](json& l) { l["id"] = "day-02"; l["day"] = 2; });
        CHECK(contains(error, "id: expected the lesson's folder name \"day-01\""));
    }
    SECTION("a scenario file that is missing") {
        const auto error = load_error("loader-scenario", [](json& l) { l["practice"][0]["scenario"] = "nope.json"; });
        CHECK(contains(error, "practice.0.scenario: no such file"));
    }
    SECTION("an answer key used twice in a lesson") {
        const auto error = load_error("loader-key-twice", [](json& l) {
            l["challenge"]["answers"][0]["key"] = "poison-deliveries";
            l["challenge"]["solution"]["answers"] = {{"poison-deliveries", "dlq"}};
        });
        CHECK(contains(error, "challenge.answers.0.key: the answer key \"poison-deliveries\" is already used"));
    }
}

TEST_CASE("a file that is not JSON names its line", "[curriculum]") {
    TempDir dir("loader-json");
    const fs::path file = write_tiny_lesson(dir.path(), 1);
    write_file(file, "{\n  \"id\": \"day-01\",\n  oops\n}\n");
    try {
        load_lesson(file);
        FAIL("loaded");
    } catch (const queuelab::sim::InputError& error) {
        CHECK(contains(error.what(), "lesson.json:3: not valid JSON"));
    }
}

TEST_CASE("a lesson file with a NUL byte, a key given twice or nesting past 128 is one line (docs/aws-rules.md 5.27)",
          "[curriculum]") {
    TempDir dir("loader-hostile");
    const fs::path file = write_tiny_lesson(dir.path(), 1);
    const std::string valid = read_file(file);
    std::string expected;
    SECTION("a NUL byte, with garbage after it") {
        write_file(file, valid + std::string(1, '\0') + "garbage");
        expected = "not valid JSON: a NUL byte (JSON text cannot hold one)";
    }
    SECTION("a key given twice") {
        write_file(file, "{\"id\": \"day-01\",\n \"id\": \"day-02\"}");
        expected = "lesson.json:2: id: duplicate key; each key may appear only once in an object";
    }
    SECTION("nested past 128") {
        write_file(file, std::string(100'000, '[') + std::string(100'000, ']'));
        expected = "not valid JSON: nested deeper than 128 arrays and objects (the simulator's limit)";
    }
    try {
        load_lesson(file);
        FAIL("loaded");
    } catch (const queuelab::sim::InputError& error) {
        const std::string what = error.what();
        CHECK(what.find('\n') == std::string::npos);
        CHECK(contains(what, "lesson.json"));
        CHECK(contains(what, expected));
    }
}

TEST_CASE("a broken lesson yields its own error and the others still load", "[curriculum]") {
    TempDir dir("loader-catalog");
    write_tiny_lesson(dir.path(), 1);
    write_tiny_lesson(dir.path(), 2, [](json& l) { l["minutes"]["read"] = 0; });
    write_tiny_lesson(dir.path(), 3);
    fs::create_directories(dir.path() / "scenarios");  // a folder without lesson.json is not a lesson
    const LessonCatalog catalog = load_lessons(dir.path());
    REQUIRE(catalog.lessons.size() == 2);
    CHECK(catalog.lessons[0].id == "day-01");
    CHECK(catalog.lessons[1].id == "day-03");
    REQUIRE(catalog.errors.size() == 1);
    CHECK(contains(catalog.errors[0], "day-02/lesson.json"));
    CHECK(contains(catalog.errors[0], "minutes.read: expected a whole number from 1 to 240, got 0"));
}

TEST_CASE("a handler exercise names a function of its scenario and source files next to the lesson", "[curriculum]") {
    const auto handler_exercise = [](const char* function, const char* start, const char* solution) {
        return [=](json& l) {
            auto& task = l["practice"][0];
            task["editable"] = json::array();
            task["handler_source"] = {{"function", function}, {"start", start}};
            task["solution"] = {{"source", solution}};
        };
    };
    // The tiny lesson's folder holds read.md, tiny.json and lesson.json: use them as the sources.
    {
        TempDir dir("loader-handler-exercise");
        const Lesson lesson = load_lesson(write_tiny_lesson(dir.path(), 1, handler_exercise("processor", "read.md", "tiny.json")));
        const Task& task = *lesson.find_task("partial");
        REQUIRE(task.handler_exercise);
        CHECK(task.handler_exercise->function == "processor");
        CHECK(task.handler_exercise->start == lesson.file.parent_path() / "read.md");
        CHECK(task.solution.source == lesson.file.parent_path() / "tiny.json");
        CHECK(task.editable.empty());
    }
    CHECK(contains(load_error("loader-handler-missing", handler_exercise("processor", "start.cpp", "tiny.json")),
                   "practice.0.handler_source.start: no such file: "));
    CHECK(contains(load_error("loader-handler-solution", handler_exercise("processor", "read.md", "solution.cpp")),
                   "practice.0.solution.source: no such file: "));
    CHECK(contains(load_error("loader-handler-function", handler_exercise("worker", "read.md", "tiny.json")),
                   "practice.0.handler_source.function: not a function of tiny.json: \"worker\""));
}
