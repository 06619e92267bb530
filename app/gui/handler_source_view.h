#pragma once
// A read-only code view in its own window: a built-in handler's source, or a learner's source
// file with one line marked (a compiler error, opened from the workspace's build errors), shown
// with line numbers and scrolled to the marked line.

#include <string>

struct ImFont;

namespace queuelab::gui {

class HandlerSourceView {
public:
    // Opens (or brings forward) the window for the handler named `handler`.
    void open(const std::string& handler);
    // Opens the source file at `path`; `line` (from 1; 0: none) is marked with `message`.
    void open_file(const std::string& path, int line = 0, const std::string& message = {});
    // Draws the window if it is open; `monospace` is the code font (may be null).
    void draw(ImFont* monospace);
    bool is_open() const { return open_; }
    const std::string& handler() const { return handler_; }
    int marked_line() const { return marked_line_; }

private:
    void draw_numbered_lines();

    std::string handler_;  // the built-in's name, or the file's name
    std::string summary_;
    std::string source_;
    std::string path_;
    int marked_line_ = 0;
    std::string marked_message_;
    bool scroll_to_mark_ = false;
    bool open_ = false;
    bool focus_ = false;
};

}  // namespace queuelab::gui
