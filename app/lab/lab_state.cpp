// [SECTION] Scenario
// [SECTION] Edits
// [SECTION] Compare
// [SECTION] Time

#include "lab_state.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <string_view>

#include "input_error.h"
#include "parameters.h"
#include "paths.h"

namespace queuelab::lab {
namespace {

std::string join(const std::vector<std::string>& segments) {
    std::string path;
    for (const auto& segment : segments) path += (path.empty() ? "" : ".") + segment;
    return path;
}

bool starts_with_path(const std::string& path, const std::string& prefix) {
    return path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 && path[prefix.size()] == '.';
}

// An array index in a dotted path ("mappings.0.BatchSize").
bool is_index(const std::string& segment) {
    return !segment.empty() && segment.size() < 9 && std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The value at `segments` (object keys, or array indices), or nullptr.
const nlohmann::json* find_at(const nlohmann::json& document, const std::vector<std::string>& segments) {
    const nlohmann::json* node = &document;
    for (const auto& segment : segments) {
        if (node->is_object() && node->contains(segment)) {
            node = &(*node)[segment];
        } else if (node->is_array() && is_index(segment) && std::stoul(segment) < node->size()) {
            node = &(*node)[std::stoul(segment)];
        } else {
            return nullptr;
        }
    }
    return node;
}

using Engine = sim::Engine;
using Scenario = sim::Scenario;
using Name = std::string;  // a function's or queue's name, or a mapping's index

const sim::FunctionConfig& running_function(const Engine& engine, const Name& name) {
    return engine.lambda().config(engine.lambda().function_index(name));
}

const sim::QueueConfig& running_queue(const Engine& engine, const Name& name) {
    return engine.sqs().config(engine.sqs().queue_index(name));
}

const sim::MappingConfig& running_mapping(const Engine& engine, const Name& index) {
    return *engine.mapping_config(std::stoul(index));
}

// The parameter at a dotted path when AWS applies its edits to a running system
// (sim/parameters.h: UpdateFunctionConfiguration, SetQueueAttributes, UpdateEventSourceMapping...).
std::optional<sim::ParameterPath> live_field(const Scenario& scenario, const std::string& path) {
    auto at = sim::parameter_at(scenario, path);
    if (!at || at->parameter == nullptr || at->parameter->live == sim::LiveEdit::OnRestart) return std::nullopt;
    return at;
}

// The function, queue or mapping runs in `engine` and is the same one in `scenario`, so its live
// settings can change under it. A mapping that was disabled when the run started, or moved to
// another source or function, waits for a restart.
bool runs_in_both(const sim::ParameterPath& at, const Engine& engine, const Scenario& scenario) {
    switch (at.resource) {
        case sim::Resource::Function:
            return scenario.functions.contains(at.name) && engine.lambda().function_index(at.name) != sim::kNone;
        case sim::Resource::Queue: return scenario.queues.contains(at.name) && engine.sqs().queue_index(at.name) != sim::kNone;
        case sim::Resource::Stream: return false;
        case sim::Resource::Mapping: {
            const auto index = std::stoul(at.name);
            const auto* running = engine.mapping_config(index);
            if (running == nullptr || index >= scenario.mappings.size()) return false;
            const auto& pending = scenario.mappings[index];
            return pending.EventSourceArn == running->EventSourceArn && pending.FunctionName == running->FunctionName;
        }
    }
    return false;
}

// The parameter's value as the running engine has it. REQUIRES: runs_in_both.
nlohmann::json running_value(const Engine& engine, const sim::ParameterPath& at) {
    return std::visit(
        [&](const auto& access) -> nlohmann::json {
            using Access = std::decay_t<decltype(access)>;
            if constexpr (std::is_same_v<Access, sim::Access<sim::QueueConfig>>) return access.get(running_queue(engine, at.name));
            if constexpr (std::is_same_v<Access, sim::Access<sim::FunctionConfig>>) return access.get(running_function(engine, at.name));
            if constexpr (std::is_same_v<Access, sim::Access<sim::MappingConfig>>) return access.get(running_mapping(engine, at.name));
            if constexpr (std::is_same_v<Access, sim::Access<sim::StreamConfig>>) return nullptr;
        },
        at.parameter->access);
}

// Applies the live settings of the function, queue or mapping `at` names in `scenario` to
// `engine`, where they can apply now. Returns whether they did.
bool apply_live(Engine& engine, const sim::ParameterPath& at, const Scenario& scenario) {
    if (!runs_in_both(at, engine, scenario)) return false;
    switch (at.resource) {
        case sim::Resource::Function: engine.update_function_configuration(scenario.functions.at(at.name)); break;
        case sim::Resource::Queue: engine.update_queue_attributes(scenario.queues.at(at.name)); break;
        case sim::Resource::Mapping: {
            const auto index = std::stoul(at.name);
            engine.update_event_source_mapping(index, scenario.mappings[index]);
            break;
        }
        case sim::Resource::Stream: return false;
    }
    return true;
}

// `overrides` without any that set `path` or something inside it.
std::vector<sim::Override> without_path(std::vector<sim::Override> overrides, const std::string& path) {
    std::erase_if(overrides, [&](const sim::Override& o) { return o.path == path || starts_with_path(o.path, path); });
    return overrides;
}

}  // namespace

// [SECTION] Scenario

bool LabState::open_scenario(const std::string& path) {
    try {
        sim::load_scenario_file(path, {}, *catalog_);  // the CLI's validation and its error, word for word
        const auto text = read_text_file(path);
        if (!text) throw sim::InputError(path, "", 0, "cannot read file");
        LabState opened;
        opened.catalog_ = catalog_;
        opened.path_ = path;
        opened.text_ = *text;
        opened.document_ = nlohmann::json::parse(*text);
        opened.adopt_pending({});
        opened.compare_overrides_ = default_compare_overrides(opened.pending_scenario_);
        opened.compare_enabled_ = compare_enabled_;
        opened.rebuild({});
        path_ = std::move(opened.path_);
        text_ = std::move(opened.text_);
        document_ = std::move(opened.document_);
        pending_.clear();
        pending_scenario_ = std::move(opened.pending_scenario_);
        pending_document_ = std::move(opened.pending_document_);
        compare_overrides_ = std::move(opened.compare_overrides_);
        a_ = std::move(opened.a_);
        b_ = std::move(opened.b_);
        now_ = 0;
        selection = Selection{};
        last_error = std::move(opened.last_error);
        return true;
    } catch (const std::exception& error) {
        last_error = error.what();
        return false;
    }
}

sim::Scenario LabState::validate(const std::vector<sim::Override>& overrides) const {
    return sim::load_scenario_text(text_, path_, overrides, *catalog_);
}

void LabState::build_run(Run& run, std::vector<sim::Override> overrides) const {
    static std::uint64_t last_generation = 0;
    auto engine = std::make_unique<sim::Engine>(validate(overrides), sim::EngineOptions{.catalog = catalog_});
    run = Run{};
    run.generation = ++last_generation;
    run.overrides = std::move(overrides);
    run.engine = std::move(engine);
    run.activity.update(*run.engine);
}

std::vector<sim::Override> LabState::b_overrides() const {
    auto overrides = a_.overrides;
    overrides.insert(overrides.end(), compare_overrides_.begin(), compare_overrides_.end());
    return overrides;
}

// Both runs from scratch with A's overrides; B is dropped (with the error shown) if its overrides
// no longer fit A.
void LabState::rebuild(const std::vector<sim::Override>& a_overrides) {
    build_run(a_, a_overrides);
    b_ = Run{};
    now_ = 0;
    if (!compare_enabled_) return;
    try {
        build_run(b_, b_overrides());
    } catch (const std::exception& error) {
        last_error = std::string("compare run B: ") + error.what();
    }
}

void LabState::restart() {
    if (!has_scenario()) return;
    last_error.clear();
    rebuild(pending_);
    const auto messages = a_.engine->sqs().messages().size();
    const auto records = a_.engine->kinesis().records().size();
    if ((selection.message != sim::kNone && selection.message >= messages) ||
        (selection.record != sim::kNone && selection.record >= records)) {
        selection = Selection{};
    }
}

// [SECTION] Edits

std::string LabState::propose_edit(const std::string& path, const std::string& json_value) {
    return propose_edits({sim::Override{path, json_value, ""}});
}

std::string LabState::propose_edits(const std::vector<sim::Override>& edits) {
    auto candidate = pending_;
    for (const auto& edit : edits) {
        candidate = without_path(std::move(candidate), edit.path);
        candidate.push_back(edit);
    }
    return accept_if_valid(std::move(candidate), edits.size() == 1 ? edits[0].path : std::string{});
}

// An override cannot delete a key, so the enclosing object is replaced by a copy without it. That
// override goes first, so later edits inside the object still apply on top of it.
std::string LabState::propose_removal(const std::vector<std::string>& object_path, const std::string& key,
                                      const std::vector<sim::Override>& along) {
    const std::string parent = join(object_path);
    auto candidate = without_path(pending_, parent + "." + key);
    const auto existing = std::find_if(candidate.begin(), candidate.end(),
                                       [&](const sim::Override& o) { return o.path == parent; });
    nlohmann::json object;
    if (existing != candidate.end()) {
        object = nlohmann::json::parse(existing->value, nullptr, false);
        candidate.erase(existing);
    } else if (const auto* written = find_at(document_, object_path)) {
        object = *written;
    }
    if (object.is_object() && object.contains(key)) {
        object.erase(key);
        candidate.insert(candidate.begin(), sim::Override{parent, object.dump(), ""});
    }
    for (const auto& edit : along) {
        candidate = without_path(std::move(candidate), edit.path);
        candidate.push_back(edit);
    }
    return accept_if_valid(std::move(candidate), along.empty() ? parent + "." + key : std::string{});
}

std::string LabState::accept_if_valid(std::vector<sim::Override> candidate, const std::string& changed_path) {
    const bool nothing_else_pending = !has_pending_edits();
    try {
        adopt_pending(std::move(candidate));
    } catch (const std::exception& error) {
        return error.what();
    }
    if (const auto live = live_field(pending_scenario_, changed_path); live && apply_now(*live)) {
        if (nothing_else_pending) {
            a_.overrides = pending_;
            b_.overrides = b_overrides();
        }
    }
    return {};
}

// The live settings go from the pending scenario to run A now, and to run B unless B's own
// overrides change them.
bool LabState::apply_now(const sim::ParameterPath& at) {
    if (!apply_live(*a_.engine, at, pending_scenario_)) return false;
    if (!b_.engine) return true;
    auto b_pending = pending_;
    b_pending.insert(b_pending.end(), compare_overrides_.begin(), compare_overrides_.end());
    try {
        apply_live(*b_.engine, at, validate(b_pending));
    } catch (const std::exception&) {
        // B's overrides no longer fit: B shows its error on the next restart.
    }
    return true;
}

bool LabState::has_pending_edits() const {
    return !std::equal(pending_.begin(), pending_.end(), a_.overrides.begin(), a_.overrides.end(),
                       [](const sim::Override& x, const sim::Override& y) { return x.path == y.path && x.value == y.value; });
}

void LabState::discard_edits() {
    if (has_scenario()) adopt_pending(a_.overrides);
}

void LabState::adopt_pending(std::vector<sim::Override> overrides) {
    auto scenario = validate(overrides);
    pending_document_ = sim::apply_overrides(document_, overrides);
    pending_scenario_ = std::move(scenario);
    pending_ = std::move(overrides);
}

// A live setting is pending when the running engine's value differs. Otherwise, an override
// replacing an object around `path` (left by a removal) marks only the keys it changed.
bool LabState::is_pending(const std::vector<std::string>& path) const {
    const std::string full = join(path);
    if (const auto live = live_field(pending_scenario_, full); live && runs_in_both(*live, *a_.engine, pending_scenario_)) {
        return running_value(*a_.engine, *live) != sim::value_at(pending_scenario_, *live);
    }
    for (const auto& o : pending_) {
        const bool applied = std::any_of(a_.overrides.begin(), a_.overrides.end(), [&](const sim::Override& a) {
            return a.path == o.path && a.value == o.value;
        });
        if (applied) continue;
        if (o.path == full || starts_with_path(o.path, full)) return true;
        if (!starts_with_path(full, o.path)) continue;
        auto outer = path.begin();
        for (std::string prefix = *outer++; prefix != o.path && outer != path.end(); prefix += "." + *outer++) {
        }
        const std::vector<std::string> inside(outer, path.end());
        const auto replaced = nlohmann::json::parse(o.value, nullptr, false);
        const auto* now = find_at(replaced, inside);
        const auto* written = find_at(document_, path);
        if ((now == nullptr) != (written == nullptr) || (now != nullptr && *now != *written)) return true;
    }
    return false;
}

std::string_view LabState::live_api(const std::vector<std::string>& path) const {
    const auto live = live_field(pending_scenario_, join(path));
    if (!live || !runs_in_both(*live, *a_.engine, pending_scenario_)) return {};
    return sim::live_api_name(live->parameter->live);
}

std::string LabState::set_seed(std::uint64_t seed) {
    auto error = propose_edit("seed", std::to_string(seed));
    if (error.empty()) restart();
    return error;
}

// [SECTION] Compare

std::string LabState::set_compare_overrides(const std::vector<sim::Override>& overrides) {
    const auto previous = compare_overrides_;
    compare_overrides_ = overrides;
    if (!has_scenario()) return {};
    try {
        validate(b_overrides());
    } catch (const std::exception& error) {
        compare_overrides_ = previous;
        return error.what();
    }
    if (compare_enabled_) {
        build_run(b_, b_overrides());
        run_all_until(now_);
    }
    return {};
}

void LabState::enable_compare() {
    if (compare_enabled_) return;
    compare_enabled_ = true;
    if (!has_scenario()) return;
    try {
        build_run(b_, b_overrides());
        run_all_until(now_);  // both runs have then done everything up to now
    } catch (const std::exception& error) {
        last_error = std::string("compare run B: ") + error.what();
    }
}

sim::Override report_batch_item_failures_flipped(const sim::Scenario& scenario) {
    const bool reports = !scenario.mappings.empty() && scenario.mappings[0].ReportBatchItemFailures;
    return sim::Override{"mappings.0.FunctionResponseTypes", reports ? "[]" : "[\"ReportBatchItemFailures\"]", "B's overrides"};
}

namespace {

// A handler that fails by throwing or crashing never returns batchItemFailures: the response
// type changes nothing for it (docs/aws-rules.md 2.13, 2.14).
bool fails_whole_batches(const sim::FunctionConfig& function) {
    if (function.Handler == "throw-on-failure") return true;
    const auto report = function.simulation.Params.find("report");
    return function.Handler == "fail-attempts" && report != function.simulation.Params.end() && report->is_string() &&
           report->get<std::string>() != "batchItemFailures";
}

}  // namespace

std::vector<sim::Override> default_compare_overrides(const sim::Scenario& scenario) {
    if (scenario.mappings.empty()) return {};
    const auto& mapping = scenario.mappings[0];
    const auto function = scenario.functions.find(mapping.FunctionName);
    if (function == scenario.functions.end() || !fails_whole_batches(function->second)) {
        return {report_batch_item_failures_flipped(scenario)};
    }
    if (mapping.source_kind == sim::EventSourceKind::KinesisStream) {  // §3.12: bounded retries unblock the shard, or not
        return {sim::Override{"mappings.0.MaximumRetryAttempts", mapping.MaximumRetryAttempts < 0 ? "2" : "-1", "B's overrides"}};
    }
    const auto queue = scenario.queues.find(mapping.EventSourceArn);
    if (queue != scenario.queues.end() && queue->second.redrive_policy && queue->second.redrive_policy->maxReceiveCount > 1) {
        // §1.15 with §1.20: the failing message leaves for the DLQ at once and its group goes on without it.
        return {sim::Override{"queues." + queue->first + ".RedrivePolicy.maxReceiveCount", "1", "B's overrides"}};
    }
    return {report_batch_item_failures_flipped(scenario)};
}

// [SECTION] Time

void LabState::toggle_play() {
    if (!has_scenario()) return;
    if (!playing && finished()) restart();
    playing = !playing;
}

bool LabState::finished() const {
    for (const Run* run : {&a_, &b_}) {
        if (run->engine && !run->engine->ended()) return false;
    }
    return true;
}

void LabState::advance(double real_seconds) {
    if (!playing || !has_scenario()) return;
    if (as_fast_as_possible) {
        constexpr double kWallBudgetSeconds = 0.012;
        run_for_wall_budget(kWallBudgetSeconds);
    } else {
        run_all_until(now_ + sim::from_seconds(real_seconds * speed));
    }
    if (finished()) playing = false;
}

void LabState::run_all_until(sim::SimTime t) {
    sim::SimTime last_end = 0;
    for (Run* run : {&a_, &b_}) {
        if (!run->engine) continue;
        run->engine->run_until(t);
        last_end = std::max(last_end, run->engine->ended() ? run->engine->now() : run->engine->end_time());
    }
    now_ = std::min(t, last_end);
    after_time_moved();
}

// A steps one event (B once A has ended); the other run catches up to the same time.
bool LabState::step_once() {
    Run* lead = a_.engine && !a_.engine->ended() ? &a_ : b_.engine && !b_.engine->ended() ? &b_ : nullptr;
    if (lead == nullptr) return false;
    lead->engine->step();
    now_ = std::max(now_, lead->engine->now());
    Run* other = lead == &a_ ? &b_ : &a_;
    if (other->engine && !other->engine->ended()) other->engine->run_until(now_);
    return true;
}

void LabState::step() {
    if (!has_scenario()) return;
    playing = false;
    const auto activity_size = [this] {
        std::size_t size = 0;
        for (const Run* run : {&a_, &b_}) {
            if (!run->engine) continue;
            size += run->engine->recorder().history().size() + run->engine->recorder().invocations().size();
        }
        return size;
    };
    const auto before = activity_size();
    constexpr int kMaxQuietEvents = 100'000;
    for (int i = 0; i < kMaxQuietEvents && step_once() && activity_size() == before; ++i) {
    }
    after_time_moved();
}

void LabState::run_for_wall_budget(double seconds) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    constexpr int kStepsBetweenClockReads = 256;
    for (int i = 0; step_once(); ++i) {
        if (i % kStepsBetweenClockReads == 0 && Clock::now() >= deadline) break;
    }
    after_time_moved();
}

void LabState::seek(sim::SimTime t) {
    if (!has_scenario()) return;
    rebuild(a_.overrides);
    run_all_until(t);
}

void LabState::after_time_moved() {
    for (Run* run : {&a_, &b_}) {
        if (run->engine) run->activity.update(*run->engine);
    }
}

}  // namespace queuelab::lab
