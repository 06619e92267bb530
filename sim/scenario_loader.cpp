#include "scenario_loader.h"

#include <algorithm>
#include <filesystem>

#include "input_file.h"
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
                       "sample_interval_s", "queues", "streams", "functions", "mappings", "downstreams", "tables",
                       "traffic", "actions", "service_limits"});
    loader::read_service_limits(reading, document);
    loader::read_top_level(reading, document);
    loader::read_account(reading, document);
    loader::read_queues(reading, document);
    loader::read_streams(reading, document);
    loader::read_functions(reading, document);
    loader::read_mappings(reading, document);
    loader::read_downstreams(reading, document);
    loader::read_tables(reading, document);
    loader::read_traffic(reading, document);
    loader::read_actions(reading, document);
    return std::move(reading.s);
}

}  // namespace

Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    return load_scenario_text(read_input_file(path, "a scenario file"), path, overrides, catalog);
}

Scenario load_scenario_text(const std::string& text, const std::string& file, const std::vector<Override>& overrides,
                            const HandlerCatalog& catalog) {
    auto document = parse_input_json(text, file);
    auto overridden = apply_overrides_in_place(document, overrides);
    return read_scenario(document, file, text, std::move(overridden), catalog);
}

Scenario scenario_from_json(const nlohmann::json& document, const std::string& file, const std::string& source_text,
                            const HandlerCatalog& catalog) {
    return read_scenario(document, file, source_text, {}, catalog);
}

}  // namespace queuelab::sim
