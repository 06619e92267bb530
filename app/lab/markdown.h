#pragma once
// Lesson text (Markdown) as a small model of blocks and spans, parsed with md4c (CommonMark with
// GitHub's tables), and word-wrapped for a width the caller measures. The GUI draws the model;
// nothing here knows about ImGui, so the parsing and the wrapping are tested without a window.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace queuelab::lab {

// A run of inline text with one style.
struct MdSpan {
    std::string text;
    bool strong = false;
    bool emphasis = false;
    bool code = false;  // `inline code`: drawn in monospace
    std::string link;   // the target of [text](link), or empty

    friend bool operator==(const MdSpan&, const MdSpan&) = default;
};
using MdSpans = std::vector<MdSpan>;

struct MdBlock {
    enum class Kind {
        Heading,    // level 1–6, spans
        Paragraph,  // spans; level = the list depth it sits in (0 outside lists)
        ListItem,   // spans; level = depth from 1; marker "•" or "3."
        Code,       // a fenced or indented code block: code, language
        Table,      // rows of cells; rows[0] is the header row
        Rule,       // a thematic break
    };
    Kind kind = Kind::Paragraph;
    int level = 0;
    std::string marker;
    MdSpans spans;
    std::string code;  // with its line breaks, without the final one
    std::string language;
    std::vector<std::vector<MdSpans>> rows;
};

// Never fails: any text is Markdown.
std::vector<MdBlock> parse_markdown(std::string_view text);

// All the text of some spans, without styles.
std::string plain_text(const MdSpans& spans);

// The scenario files a text names in inline code ("`lessons/scenarios/poison-pill.json`"): each
// code span ending in ".json", in order of appearance, without repeats.
std::vector<std::string> scenario_mentions(const MdSpans& spans);

// One piece of a wrapped line: part of spans[span], starting at x.
struct MdPiece {
    std::size_t span = 0;
    std::string text;
    float x = 0;
};
using MdLine = std::vector<MdPiece>;
// The width of `text` in the style of `span`.
using MdMeasure = std::function<float(std::string_view text, const MdSpan& span)>;

// Breaks the spans into lines no wider than `width`, at spaces (a word longer than the width gets
// a line of its own) and at "\n" (a hard line break). Spaces at the start of a line are dropped.
std::vector<MdLine> wrap_spans(const MdSpans& spans, float width, const MdMeasure& measure);

}  // namespace queuelab::lab
