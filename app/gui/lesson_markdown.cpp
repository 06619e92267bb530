#include "lesson_markdown.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>

#include "widgets.h"

namespace queuelab::gui {
namespace {

using lab::MdBlock;
using lab::MdSpan;
using lab::MdSpans;

constexpr ImU32 kCodeGround = IM_COL32(40, 44, 52, 255);
const ImVec4 kStrong{1.0f, 1.0f, 1.0f, 1.0f};
const ImVec4 kEmphasis{0.75f, 0.85f, 1.0f, 1.0f};
const ImVec4 kCode{0.85f, 0.90f, 0.70f, 1.0f};
const ImVec4 kLink{0.40f, 0.90f, 0.95f, 1.0f};

ImFont* font_for(const MdSpan& span, ImFont* monospace) {
    return span.code && monospace != nullptr ? monospace : ImGui::GetFont();
}

// The monospace font at the size the window's scale gives the text font.
float font_size_of(ImFont* font) {
    return font->FontSize * ImGui::GetFontSize() / ImGui::GetFont()->FontSize;
}

float measure(std::string_view text, const MdSpan& span, ImFont* monospace) {
    ImFont* font = font_for(span, monospace);
    return font->CalcTextSizeA(font_size_of(font), FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

ImVec4 colour_of(const MdSpan& span) {
    if (!span.link.empty()) return kLink;
    if (span.code) return kCode;
    if (span.strong) return kStrong;
    if (span.emphasis) return kEmphasis;
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// Spans wrapped to what is left of the line, each piece placed at its x from the start.
void draw_spans(const MdSpans& spans, ImFont* monospace) {
    const float width = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4);
    const float start = ImGui::GetCursorPosX();
    const auto lines = lab::wrap_spans(spans, width, [&](std::string_view text, const MdSpan& span) { return measure(text, span, monospace); });
    for (const auto& line : lines) {
        if (line.empty()) {
            ImGui::NewLine();
            continue;
        }
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto& piece = line[i];
            const MdSpan& span = spans[piece.span];
            if (i > 0) ImGui::SameLine(0, 0);
            ImGui::SetCursorPosX(start + piece.x);
            ImFont* font = font_for(span, monospace);
            ImGui::PushFont(font);
            if (span.code) {
                const ImVec2 at = ImGui::GetCursorScreenPos();
                const ImVec2 size = ImGui::CalcTextSize(piece.text.c_str());
                ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + size.x, at.y + ImGui::GetTextLineHeight()), kCodeGround, 3.0f);
            }
            ImGui::PushStyleColor(ImGuiCol_Text, colour_of(span));
            ImGui::TextUnformatted(piece.text.c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
            if (!span.link.empty()) ItemTooltip(span.link.c_str());
        }
    }
}

void draw_show_me(const MdSpans& spans, const MarkdownActions& actions) {
    if (!actions.can_show || !actions.show) return;
    for (const auto& scenario : lab::scenario_mentions(spans)) {
        if (!actions.can_show(scenario)) continue;
        ImGui::PushID(scenario.c_str());
        if (ImGui::SmallButton(("\xE2\x96\xB6 Show me " + std::filesystem::path(scenario).filename().string()).c_str())) actions.show(scenario);
        ItemTooltip("Opens this scenario in the lab and plays it.");
        ImGui::PopID();
    }
}

void draw_heading(const MdBlock& block) {
    const float scale = block.level == 1 ? 1.35f : block.level == 2 ? 1.15f : 1.0f;
    if (block.level <= 2) ImGui::Spacing();
    ImGui::SetWindowFontScale(scale);
    ImGui::PushStyleColor(ImGuiCol_Text, colours::heading());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(lab::plain_text(block.spans).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
}

void draw_code(const MdBlock& block, ImFont* monospace) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float pad = ImGui::GetStyle().FramePadding.x;
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::Indent(pad);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, pad * 0.5f));
    if (monospace != nullptr) ImGui::PushFont(monospace);
    ImGui::PushStyleColor(ImGuiCol_Text, kCode);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - pad);
    ImGui::TextUnformatted(block.code.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (monospace != nullptr) ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, pad * 0.5f));
    ImGui::EndGroup();
    ImGui::Unindent(pad);
    draw->ChannelsSetCurrent(0);
    const ImVec2 min = ImGui::GetItemRectMin();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    draw->AddRectFilled(ImVec2(min.x - pad, min.y), ImVec2(right, ImGui::GetItemRectMax().y), kCodeGround, 4.0f);
    draw->ChannelsMerge();
}

void draw_table(const MdBlock& block, ImFont* monospace) {
    if (block.rows.empty() || block.rows.front().empty()) return;
    const int columns = static_cast<int>(block.rows.front().size());
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("table", columns, flags)) return;
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
        for (int c = 0; c < columns && c < static_cast<int>(block.rows[r].size()); ++c) {
            ImGui::TableSetColumnIndex(c);
            if (r == 0) {
                MdSpans header = block.rows[r][static_cast<std::size_t>(c)];
                for (auto& span : header) span.strong = true;
                draw_spans(header, monospace);
            } else {
                draw_spans(block.rows[r][static_cast<std::size_t>(c)], monospace);
            }
        }
    }
    ImGui::EndTable();
}

void draw_list_item(const MdBlock& block, ImFont* monospace, const MarkdownActions& actions) {
    const float indent = em(1.2f) * static_cast<float>(block.level);
    ImGui::Indent(indent);
    if (block.marker == "\xE2\x80\xA2") {
        ImGui::Bullet();  // drawn: the text font may not have the glyph
    } else {
        ImGui::TextUnformatted(block.marker.c_str());
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    draw_spans(block.spans, monospace);
    draw_show_me(block.spans, actions);
    ImGui::EndGroup();
    ImGui::Unindent(indent);
}

}  // namespace

void draw_markdown(const std::vector<MdBlock>& blocks, ImFont* monospace, const MarkdownActions& actions) {
    int id = 0;
    for (const auto& block : blocks) {
        ImGui::PushID(id++);
        const float indent = em(1.2f) * static_cast<float>(block.level);
        switch (block.kind) {
            case MdBlock::Kind::Heading: draw_heading(block); break;
            case MdBlock::Kind::Paragraph:
                if (block.level > 0) ImGui::Indent(indent + em(1.2f));
                draw_spans(block.spans, monospace);
                draw_show_me(block.spans, actions);
                if (block.level > 0) ImGui::Unindent(indent + em(1.2f));
                break;
            case MdBlock::Kind::ListItem: draw_list_item(block, monospace, actions); break;
            case MdBlock::Kind::Code:
                if (block.level > 0) ImGui::Indent(indent + em(1.2f));
                draw_code(block, monospace);
                if (block.level > 0) ImGui::Unindent(indent + em(1.2f));
                break;
            case MdBlock::Kind::Table: draw_table(block, monospace); break;
            case MdBlock::Kind::Rule: ImGui::Separator(); break;
        }
        if (block.kind != MdBlock::Kind::ListItem) ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace queuelab::gui

namespace queuelab::gui {

const std::vector<lab::MdBlock>& MarkdownCache::blocks(const std::string& text) {
    auto found = parsed_.find(text);
    if (found == parsed_.end()) found = parsed_.emplace(text, lab::parse_markdown(text)).first;
    return found->second;
}

}  // namespace queuelab::gui
