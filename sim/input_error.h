#pragma once
// Bad input: a one-line error that names the file, the field path (and line where known) and
// what was expected. The command line prints what() and exits with code 2.

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

private:
    static std::string format(const std::string& file, const std::string& field, int line,
                              const std::string& expected) {
        std::string text = file;
        if (line > 0) text += ":" + std::to_string(line);
        text += ": ";
        if (!field.empty()) text += field + ": ";
        return text + expected;
    }
};

}  // namespace queuelab::sim
