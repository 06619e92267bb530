#include "input_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "input_error.h"
#include "json_locator.h"
#include "json_reader.h"
#include "json_text.h"

namespace queuelab::sim {

std::string read_input_file(const std::string& path, const std::string& what) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(errno));
    std::string text;
    char buffer[65'536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0 && text.size() <= kMaxInputFileBytes) {
        text.append(buffer, read);
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(error));
    if (text.size() > kMaxInputFileBytes) {
        throw InputError(path, "", 0, "expected " + what + " of at most " + std::to_string(kMaxInputFileBytes >> 20) +
                                          " MiB (the simulator's limit), got more");
    }
    return text;
}

nlohmann::json parse_input_json(const std::string& text, const std::string& file, const std::string& invalid) {
    JsonTextError error;
    auto document = parse_json_text(text, DuplicateKeys::Reject, &error);
    if (document) return std::move(*document);
    if (error.kind == JsonTextError::Kind::DuplicateKey) {
        throw InputError(file, error.path, JsonLocator(text).line_of(error.path), error.reason);
    }
    throw InputError(file, "", line_at(text, error.byte), one_line(invalid + ": " + error.reason));
}

}  // namespace queuelab::sim
