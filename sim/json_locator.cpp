#include "json_locator.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace queuelab::sim {
namespace {

std::string join(const std::string& parent, const std::string& segment) {
    return parent.empty() ? segment : parent + "." + segment;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// Walks the text once, without recursion (a deeply nested document cannot overflow the stack),
// and records the line of every value by its dotted path. Object members are recorded at the
// line of their key. Stops quietly at anything that is not JSON.
class Scanner {
public:
    Scanner(const std::string& text, std::unordered_map<std::string, int>& lines)
        : text_(text), lines_(lines) {}

    void run() {
        if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;  // UTF-8 byte order mark
        enum class State { Value, ArrayFirst, ObjectFirst, Key, AfterValue };
        State state = State::Value;
        std::string path;              // path of the value about to be read
        bool recorded_at_key = false;  // the value's line was already recorded at its key

        while (true) {
            skip_whitespace();
            if (pos_ >= text_.size()) return;
            const char c = text_[pos_];
            switch (state) {
                case State::Value:
                    if (!recorded_at_key && !too_deep()) lines_[path] = line_;
                    recorded_at_key = false;
                    if (c == '{') {
                        ++pos_;
                        frames_.push_back({false, path, 0});
                        state = State::ObjectFirst;
                    } else if (c == '[') {
                        ++pos_;
                        frames_.push_back({true, path, 0});
                        state = State::ArrayFirst;
                    } else if (c == '"') {
                        skip_string();
                        state = State::AfterValue;
                    } else {
                        if (!skip_literal()) return;
                        state = State::AfterValue;
                    }
                    break;
                case State::ArrayFirst:
                    if (c == ']') {
                        ++pos_;
                        frames_.pop_back();
                        state = State::AfterValue;
                    } else {
                        path = child_path(frames_.back().path, "0");
                        state = State::Value;
                    }
                    break;
                case State::ObjectFirst:
                    if (c == '}') {
                        ++pos_;
                        frames_.pop_back();
                        state = State::AfterValue;
                    } else {
                        state = State::Key;
                    }
                    break;
                case State::Key: {
                    if (c != '"') return;
                    const int key_line = line_;
                    path = child_path(frames_.back().path, read_string());
                    if (!too_deep()) lines_[path] = key_line;
                    recorded_at_key = true;
                    skip_whitespace();
                    if (pos_ >= text_.size() || text_[pos_] != ':') return;
                    ++pos_;
                    state = State::Value;
                    break;
                }
                case State::AfterValue: {
                    if (frames_.empty()) return;
                    Frame& frame = frames_.back();
                    if (c == ',') {
                        ++pos_;
                        if (frame.is_array) {
                            path = child_path(frame.path, std::to_string(++frame.index));
                            state = State::Value;
                        } else {
                            state = State::Key;
                        }
                    } else if (c == (frame.is_array ? ']' : '}')) {
                        ++pos_;
                        frames_.pop_back();
                    } else {
                        return;
                    }
                    break;
                }
            }
        }
    }

private:
    struct Frame {
        bool is_array;
        std::string path;
        std::size_t index;
    };

    // Scenario files are shallow; below this depth no paths are built, so that a deeply nested
    // document costs linear, not quadratic, time and memory.
    static constexpr std::size_t kMaxDepth = 64;

    bool too_deep() const { return frames_.size() > kMaxDepth; }

    std::string child_path(const std::string& parent, const std::string& segment) const {
        return too_deep() ? std::string() : join(parent, segment);
    }

    void skip_whitespace() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') {
                ++line_;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            ++pos_;
        }
    }

    // Numbers, true, false, null. Returns false if there was nothing to skip.
    bool skip_literal() {
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\r' ||
                c == '\n') {
                break;
            }
            ++pos_;
        }
        return pos_ > start;
    }

    // REQUIRES: text_[pos_] == '"'. Leaves pos_ after the closing quote.
    void skip_string() {
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            if (text_[pos_] == '\n') ++line_;  // not valid JSON, but keep lines right
            pos_ += text_[pos_] == '\\' ? 2 : 1;
        }
        ++pos_;
    }

    std::uint32_t read_hex4() {
        std::uint32_t value = 0;
        for (int i = 0; i < 4 && pos_ < text_.size(); ++i, ++pos_) {
            const char c = text_[pos_];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= static_cast<std::uint32_t>(c - 'A' + 10);
        }
        return value;
    }

    // REQUIRES: text_[pos_] == '"'. Returns the decoded string, as nlohmann decodes it.
    std::string read_string() {
        std::string out;
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            const char c = text_[pos_++];
            if (c != '\\') {
                if (c == '\n') ++line_;
                out += c;
                continue;
            }
            if (pos_ >= text_.size()) break;
            const char escaped = text_[pos_++];
            switch (escaped) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t code_point = read_hex4();
                    if (code_point >= 0xD800 && code_point <= 0xDBFF &&
                        text_.compare(pos_, 2, "\\u") == 0) {
                        pos_ += 2;
                        const std::uint32_t low = read_hex4();
                        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
                    }
                    append_utf8(out, code_point);
                    break;
                }
                default: out += escaped; break;  // '"', '\\', '/'
            }
        }
        ++pos_;
        return out;
    }

    const std::string& text_;
    std::unordered_map<std::string, int>& lines_;
    std::vector<Frame> frames_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

}  // namespace

JsonLocator::JsonLocator(const std::string& text) {
    Scanner(text, lines_).run();
}

int JsonLocator::line_of(const std::string& dotted_path) const {
    const auto found = lines_.find(dotted_path);
    return found == lines_.end() ? 0 : found->second;
}

}  // namespace queuelab::sim
