#include "parameter_help.h"

#include <array>
#include <utility>

#include "parameters.h"
#include "service_limits.h"

namespace queuelab::lab {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

// The scenario's own keys, by the first segment of their path.
constexpr std::array kScenarioHelp = {
    Entry{"duration_s", "Virtual seconds the run may last. It ends earlier once nothing more can happen (drained).\n"
                        "Default: 3,600. Any positive number up to 30 days.\nAn edit applies when the run restarts."},
    Entry{"traffic", "What the producer sends, one JSON entry each:\n"
                     "{\"to\", \"at_s\", \"messages\": [{\"body\"}, ...]}: these messages at at_s;\n"
                     "{\"to\", \"at_s\", \"count\", \"body\"}: count copies of a template, where {i} is the copy's "
                     "number and {i%N} that number modulo N;\n"
                     "{\"to\", \"from_s\", \"until_s\", \"rate_per_s\", \"body\"}: a steady rate.\n"
                     "FIFO queues add MessageGroupId; streams take partition_key and data instead of body.\n"
                     "An edit applies when the run restarts."},
    Entry{"actions", "Changes during the run, at at_s:\n"
                     "UpdateFunctionConfiguration {FunctionName, Timeout, ReservedConcurrentExecutions, DurationMs};\n"
                     "StartMessageMoveTask {SourceArn (a DLQ), DestinationArn (default: each message's source "
                     "queue), MaxNumberOfMessagesPerSecond}.\nAn edit applies when the run restarts."},
};

std::string account_help() {
    for (const auto& field : sim::service_limit_fields()) {
        if (field.name == "account_concurrency") {
            return "account.ConcurrentExecutions: " + std::string(field.meaning) + "\nAn edit applies when the run restarts.";
        }
    }
    return {};
}

}  // namespace

std::string parameter_help(const sim::Scenario& scenario, const std::string& path) {
    if (const auto at = sim::parameter_at(scenario, path); at && at->parameter != nullptr) {
        return sim::help_text(*at->parameter);
    }
    if (path == "account.ConcurrentExecutions") return account_help();
    const std::string_view first = std::string_view(path).substr(0, path.find('.'));
    for (const auto& [key, text] : kScenarioHelp) {
        if (key == first) return std::string(text);
    }
    return "A setting of the scenario.";
}

}  // namespace queuelab::lab
