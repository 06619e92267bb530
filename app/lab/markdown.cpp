#include "markdown.h"

#include <md4c.h>

#include <algorithm>
#include <cstdlib>

namespace queuelab::lab {
namespace {

// The few entities lesson text uses, and numeric ones (ASCII and UTF-8 encoded).
std::string decode_entity(std::string_view entity) {
    if (entity == "&amp;") return "&";
    if (entity == "&lt;") return "<";
    if (entity == "&gt;") return ">";
    if (entity == "&quot;") return "\"";
    if (entity == "&nbsp;") return " ";
    if (entity.size() > 3 && entity[1] == '#') {
        const bool hex = entity[2] == 'x' || entity[2] == 'X';
        const std::string digits(entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3)));
        const unsigned long code = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
        std::string out;
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        return out;
    }
    return std::string(entity);
}

struct ListContext {
    bool ordered = false;
    unsigned next = 1;
};

class Builder {
public:
    std::vector<MdBlock> blocks;

    void enter_block(MD_BLOCKTYPE type, void* detail) {
        switch (type) {
            case MD_BLOCK_DOC:
            case MD_BLOCK_QUOTE:
            case MD_BLOCK_HTML:
            case MD_BLOCK_THEAD:
            case MD_BLOCK_TBODY: break;
            case MD_BLOCK_UL: lists_.push_back({false, 1}); break;
            case MD_BLOCK_OL: lists_.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start}); break;
            case MD_BLOCK_LI: enter_list_item(); break;
            case MD_BLOCK_HR: push(MdBlock::Kind::Rule, 0); break;
            case MD_BLOCK_H: target_ = &push(MdBlock::Kind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)).spans; break;
            case MD_BLOCK_CODE: enter_code(*static_cast<MD_BLOCK_CODE_DETAIL*>(detail)); break;
            case MD_BLOCK_P: enter_paragraph(); break;
            case MD_BLOCK_TABLE: push(MdBlock::Kind::Table, 0); break;
            case MD_BLOCK_TR: blocks.back().rows.emplace_back(); break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: target_ = &blocks.back().rows.back().emplace_back(); break;
        }
    }

    void leave_block(MD_BLOCKTYPE type) {
        switch (type) {
            case MD_BLOCK_UL:
            case MD_BLOCK_OL: lists_.pop_back(); break;
            case MD_BLOCK_CODE:
                if (!blocks.back().code.empty() && blocks.back().code.back() == '\n') blocks.back().code.pop_back();
                in_code_block_ = false;
                break;
            case MD_BLOCK_DOC:
            case MD_BLOCK_QUOTE:
            case MD_BLOCK_HTML:
            case MD_BLOCK_LI:
            case MD_BLOCK_HR:
            case MD_BLOCK_H:
            case MD_BLOCK_P:
            case MD_BLOCK_TABLE:
            case MD_BLOCK_THEAD:
            case MD_BLOCK_TBODY:
            case MD_BLOCK_TR:
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: break;
        }
        target_ = nullptr;
    }

    void span(MD_SPANTYPE type, void* detail, bool enter) {
        const int step = enter ? 1 : -1;
        switch (type) {
            case MD_SPAN_EM: emphasis_ += step; break;
            case MD_SPAN_STRONG: strong_ += step; break;
            case MD_SPAN_CODE: code_ += step; break;
            case MD_SPAN_A: {
                const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
                link_ = enter ? std::string(href.text, href.size) : std::string{};
                break;
            }
            case MD_SPAN_DEL:
            case MD_SPAN_IMG:
            case MD_SPAN_LATEXMATH:
            case MD_SPAN_LATEXMATH_DISPLAY:
            case MD_SPAN_WIKILINK:
            case MD_SPAN_U: break;
        }
    }

    void text(MD_TEXTTYPE type, std::string_view text) {
        if (in_code_block_) {
            blocks.back().code += text;
            return;
        }
        switch (type) {
            case MD_TEXT_SOFTBR: append(" "); break;
            case MD_TEXT_BR: append("\n"); break;
            case MD_TEXT_ENTITY: append(decode_entity(text)); break;
            case MD_TEXT_NULLCHAR: append("\xEF\xBF\xBD"); break;
            case MD_TEXT_NORMAL:
            case MD_TEXT_CODE:
            case MD_TEXT_HTML:
            case MD_TEXT_LATEXMATH: append(text); break;
        }
    }

private:
    MdBlock& push(MdBlock::Kind kind, int level) {
        MdBlock& block = blocks.emplace_back();
        block.kind = kind;
        block.level = level;
        return block;
    }

    void enter_list_item() {
        ListContext& list = lists_.back();
        MdBlock& item = push(MdBlock::Kind::ListItem, static_cast<int>(lists_.size()));
        item.marker = list.ordered ? std::to_string(list.next++) + "." : "\xE2\x80\xA2";
        target_ = &item.spans;
    }

    // A loose list item's first paragraph is the item's own text.
    void enter_paragraph() {
        if (!blocks.empty() && blocks.back().kind == MdBlock::Kind::ListItem && blocks.back().spans.empty()) {
            target_ = &blocks.back().spans;
            return;
        }
        target_ = &push(MdBlock::Kind::Paragraph, static_cast<int>(lists_.size())).spans;
    }

    void enter_code(const MD_BLOCK_CODE_DETAIL& detail) {
        MdBlock& block = push(MdBlock::Kind::Code, static_cast<int>(lists_.size()));
        block.language.assign(detail.lang.text, detail.lang.size);
        in_code_block_ = true;
    }

    void append(std::string_view text) {
        if (target_ == nullptr) {  // text directly in a tight list item after a nested block
            if (blocks.empty()) return;
            target_ = &push(MdBlock::Kind::Paragraph, static_cast<int>(lists_.size())).spans;
        }
        MdSpan style{{}, strong_ > 0, emphasis_ > 0, code_ > 0, link_};
        if (!target_->empty()) {
            MdSpan& last = target_->back();
            if (last.strong == style.strong && last.emphasis == style.emphasis && last.code == style.code && last.link == style.link) {
                last.text += text;
                return;
            }
        }
        style.text = std::string(text);
        target_->push_back(std::move(style));
    }

    std::vector<ListContext> lists_;
    MdSpans* target_ = nullptr;
    bool in_code_block_ = false;
    int strong_ = 0, emphasis_ = 0, code_ = 0;
    std::string link_;
};

Builder& builder_of(void* user) { return *static_cast<Builder*>(user); }

bool is_space(char c) { return c == ' '; }

}  // namespace

std::vector<MdBlock> parse_markdown(std::string_view text) {
    MD_PARSER parser{};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* user) {
        builder_of(user).enter_block(type, detail);
        return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* user) {
        builder_of(user).leave_block(type);
        return 0;
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* user) {
        builder_of(user).span(type, detail, true);
        return 0;
    };
    parser.leave_span = [](MD_SPANTYPE type, void* detail, void* user) {
        builder_of(user).span(type, detail, false);
        return 0;
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
        builder_of(user).text(type, std::string_view(text, size));
        return 0;
    };
    Builder builder;
    md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &builder);
    return std::move(builder.blocks);
}

std::string plain_text(const MdSpans& spans) {
    std::string text;
    for (const auto& span : spans) text += span.text;
    return text;
}

std::vector<std::string> scenario_mentions(const MdSpans& spans) {
    std::vector<std::string> files;
    for (const auto& span : spans) {
        const std::string& name = span.text;
        const bool json_file = span.code && name.size() > 5 && name.ends_with(".json") && name.find(' ') == std::string::npos;
        if (json_file && std::find(files.begin(), files.end(), name) == files.end()) files.push_back(name);
    }
    return files;
}

std::vector<MdLine> wrap_spans(const MdSpans& spans, float width, const MdMeasure& measure) {
    std::vector<MdLine> lines(1);
    float x = 0;
    const auto place = [&](std::size_t span, std::string_view word) {
        const float w = measure(word, spans[span]);
        const bool blank = std::all_of(word.begin(), word.end(), is_space);
        if (x > 0 && x + w > width && !blank) {
            lines.emplace_back();
            x = 0;
        }
        if (x == 0 && blank) return;
        MdLine& line = lines.back();
        if (!line.empty() && line.back().span == span) {
            line.back().text += word;
        } else {
            line.push_back({span, std::string(word), x});
        }
        x += w;
    };
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::string_view rest = spans[i].text;
        while (!rest.empty()) {
            if (rest.front() == '\n') {
                lines.emplace_back();
                x = 0;
                rest.remove_prefix(1);
                continue;
            }
            // Spaces and words are placed separately, so that a line never starts with spaces.
            std::size_t end = 0;
            if (is_space(rest.front())) {
                while (end < rest.size() && is_space(rest[end])) ++end;
            } else {
                while (end < rest.size() && !is_space(rest[end]) && rest[end] != '\n') ++end;
            }
            place(i, rest.substr(0, end));
            rest.remove_prefix(end);
        }
    }
    return lines;
}

}  // namespace queuelab::lab
