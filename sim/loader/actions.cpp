// Actions (docs/scenario-format.md 6): API calls at a virtual time, under AWS's names.

#include <numeric>

#include "loader/scenario_reading.h"

namespace queuelab::sim::loader {
namespace {

class ActionReader {
public:
    explicit ActionReader(ScenarioReading& reading) : reading_(reading), r_(reading.r), s_(reading.s) {}

    void read_actions(const json& document) {
        const json* actions = JsonReader::member(document, "actions");
        if (actions == nullptr) return;
        r_.array(*actions, "actions", "an array of actions");
        for (std::size_t i = 0; i < actions->size(); ++i) {
            s_.actions.push_back(read_action((*actions)[i], join_path("actions", std::to_string(i))));
        }
        check_reserved_over_time();
    }

    ScenarioAction read_action(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"at_s", "UpdateFunctionConfiguration", "StartMessageMoveTask"});
        const json* update = JsonReader::member(value, "UpdateFunctionConfiguration");
        const json* move = JsonReader::member(value, "StartMessageMoveTask");
        if ((update == nullptr) == (move == nullptr)) {
            r_.fail(path, std::string(update == nullptr ? "expected" : "expected only") +
                              " one of \"UpdateFunctionConfiguration\" or "
                              "\"StartMessageMoveTask\"");
        }
        ScenarioAction action;
        action.at_s = r_.read_number(value, path, "at_s", kTimeRange, 0);
        if (update != nullptr) {
            read_update_function(*update, join_path(path, "UpdateFunctionConfiguration"), action);
        } else {
            read_message_move_task(*move, join_path(path, "StartMessageMoveTask"), action);
        }
        return action;
    }

    void read_update_function(const json& value, const std::string& path,
                              ScenarioAction& action) const {
        r_.object(value, path);
        r_.check_keys(value, path,
                      {"FunctionName", "Timeout", "ReservedConcurrentExecutions", "DurationMs"});
        action.kind = ScenarioAction::Kind::UpdateFunctionConfiguration;
        action.FunctionName =
            function_reference(r_.required(value, path, "FunctionName", "the name of a function"),
                               join_path(path, "FunctionName"));
        if (auto timeout = r_.optional_int(value, path, "Timeout", 1, 900)) {
            action.Timeout = static_cast<int>(*timeout);
        }
        if (auto reserved = r_.optional_int(value, path, "ReservedConcurrentExecutions", 0,
                                            s_.account_concurrency)) {
            action.ReservedConcurrentExecutions = static_cast<int>(*reserved);
        }
        action.DurationMs = r_.optional_number(value, path, "DurationMs", {0, false, kLongestInvokeMs});
    }

    void read_message_move_task(const json& value, const std::string& path,
                                ScenarioAction& action) const {
        r_.object(value, path);
        r_.check_keys(value, path, {"SourceArn", "DestinationArn", "MaxNumberOfMessagesPerSecond"});
        action.kind = ScenarioAction::Kind::StartMessageMoveTask;
        const std::string source_path = join_path(path, "SourceArn");
        action.SourceArn = queue_reference(
            r_.required(value, path, "SourceArn", "the name or ARN of a dead-letter queue"),
            source_path);
        const bool is_dead_letter_queue =
            std::any_of(s_.queues.begin(), s_.queues.end(), [&](const auto& entry) {
                const auto& policy = entry.second.redrive_policy;
                return policy && policy->deadLetterTargetArn == action.SourceArn;
            });
        if (!is_dead_letter_queue) {
            r_.fail(source_path,
                    "expected a queue that is some queue's dead-letter queue "
                    "(RedrivePolicy.deadLetterTargetArn), got " +
                        quote(action.SourceArn));
        }
        if (const json* destination = JsonReader::member(value, "DestinationArn")) {
            action.DestinationArn = queue_reference(*destination, join_path(path, "DestinationArn"));
        }
        const int max_rate = s_.limits.move_task_max_messages_per_s;
        action.MaxNumberOfMessagesPerSecond = static_cast<int>(
            r_.read_int(value, path, "MaxNumberOfMessagesPerSecond", 1, max_rate, max_rate));
    }

    // PutFunctionConcurrency's check, in the order the actions happen.
    void check_reserved_over_time() const {
        std::vector<std::size_t> order(s_.actions.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return s_.actions[a].at_s < s_.actions[b].at_s;
        });
        std::map<std::string, std::int64_t> reserved;
        for (const auto& [name, function] : s_.functions) {
            reserved[name] = function.ReservedConcurrentExecutions.value_or(0);
        }
        for (const std::size_t i : order) {
            const ScenarioAction& action = s_.actions[i];
            if (action.kind != ScenarioAction::Kind::UpdateFunctionConfiguration ||
                !action.ReservedConcurrentExecutions) {
                continue;
            }
            reserved[action.FunctionName] = *action.ReservedConcurrentExecutions;
            std::int64_t total = 0;
            for (const auto& [name, count] : reserved) total += count;
            check_unreserved(total,
                             "actions." + std::to_string(i) +
                                 ".UpdateFunctionConfiguration.ReservedConcurrentExecutions");
        }
    }

private:
    std::string queue_reference(const json& value, const std::string& path) const {
        return reading_.queue_reference(value, path);
    }
    std::string function_reference(const json& value, const std::string& path) const {
        return reading_.function_reference(value, path);
    }
    void check_unreserved(std::int64_t reserved_total, const std::string& path) const {
        loader::check_unreserved(reading_, reserved_total, path);
    }

    ScenarioReading& reading_;
    const JsonReader& r_;
    Scenario& s_;
};

}  // namespace

void read_actions(ScenarioReading& reading, const json& document) {
    ActionReader(reading).read_actions(document);
}

}  // namespace queuelab::sim::loader
