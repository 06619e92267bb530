#pragma once
// Reading and validating scenario files (contract.md "Scenario file"). Every problem is an
// InputError naming the file, the field path, the line where known and what was expected, with
// AWS's own wording where AWS has one (aws-semantics.md ranges, CreateEventSourceMapping
// validation). Unknown keys are errors, never ignored.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario.h"

namespace queuelab::sim {

// One `--set KEY=VALUE`: KEY is a dotted path into the scenario JSON ("queues.orders.
// VisibilityTimeout", "mappings.0.FunctionResponseTypes"); VALUE is parsed as JSON, and taken as
// a string when it is not valid JSON.
struct Override {
    std::string path;
    std::string value;
    // Named in errors about the value: "(value from --set)". Empty: not named (the lab shows the
    // error beside the field it came from).
    std::string origin = "--set";
};

// Parses "KEY=VALUE". Throws InputError (file "--set") when there is no '=' or the key is empty.
Override parse_override(const std::string& text);

// Reads the file, applies the overrides, validates. Throws InputError.
Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});

// The same from text already in memory; `file` is used in error messages only.
Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<Override>& overrides = {});

// The document with the overrides applied, before validation. Throws InputError (file "--set")
// when an override's path does not fit the document.
nlohmann::json apply_overrides(nlohmann::json document, const std::vector<Override>& overrides);

// Validates an already-parsed document (after overrides). `source_text` is used to find line
// numbers and may be empty.
Scenario scenario_from_json(const nlohmann::json& document, const std::string& file,
                            const std::string& source_text = {});

}  // namespace queuelab::sim
