#include "json_text.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "builtin/checked_json_tree.h"

namespace queuelab::sim {
namespace {

using json = nlohmann::json;

// Thrown by the duplicate-key check out of nlohmann's parser.
struct DuplicateKeyFound {
    std::string path;
};

// The first NUL byte, or the first bracket past kMaxJsonDepth levels, outside or inside strings:
// one pass, no recursion.
std::optional<JsonTextError> scan_bounds(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0') {
            return JsonTextError{JsonTextError::Kind::NulByte, i, {}, "a NUL byte (JSON text cannot hold one)"};
        }
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth) {
                return JsonTextError{JsonTextError::Kind::TooDeep, i, {},
                                     "nested deeper than " + std::to_string(kMaxJsonDepth) +
                                         " arrays and objects (the simulator's limit)"};
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// Follows the parser through the document to know, at each key, the keys its object already has
// and the key's path (a CheckedJsonTree's check; it stops the parse by throwing DuplicateKeyFound).
class KeyTracker {
public:
    bool open(bool is_array) {
        value();
        frames_.push_back(Frame{is_array, 0, {}, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        return true;
    }
    bool key(const std::string& key) {
        Frame& frame = frames_.back();
        frame.key = key;
        if (!frame.keys.insert(frame.key).second) throw DuplicateKeyFound{path()};
        return true;
    }
    bool value() {
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().elements;
        return true;
    }

private:
    struct Frame {
        bool is_array;
        std::size_t elements = 0;
        std::string key;
        std::unordered_set<std::string> keys;
    };

    std::string path() const {
        std::string out;
        for (const Frame& frame : frames_) {
            if (!out.empty()) out += '.';
            out += frame.is_array ? std::to_string(frame.elements - 1) : frame.key;
        }
        return out;
    }

    std::vector<Frame> frames_;
};

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." →
// "syntax error ...".
std::string short_parse_reason(const std::string& what) {
    const std::size_t column = what.find("column ");
    std::size_t start = what.find(": ", column == std::string::npos ? 0 : column);
    if (start == std::string::npos) {
        start = what.find("] ");
        return start == std::string::npos ? what : what.substr(start + 2);
    }
    return what.substr(start + 2);
}

json parse_checked(std::string_view text, DuplicateKeys duplicates) {
    if (duplicates == DuplicateKeys::KeepLast) return json::parse(text);
    json result;
    KeyTracker tracker;
    builtin::CheckedJsonTree<KeyTracker> tree(result, tracker, /*allow_exceptions=*/true);
    json::sax_parse(text, &tree);
    return result;
}

}  // namespace

std::optional<json> parse_json_text(std::string_view text, DuplicateKeys duplicates, JsonTextError* error) {
    const auto report = [&](JsonTextError problem) -> std::optional<json> {
        if (error != nullptr) *error = std::move(problem);
        return std::nullopt;
    };
    if (auto problem = scan_bounds(text)) return report(std::move(*problem));
    try {
        return parse_checked(text, duplicates);
    } catch (const json::parse_error& parse_error) {
        const std::size_t byte = std::min<std::size_t>(parse_error.byte > 0 ? parse_error.byte - 1 : 0, text.size());
        return report({JsonTextError::Kind::Syntax, byte, {}, short_parse_reason(parse_error.what())});
    } catch (const json::out_of_range& overflow) {
        // "[json.exception.out_of_range.406] number overflow parsing '1e999'": at that number.
        const std::string what = overflow.what();
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        const std::string number = open < close && close != std::string::npos ? what.substr(open + 1, close - open - 1) : "";
        const std::size_t byte = number.empty() ? 0 : std::min(text.find(number), text.size());
        return report({JsonTextError::Kind::Syntax, byte, {}, short_parse_reason(what)});
    } catch (const DuplicateKeyFound& duplicate) {
        return report({JsonTextError::Kind::DuplicateKey, 0, duplicate.path,
                       "duplicate key; each key may appear only once in an object"});
    }
}

int line_at(std::string_view text, std::size_t offset) {
    const std::size_t end = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

}  // namespace queuelab::sim
