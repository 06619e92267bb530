// The learner's progress (docs/lesson-format.md "Progress"): one JSON file, written atomically;
// it survives a save and load; a file that is not progress is moved aside and reported, never
// silently discarded; export, import and reset; "show solution" does not count as solved.

#include <catch2/catch.hpp>

#include "curriculum_test_support.h"
#include "input_error.h"
#include "lesson_loader.h"
#include "progress.h"

using namespace queuelab::curriculum;
using namespace queuelab::curriculum::test;

namespace {

Progress some_progress() {
    Progress progress;
    LessonProgress& lesson = progress.lessons["day-01"];
    lesson.read = true;
    TaskProgress& task = lesson.tasks["stop-double-processing"];
    task.work.set["queues.jobs.VisibilityTimeout"] = 180;
    task.work.set["mappings.0.FunctionResponseTypes"] = nlohmann::json::array({"ReportBatchItemFailures"});
    task.checks = {{"0", true}, {"1", false}};
    task.hints_shown = 2;
    TaskProgress& question = lesson.tasks["comes-back"];
    question.work.answers["job0-receives"] = "13";
    question.passed = question.solved = true;
    return progress;
}

}  // namespace

TEST_CASE("progress survives a save and load round trip", "[curriculum]") {
    TempDir dir("progress-roundtrip");
    const ProgressStore store(dir.path() / "deep" / "folder" / "progress.json");
    store.save(some_progress());
    CHECK(!fs::exists(store.file().string() + ".tmp"));  // written through a temporary file, then renamed
    const ProgressStore::Loaded loaded = store.load();
    CHECK(loaded.problem.empty());
    CHECK(loaded.progress == some_progress());
}

TEST_CASE("a missing progress file is empty progress", "[curriculum]") {
    TempDir dir("progress-missing");
    const ProgressStore::Loaded loaded = ProgressStore(dir.path() / "progress.json").load();
    CHECK(loaded.problem.empty());
    CHECK(loaded.progress.lessons.empty());
}

TEST_CASE("a corrupt progress file is kept aside as a backup and reported", "[curriculum]") {
    TempDir dir("progress-corrupt");
    const fs::path file = dir.path() / "progress.json";
    const ProgressStore store(file);
    SECTION("not JSON") {
        write_file(file, "{\"format\": \"queuelab-progress\", \"lessons\": {");
    }
    SECTION("JSON, but not progress") {
        write_file(file, R"({"format": "queuelab-progress", "version": 1, "lessons": {"day-01": {"read": "yes"}}})");
    }
    SECTION("valid progress up to a NUL byte, garbage after it (docs/aws-rules.md 5.27)") {
        write_file(file, std::string(R"({"format": "queuelab-progress", "version": 1, "lessons": {}})") + '\0' + "garbage");
    }
    SECTION("a key given twice, which would drop the first lessons (5.27)") {
        write_file(file, R"({"format": "queuelab-progress", "version": 1, "lessons": {"day-01": {"read": true}}, "lessons": {}})");
    }
    SECTION("nested deeper than 128 arrays and objects (5.27)") {
        write_file(file, std::string(100'000, '[') + std::string(100'000, ']'));
    }
    const std::string original = read_file(file);
    const ProgressStore::Loaded loaded = store.load();
    CHECK(loaded.progress.lessons.empty());
    REQUIRE(!loaded.backup.empty());
    CHECK(loaded.backup.string().find("progress.json.corrupt-") != std::string::npos);
    CHECK(read_file(loaded.backup) == original);  // nothing of it is lost
    CHECK(!fs::exists(file));
    CHECK(loaded.problem.find(file.string()) != std::string::npos);
    CHECK(loaded.problem.find("kept as " + loaded.backup.string()) != std::string::npos);
    CHECK(loaded.problem.find('\n') == std::string::npos);

    // The next corrupt file gets its own backup instead of overwriting the first.
    write_file(file, "garbage");
    const ProgressStore::Loaded again = store.load();
    CHECK(again.backup != loaded.backup);
    CHECK(read_file(loaded.backup) == original);
}

TEST_CASE("export, import and reset", "[curriculum]") {
    TempDir dir("progress-export");
    const fs::path exported = dir.path() / "exported.json";
    ProgressStore::export_to(some_progress(), exported);
    CHECK(ProgressStore::import_from(exported) == some_progress());

    write_file(dir.path() / "bad.json", R"({"format": "something-else", "version": 1, "lessons": {}})");
    try {
        ProgressStore::import_from(dir.path() / "bad.json");
        FAIL("imported");
    } catch (const queuelab::sim::InputError& error) {
        CHECK(std::string(error.what()).find("bad.json: format: expected \"queuelab-progress\"") != std::string::npos);
    }

    Progress progress = some_progress();
    progress.reset_lesson("day-01");
    CHECK(progress.lessons.empty());
}

TEST_CASE("results are recorded, and a shown solution does not count as solved, and hints come one at a time", "[curriculum]") {
    TempDir dir("progress-record");
    const Lesson lesson = load_lesson(write_tiny_lesson(dir.path(), 1));
    const Task& exercise = *lesson.find_task("partial");
    Progress progress;

    CHECK(*progress.next_hint(lesson, exercise) == "One");
    CHECK(*progress.next_hint(lesson, exercise) == "Two");
    CHECK(progress.next_hint(lesson, exercise) == nullptr);
    CHECK(progress.find(lesson.id, exercise.id)->hints_shown == 2);

    const Work untouched;
    progress.record(lesson, exercise, untouched, run_task(exercise, untouched, "test"));
    const TaskProgress* entry = progress.find(lesson.id, exercise.id);
    CHECK(!entry->passed);
    CHECK(entry->checks.at("0") == false);  // the poison was lost, not dead-lettered
    CHECK(progress.status(lesson, Part::Practice).solved == 0);

    const Work solution = progress.show_solution(lesson, exercise);
    progress.record(lesson, exercise, solution, run_task(exercise, solution, "test"));
    CHECK(progress.find(lesson.id, exercise.id)->passed);
    CHECK(!progress.find(lesson.id, exercise.id)->solved);

    progress.reset_task(lesson, exercise);
    progress.record(lesson, exercise, solution, run_task(exercise, solution, "test"));
    CHECK(progress.find(lesson.id, exercise.id)->solved);
    CHECK(progress.status(lesson, Part::Practice).done());
    CHECK(progress.find(lesson.id, exercise.id)->work == solution);
}

TEST_CASE("a progress file larger than 64 MiB is not read, and is left as it is (docs/aws-rules.md 5.27)", "[curriculum]") {
    TempDir dir("progress-huge");
    const fs::path file = dir.path() / "progress.json";
    write_file(file, "{}");
    fs::resize_file(file, (std::uintmax_t{64} << 20) + 1);  // sparse: no disk used
    const ProgressStore::Loaded loaded = ProgressStore(file).load();
    CHECK(loaded.progress.lessons.empty());
    CHECK(loaded.backup.empty());
    CHECK(fs::file_size(file) == (std::uintmax_t{64} << 20) + 1);
    CHECK(loaded.problem == file.string() + ": expected a progress file of at most 64 MiB (the simulator's limit), got "
                                            "more; starting with empty progress (the file is left as it is)");
}
