#pragma once
// Reading and validating scenario files (docs/scenario-format.md). Every problem is an InputError
// naming the file, the field path, the line where known and what was expected (its section 9),
// with AWS's own wording where AWS has one (ranges: its section 4; CreateEventSourceMapping's
// checks: docs/aws-rules.md 2.2 and 2.4).
// Unknown keys are errors, never ignored. Each function's code is loaded from the handler
// catalog once, so a bad handler, parameter, bootstrap or source is bad input here.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "function_code.h"
#include "overrides.h"
#include "scenario.h"

namespace queuelab::sim {

// Reads the file, applies the overrides, validates. Relative paths in the scenario are taken from
// the file's folder. Throws InputError.
Scenario load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {},
                            const HandlerCatalog& catalog = default_catalog());

// The same from text already in memory; `file` names it in errors and gives its folder.
Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::vector<Override>& overrides = {},
                            const HandlerCatalog& catalog = default_catalog());

// Validates an already-parsed document (after overrides). `source_text` is used to find line
// numbers and may be empty.
Scenario scenario_from_json(const nlohmann::json& document, const std::string& file,
                            const std::string& source_text = {},
                            const HandlerCatalog& catalog = default_catalog());

}  // namespace queuelab::sim
