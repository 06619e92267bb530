#pragma once
// The lab run an export starts with (docs/export.md "Passed its tests"): the scenario, with the
// handler to export as one function's code, run to the end, and the verdict on it. A handler has
// passed its tests when
//   1. it ran at least once, and every invoke of it returned a response: none ended with a
//      function error, a timeout or a crash (docs/aws-rules.md 4.8-4.10);
//   2. nothing was lost: no message was deleted although the handler last reported it failed
//      (totals.lost, docs/report-format.md);
//   3. its replays pass: the events of the first kMaxReplays invokes that returned a response,
//      given again in the same order to fresh code in one execution environment, get the same
//      response bytes. These replays are the exported project's tests.
// Throws sim::InputError for bad input (an unknown built-in, a missing source, a source that does
// not build, a scenario that does not load).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.h"
#include "function_code.h"
#include "overrides.h"
#include "scenario.h"
#include "totals.h"

namespace queuelab::exporting {

// HANDLER as the command line gives it: a file ending in .cpp, .cc or .cxx is a learner's source;
// anything else names a built-in handler.
struct HandlerChoice {
    std::string builtin;             // a built-in's name, or empty
    std::filesystem::path source;    // an absolute path, or empty
    bool is_source() const { return !source.empty(); }
    // "order-processor" or "handler.cpp".
    std::string display_name() const;
};
// Throws sim::InputError (file HANDLER) when the built-in does not exist or the source cannot be
// read.
HandlerChoice choose_handler(const std::string& argument);

struct TrialRequest {
    HandlerChoice handler;
    std::string scenario_path;
    std::string function;  // the function whose code the handler becomes; empty: the only one
    std::vector<sim::Override> overrides = {};  // edits of the scenario (the CLI's --set, the lab's edits)
};

// One invoke the exported tests replay: the context the handler got, the event and its response.
struct Replay {
    std::string request_id;
    std::string function_name;
    std::string function_arn;
    int memory_mb = 128;
    std::int64_t start_ms = 0;     // InvocationContext's clock at the start of the invoke (epoch ms)
    std::int64_t deadline_ms = 0;
    nlohmann::json event;
    std::string response;          // the payload bytes the handler returned
};
nlohmann::json to_json(const Replay& replay);

constexpr std::size_t kMaxReplays = 16;

struct Trial {
    nlohmann::json document;       // the scenario as run: the file with the handler in place
    std::string scenario_path;
    sim::Scenario scenario;        // as validated: names resolved
    std::string function;          // the exported function's name
    sim::Totals totals;
    std::vector<Replay> replays;
    std::vector<std::string> failures;  // why it did not pass, one line each; empty: it passed
    bool passed() const { return failures.empty(); }
};

// Runs the trial. `catalog` loads the functions' code (a RuntimeCatalog for a learner's source).
Trial run_trial(const TrialRequest& request, const sim::HandlerCatalog& catalog);

// The scenario file's JSON with the overrides applied and `handler` as the code of `function`
// (empty: the only function). Also returns the function's name through `function`. Throws
// sim::InputError.
nlohmann::json scenario_with_handler(const std::string& scenario_path, const std::vector<sim::Override>& overrides,
                                     const HandlerChoice& handler, std::string& function);

}  // namespace queuelab::exporting
