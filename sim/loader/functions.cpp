// Functions (docs/scenario-format.md 4.3; docs/aws-rules.md 4.1-4.11): their settings from the
// parameter table, their code from the handler catalog (loaded once here, so a bad handler,
// parameter, bootstrap or source is bad input now rather than a failure mid-run), and the
// account's unreserved concurrency (docs/aws-rules.md 4.2).

#include <algorithm>

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

// A path or name handed to the operating system, where a NUL byte would end it early and a line
// break would split it (docs/aws-rules.md 5.27).
void refuse_control_characters(const ScenarioReading& reading, const std::string& text, const std::string& path,
                               const std::string& what) {
    const bool control = std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
    if (control) reading.r.fail(path, "expected " + what + " without control characters, got " + quote(text));
}

// Handler, Simulation.Params and the code paths: what the catalog needs to load the code.
void read_code_settings(const ScenarioReading& reading, const json& value, const std::string& path,
                        FunctionConfig& function) {
    const auto& r = reading.r;
    const json* simulation = JsonReader::member(value, "Simulation");
    const std::string simulation_path = join_path(path, "Simulation");
    if (simulation != nullptr) {
        if (const json* params = JsonReader::member(*simulation, "Params")) {
            function.simulation.Params = r.object(*params, join_path(simulation_path, "Params"));
        }
        for (const auto& [key, member] : {std::pair{"Bootstrap", &FunctionSimulation::Bootstrap},
                                          std::pair{"Source", &FunctionSimulation::Source}}) {
            if (auto text = r.optional_string(*simulation, simulation_path, key, "a path")) {
                if (text->empty()) r.fail(join_path(simulation_path, key), "expected a path, got \"\"");
                refuse_control_characters(reading, *text, join_path(simulation_path, key), "a path");
                function.simulation.*member = *text;
            }
        }
        if (!function.simulation.Bootstrap.empty() && !function.simulation.Source.empty()) {
            r.fail(join_path(simulation_path, "Source"),
                   "expected Simulation.Bootstrap or Simulation.Source, not both (one is the function's code)");
        }
    }
    const bool runs_own_code = !function.simulation.Bootstrap.empty() || !function.simulation.Source.empty();
    if (runs_own_code) {
        function.Handler = r.optional_string(value, path, "Handler").value_or("");
        refuse_control_characters(reading, function.Handler, join_path(path, "Handler"), "a handler name");
    } else {
        function.Handler = r.required_string(value, path, "Handler", reading.catalog.describe_handlers());
    }
}

void load_code(ScenarioReading& reading, const FunctionConfig& function, const std::string& path) {
    try {
        reading.code[function.name] = reading.catalog.load(function, reading.s.directory, reading.s.limits);
    } catch (const FunctionCodeError& error) {
        reading.r.fail(join_path(path, error.field), error.expected);
    }
}

FunctionConfig read_function(ScenarioReading& reading, const std::string& name, const json& value,
                             const std::string& path) {
    const auto& r = reading.r;
    const auto entries = entries_of(Resource::Function);
    r.object(value, path);
    r.check_keys(value, path, ScenarioReading::top_level_keys(entries));
    if (name.empty() || name.size() > 64 || !all_name_characters(name)) {
        r.fail(path, "expected a function name of 1 to 64 alphanumeric characters, hyphens or underscores, got " +
                         quote(name));
    }
    FunctionConfig function;
    function.name = name;
    read_code_settings(reading, value, path, function);
    reading.read_parameters(value, path, entries, function);
    load_code(reading, function, path);
    return function;
}

}  // namespace

void read_functions(ScenarioReading& reading, const json& document) {
    const json* functions = JsonReader::member(document, "functions");
    if (functions == nullptr) return;
    reading.r.object(*functions, "functions", "an object of functions by name");
    for (const auto& [name, value] : functions->items()) {
        reading.s.functions[name] = read_function(reading, name, value, join_path("functions", name));
    }
    std::int64_t reserved = 0;
    for (const auto& [name, function] : reading.s.functions) {
        if (!function.ReservedConcurrentExecutions) continue;
        reserved += *function.ReservedConcurrentExecutions;
        check_unreserved(reading, reserved, join_path(join_path("functions", name), "ReservedConcurrentExecutions"));
    }
}

}  // namespace queuelab::sim::loader
