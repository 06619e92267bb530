#include "scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "json_text.h"
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

}  // namespace

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(errno));
    std::string text;
    char buffer[65'536];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0 && text.size() <= kMaxScenarioFileBytes) {
        text.append(buffer, read);
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) throw InputError(path, "", 0, std::string("cannot read file: ") + std::strerror(error));
    if (text.size() > kMaxScenarioFileBytes) {
        throw InputError(path, "", 0, "expected a scenario file of at most " + std::to_string(kMaxScenarioFileBytes >> 20) +
                                          " MiB (the simulator's limit), got more");
    }
    return load_scenario_text(text, path, overrides, catalog);
}

Scenario load_scenario_text(const std::string& text, const std::string& file, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    JsonTextError error;
    auto document = parse_json_text(text, DuplicateKeys::Reject, &error);
    if (!document) {
        if (error.kind == JsonTextError::Kind::DuplicateKey) {
            throw InputError(file, error.path, JsonLocator(text).line_of(error.path), error.reason);
        }
        throw InputError(file, "", line_at(text, error.byte), one_line("invalid JSON: " + error.reason));
    }
    auto overridden = apply_overrides_in_place(*document, overrides);
    return read_scenario(*document, file, text, std::move(overridden), catalog);
}

Scenario scenario_from_json(const nlohmann::json& document, const std::string& file, const std::string& source_text,
                            const HandlerCatalog& catalog) {
    return read_scenario(document, file, source_text, {}, catalog);
}

}  // namespace queuelab::sim
