#pragma once
// Running a task: its scenario with the lesson's edits and the learner's (through the scenario
// loader's overrides), the engine to the end, then the checks or answers judged on the report.
// Headless and deterministic: the same task and work give the same outcome. The functions' code
// comes from `catalog` (built-ins by default; the CLI and the lab pass one that also builds
// learners' sources).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lesson.h"
#include "scenario.h"
#include "scenario_loader.h"

namespace queuelab::curriculum {

// One check of an exercise, or one answer of a question.
struct CheckOutcome {
    std::string key;  // an exercise's check by position ("0", "1", …); a question's answer key
    bool passed = false;
    std::string line;  // one line: what was measured, what was expected
};

// Where the moment that decides a question happened in this run.
struct MomentFound {
    bool found = false;
    double at_s = 0;
    std::optional<std::size_t> message;     // index in report["messages"]
    std::optional<std::size_t> invocation;  // index in report["invocations"]
    std::string line;  // "at 10 s: job-0's visibility timeout ends …", or why it was not found
};

struct TaskOutcome {
    std::vector<CheckOutcome> checks;
    std::optional<MomentFound> moment;
    nlohmann::ordered_json report;  // the run's report (docs/report-format.md)

    bool passed() const;
};

// The task's scenario edits: the lesson's `set`, then `work.set`, then for a handler exercise the
// source to run (work.source, else the starting handler) as the function's Simulation.Source. `origin` names where the work
// comes from in errors ("--set", a progress file). Throws sim::InputError when the work edits a
// path the task does not list as editable.
std::vector<sim::Override> task_overrides(const Task& task, const Work& work, const std::string& origin);

// The JSON text of each editable path's value in the task's scenario as it starts (the lesson's
// own `set` applied); a path the scenario does not hold is absent. Throws sim::InputError.
std::map<std::string, std::string> starting_values(const Task& task);

// The scenario to load into the lab for this task and work. Throws sim::InputError.
sim::Scenario task_scenario(const Task& task, const Work& work, const std::string& origin,
                            const sim::HandlerCatalog& catalog = sim::default_catalog());

// Throws sim::InputError when the work does not fit the task: an edit of a path that is not
// editable, an answer to a key the task does not ask, an answer that is not a number or choice.
void validate_work(const Task& task, const Work& work, const std::string& origin);

// Runs the task's scenario with the work and judges it. Questions not answered in the work fail
// with "not answered". Throws sim::InputError for invalid work or a scenario the edits break.
TaskOutcome run_task(const Task& task, const Work& work, const std::string& origin,
                     const sim::HandlerCatalog& catalog = sim::default_catalog());

// The same for a run made elsewhere (the lab plays the scenario itself): judges `report`, the
// report of task_scenario(task, work). Answers of the smallest/largest kind run their own
// experiments.
TaskOutcome judge_task(const Task& task, const Work& work, nlohmann::ordered_json report, const std::string& origin,
                       const sim::HandlerCatalog& catalog = sim::default_catalog());

// The report of one headless run of a scenario with overrides. Throws sim::InputError.
nlohmann::ordered_json run_report(const std::filesystem::path& scenario, const std::vector<sim::Override>& overrides,
                                  const sim::HandlerCatalog& catalog = sim::default_catalog());

}  // namespace queuelab::curriculum
