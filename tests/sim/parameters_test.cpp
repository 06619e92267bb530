// The parameter tables (sim/parameters.h) are the one description of every resource parameter:
// these tests check that each entry is complete and that the loader really reads by it
// (docs/scenario-format.md, ranges from docs/aws-rules.md).

#include "parameters.h"

#include <catch2/catch.hpp>

#include <string>

#include "input_error.h"
#include "scenario_loader.h"

using namespace queuelab::sim;
using Catch::Matchers::Contains;

namespace {

// One resource of each kind, every optional part present, so every entry has somewhere to go.
const char* const kScenario = R"json({
  "name": "parameters",
  "queues": {"orders": {"RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 3}},
             "orders-dlq": {}, "payments.fifo": {}},
  "streams": {"readings": {}},
  "functions": {"processor": {"Handler": "order-processor"}, "sensor": {"Handler": "sensor-readings"}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "processor"},
               {"EventSourceArn": "readings", "FunctionName": "sensor", "StartingPosition": "TRIM_HORIZON"}]
})json";

// The path of `parameter` in kScenario.
std::string path_of(Resource resource, const Parameter& parameter) {
    switch (resource) {
        case Resource::Queue: return "queues.orders." + std::string(parameter.name);
        case Resource::Stream: return "streams.readings." + std::string(parameter.name);
        case Resource::Function: return "functions.processor." + std::string(parameter.name);
        case Resource::Mapping:
            return (parameter.sources == Sources::KinesisStream ? "mappings.1." : "mappings.0.") + std::string(parameter.name);
    }
    return {};
}

constexpr Resource kResources[] = {Resource::Queue, Resource::Stream, Resource::Function, Resource::Mapping};

}  // namespace

TEST_CASE("every parameter has a meaning, a default and its values, for help and the README", "[parameters]") {
    for (const Resource resource : kResources) {
        for (const Parameter& parameter : parameters_of(resource)) {
            INFO(section_name(resource) << "." << parameter.name);
            CHECK_FALSE(parameter.meaning.empty());
            CHECK_FALSE(default_text(parameter).empty());
            CHECK_FALSE(range_text(parameter).empty());
            CHECK_THAT(help_text(parameter), Contains(std::string(parameter.meaning)));
            const bool plain = parameter.type != ValueType::Custom;
            std::visit([&](const auto& access) { CHECK((access.set != nullptr) == plain); }, parameter.access);
            if (parameter.type == ValueType::Integer || parameter.type == ValueType::IntegerOrInfinite) {
                CHECK(parameter.range.min <= parameter.range.max);
            }
        }
    }
}

TEST_CASE("a scenario that sets nothing gets each parameter's default from the table", "[parameters]") {
    const Scenario scenario = load_scenario_text(kScenario, "parameters.json");
    for (const Resource resource : kResources) {
        for (const Parameter& parameter : parameters_of(resource)) {
            // Custom entries are read by the loader's own code; the policy's count is set above.
            if (parameter.type == ValueType::Custom || parameter.name == "RedrivePolicy.maxReceiveCount") continue;
            INFO(section_name(resource) << "." << parameter.name);
            const auto at = parameter_at(scenario, path_of(resource, parameter));
            REQUIRE(at);
            REQUIRE(at->parameter == &parameter);
            CHECK(value_text(parameter, value_at(scenario, *at)) == default_text(parameter));
        }
    }
}

TEST_CASE("the loader refuses a value past each numeric parameter's range, naming its path and the range", "[parameters]") {
    for (const Resource resource : kResources) {
        for (const Parameter& parameter : parameters_of(resource)) {
            if (parameter.type != ValueType::Integer && parameter.type != ValueType::IntegerOrInfinite) continue;
            const std::string path = path_of(resource, parameter);
            INFO(path);
            const auto too_big = static_cast<long long>(parameter.range.max) + 1;
            try {
                load_scenario_text(kScenario, "parameters.json", {Override{path, std::to_string(too_big)}});
                FAIL("accepted " << too_big);
            } catch (const InputError& error) {
                CHECK(error.field == path);
                CHECK_THAT(error.expected, Contains(std::to_string(static_cast<long long>(parameter.range.min))));
                CHECK_THAT(error.expected, Contains(std::to_string(too_big)));
            }
        }
    }
}

TEST_CASE("the loader refuses a value of the wrong type for each boolean and choice parameter", "[parameters]") {
    for (const Resource resource : kResources) {
        for (const Parameter& parameter : parameters_of(resource)) {
            if (parameter.type != ValueType::Boolean && parameter.type != ValueType::Choice) continue;
            const std::string path = path_of(resource, parameter);
            INFO(path);
            CHECK_THROWS_MATCHES(load_scenario_text(kScenario, "parameters.json", {Override{path, "\"not-a-choice\""}}),
                                 InputError, Catch::Predicate<InputError>([&](const InputError& e) { return e.field == path; }));
        }
    }
}

TEST_CASE("a dotted path finds its resource and entry, with dots in names and per kind of event source", "[parameters]") {
    const Scenario scenario = load_scenario_text(kScenario, "parameters.json");
    const auto fifo = parameter_at(scenario, "queues.payments.fifo.VisibilityTimeout");
    REQUIRE(fifo);
    CHECK(fifo->name == "payments.fifo");
    CHECK(fifo->parameter == find_parameter(Resource::Queue, "VisibilityTimeout"));
    const auto stream_batch = parameter_at(scenario, "mappings.1.BatchSize");
    REQUIRE(stream_batch);
    CHECK(default_text(*stream_batch->parameter) == "100");
    CHECK(parameter_at(scenario, "mappings.0.StartingPosition")->parameter == nullptr);  // SQS mappings have none
    CHECK_FALSE(parameter_at(scenario, "mappings.7.BatchSize"));
    CHECK(parameter_at(scenario, "queues.orders.RedrivePolicy.maxReceiveCount")->parameter->live == LiveEdit::SetQueueAttributes);
}
