// Lesson text (docs/lesson-format.md: the Read text and task text are Markdown with headings,
// lists, code blocks and tables) parsed into the blocks and spans the lab draws, and wrapped.

#include <catch2/catch.hpp>

#include "lab/markdown.h"

using namespace queuelab::lab;
using Kind = MdBlock::Kind;

TEST_CASE("headings and paragraphs keep their level and inline styles, soft breaks become spaces", "[lab][markdown]") {
    const auto blocks = parse_markdown("# Title\n\n## Part two\n\nSome *emphasis*, **strong** and `code`\nnext line, [a link](https://aws.amazon.com/sqs/).\n");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].kind == Kind::Heading);
    CHECK(blocks[0].level == 1);
    CHECK(plain_text(blocks[0].spans) == "Title");
    CHECK(blocks[1].level == 2);
    REQUIRE(blocks[2].kind == Kind::Paragraph);
    CHECK(plain_text(blocks[2].spans) == "Some emphasis, strong and code next line, a link.");
    const auto& spans = blocks[2].spans;
    REQUIRE(spans.size() == 9);
    CHECK(spans[1] == MdSpan{"emphasis", false, true, false, ""});
    CHECK(spans[3] == MdSpan{"strong", true, false, false, ""});
    CHECK(spans[5] == MdSpan{"code", false, false, true, ""});
    CHECK(spans[7] == MdSpan{"a link", false, false, false, "https://aws.amazon.com/sqs/"});
}

TEST_CASE("list items carry their marker and depth, loose or tight", "[lab][markdown]") {
    const auto blocks = parse_markdown("- one\n- two\n  1. first\n  2. second\n\n3. three\n\n4. four\n");
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0].kind == Kind::ListItem);
    CHECK(blocks[0].marker == "\xE2\x80\xA2");
    CHECK(blocks[0].level == 1);
    CHECK(plain_text(blocks[1].spans) == "two");
    CHECK(blocks[2].marker == "1.");
    CHECK(blocks[2].level == 2);
    CHECK(plain_text(blocks[3].spans) == "second");
    // A loose ordered list starting at 3: its paragraphs are the items' own text.
    CHECK(blocks[4].marker == "3.");
    CHECK(blocks[4].level == 1);
    CHECK(plain_text(blocks[4].spans) == "three");
    CHECK(blocks[5].marker == "4.");
}

TEST_CASE("a fenced code block keeps its lines and language, without Markdown inside", "[lab][markdown]") {
    const auto blocks = parse_markdown("```json\n{\"batchItemFailures\": [\n  {\"itemIdentifier\": \"*id*\"}]}\n```\n");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].kind == Kind::Code);
    CHECK(blocks[0].language == "json");
    CHECK(blocks[0].code == "{\"batchItemFailures\": [\n  {\"itemIdentifier\": \"*id*\"}]}");
}

TEST_CASE("a table is rows of cells, the header row first, cells keep their styles", "[lab][markdown]") {
    const auto blocks = parse_markdown("| response | Lambda treats the batch as |\n| --- | --- |\n| `null` | all succeeded |\n| an exception | **all** failed |\n");
    REQUIRE(blocks.size() == 1);
    REQUIRE(blocks[0].kind == Kind::Table);
    const auto& rows = blocks[0].rows;
    REQUIRE(rows.size() == 3);
    REQUIRE(rows[0].size() == 2);
    CHECK(plain_text(rows[0][1]) == "Lambda treats the batch as");
    REQUIRE(rows[1][0].size() == 1);
    CHECK(rows[1][0][0].code);
    CHECK(plain_text(rows[2][1]) == "all failed");
    CHECK(rows[2][1][0].strong);
}

TEST_CASE("entities are decoded and a thematic break is a rule", "[lab][markdown]") {
    const auto blocks = parse_markdown("a &lt; b &amp; c &#8594; d\n\n---\n");
    REQUIRE(blocks.size() == 2);
    CHECK(plain_text(blocks[0].spans) == "a < b & c \xE2\x86\x92 d");
    CHECK(blocks[1].kind == Kind::Rule);
}

TEST_CASE("the scenarios a text names in inline code are found for the show-me buttons", "[lab][markdown]") {
    const auto blocks = parse_markdown(
        "Open `lessons/scenarios/poison-pill.json` and `slow-worker.json`; then `poison-pill.json` again "
        "(`lessons/scenarios/poison-pill.json`, not `totals.lost` nor plain poison.json).");
    REQUIRE(blocks.size() == 1);
    CHECK(scenario_mentions(blocks[0].spans) ==
          std::vector<std::string>{"lessons/scenarios/poison-pill.json", "slow-worker.json", "poison-pill.json"});
}

namespace {
// One unit per byte; code is twice as wide.
float measure(std::string_view text, const MdSpan& span) { return static_cast<float>(text.size()) * (span.code ? 2.0f : 1.0f); }

std::vector<std::string> line_texts(const std::vector<MdLine>& lines) {
    std::vector<std::string> texts;
    for (const auto& line : lines) {
        std::string text;
        for (const auto& piece : line) text += piece.text;
        texts.push_back(text);
    }
    return texts;
}
}  // namespace

TEST_CASE("wrapping breaks at spaces within the width, never starts a line with a space", "[lab][markdown]") {
    const MdSpans spans{{"aaa bbb ccc dddddddddddddd e", false, false, false, ""}};
    CHECK(line_texts(wrap_spans(spans, 10, measure)) == std::vector<std::string>{"aaa bbb ", "ccc ", "dddddddddddddd ", "e"});
}

TEST_CASE("wrapping places each style's piece at its x and honours hard breaks", "[lab][markdown]") {
    const MdSpans spans{{"set ", false, false, false, ""}, {"BatchSize", false, false, true, ""}, {" to 10\nnow", false, false, false, ""}};
    const auto lines = wrap_spans(spans, 100, measure);
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].size() == 3);
    CHECK(lines[0][1].span == 1);
    CHECK(lines[0][1].x == 4);
    CHECK(lines[0][2].x == 22);  // "set " is 4, the code 9 × 2
    CHECK(lines[0][2].text == " to 10");
    CHECK(line_texts(lines)[1] == "now");
}
