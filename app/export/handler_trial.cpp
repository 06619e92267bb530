#include "handler_trial.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "builtin_handlers.h"
#include "input_error.h"
#include "queuelab/runtime_support.h"
#include "scenario_loader.h"
#include "sim_time.h"
#include "sqs_event_builder.h"
#include "totals.h"

namespace queuelab::exporting {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] The scenario with the handler in place

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sim::InputError(path, "", 0, "expected a readable scenario file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

json parse_scenario(const std::string& path, const std::string& text) {
    try {
        json document = json::parse(text);
        if (!document.is_object()) throw sim::InputError(path, "", 0, "expected a JSON object (a scenario)");
        return document;
    } catch (const json::parse_error& error) {
        throw sim::InputError(path, "", 0, std::string("expected JSON: ") + error.what());
    }
}

std::string pick_function(const json& document, const std::string& path, const std::string& wanted) {
    const auto functions = document.find("functions");
    if (functions == document.end() || !functions->is_object() || functions->empty()) {
        throw sim::InputError(path, "functions", 0, "expected a function to export");
    }
    if (!wanted.empty()) {
        if (!functions->contains(wanted)) throw sim::InputError(path, "functions." + wanted, 0, "expected a function of this scenario");
        return wanted;
    }
    if (functions->size() > 1) {
        throw sim::InputError(path, "functions", 0, "expected one function, or --function NAME to say which to export");
    }
    return functions->begin().key();
}

void put_handler(json& function, const HandlerChoice& handler) {
    json& simulation = function["Simulation"];
    if (!simulation.is_object()) simulation = json::object();
    simulation.erase("Bootstrap");
    simulation.erase("Source");
    if (handler.is_source()) {
        simulation["Source"] = handler.source.string();
        if (!function.contains("Handler")) function["Handler"] = handler.source.stem().string();
    } else {
        function["Handler"] = handler.builtin;
    }
}

// [SECTION] The verdict

std::string seconds_text(sim::SimTime time) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", sim::to_seconds(time));
    return text;
}

std::string describe_failure(const sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    std::string line = "invocation " + engine.recorder().request_id(invocation) + " at " + seconds_text(record.start) + " s ended with " +
                       sim::to_string(record.result);
    if (!record.error_type.empty()) line += " " + record.error_type;
    if (!record.error_message.empty()) line += ": " + record.error_message;
    return line;
}

bool returned_a_response(sim::InvocationResult result) {
    switch (result) {
        case sim::InvocationResult::Success:
        case sim::InvocationResult::Partial:
            return true;
        case sim::InvocationResult::Error:
        case sim::InvocationResult::Timeout:
        case sim::InvocationResult::Throttled:
        case sim::InvocationResult::Crashed:
            return false;
    }
    return false;
}

json event_of(sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    switch (record.source_kind) {
        case sim::EventSourceKind::KinesisStream:
            return json(engine.stream_mappings()[record.mapping]->event_of(invocation));
        case sim::EventSourceKind::SqsQueue: {
            const auto queue = engine.sqs_mappings()[record.mapping]->queue();
            return json(sim::build_sqs_event(engine.sqs(), engine.scenario().region, queue, record.records));
        }
    }
    return {};
}

Replay replay_of(sim::Engine& engine, std::uint32_t invocation) {
    const auto& record = engine.recorder().invocations()[invocation];
    const auto& config = engine.lambda().config(record.function);
    Replay replay;
    replay.request_id = engine.recorder().request_id(invocation);
    replay.function_name = config.name;
    replay.function_arn = engine.lambda().function_arn(record.function);
    replay.memory_mb = record.memory_mb;
    replay.start_ms = sim::epoch_millis(record.start) + static_cast<std::int64_t>(record.init_ms);
    replay.deadline_ms = replay.start_ms + std::int64_t{config.Timeout} * 1000;
    replay.event = event_of(engine, invocation);
    replay.response = record.response_payload;
    return replay;
}

// The replays, run again on fresh code in one environment: the first one that differs.
std::vector<std::string> check_replays(const std::vector<Replay>& replays, const sim::HandlerCatalog& catalog,
                                       const sim::Scenario& scenario, const std::string& function) {
    auto code = catalog.load(scenario.functions.at(function), scenario.directory);
    for (const Replay& replay : replays) {
        InvocationContext context(replay.request_id, replay.function_name, replay.function_arn, replay.memory_mb,
                                  replay.deadline_ms, replay.start_ms);
        sim::CodeOutcome outcome;
        if (is_kinesis_event(replay.event)) {
            const auto event = replay.event.get<KinesisEvent>();
            outcome = code->invoke(0, &event, context);
        } else {
            const auto event = replay.event.get<SqsEvent>();
            outcome = code->invoke(0, &event, context);
        }
        if (outcome.result != sim::InvocationResult::Success || outcome.payload != replay.response) {
            return {"replaying invocation " + replay.request_id + " (its event again, in order, on fresh code) gave " +
                    (outcome.error_type.empty() ? "the response " + outcome.payload : outcome.error_type) +
                    " instead of " + replay.response + ": does the handler depend on more than its events?"};
        }
    }
    return {};
}

}  // namespace

std::string HandlerChoice::display_name() const { return is_source() ? source.filename().string() : builtin; }

HandlerChoice choose_handler(const std::string& argument) {
    const fs::path path(argument);
    const std::string extension = path.extension().string();
    if (extension == ".cpp" || extension == ".cc" || extension == ".cxx") {
        std::error_code error;
        if (!fs::is_regular_file(path, error)) throw sim::InputError(argument, "", 0, "expected a readable C++ source file");
        return {{}, fs::absolute(path).lexically_normal()};
    }
    if (find_builtin_handler(argument) == nullptr) {
        std::string names;
        for (const auto& handler : builtin_handlers()) names += (names.empty() ? "" : ", ") + handler.name;
        throw sim::InputError(argument, "", 0, "expected a built-in handler (" + names + ") or a .cpp source");
    }
    return {argument, {}};
}

json to_json(const Replay& replay) {
    return {{"request_id", replay.request_id}, {"function_name", replay.function_name},
            {"function_arn", replay.function_arn}, {"memory_mb", replay.memory_mb},
            {"start_ms", replay.start_ms}, {"deadline_ms", replay.deadline_ms},
            {"event", replay.event}, {"response", replay.response}};
}

json scenario_with_handler(const std::string& scenario_path, const std::vector<sim::Override>& overrides,
                           const HandlerChoice& handler, std::string& function) {
    json document = sim::apply_overrides(parse_scenario(scenario_path, read_text(scenario_path)), overrides);
    function = pick_function(document, scenario_path, function);
    put_handler(document["functions"][function], handler);
    return document;
}

Trial run_trial(const TrialRequest& request, const sim::HandlerCatalog& catalog) {
    Trial trial;
    trial.scenario_path = request.scenario_path;
    trial.function = request.function;
    trial.document = scenario_with_handler(request.scenario_path, request.overrides, request.handler, trial.function);
    sim::Engine engine(sim::scenario_from_json(trial.document, request.scenario_path, {}, catalog), {.catalog = &catalog});
    engine.run();
    trial.scenario = engine.scenario();
    trial.totals = sim::compute_totals(engine);
    const std::uint32_t function = engine.lambda().function_index(trial.function);
    std::size_t ran = 0;
    for (std::uint32_t i = 0; i < engine.recorder().invocations().size(); ++i) {
        const auto& record = engine.recorder().invocations()[i];
        if (record.function != function || record.result == sim::InvocationResult::Throttled) continue;
        ++ran;
        if (!returned_a_response(record.result)) {
            trial.failures.push_back(describe_failure(engine, i));
        } else if (trial.replays.size() < kMaxReplays) {
            trial.replays.push_back(replay_of(engine, i));
        }
    }
    if (ran == 0) trial.failures.push_back("the handler never ran: the scenario gave it nothing to handle");
    if (trial.totals.lost > 0) {
        trial.failures.push_back(std::to_string(trial.totals.lost) +
                                 " messages were lost: deleted although the handler last reported them failed (totals.lost)");
    }
    if (trial.failures.empty()) trial.failures = check_replays(trial.replays, catalog, engine.scenario(), trial.function);
    return trial;
}

}  // namespace queuelab::exporting
