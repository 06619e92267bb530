#pragma once
// The lab's shared state: the scenario being run, its engine (and, for the compare view, a second
// engine with overrides, kept at the same virtual time), the playhead, the selection and the last
// error. Views read it and change it only through its commands, so every view shows the same run.
//
// Edits from the inspector are scenario overrides (the CLI's --set), validated by the scenario
// loader when proposed; they take effect when the run restarts. The parameters AWS changes on a
// running system (those whose entry in sim/parameters.h has a live API: UpdateFunctionConfiguration,
// PutFunctionConcurrency, SetQueueAttributes, UpdateEventSourceMapping, and the simulated
// durations) also change the running engines when edited, from the next invoke, send, receive,
// poll or batch.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.h"
#include "parameters.h"
#include "run_activity.h"
#include "scenario_loader.h"

namespace queuelab::lab {

// One engine over the scenario with a list of overrides.
struct Run {
    std::uint64_t generation = 0;  // new whenever the engine is rebuilt, so views drop their caches
    std::vector<sim::Override> overrides;
    std::unique_ptr<sim::Engine> engine;
    RunActivity activity;
};

enum class RunId { A, B };  // A: the scenario with the lab's edits; B: A plus the compare overrides

struct Selection {
    RunId run = RunId::A;
    std::uint32_t message = sim::kNone;
    std::uint32_t invocation = sim::kNone;
    std::uint32_t record = sim::kNone;  // a stream record (an index into KinesisService::records())
};

class LabState {
public:
    // Where the functions' code comes from (built-ins unless set). REQUIRES: `catalog` outlives
    // the lab state; set it before opening a scenario.
    void set_catalog(const sim::HandlerCatalog& catalog) { catalog_ = &catalog; }
    const sim::HandlerCatalog& catalog() const { return *catalog_; }

    // [Scenario] Opens a scenario file. On bad input keeps the current scenario running and sets
    // last_error to the same one-line error the CLI prints; returns false.
    bool open_scenario(const std::string& path);
    bool has_scenario() const { return a_.engine != nullptr; }
    const std::string& scenario_path() const { return path_; }
    // Rebuilds the runs from the same scenario text with the pending edits (and the same seed
    // unless an edit changed it); the playhead returns to 0.
    void restart();

    // [Edits] Each returns "" when the edit is valid (it then waits for restart, or applies now
    // if it is a live function setting), else the loader's one-line error, and the edit is refused.
    std::string propose_edit(const std::string& path, const std::string& json_value);
    // Several edits that are only valid together (a new handler and its parameters).
    std::string propose_edits(const std::vector<sim::Override>& edits);
    // Removes an optional key ("ReservedConcurrentExecutions") from the object at `object_path`
    // (e.g. {"functions", "processor"}), as written in the file plus later edits, together with
    // the edits `along` that are only valid with it gone.
    std::string propose_removal(const std::vector<std::string>& object_path, const std::string& key,
                                const std::vector<sim::Override>& along = {});
    void discard_edits();
    bool has_pending_edits() const;
    // True when the field at `path` ({"queues", "orders", "VisibilityTimeout"}) has a pending edit
    // not yet in run A.
    bool is_pending(const std::vector<std::string>& path) const;
    // The AWS call ("UpdateEventSourceMapping") that changes the field at `path` in the running
    // engines when it is edited; empty when an edit of it waits for restart.
    std::string_view live_api(const std::vector<std::string>& path) const;
    // The scenario as it will run after restart (validated), and its JSON.
    const sim::Scenario& pending_scenario() const { return pending_scenario_; }
    const nlohmann::json& pending_document() const { return pending_document_; }
    // Sets the seed and restarts.
    std::string set_seed(std::uint64_t seed);

    // [Compare] B = A plus these overrides. Returns "" or the loader's error (B is then unchanged).
    std::string set_compare_overrides(const std::vector<sim::Override>& overrides);
    const std::vector<sim::Override>& compare_overrides() const { return compare_overrides_; }
    void enable_compare();
    bool compare_enabled() const { return compare_enabled_; }

    // [Time] Virtual time, shared by both runs.
    void toggle_play();
    // Advances by `real_seconds` × speed (or, at "as fast as possible", for a wall-clock budget).
    void advance(double real_seconds);
    // Runs to the next moment something happens to a message or an invocation.
    void step();
    // Restarts and runs to virtual time `t` (runs are deterministic, so this is a seek).
    void seek(sim::SimTime t);
    sim::SimTime now() const { return now_; }
    // True when every run has ended.
    bool finished() const;
    bool playing = false;
    double speed = 1.0;         // virtual seconds per real second
    bool as_fast_as_possible = false;

    // [Runs]
    Run& run(RunId id) { return id == RunId::A ? a_ : b_; }
    const Run& run(RunId id) const { return id == RunId::A ? a_ : b_; }
    bool has_run(RunId id) const { return run(id).engine != nullptr; }

    Selection selection;
    std::string last_error;     // one line; empty when the last command succeeded

private:
    // Builds a run; throws sim::InputError.
    void build_run(Run& run, std::vector<sim::Override> overrides) const;
    void rebuild(const std::vector<sim::Override>& a_overrides);
    std::vector<sim::Override> b_overrides() const;
    sim::Scenario validate(const std::vector<sim::Override>& overrides) const;
    // Makes `overrides` the pending edits. Throws sim::InputError when they are not valid.
    void adopt_pending(std::vector<sim::Override> overrides);
    // `changed_path`: the one field the candidate changes, if it changes one.
    std::string accept_if_valid(std::vector<sim::Override> candidate, const std::string& changed_path);
    // Applies the live settings of a function, queue or mapping ("functions", "queues" or
    // "mappings", and its name or index) to the runs. False when run A cannot take them now.
    bool apply_now(const sim::ParameterPath& at);
    void run_all_until(sim::SimTime t);
    bool step_once();
    void run_for_wall_budget(double seconds);
    void after_time_moved();

    const sim::HandlerCatalog* catalog_ = &sim::default_catalog();
    std::string path_;
    std::string text_;               // the scenario file as read when opened
    nlohmann::json document_;        // its JSON, for removals
    std::vector<sim::Override> pending_;
    sim::Scenario pending_scenario_;
    nlohmann::json pending_document_;
    std::vector<sim::Override> compare_overrides_;
    bool compare_enabled_ = false;
    Run a_;
    Run b_;
    sim::SimTime now_ = 0;
};

// The override that flips ReportBatchItemFailures on the first mapping.
sim::Override report_batch_item_failures_flipped(const sim::Scenario& scenario);
// The lab's default B, one that makes the scenario's point: ReportBatchItemFailures flipped on the
// first mapping, unless its handler fails whole batches (throws or crashes), where that changes
// nothing; then for a stream its MaximumRetryAttempts (-1 and 2 swapped), for a queue with a DLQ
// maxReceiveCount 1.
std::vector<sim::Override> default_compare_overrides(const sim::Scenario& scenario);

}  // namespace queuelab::lab
