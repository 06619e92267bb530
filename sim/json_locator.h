#pragma once
// Finds the line on which a value sits in JSON text, by its dotted path, so that errors about
// a field can name its line. A path that is not in the text (a default, an override) has no line.

#include <string>
#include <unordered_map>

namespace queuelab::sim {

class JsonLocator {
public:
    // REQUIRES: text is valid JSON (it was parsed successfully).
    explicit JsonLocator(const std::string& text);

    // 1-based line of the value (or, for a key, of the key) at `dotted_path` ("a.b.0.c");
    // 0 if it is not in the text. Array elements are addressed by index.
    int line_of(const std::string& dotted_path) const;

private:
    std::unordered_map<std::string, int> lines_;
};

}  // namespace queuelab::sim
