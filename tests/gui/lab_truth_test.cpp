// Issue 16, the lab tells the truth at a glance, under Xvfb: compare's verdict and every row the
// CLI shows, the redrive drawn and counted apart, one colour per role, every view usable at
// 1280x720 and 2560x1440 (text scaled, labels whole), and the first-run welcome. Each test reads
// what the last frame drew (--text-dump) or counts pixels of a role's colour, so it fails when
// what it claims is not on screen.

#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "gui_test_support.h"

using namespace queuelab::gui_tests;
using Catch::Matchers::Contains;

namespace {

const std::string kNoPartialBatch = " --compare-set 'mappings.0.FunctionResponseTypes=[]'";

int font_pixels(const std::string& text) {
    std::smatch match;
    const std::regex font("\\[frame\\] font ([0-9]+) px");
    return std::regex_search(text, match, font) ? std::stoi(match[1]) : 0;
}

}  // namespace

TEST_CASE("compare weighs B against A, lost first, with every row the CLI prints (docs/aws-rules.md 2.11)", "[gui][issue16]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --view compare --at 600" + kNoPartialBatch, "compare-verdict");
    CHECK_THAT(text, Contains("B is worse: it loses 1 that A kept; better: dead-lettered -1"));
    CHECK_THAT(text, Contains("lost: messages deleted, and stream records checkpointed past, although the handler last reported them failed"));
    for (const char* row : {"deleted", "processed ok", "lost (gone after a failure)", "time to drain", "cost (Lambda + SQS)"}) {
        CHECK_THAT(text, Contains(row));
    }
}

TEST_CASE("compare counts a failed stream record that the checkpoint passed as lost (docs/aws-rules.md 3.26)", "[gui][issue16]") {
    const std::string text = text_drawn("--scenario " + example("stream-partial-batch.json") + " --view compare --at 120" + kNoPartialBatch,
                                        "compare-stream-lost");
    CHECK_THAT(text, Contains("B is worse: it loses 1 that A kept"));
}

TEST_CASE("a redrive is drawn from the DLQ back to the queue and counted apart from the producer's sends (1.18)", "[gui][issue16]") {
    const std::string scenario = "--scenario " + example("dlq-redrive.json");
    const std::string text = text_drawn(scenario + " --view topology --at 90", "redrive-topology");
    // The move task's rate and count: in full where the gap is wide, else briefly (hover for more).
    CHECK_THAT(text, Contains("StartMessageMoveTask 2/s") || Contains("redrive 2/s"));
    CHECK_THAT(text, Contains(" redriven"));
    // The producer box: "Producer", "sent", then the count of its own sends only.
    CHECK_THAT(text, Contains("Producer\nsent\n40\n"));
    const Rgb redriven{225, 220, 90};  // lab/roles.h Redriven
    const auto with = screenshot_of(scenario + " --view topology --at 90", "redrive.png");
    const auto without = screenshot_of("--scenario " + kPoisonPill + " --view topology --at 90", "no-redrive.png");
    CHECK(with.count(redriven) > without.count(redriven) + 40);  // the arrow and its head, beyond the legend's swatch

    const std::string table = text_drawn(scenario + " --view messages --at 240", "redrive-messages");
    CHECK_THAT(table, Contains("redriven to #"));
}

TEST_CASE("a role has one colour: the DLQ's line and legend are the DLQ's colour in the charts", "[gui][issue16]") {
    const Rgb dead_letter{205, 95, 215}, visible{110, 170, 245}, in_flight{70, 200, 190};  // lab/roles.h
    for (const char* file : {"poison-pill.json", "fifo-groups.json"}) {
        INFO(file);
        const auto shot = screenshot_of("--scenario " + example(file) + " --view charts --at 100", std::string("roles-") + file + ".png");
        CHECK(shot.count(dead_letter) > 30);
        CHECK(shot.count(visible) > 30);
        CHECK(shot.count(in_flight) > 30);
    }
}

TEST_CASE("every view is usable at 1280x720 and at 2560x1440: the window's size, text scaled, labels whole", "[gui][issue16]") {
    struct Size {
        const char* option;
        int width, height, min_font, max_font;
    };
    for (const Size size : {Size{"1280x720", 1280, 720, 13, 15}, Size{"2560x1440", 2560, 1440, 22, 26}}) {
        INFO(size.option);
        const std::string common = " --size " + std::string(size.option);
        const auto shot = screenshot_of("--scenario " + kPoisonPill + " --view topology --at 31" + common, std::string("size-") + size.option + ".png");
        check_shows_something(shot, size.width, size.height);

        const std::string topology = text_drawn("--scenario " + kPoisonPill + " --view inspector --at 31" + common, std::string("size-topology-") + size.option);
        CHECK(font_pixels(topology) >= size.min_font);
        CHECK(font_pixels(topology) <= size.max_font);
        CHECK_THAT(topology, Contains("maxReceiveCount 3"));        // the queue's header, whole
        CHECK_THAT(topology, Contains("Dead-letter queue orders-dlq"));
        CHECK_THAT(topology, Contains("VisibilityTimeout"));        // the side panel's inspector is on screen

        const std::string compare = text_drawn("--scenario " + kPoisonPill + " --view compare --at 600" + kNoPartialBatch + common,
                                               std::string("size-compare-") + size.option);
        CHECK_THAT(compare, Contains("B is worse: it loses 1 that A kept"));
        CHECK_THAT(compare, Contains("time to drain"));

        const std::string charts = text_drawn("--scenario " + kPoisonPill + " --view charts --at 100" + common, std::string("size-charts-") + size.option);
        CHECK_THAT(charts, Contains("Dead-letter queue orders-dlq"));

        const std::string messages = text_drawn("--scenario " + kPoisonPill + " --view messages --at 100 --select-message 9" + common,
                                                std::string("size-messages-") + size.option);
        CHECK_THAT(messages, Contains("Now: in the dead-letter queue orders-dlq"));

        const std::string lesson = text_drawn("--lesson day-06/turn-it-on --lesson-run --at 600" + common,
                                              std::string("size-lesson-") + size.option);
        CHECK(font_pixels(lesson) >= size.min_font);
        CHECK_THAT(lesson, Contains("Run it in the lab"));
        CHECK_THAT(lesson, Contains("the nine good messages are processed"));  // the last check's line, on screen
    }
}

TEST_CASE("the first-run welcome says what the lab is and lists the examples by topic with descriptions", "[gui][issue16]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --welcome", "welcome");
    CHECK_THAT(text, Contains("Welcome to queuelab"));
    CHECK_THAT(text, Contains("Where to start"));
    CHECK_THAT(text, Contains("SQS: retries and dead letters"));
    CHECK_THAT(text, Contains("Kinesis streams"));
    CHECK_THAT(text, Contains("dlq-redrive"));
    CHECK_THAT(text, Contains("Redrive: a flaky handler"));
    const std::string without = text_drawn("--scenario " + kPoisonPill, "no-welcome");  // screenshots skip it
    CHECK_THAT(without, !Contains("Welcome to queuelab"));
}

TEST_CASE("the strip's invocation chart says that its counts are per sample, while the Function box counts since the start",
          "[gui][issue16]") {
    const std::string text = text_drawn("--scenario " + kPoisonPill + " --at 120", "strip-per-sample");
    CHECK_THAT(text, Contains("Invocations per sample\n"));
    CHECK_THAT(text, Contains("1 cold start · 0 errors · 0 throttles"));
}
