#pragma once
// Internal to the scenario loader: what its readers share while one scenario is read (the JSON
// reader, the scenario built so far, the handler catalog and each function's loaded code), the
// references between resources, and the reading of plain parameters from the tables of
// parameters.h. One reader per section of the file, each in its own file of sim/loader/.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_source.h"
#include "function_code.h"
#include "json_reader.h"
#include "parameters.h"
#include "scenario.h"

namespace queuelab::sim::loader {

using json = nlohmann::json;
using Keys = std::vector<std::string_view>;

// A queue or stream of the scenario, as a mapping or traffic entry names it.
struct SourceRef {
    std::string name;
    EventSourceKind kind = EventSourceKind::SqsQueue;
};

class ScenarioReading {
public:
    ScenarioReading(const JsonReader& reader, const HandlerCatalog& catalog) : r(reader), catalog(catalog) {}

    const JsonReader& r;
    const HandlerCatalog& catalog;
    Scenario s;
    std::map<std::string, std::unique_ptr<FunctionCode>> code;  // each function's, loaded once to check it

    // The queue, or with `streams_too` the queue or stream, that a name or ARN refers to.
    // Otherwise "expected the name or ARN of a queue of this scenario (one of: a, b; <note>)".
    SourceRef source_reference(const json& value, const std::string& path, bool streams_too,
                               const std::string& note = {}) const;
    std::string queue_reference(const json& value, const std::string& path, const std::string& note = {}) const;
    std::string function_reference(const json& value, const std::string& path) const;

    // "expected no X for <here> (X is for <belongs_to>)" for the first of `keys` in `object`.
    void reject_keys(const json& object, const std::string& path, const Keys& keys, const std::string& here,
                     std::string_view belongs_to) const;

    // The keys `entries` allow at the top of a resource object ("ScalingConfig" for
    // "ScalingConfig.MaximumConcurrency"), in table order.
    static Keys top_level_keys(const std::vector<const Parameter*>& entries);

    // Reads every plain entry of `entries` (one with a setter, not inside a Custom entry) from
    // `object` into `config`, with its range, dynamic bounds and AWS's message; checks nested
    // objects ("Simulation") and their keys. Leaves Custom entries to the resource's reader and
    // does not check `object`'s own keys.
    template <typename Config>
    void read_parameters(const json& object, const std::string& path, const std::vector<const Parameter*>& entries,
                         Config& config) const;

private:
    json read_value(const json& value, const std::string& path, const Parameter& parameter, const Range& bounds) const;
    const json* nested_member(const json& object, const std::string& path, std::string_view name,
                              const std::vector<const Parameter*>& entries) const;
};

// The entries of a resource's table (for a mapping, those of its kind of event source).
std::vector<const Parameter*> entries_of(Resource resource);
std::vector<const Parameter*> entries_of(Resource resource, EventSourceKind kind);

// The sections of the file, read in this order: each may refer to the ones before.
void read_service_limits(ScenarioReading& reading, const json& document);
void read_top_level(ScenarioReading& reading, const json& document);
void read_account(ScenarioReading& reading, const json& document);
void read_queues(ScenarioReading& reading, const json& document);
void read_streams(ScenarioReading& reading, const json& document);
void read_functions(ScenarioReading& reading, const json& document);
void read_mappings(ScenarioReading& reading, const json& document);
void read_traffic(ScenarioReading& reading, const json& document);
void read_actions(ScenarioReading& reading, const json& document);

// PutFunctionConcurrency's check: at least minimum_unreserved_concurrency stays unreserved.
void check_unreserved(const ScenarioReading& reading, std::int64_t reserved_total, const std::string& path);

// [SECTION] Template definitions

template <typename Config>
void ScenarioReading::read_parameters(const json& object, const std::string& path,
                                      const std::vector<const Parameter*>& entries, Config& config) const {
    for (const Parameter* parameter : entries) {
        const auto& access = std::get<Access<Config>>(parameter->access);
        if (access.set == nullptr) continue;
        if (!parameter->default_value.is_null()) access.set(config, parameter->default_value);
        const std::string name(parameter->name);
        const auto dot = name.rfind('.');
        const json* holder = &object;
        if (dot != std::string::npos) {
            holder = nested_member(object, path, std::string_view(name).substr(0, dot), entries);
            if (holder == nullptr) continue;
        }
        const Range bounds = access.bounds != nullptr ? access.bounds(s, config) : parameter->range;
        const json* value = JsonReader::member(*holder, std::string_view(name).substr(dot == std::string::npos ? 0 : dot + 1));
        if (value != nullptr) {
            access.set(config, read_value(*value, join_path(path, name), *parameter, bounds));
        } else if (const json current = access.get(config); current.is_number() && current.get<double>() > bounds.max) {
            access.set(config, bounds.max);  // a default above a limit the scenario lowered is that limit
        }
    }
}

}  // namespace queuelab::sim::loader
