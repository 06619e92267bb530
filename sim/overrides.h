#pragma once
// Scenario overrides: the CLI's `--set KEY=VALUE`, the lab's edits and compare's B. KEY is a
// dotted path into the scenario JSON ("queues.orders.VisibilityTimeout",
// "mappings.0.FunctionResponseTypes"); VALUE is parsed as JSON, and taken as a string when it is
// not valid JSON (docs/scenario-format.md 7).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_reader.h"

namespace queuelab::sim {

struct Override {
    std::string path;
    std::string value;
    // Named in errors about the value: "(value from --set)". Empty: not named (the lab shows the
    // error beside the field it came from).
    std::string origin = "--set";
};

// Parses "KEY=VALUE". Throws InputError (file "--set") when there is no '=' or a key segment is
// empty.
Override parse_override(const std::string& text);

// Sets each override's value in `document`, creating missing object keys and appending at an
// array's end (index == size). A key containing dots ("orders.fifo") matches when the object has
// that key. Returns, per override, the path of the outermost value it created or replaced, for
// errors that name the override instead of a line. Throws InputError (file "--set") when a path
// does not fit the document.
std::vector<OverriddenPath> apply_overrides_in_place(nlohmann::json& document, const std::vector<Override>& overrides);

// The value an override of `path` would replace in `document`, or nullptr when the path names
// nothing there (yet).
const nlohmann::json* find_at_path(const nlohmann::json& document, const std::string& path);

// The document with the overrides applied.
nlohmann::json apply_overrides(nlohmann::json document, const std::vector<Override>& overrides);

}  // namespace queuelab::sim
