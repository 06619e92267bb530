#include "lesson_runner.h"

// [SECTION] Work and scenarios
// [SECTION] Answers
// [SECTION] Moments
// [SECTION] Tasks

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "engine.h"
#include "input_error.h"
#include "input_file.h"
#include "lesson_loader.h"
#include "overrides.h"
#include "report.h"

namespace queuelab::curriculum {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string join_list(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

// [SECTION] Work and scenarios

void validate_work(const Task& task, const Work& work, const std::string& origin) {
    for (const auto& [path, value] : work.set) {
        if (std::find(task.editable.begin(), task.editable.end(), path) == task.editable.end()) {
            throw sim::InputError(origin, path, 0,
                                  task.editable.empty()
                                      ? "this task (" + task.id + ") is a question: it has nothing to edit"
                                      : "not a parameter " + task.id + " lets you change; expected one of: " +
                                            join_list(task.editable));
        }
    }
    for (const auto& [key, text] : work.answers) {
        const Answer* answer = task.find_answer(key);
        if (answer == nullptr) {
            std::vector<std::string> keys;
            for (const auto& a : task.answers) keys.push_back(a.key);
            throw sim::InputError(origin, key, 0,
                                  keys.empty() ? "this task (" + task.id + ") is an exercise: it asks no question"
                                               : "not a question of " + task.id + "; expected one of: " + join_list(keys));
        }
        validate_answer_text(*answer, text, origin);
    }
}

std::vector<sim::Override> task_overrides(const Task& task, const Work& work, const std::string& origin) {
    validate_work(task, work, origin);
    std::vector<sim::Override> overrides;
    for (const auto& [path, value] : task.set) overrides.push_back({path, value.dump(), "the lesson's task " + task.id});
    for (const auto& [path, value] : work.set) overrides.push_back({path, value.dump(), origin});
    if (const auto& exercise = task.handler_exercise) {
        const std::string function = "functions." + exercise->function + ".";
        const auto source = work.source.empty() ? exercise->start : work.source;
        overrides.push_back({function + "Runtime", nlohmann::json("provided.al2023").dump(), "the lesson's task " + task.id});
        overrides.push_back({function + "Simulation.Source", nlohmann::json(source.string()).dump(),
                             work.source.empty() ? "the lesson's task " + task.id : origin});
    }
    return overrides;
}

std::map<std::string, std::string> starting_values(const Task& task) {
    const std::string file = task.scenario.string();
    nlohmann::json document = sim::parse_input_json(sim::read_input_file(file, "a scenario file"), file);
    std::vector<sim::Override> lesson_set;
    for (const auto& [path, value] : task.set) lesson_set.push_back({path, value.dump()});
    sim::apply_overrides_in_place(document, lesson_set);
    std::map<std::string, std::string> values;
    for (const auto& path : task.editable) {
        if (const nlohmann::json* value = sim::find_at_path(document, path)) values[path] = value->dump();
    }
    return values;
}

sim::Scenario task_scenario(const Task& task, const Work& work, const std::string& origin,
                            const sim::HandlerCatalog& catalog) {
    return sim::load_scenario_file(task.scenario.string(), task_overrides(task, work, origin), catalog);
}

ordered_json run_report(const std::filesystem::path& scenario, const std::vector<sim::Override>& overrides,
                        const sim::HandlerCatalog& catalog) {
    sim::Engine engine(sim::load_scenario_file(scenario.string(), overrides, catalog), {.catalog = &catalog});
    engine.run();
    return sim::build_report(engine);
}

// [SECTION] Answers

namespace {

std::string not_answered(const Answer& answer) {
    switch (answer.kind) {
        case Answer::Kind::Number: return "a number";
        case Answer::Kind::Choice: {
            std::string values;
            for (const auto& choice : answer.choices) values += (values.empty() ? "" : ", ") + choice.value;
            return "one of " + values;
        }
        case Answer::Kind::Smallest:
        case Answer::Kind::Largest:
            return "a whole number from " + std::to_string(answer.from) + " to " + std::to_string(answer.to);
    }
    return "an answer";
}

CheckOutcome judge_number(const Answer& answer, const std::string& given, const RunFacts& facts) {
    const Measured measured = measure(answer.measure, facts);
    const std::string what = " (" + describe(answer.measure) + ")";
    if (!measured.value.is_number()) {
        return {answer.key, false, answer.prompt + ": the run measured " + describe(measured) + what};
    }
    const double value = std::strtod(given.c_str(), nullptr);
    const double truth = measured.value.get<double>();
    const bool passed = std::fabs(value - truth) <= answer.tolerance + 1e-9 * std::max(1.0, std::fabs(truth));
    const std::string within = answer.tolerance > 0 ? " (within " + describe(Measured{answer.tolerance, {}}) + ")" : "";
    return {answer.key, passed,
            answer.prompt + ": you answered " + given + ", the run measured " + describe(measured) + within + what};
}

CheckOutcome judge_choice(const Answer& answer, const std::string& given, const RunFacts& facts) {
    std::vector<const Answer::Choice*> holding;
    for (const auto& choice : answer.choices) {
        if (all_hold(choice.when, facts)) holding.push_back(&choice);
    }
    if (holding.size() != 1) {
        std::string names;
        for (const auto* choice : holding) names += (names.empty() ? "" : ", ") + choice->value;
        return {answer.key, false,
                answer.prompt + ": the lesson's choices do not decide this run (" + std::to_string(holding.size()) +
                    " hold" + (names.empty() ? "" : ": " + names) + ")"};
    }
    const auto& truth = *holding.front();
    return {answer.key, given == truth.value,
            answer.prompt + ": you answered " + given + ", the run shows " + truth.value + " (" + truth.text + ")"};
}

// The first check that fails at `value` of the answer's parameter, or nullopt when all hold.
class Experiment {
public:
    Experiment(const Task& task, const Answer& answer, const sim::HandlerCatalog& catalog)
        : task_(task), answer_(answer), catalog_(catalog) {}

    std::optional<std::string> first_failure(std::int64_t value) const {
        const auto known = results_.find(value);
        if (known != results_.end()) return known->second;
        auto overrides = task_overrides(task_, {}, "");
        overrides.push_back({answer_.parameter, std::to_string(value), task_.id + " answer " + answer_.key});
        const ordered_json report = run_report(task_.scenario, overrides, catalog_);
        const RunFacts facts(report);
        std::optional<std::string> failure;
        for (const auto& check : answer_.holds) {
            CheckResult result = evaluate(check, facts);
            if (!result.passed) {
                failure = result.line;
                break;
            }
        }
        return results_[value] = failure;
    }

    bool holds(std::int64_t value) const { return !first_failure(value); }

    // The smallest (largest) value in [from, to] for which the checks hold, assuming they hold
    // from some value on (up to some value); nullopt when they hold nowhere.
    std::optional<std::int64_t> search() const {
        const bool smallest = answer_.kind == Answer::Kind::Smallest;
        std::int64_t lo = answer_.from;
        std::int64_t hi = answer_.to;
        if (!holds(smallest ? hi : lo)) return std::nullopt;
        while (lo < hi) {
            if (smallest) {
                const std::int64_t mid = lo + (hi - lo) / 2;
                if (holds(mid)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            } else {
                const std::int64_t mid = hi - (hi - lo) / 2;
                if (holds(mid)) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
        }
        return lo;
    }

private:
    const Task& task_;
    const Answer& answer_;
    const sim::HandlerCatalog& catalog_;
    mutable std::map<std::int64_t, std::optional<std::string>> results_;  // runs made, by value
};

CheckOutcome judge_threshold(const Task& task, const Answer& answer, const std::string& given,
                             const sim::HandlerCatalog& catalog) {
    const Experiment experiment(task, answer, catalog);
    const bool smallest = answer.kind == Answer::Kind::Smallest;
    const std::int64_t value = std::stoll(given);
    const std::string head = answer.prompt + ": you answered " + given + ": ";
    const auto expected = [&] {
        const auto truth = experiment.search();
        return truth ? std::string(smallest ? "; the smallest is " : "; the largest is ") + std::to_string(*truth)
                     : "; no value from " + std::to_string(answer.from) + " to " + std::to_string(answer.to) + " works";
    };
    if (const auto failure = experiment.first_failure(value)) {
        return {answer.key, false, head + "at " + given + ", " + *failure + expected()};
    }
    const std::int64_t next = smallest ? value - 1 : value + 1;
    if (value == (smallest ? answer.from : answer.to)) {
        return {answer.key, true, head + "at " + given + " every check holds, and it is the end of the range"};
    }
    if (const auto failure = experiment.first_failure(next)) {
        return {answer.key, true,
                head + "at " + given + " every check holds; at " + std::to_string(next) + ", " + *failure};
    }
    return {answer.key, false, head + "at " + std::to_string(next) + " every check holds too" + expected()};
}

CheckOutcome judge_answer(const Task& task, const Answer& answer, const Work& work, const RunFacts& facts,
                          const sim::HandlerCatalog& catalog) {
    const auto given = work.answers.find(answer.key);
    if (given == work.answers.end()) {
        return {answer.key, false, answer.prompt + ": not answered (expected " + not_answered(answer) + ")"};
    }
    switch (answer.kind) {
        case Answer::Kind::Number: return judge_number(answer, given->second, facts);
        case Answer::Kind::Choice: return judge_choice(answer, given->second, facts);
        case Answer::Kind::Smallest:
        case Answer::Kind::Largest: return judge_threshold(task, answer, given->second, catalog);
    }
    return {answer.key, false, answer.prompt + ": unknown kind of answer"};
}

// [SECTION] Moments

std::string seconds_text(double t) { return describe(Measured{t, {}}) + " s"; }

MomentFound find_moment(const Moment& moment, const RunFacts& facts) {
    MomentFound found;
    switch (moment.kind) {
        case Moment::Kind::AtTime:
            found.found = true;
            found.at_s = moment.at_s;
            break;
        case Moment::Kind::Invocation: {
            const auto chosen = matching_invocations(moment.where, facts);
            if (chosen.empty()) break;
            found.found = true;
            found.invocation = chosen.front();
            found.at_s = facts.report().at("invocations")[chosen.front()].at("start_s").get<double>();
            break;
        }
        case Moment::Kind::Event: {
            std::vector<std::pair<double, std::size_t>> events;
            const ordered_json& messages = facts.report().at("messages");
            for (const std::size_t i : matching_messages(moment.where, facts)) {
                const auto history = messages[i].find("history");
                if (history == messages[i].end()) continue;
                for (const auto& entry : *history) {
                    if (entry.at("event") == moment.event) events.emplace_back(entry.at("t").get<double>(), i);
                }
            }
            std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            if (events.size() < static_cast<std::size_t>(moment.occurrence)) break;
            const auto& [t, message] = events[static_cast<std::size_t>(moment.occurrence - 1)];
            found.found = true;
            found.at_s = t;
            found.message = message;
            break;
        }
    }
    found.line = found.found ? "at " + seconds_text(found.at_s) + ": " + moment.says
                             : "the deciding moment did not happen in this run: " + moment.says;
    return found;
}

}  // namespace

// [SECTION] Tasks

bool TaskOutcome::passed() const {
    return !checks.empty() &&
           std::all_of(checks.begin(), checks.end(), [](const CheckOutcome& check) { return check.passed; });
}

TaskOutcome judge_task(const Task& task, const Work& work, ordered_json report, const std::string& origin,
                       const sim::HandlerCatalog& catalog) {
    validate_work(task, work, origin);
    TaskOutcome outcome;
    outcome.report = std::move(report);
    const RunFacts facts(outcome.report);
    if (task.is_question()) {
        for (const auto& answer : task.answers) outcome.checks.push_back(judge_answer(task, answer, work, facts, catalog));
        if (task.moment) outcome.moment = find_moment(*task.moment, facts);
        return outcome;
    }
    for (std::size_t i = 0; i < task.checks.size(); ++i) {
        const CheckResult result = evaluate(task.checks[i], facts);
        outcome.checks.push_back({std::to_string(i), result.passed, result.line});
    }
    return outcome;
}

TaskOutcome run_task(const Task& task, const Work& work, const std::string& origin, const sim::HandlerCatalog& catalog) {
    return judge_task(task, work, run_report(task.scenario, task_overrides(task, work, origin), catalog), origin, catalog);
}

}  // namespace queuelab::curriculum
