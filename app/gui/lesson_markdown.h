#pragma once
// Draws lesson text (lab/markdown.h) with ImGui, wrapped to the width available: headings larger,
// lists with their markers, code in monospace on a darker ground, tables with borders, strong and
// emphasised text in their own colours. A paragraph that names a scenario file gets a "show me"
// button for each one `actions.can_show` accepts.

#include <imgui.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lab/markdown.h"

namespace queuelab::gui {

struct MarkdownActions {
    std::function<bool(const std::string& scenario)> can_show;
    std::function<void(const std::string& scenario)> show;
};

void draw_markdown(const std::vector<lab::MdBlock>& blocks, ImFont* monospace, const MarkdownActions& actions = {});

}  // namespace queuelab::gui

namespace queuelab::gui {

// Lesson texts parsed once: the blocks of a text, by the text itself.
class MarkdownCache {
public:
    const std::vector<lab::MdBlock>& blocks(const std::string& text);

private:
    std::map<std::string, std::vector<lab::MdBlock>> parsed_;
};

}  // namespace queuelab::gui
