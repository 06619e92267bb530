#pragma once
// Bad input: a one-line error that names the file, the field path (and line where known) and
// what was expected. The command line prints what() and exits with code 2. what() is always one
// line: control characters in the file name, the path or the text are escaped.

#include <stdexcept>
#include <string>

namespace queuelab::sim {

class InputError : public std::runtime_error {
public:
    // file: the scenario's path as the user gave it; field: a dotted path such as
    // "queues.orders.VisibilityTimeout" (empty for the whole file); line: 1-based, 0 if unknown.
    InputError(std::string file, std::string field, int line, std::string expected)
        : std::runtime_error(format(file, field, line, expected)),
          file(std::move(file)), field(std::move(field)), line(line),
          expected(std::move(expected)) {}

    std::string file;
    std::string field;
    int line;
    std::string expected;

    // `text` with every control character escaped (\n, \t, \u0000 ...), so that a file name, a
    // key or a value can never break the one line or end it early.
    static std::string printable(const std::string& text) {
        std::string out;
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte >= 0x20 && byte != 0x7F) {
                out += c;
            } else if (c == '\n') {
                out += "\\n";
            } else if (c == '\r') {
                out += "\\r";
            } else if (c == '\t') {
                out += "\\t";
            } else {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xF];
            }
        }
        return out;
    }

private:
    static std::string format(const std::string& file, const std::string& field, int line,
                              const std::string& expected) {
        std::string text = printable(file);
        if (line > 0) text += ":" + std::to_string(line);
        text += ": ";
        if (!field.empty()) text += printable(field) + ": ";
        return text + printable(expected);
    }
};

}  // namespace queuelab::sim
