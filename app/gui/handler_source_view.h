#pragma once
// A read-only code view of a built-in handler's source, in its own window.

#include <string>

struct ImFont;

namespace queuelab::gui {

class HandlerSourceView {
public:
    // Opens (or brings forward) the window for the handler named `handler`.
    void open(const std::string& handler);
    // Draws the window if it is open; `monospace` is the code font (may be null).
    void draw(ImFont* monospace);
    bool is_open() const { return open_; }
    const std::string& handler() const { return handler_; }

private:
    std::string handler_;
    std::string source_;
    std::string path_;
    bool open_ = false;
    bool focus_ = false;
};

}  // namespace queuelab::gui
