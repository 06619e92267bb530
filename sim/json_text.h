#pragma once
// JSON text from outside the engine (scenario files, --set values, filter patterns, redrive
// policies, handler responses, the lab's settings), parsed within bounds so that no text can
// crash the program or be read as something it is not (docs/aws-rules.md 5.27):
// - a NUL byte is an error, never the end of the text (nlohmann::json stops reading at one);
// - nesting deeper than kMaxJsonDepth arrays and objects is an error, found before parsing, so
//   the recursive code that copies, compares and prints values never runs out of stack;
// - with DuplicateKeys::Reject a key given twice in one object is an error naming its path
//   (nlohmann::json silently keeps the last one).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace queuelab::sim {

// The deepest nesting of arrays and objects accepted (serde_json's default recursion limit).
inline constexpr int kMaxJsonDepth = 128;

enum class DuplicateKeys { Reject, KeepLast };

struct JsonTextError {
    enum class Kind { Syntax, NulByte, TooDeep, DuplicateKey };
    Kind kind = Kind::Syntax;
    std::size_t byte = 0;  // 0-based offset of the problem (all kinds but DuplicateKey)
    std::string path;      // DuplicateKey: the repeated key's dotted path ("queues", "mappings.0.BatchSize")
    std::string reason;    // one line: "syntax error while parsing ...", "a NUL byte ...", ...
};

// The JSON value `text` holds, or nullopt with the first problem in `error` (when given).
std::optional<nlohmann::json> parse_json_text(std::string_view text, DuplicateKeys duplicates,
                                              JsonTextError* error = nullptr);

// 1-based line of byte `offset` of `text`.
int line_at(std::string_view text, std::size_t offset);

}  // namespace queuelab::sim
