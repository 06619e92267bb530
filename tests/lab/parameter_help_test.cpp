// The inspector's "(?)" help comes from the parameter tables (sim/parameters.h), the same entries
// the README's reference is generated from, and names the AWS call that applies an edit live.

#include "lab/parameter_help.h"

#include <catch2/catch.hpp>

#include "parameters.h"
#include "scenario_loader.h"

using namespace queuelab;
using Catch::Matchers::Contains;

namespace {

const char* const kScenario = R"json({
  "name": "help",
  "queues": {"orders.fifo": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "orders.fifo", "FunctionName": "processor"}]
})json";

}  // namespace

TEST_CASE("a resource parameter's help is its table entry's: meaning, default, values and how an edit applies", "[lab]") {
    const auto scenario = sim::load_scenario_text(kScenario, "help.json");
    const auto* visibility = sim::find_parameter(sim::Resource::Queue, "VisibilityTimeout");
    const std::string help = lab::parameter_help(scenario, "queues.orders.fifo.VisibilityTimeout");
    CHECK(help == sim::help_text(*visibility));
    CHECK_THAT(help, Contains("Default: 30.") && Contains("0 to 43,200") && Contains("SetQueueAttributes"));
    CHECK_THAT(lab::parameter_help(scenario, "mappings.0.ScalingConfig.MaximumConcurrency"), Contains("UpdateEventSourceMapping"));
    CHECK_THAT(lab::parameter_help(scenario, "functions.processor.Handler"), Contains("when the run restarts"));
}

TEST_CASE("the scenario's own keys have help of their own, and an unknown path a generic line", "[lab]") {
    const auto scenario = sim::load_scenario_text(kScenario, "help.json");
    CHECK_THAT(lab::parameter_help(scenario, "traffic.0"), Contains("rate_per_s"));
    CHECK_THAT(lab::parameter_help(scenario, "account.ConcurrentExecutions"), Contains("1,000"));
    CHECK(lab::parameter_help(scenario, "queues.nosuch.VisibilityTimeout") == "A setting of the scenario.");
}
