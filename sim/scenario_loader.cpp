#include "scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "loader/scenario_reading.h"

namespace queuelab::sim {
namespace {

std::string folder_of(const std::string& file) {
    const auto parent = std::filesystem::path(file).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

Scenario read_scenario(const nlohmann::json& document, const std::string& file, const std::string& source_text,
                       std::vector<OverriddenPath> overridden, const HandlerCatalog& catalog) {
    const JsonReader reader(file, source_text, std::move(overridden));
    loader::ScenarioReading reading(reader, catalog);
    reading.s.directory = folder_of(file);
    reader.object(document, "", "a JSON object at the top level");
    reader.check_keys(document, "",
                      {"name", "description", "seed", "duration_s", "region", "account_id", "account",
                       "sample_interval_s", "queues", "streams", "functions", "mappings", "traffic", "actions",
                       "service_limits"});
    loader::read_service_limits(reading, document);
    loader::read_top_level(reading, document);
    loader::read_account(reading, document);
    loader::read_queues(reading, document);
    loader::read_streams(reading, document);
    loader::read_functions(reading, document);
    loader::read_mappings(reading, document);
    loader::read_traffic(reading, document);
    loader::read_actions(reading, document);
    return std::move(reading.s);
}

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

}  // namespace

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(errno));
    std::string text;
    char buffer[65'536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, read);
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(error));
    return load_scenario_text(text, path, overrides, catalog);
}

Scenario load_scenario_text(const std::string& text, const std::string& file, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        const std::size_t end = std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, text.size());
        const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
        throw InputError(file, "", line, one_line("invalid JSON: " + short_parse_reason(error.what())));
    }
    auto overridden = apply_overrides_in_place(document, overrides);
    return read_scenario(document, file, text, std::move(overridden), catalog);
}

Scenario scenario_from_json(const nlohmann::json& document, const std::string& file, const std::string& source_text,
                            const HandlerCatalog& catalog) {
    return read_scenario(document, file, source_text, {}, catalog);
}

}  // namespace queuelab::sim
