// `queuelab check`, `lessons` and `progress` as a learner runs them (README.md "Command line" and "Lessons", docs/lesson-format.md):
// one line per check, exit 0 only when every check that ran passed, 1 when one failed, 2 for bad
// input with one line on stderr; the learner's work saved.

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "../curriculum/curriculum_test_support.h"
#include "cli/cli.h"

using namespace queuelab::cli;
using namespace queuelab::curriculum::test;

namespace {

struct Outcome {
    int exit_code;
    std::string out;
    std::string err;
};

Outcome check(CheckOptions options) {
    std::ostringstream out, err;
    const int code = check_command(options, out, err);
    return {code, out.str(), err.str()};
}

Outcome lessons(LessonsOptions options) {
    std::ostringstream out, err;
    const int code = lessons_command(options, out, err);
    return {code, out.str(), err.str()};
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The shipped lessons, with a progress file of the test's own.
CurriculumPaths paths_in(const TempDir& dir) { return {project_lessons(), dir.path() / "progress.json"}; }

}  // namespace

TEST_CASE("check runs a lesson's reference solution: one line per check, exit 0", "[cli][curriculum]") {
    TempDir dir("cli-check-reference");
    CheckOptions options;
    options.lesson_id = "day-01";
    options.paths = paths_in(dir);
    const Outcome outcome = check(options);
    CHECK(outcome.exit_code == 0);
    CHECK(outcome.err.empty());
    CHECK(has(outcome.out, "PASS  practice stop-double-processing: no job is processed twice (totals.processed_more_than_once): measured 0, expected == 0\n"));
    CHECK(has(outcome.out, "day-01: 6 passed, 0 failed\n"));
    CHECK(!fs::exists(dir.path() / "progress.json"));  // the reference is not the learner's work
}

TEST_CASE("a failing check exits 1 and says what was measured against what was expected", "[cli][curriculum]") {
    TempDir dir("cli-check-fail");
    CheckOptions options;
    options.lesson_id = "day-01";
    options.paths = paths_in(dir);
    options.sets = {"queues.jobs.VisibilityTimeout=20"};
    const Outcome outcome = check(options);
    CHECK(outcome.exit_code == 1);
    CHECK(has(outcome.out, "FAIL  practice stop-double-processing: no job is processed twice (totals.processed_more_than_once): measured 3, expected == 0\n"));
    CHECK(has(outcome.out, "day-01: 0 passed, 3 failed\n"));  // only the task the edit belongs to
}

TEST_CASE("a challenge answer is verified by running the experiment", "[cli][curriculum]") {
    TempDir dir("cli-check-answer");
    CheckOptions options;
    options.lesson_id = "day-06";
    options.paths = paths_in(dir);
    options.answers = {"fate=all-retried", "in-dlq=10"};
    CHECK(check(options).exit_code == 0);
    options.answers = {"fate=one-retried", "in-dlq=1"};
    const Outcome wrong = check(options);
    CHECK(wrong.exit_code == 1);
    CHECK(has(wrong.out, "FAIL  challenge nine-of-ten: messages in the DLQ at the end: you answered 1, the run measured 10 (totals.dead_lettered)\n"));
}

TEST_CASE("bad input exits 2 with one line on stderr and nothing on stdout", "[cli][curriculum]") {
    TempDir dir("cli-check-bad");
    CheckOptions options;
    options.paths = paths_in(dir);
    options.lesson_id = "day-01";
    SECTION("an unknown lesson") {
        options.lesson_id = "day-99";
        const Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(has(outcome.err, "no lesson \"day-99\"; expected one of: day-01, day-02"));
        CHECK(has(outcome.err, project_lessons().string()));
        CHECK(lines(outcome.err) == 1);
        CHECK(outcome.out.empty());
    }
    SECTION("an answer to a question the lesson does not ask") {
        options.answers = {"nonsense=3"};
        const Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(has(outcome.err, "--answer: nonsense: not a question of day-01; expected one of: job0-receives, late-delete, min-visibility"));
        CHECK(lines(outcome.err) == 1);
        CHECK(outcome.out.empty());
    }
    SECTION("an answer that is not a number") {
        options.answers = {"job0-receives=many"};
        const Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err == "--answer: job0-receives: expected a number, got \"many\"\n");
    }
    SECTION("an edit of a parameter the exercise does not let you change") {
        options.sets = {"functions.worker.Timeout=1"};
        const Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(has(outcome.err, "--set: functions.worker.Timeout: not a parameter an exercise of day-01 lets you change"));
    }
    SECTION("a value the scenario refuses, with AWS's range") {
        options.sets = {"queues.jobs.VisibilityTimeout=50000"};
        const Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(has(outcome.err, "slow-worker.json: queues.jobs.VisibilityTimeout: expected an integer from 0 to 43200"));
        CHECK(lines(outcome.err) == 1);
        CHECK(outcome.out.empty());
    }
    SECTION("a --set value nested past 128 levels or giving a key twice (docs/aws-rules.md 5.27)") {
        options.sets = {"queues.jobs.VisibilityTimeout=" + std::string(100'000, '[') + std::string(100'000, ']')};
        Outcome outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err == "--set: queues.jobs.VisibilityTimeout: nested deeper than 128 arrays and objects (the simulator's limit)\n");
        options.sets = {R"(queues.jobs.RedrivePolicy={"maxReceiveCount": 1, "maxReceiveCount": 2})"};
        outcome = check(options);
        CHECK(outcome.exit_code == 2);
        CHECK(has(outcome.err, "--set: queues.jobs.RedrivePolicy.maxReceiveCount: "));
        CHECK(lines(outcome.err) == 1);
    }
    SECTION("a handler for a lesson where no handler can be chosen") {
        options.handler = "order-processor";
        CHECK(check(options).exit_code == 2);
    }
    CHECK(!fs::exists(dir.path() / "progress.json"));
}

// Day 6 writes the handler in C++ (docs/lesson-format.md, handler exercises): check runs the
// reference source; --work runs the learner's copy beside their progress, made from the starting
// handler the first time. The copies here live in the build tree so that they are prebuilt.
TEST_CASE("a handler exercise runs the reference source, and the learner's own copy with --work", "[cli][curriculum]") {
    TempDir dir("cli-check-handler");
    CheckOptions options;
    options.lesson_id = "day-06";
    options.paths = paths_in(dir);
    options.catalog = &handler_catalog();
    const Outcome reference = check(options);
    CHECK(reference.exit_code == 0);
    CHECK(has(reference.out, "PASS  practice write-the-handler: only the bad message reaches the DLQ (totals.dead_lettered): measured 1, expected == 1\n"));
    CHECK(has(reference.out, ", 0 failed\n"));

    options.work = true;
    options.task = "write-the-handler";
    options.paths.progress_file = lesson_work("start") / "progress.json";
    const fs::path start_copy = lesson_work("start") / "handlers" / "day-06" / "write-the-handler.cpp";
    const Outcome started = check(options);
    CHECK(started.exit_code == 1);
    CHECK(has(started.out, "      practice write-the-handler: your handler " + start_copy.string() + "\n"));
    CHECK(has(started.out, "FAIL  practice write-the-handler: only the bad message reaches the DLQ (totals.dead_lettered): measured 10, expected == 1\n"));

    options.paths.progress_file = lesson_work("solved") / "progress.json";
    const Outcome solved = check(options);
    CHECK(solved.exit_code == 0);
    CHECK(has(solved.out, "day-06: 4 passed, 0 failed\n"));

    // No copy yet: --work makes one from the starting handler, then never replaces it.
    options.paths.progress_file = dir.path() / "progress.json";
    options.catalog = &queuelab::sim::default_catalog();  // a fresh copy would take a compiler: stop at the copy
    const fs::path copy = dir.path() / "handlers" / "day-06" / "write-the-handler.cpp";
    const Outcome first = check(options);
    CHECK(first.exit_code == 2);  // the built-ins' catalog refuses a source: bad input
    REQUIRE(fs::exists(copy));
    CHECK(read_file(copy) == read_file(project_lessons() / "day-06" / "write-the-handler.start.cpp"));
    write_file(copy, "// my work\n");
    check(options);
    CHECK(read_file(copy) == "// my work\n");
}

TEST_CASE("the learner's edits and answers are saved, checked again with --work and listed", "[cli][curriculum]") {
    TempDir dir("cli-check-work");
    CheckOptions options;
    options.lesson_id = "day-01";
    options.paths = paths_in(dir);
    options.sets = {"queues.jobs.VisibilityTimeout=40"};
    CHECK(check(options).exit_code == 0);
    options.sets.clear();
    options.answers = {"late-delete=deleted"};
    CHECK(check(options).exit_code == 1);

    options.answers.clear();
    options.work = true;
    const Outcome work = check(options);
    CHECK(work.exit_code == 1);  // unanswered and wrong questions fail; the saved edit passes
    CHECK(has(work.out, "PASS  practice stop-double-processing: no job is processed twice"));
    CHECK(has(work.out, "FAIL  study stale-delete: what the late delete does: you answered deleted, the run shows ignored"));
    CHECK(has(work.out, "FAIL  study comes-back: receives of job-0 in 120 s: not answered (expected a number)"));

    LessonsOptions list;
    list.paths = paths_in(dir);
    const Outcome listed = lessons(list);
    CHECK(listed.exit_code == 0);
    CHECK(lines(listed.out) == 14);
    CHECK(has(listed.out, "day-01  week 1, day 1 "));
    CHECK(has(listed.out, "study 0/2  practice 1/1  challenge 0/1"));
    CHECK(has(listed.out, "Idempotency                                110 min   read -     study 0/1  practice 0/2  challenge 0/1\n"));
}

TEST_CASE("lessons shows one lesson, its hints one at a time, and its solution", "[cli][curriculum]") {
    TempDir dir("cli-lessons-one");
    LessonsOptions options;
    options.paths = paths_in(dir);
    options.lesson_id = "day-02";
    const Outcome shown = lessons(options);
    CHECK(shown.exit_code == 0);
    CHECK(has(shown.out, "# day-02: Dead-letter queues and redrive (week 1, day 2)"));
    CHECK(has(shown.out, "## The redrive policy"));  // the Read text
    CHECK(has(shown.out, "    queues.orders.RedrivePolicy\n"));  // what the learner may change

    options.hint_task = "send-to-dlq";
    CHECK(has(lessons(options).out, "Hint: A queue names its dead-letter queue in RedrivePolicy"));
    CHECK(has(lessons(options).out, "Hint: deadLetterTargetArn names the DLQ"));
    options.hint_task.clear();
    options.solution_task = "send-to-dlq";
    CHECK(has(lessons(options).out, "--set queues.orders.RedrivePolicy={\"deadLetterTargetArn\":\"orders-dlq\",\"maxReceiveCount\":5}"));

    // Solving it now does not count as solved.
    CheckOptions solve;
    solve.lesson_id = "day-02";
    solve.paths = paths_in(dir);
    solve.sets = {R"(queues.orders.RedrivePolicy={"deadLetterTargetArn":"orders-dlq","maxReceiveCount":5})"};
    CHECK(check(solve).exit_code == 0);
    options.solution_task.clear();
    options.lesson_id.clear();
    CHECK(has(lessons(options).out, "practice 0/2"));
}

TEST_CASE("broken lesson files are listed on stderr and make lessons exit 2", "[cli][curriculum]") {
    TempDir dir("cli-lessons-broken");
    write_tiny_lesson(dir.path(), 1);
    write_tiny_lesson(dir.path(), 2, [](nlohmann::json& lesson) { lesson["practice"][0]["checks"][0]["op"] = "=~"; });
    LessonsOptions options;
    options.paths = {dir.path(), dir.path() / "progress.json"};
    const Outcome outcome = lessons(options);
    CHECK(outcome.exit_code == 2);
    CHECK(has(outcome.out, "day-01  week 1, day 1"));
    CHECK(lines(outcome.err) == 1);
    CHECK(has(outcome.err, "day-02/lesson.json"));
    CHECK(has(outcome.err, "practice.0.checks.0.op"));
}

TEST_CASE("progress: a corrupt file is reported and kept, and export, import and reset", "[cli][curriculum]") {
    TempDir dir("cli-progress");
    const fs::path file = dir.path() / "progress.json";
    write_file(file, "not progress");
    LessonsOptions list;
    list.paths = paths_in(dir);
    const Outcome listed = lessons(list);
    CHECK(listed.exit_code == 0);
    CHECK(has(listed.err, "queuelab: progress: " + file.string()));
    CHECK(has(listed.err, "kept as " + file.string() + ".corrupt-"));

    CheckOptions solve;
    solve.lesson_id = "day-01";
    solve.paths = paths_in(dir);
    solve.sets = {"queues.jobs.VisibilityTimeout=40"};
    REQUIRE(check(solve).exit_code == 0);

    std::ostringstream out, err;
    ProgressOptions progress;
    progress.paths = paths_in(dir);
    progress.export_to = dir.path() / "backup.json";
    CHECK(progress_command(progress, out, err) == 0);
    progress.export_to.clear();
    progress.reset = true;
    CHECK(progress_command(progress, out, err) == 0);
    CHECK(has(lessons(list).out, "practice 0/1"));
    progress.reset = false;
    progress.import_from = dir.path() / "backup.json";
    CHECK(progress_command(progress, out, err) == 0);
    CHECK(has(lessons(list).out, "practice 1/1"));
    progress.import_from = dir.path() / "missing.json";
    CHECK(progress_command(progress, out, err) == 2);
}
