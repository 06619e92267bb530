#pragma once
// Files and JSON text a user gives queuelab (scenarios, lessons, lesson progress), read within the
// bounds of docs/aws-rules.md 5.27: every problem is an InputError, one line naming the file.

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace queuelab::sim {

// The largest user file read (the simulator's limit, docs/aws-rules.md 5.27).
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{64} << 20;

// The whole of file `path`. Throws InputError "cannot read file: <the OS's reason>", or "expected
// <what> of at most 64 MiB ..." for a larger file (it is not read further).
std::string read_input_file(const std::string& path, const std::string& what);

// The JSON value of `text`, read from `file`, with no NUL byte, no nesting past 128 levels and no
// key given twice (json_text.h). Throws InputError naming the line ("<invalid>: <reason>"), or the
// repeated key's path.
nlohmann::json parse_input_json(const std::string& text, const std::string& file,
                                const std::string& invalid = "invalid JSON");

}  // namespace queuelab::sim
