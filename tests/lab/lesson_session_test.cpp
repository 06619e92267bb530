// The lesson panel's state without a window, on the project's own day 6 (lessons/day-06): a
// question goes predict → run → explain, an exercise edits only what it lists and its checks
// judge the run, hints come one at a time, a shown solution does not count as solved, and every
// change is saved in the progress file (docs/lesson-format.md "Progress").

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "lab/lesson_session.h"
#include "lab/markdown.h"
#include "test_handlers.h"

using namespace queuelab;
using lab::LessonSession;
using lab::LessonStatus;
using lab::TaskStage;
namespace fs = std::filesystem;

namespace {

const fs::path kLessons = fs::path(QUEUELAB_SOURCE_DIR) / "lessons";

struct Folder {
    fs::path path;
    explicit Folder(const std::string& name) : path(fs::temp_directory_path() / ("queuelab-lesson-session-" + name)) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path progress() const { return path / "progress.json"; }
};

LessonSession session_on(const Folder& folder) {
    LessonSession session;
    session.set_catalog(test::test_handler_catalog());
    session.load(kLessons, curriculum::ProgressStore(folder.progress()));
    return session;
}

// The progress as the file on disk has it, read by a fresh session.
curriculum::Progress saved(const Folder& folder) { return session_on(folder).progress(); }

}  // namespace

TEST_CASE("every lesson loads and an unknown lesson is refused naming the ids", "[lab][lessons]") {
    Folder folder("open");
    LessonSession session = session_on(folder);
    CHECK(session.catalog().lessons.size() == 14);
    CHECK(session.catalog().errors.empty());
    CHECK_FALSE(session.open("day-99"));
    CHECK(session.last_error.find("day-01, day-02") != std::string::npos);
    REQUIRE(session.open("day-06"));
    CHECK(session.lesson()->title == "Lambda integration with SQS");
    CHECK(session.task() == nullptr);  // the Read page first
}

TEST_CASE("a study question runs only after the prediction is committed, and reveals after the run", "[lab][lessons]") {
    Folder folder("predict");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    REQUIRE(session.select_task("ignored-response"));
    CHECK(session.stage() == TaskStage::Predict);
    CHECK_FALSE(session.run());
    CHECK(session.last_error == "commit your prediction before the run");

    CHECK(session.commit_prediction().find("bad-message-fate") != std::string::npos);  // not answered
    session.set_answer("bad-message-fate", "vanished");
    CHECK(session.commit_prediction().find("bad-message-fate") != std::string::npos);  // not one of the choices
    CHECK(session.stage() == TaskStage::Predict);

    session.set_answer("bad-message-fate", "retried");
    CHECK(session.commit_prediction().empty());
    CHECK(session.stage() == TaskStage::Ready);
    session.set_answer("bad-message-fate", "lost");  // a committed prediction cannot change
    CHECK(session.answer("bad-message-fate") == "retried");

    const auto launch = session.run();
    REQUIRE(launch);
    CHECK(launch->scenario.filename() == "poison-pill.json");
    REQUIRE(launch->overrides.size() == 1);
    CHECK(launch->overrides[0].path == "mappings.0.FunctionResponseTypes");
    CHECK(session.stage() == TaskStage::Played);
    session.reveal();
    CHECK(session.stage() == TaskStage::Revealed);
    // Without ReportBatchItemFailures the bad message is deleted with the batch: lost, not retried.
    REQUIRE(session.outcome() != nullptr);
    REQUIRE(session.outcome()->checks.size() == 1);
    CHECK_FALSE(session.outcome()->checks[0].passed);
    REQUIRE(session.outcome()->moment);
    CHECK(session.outcome()->moment->found);
    const auto progress = saved(folder);
    const auto* recorded = progress.find("day-06", "ignored-response");
    REQUIRE(recorded != nullptr);
    CHECK(recorded->work.answers.at("bad-message-fate") == "retried");
    CHECK_FALSE(recorded->solved);

    // Reopened later, the question remembers the committed prediction: it is ready to run again.
    LessonSession later = session_on(folder);
    REQUIRE(later.open("day-06"));
    REQUIRE(later.select_task("ignored-response"));
    CHECK(later.stage() == TaskStage::Ready);
    later.set_answer("bad-message-fate", "lost");
    CHECK(later.answer("bad-message-fate") == "retried");
}

TEST_CASE("an exercise edits only its listed parameters and its checks judge the run", "[lab][lessons]") {
    Folder folder("exercise");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    REQUIRE(session.select_task("turn-it-on"));
    CHECK(session.stage() == TaskStage::Ready);
    CHECK(session.edit("mappings.0.FunctionResponseTypes") == "[]");  // the lesson's starting state

    REQUIRE(session.run());
    REQUIRE(session.outcome()->checks.size() == 4);
    CHECK_FALSE(session.outcome()->checks[0].passed);  // nothing is lost: the bad message is
    CHECK(session.outcome()->checks[0].line == "nothing is lost (totals.lost): measured 1, expected == 0");
    CHECK_FALSE(session.solved_now());

    session.set_edit("queues.orders.VisibilityTimeout", "5");  // not editable here: ignored
    CHECK(session.edit("queues.orders.VisibilityTimeout").empty());
    session.set_edit("mappings.0.FunctionResponseTypes", "[\"ReportBatchItemFailures\"]");
    CHECK(session.outcome() == nullptr);  // an edit clears the last run's outcome
    const auto launch = session.run();
    REQUIRE(launch);
    // The lesson's starting edit, then the learner's.
    REQUIRE(launch->overrides.size() == 2);
    CHECK(launch->overrides[1].path == "mappings.0.FunctionResponseTypes");
    CHECK(launch->overrides[1].value == "[\"ReportBatchItemFailures\"]");
    CHECK(session.solved_now());
    const auto progress = saved(folder);
    const auto* recorded = progress.find("day-06", "turn-it-on");
    REQUIRE(recorded != nullptr);
    CHECK(recorded->solved);
    CHECK(recorded->work.set.at("mappings.0.FunctionResponseTypes") == nlohmann::json::array({"ReportBatchItemFailures"}));

    session.set_edit("mappings.0.FunctionResponseTypes", "[ReportBatchItemFailures");
    CHECK_FALSE(session.run());
    CHECK(session.last_error.find("expected a JSON value") != std::string::npos);
}

TEST_CASE("an exercise's fields show the values its scenario starts with until the learner edits them", "[lab][lessons]") {
    Folder folder("starting-values");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-12"));
    REQUIRE(session.select_task("idempotency-store"));
    CHECK(session.edit("functions.processor.Handler") == "\"call-downstream\"");
    CHECK(session.edit("functions.processor.Simulation.Params") ==
          R"({"Downstream":"orders-db","Operation":"INSERT order"})");
    session.set_edit("functions.processor.Handler", "\"idempotent-store\"");
    CHECK(session.edit("functions.processor.Handler") == "\"idempotent-store\"");
    session.reset_task();
    CHECK(session.edit("functions.processor.Handler") == "\"call-downstream\"");
}

TEST_CASE("a run happens in the background and is recorded when finish_run hands it to the lab", "[lab][lessons]") {
    Folder folder("background");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    REQUIRE(session.select_task("turn-it-on"));
    session.set_edit("mappings.0.FunctionResponseTypes", "[\"ReportBatchItemFailures\"]");
    REQUIRE(session.start_run());
    CHECK(session.running());
    CHECK_FALSE(session.start_run());  // one run at a time
    CHECK(session.last_error == "a run is still running");
    REQUIRE(session.select_task("nine-of-ten"));  // the learner moves on while it runs
    std::optional<queuelab::lab::Launch> launch;
    while (session.running()) {
        launch = session.finish_run();
        if (session.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(launch);
    CHECK(launch->scenario.filename() == "poison-pill.json");
    const auto progress = saved(folder);
    const auto* recorded = progress.find("day-06", "turn-it-on");
    REQUIRE(recorded != nullptr);
    CHECK(recorded->solved);
    REQUIRE(session.select_task("turn-it-on"));
    CHECK(session.solved_now());
}

TEST_CASE("hints come one at a time and are remembered", "[lab][lessons]") {
    Folder folder("hints");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    REQUIRE(session.select_task("turn-it-on"));
    CHECK(session.hints_shown() == 0);
    CHECK(session.next_hint());
    CHECK(session.next_hint());
    CHECK(session.next_hint());
    CHECK_FALSE(session.next_hint());  // day-06 turn-it-on has three
    CHECK(session.hints_shown() == 3);
    const auto progress = saved(folder);
    REQUIRE(progress.find("day-06", "turn-it-on") != nullptr);
    CHECK(progress.find("day-06", "turn-it-on")->hints_shown == 3);
}

TEST_CASE("show solution fills in the reference, which passes but does not count as solved, and reset forgets", "[lab][lessons]") {
    Folder folder("solution");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    REQUIRE(session.select_task("nine-of-ten"));
    session.show_solution();
    CHECK(session.solution_shown());
    CHECK(session.answer("fate") == "all-retried");
    CHECK(session.answer("in-dlq") == "10");
    REQUIRE(session.commit_prediction().empty());
    REQUIRE(session.run());
    CHECK(session.solved_now());
    const auto progress = saved(folder);
    REQUIRE(progress.find("day-06", "nine-of-ten") != nullptr);
    CHECK_FALSE(progress.find("day-06", "nine-of-ten")->solved);

    session.reset_task();
    CHECK(session.stage() == TaskStage::Predict);
    CHECK(session.answer("fate").empty());
    CHECK(saved(folder).find("day-06", "nine-of-ten") == nullptr);
}

TEST_CASE("a lesson is not started, in progress, then done when read and every task it can do is solved", "[lab][lessons]") {
    Folder folder("status");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    const auto& lesson = *session.lesson();
    CHECK(session.status(lesson) == LessonStatus::NotStarted);
    session.mark_read();
    CHECK(session.status(lesson) == LessonStatus::InProgress);
    for (const auto& task : lesson.tasks) {
        REQUIRE(session.select_task(task.id));
        for (const auto& [key, text] : task.solution.answers) session.set_answer(key, text);
        for (const auto& [path, value] : task.solution.set) session.set_edit(path, value.dump());
        if (task.handler_exercise) {
            // The learner writes the reference handler into their own copy.
            fs::copy_file(task.solution.source, session.learner_handler(), fs::copy_options::overwrite_existing);
        }
        if (task.is_question()) REQUIRE(session.commit_prediction().empty());
        INFO(task.id << ": " << session.last_error);
        REQUIRE(session.run());
        CHECK(session.solved_now());
    }
    CHECK(session.status(lesson) == LessonStatus::Done);
    CHECK(session_on(folder).status(lesson) == LessonStatus::Done);
}

TEST_CASE("a corrupt progress file is kept as a backup and reported", "[lab][lessons]") {
    Folder folder("corrupt");
    std::ofstream(folder.progress()) << "{not progress";
    LessonSession session = session_on(folder);
    CHECK_FALSE(session.progress_problem().empty());
    CHECK(session.progress().lessons.empty());
    int backups = 0;
    for (const auto& entry : fs::directory_iterator(folder.path)) backups += entry.path().filename().string().starts_with("progress.json.corrupt-");
    CHECK(backups == 1);
}

TEST_CASE("progress exports, imports and resets from the panel", "[lab][lessons]") {
    Folder folder("export");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    session.mark_read();
    const fs::path exported = folder.path / "exported.json";
    CHECK(session.export_progress(exported).empty());
    session.reset_progress();
    CHECK(saved(folder).lessons.empty());
    CHECK(session.import_progress(exported).empty());
    CHECK(saved(folder).read_done("day-06"));
    std::ofstream(folder.path / "bad.json") << "[]";
    CHECK_FALSE(session.import_progress(folder.path / "bad.json").empty());
    CHECK(saved(folder).read_done("day-06"));  // a bad import changes nothing
}

TEST_CASE("show me finds the scenarios a lesson text names", "[lab][lessons]") {
    Folder folder("show-me");
    LessonSession session = session_on(folder);
    REQUIRE(session.open("day-06"));
    const auto named = session.scenario_named("lessons/scenarios/poison-pill.json");
    REQUIRE(named);
    CHECK(named->scenario == (kLessons / "scenarios" / "poison-pill.json").lexically_normal());
    CHECK(session.scenario_named("poison-pill.json"));
    CHECK_FALSE(session.scenario_named("no-such-scenario.json"));
}

TEST_CASE("every scenario a lesson's Read text names opens with show me", "[lab][lessons]") {
    Folder folder("mentions");
    LessonSession session = session_on(folder);
    int mentions = 0;
    for (const auto& lesson : session.catalog().lessons) {
        REQUIRE(session.open(lesson.id));
        for (const auto& block : lab::parse_markdown(lesson.read)) {
            for (const auto& scenario : lab::scenario_mentions(block.spans)) {
                INFO(lesson.id << ": " << scenario);
                CHECK(session.scenario_named(scenario));
                ++mentions;
            }
        }
    }
    CHECK(mentions >= 8);  // the lessons name at least the eight scenarios they had when this test was written
}
