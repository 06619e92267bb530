// The desktop lab opens under Xvfb, shows each of its views on a scenario and writes a screenshot
// that shows something (not one flat colour). Each run renders a few frames and exits. Where a
// panel must be there, the test also reads the text the last frame drew (--text-dump). Without a
// display, and with bad options, it says so in one line (issue 15).

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "gui_test_support.h"

using namespace queuelab::gui_tests;

TEST_CASE("the lab shows the topology of a running scenario", "[gui]") {
    check_shows_something(screenshot_of("--scenario " + kPoisonPill + " --view topology --at 31 --speed 10", "topology.png"));
}

TEST_CASE("the lab shows the topology of a Kinesis stream scenario", "[gui]") {
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-poison-bounded.json";
    check_shows_something(screenshot_of("--scenario " + scenario + " --view topology --at 40", "topology-stream.png"));
}

TEST_CASE("the lab shows a FIFO queue's message groups", "[gui]") {
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/fifo-groups.json";
    check_shows_something(screenshot_of("--scenario " + scenario + " --view topology --at 12", "topology-fifo.png"));
}

TEST_CASE("the lab shows the charts view", "[gui]") {
    check_shows_something(screenshot_of("--scenario " + kPoisonPill + " --view charts --at 100", "charts.png"));
}

TEST_CASE("the lab shows the inspector", "[gui]") {
    check_shows_something(screenshot_of("--scenario " + kPoisonPill + " --view inspector", "inspector.png"));
}

// Message #9 is the poison pill: its life ends in the DLQ (docs/aws-rules.md 1.15). Without the
// selection the panel shows neither its number nor its state, and this fails.
TEST_CASE("the lab shows a selected message's life", "[gui]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --view messages --at 100 --select-message 9", "messages");
    using Catch::Matchers::Contains;
    CHECK_THAT(text, Contains("Message #9"));
    CHECK_THAT(text, Contains("Now: in the dead-letter queue orders-dlq"));
    CHECK_THAT(text, Contains("Body: not json"));
}

TEST_CASE("the lab shows a selected invocation", "[gui]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --view messages --at 100 --select-invocation 0", "invocation");
    using Catch::Matchers::Contains;
    CHECK_THAT(text, Contains("Invocation "));
    CHECK_THAT(text, Contains("Function processor: "));
    CHECK_THAT(text, Contains("Event (as Lambda sent it to the handler):"));
}

TEST_CASE("the lab shows a selected stream invocation with its Kinesis event", "[gui]") {
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-tumbling-window.json";
    check_shows_something(
        screenshot_of("--scenario " + scenario + " --view messages --at 30 --select-invocation 3", "invocation-stream.png"));
}

TEST_CASE("the lab shows a selected stream record's life", "[gui]") {
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-poison-bounded.json";
    check_shows_something(screenshot_of("--scenario " + scenario + " --view messages --at 40 --select-record 80", "record-stream.png"));
}

TEST_CASE("the lab compares a run with and without ReportBatchItemFailures", "[gui]") {
    check_shows_something(screenshot_of("--scenario " + kPoisonPill +
                                            " --view compare --at 31 --compare-set 'mappings.0.FunctionResponseTypes=[]'",
                                        "compare.png"));
}

TEST_CASE("the lab compares a stream mapping with and without a retry limit", "[gui]") {
    const std::string scenario = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-poison-bounded.json";
    check_shows_something(screenshot_of("--scenario " + scenario +
                                            " --view compare --at 60 --compare-set 'mappings.0.MaximumRetryAttempts=-1'",
                                        "compare-stream.png"));
}

TEST_CASE("a broken scenario opens with its error shown instead of failing", "[gui]") {
    const auto broken = std::filesystem::temp_directory_path() / "queuelab-gui-broken.json";
    std::ofstream(broken) << "{\"name\": \"broken\", \"queues\": {\"q\": {\"VisibilityTimeout\": 99999}}}";
    check_shows_something(screenshot_of("--scenario " + broken.string(), "broken.png"));
}

// The lesson panel (issue 12) reports what it drew in the last frame; without the panel there is
// no such line and these fail.
TEST_CASE("the lab opens a lesson beside the simulation on its Read page", "[gui][lessons]") {
    const auto shot = screenshot_of("--lesson day-06 --at 31", "lesson-read.png");
    check_shows_something(shot);
    CHECK(shot.output.find("lesson panel: day-06 Lambda integration with SQS: Read\n") != std::string::npos);
}

TEST_CASE("the lab opens a lesson on one of its exercises", "[gui][lessons]") {
    const auto shot = screenshot_of("--lesson day-06/turn-it-on", "lesson-practice.png");
    check_shows_something(shot);
    CHECK(shot.output.find("lesson panel: day-06 Lambda integration with SQS: turn-it-on\n") != std::string::npos);
}

// Without the preview the lab keeps the scenario it started with (poison-pill) and no
// "day-12-orders-db" is drawn.
TEST_CASE("a lesson's task shows its own scenario in the lab before it runs", "[gui][lessons]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --lesson day-12/idempotency-store", "lesson-preview");
    CHECK(text.find("day-12-orders-db") != std::string::npos);
    CHECK(text.find("orders-db") != std::string::npos);
}

// The exercise's starting state (FunctionResponseTypes []) loses the bad message: of "nothing is
// lost", "no good message is processed twice", "the bad message reaches the DLQ" and "the nine
// good messages are processed" only the second holds (docs/aws-rules.md 2.11).
TEST_CASE("a lesson's exercise runs in the lab and shows its checks when the run has played", "[gui][lessons]") {
    const auto shot = screenshot_of("--lesson day-06/turn-it-on --lesson-run --at 600", "lesson-run.png");
    check_shows_something(shot);
    CHECK(shot.output.find("lesson panel: day-06 Lambda integration with SQS: turn-it-on, 1 of 4 checks pass\n") != std::string::npos);
}

TEST_CASE("the lesson browser lists every lesson", "[gui][lessons]") {
    const auto shot = screenshot_of("--view lesson", "lesson-browser.png");
    check_shows_something(shot);
    CHECK(shot.output.find("lesson panel: lesson browser: 14 lessons\n") != std::string::npos);
}

TEST_CASE("an unknown lesson is shown as an error in the window", "[gui][lessons]") {
    const auto shot = screenshot_of("--lesson day-99", "lesson-unknown.png");
    check_shows_something(shot);
    CHECK(shot.output.find("lesson panel: lesson browser") != std::string::npos);
}

TEST_CASE("the inspector shows the learner's handler workspace with their handlers", "[gui][workspace]") {
    const auto data = std::filesystem::temp_directory_path() / "queuelab-gui-tests" / "data";
    std::filesystem::create_directories(data / "handlers");
    std::ofstream(data / "handlers" / "order_handler.cpp") << "// mine\n";
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --view inspector", "workspace",
                                        "QUEUELAB_DATA_HOME=" + data.string());
    using Catch::Matchers::Contains;
    CHECK_THAT(text, Contains("Your handlers"));
    CHECK_THAT(text, Contains("SQS template"));
    CHECK_THAT(text, Contains("Kinesis template"));
    CHECK_THAT(text, Contains("order_handler.cpp"));
    CHECK_THAT(text, Contains("open in editor"));
}

TEST_CASE("a selected invocation shows its log as Lambda writes it", "[gui][logs]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --view messages --at 100 --select-invocation 0", "logs");
    using Catch::Matchers::Contains;
    CHECK_THAT(text, Contains("Log (as Lambda writes it"));
    CHECK_THAT(text, Contains("REPORT RequestId:"));
}

TEST_CASE("without a display the lab checks --scenario first, and its hint runs that scenario", "[gui]") {
    SECTION("a missing file is bad input: one line naming it, exit code 2") {
        const auto run = without_display("--scenario /no/such/scenario.json");
        CHECK(run.exit_code == 2);
        CHECK(run.err == "/no/such/scenario.json: cannot read file: No such file or directory\n");
    }
    SECTION("a valid file: no display, and the hint names it") {
        const auto run = without_display("--scenario " + kPoisonPill);
        CHECK(run.exit_code == 1);
        CHECK(run.err == "queuelab: no display (or no OpenGL 3.0) available; run the scenario headless instead: "
                         "queuelab run " + kPoisonPill + "\n");
    }
}

TEST_CASE("a bad lab option is one line and exit code 2, naming the range in words", "[gui]") {
    const auto run = without_display("--at abc");
    CHECK(run.exit_code == 2);
    CHECK(run.err == "queuelab: --at: expected a number of virtual seconds from 0 to 2592000, got \"abc\" "
                     "(queuelab --help lists the options)\n");
}
