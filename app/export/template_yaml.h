#pragma once
// Writing YAML for the exported project's template.yaml and serverless.yml (sam_template.cpp):
// a scenario's JSON values as YAML, !GetAtt references, the queues and streams as CloudFormation
// resources, and what goes under the queuelab metadata.

#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "sam_template.h"

namespace queuelab::exporting {

// JSON as YAML; a string that would read as another type ("30", "true") is quoted.
void emit(YAML::Emitter& out, const nlohmann::json& value);
void emit_members(YAML::Emitter& out, const nlohmann::json& object);
// !GetAtt LOGICAL.Arn
void emit_get_att(YAML::Emitter& out, const std::string& logical);
nlohmann::json members_except(const nlohmann::json& object, std::initializer_list<const char*> keys);

// The logical ids of a scenario's queue and stream.
std::string queue_id(const std::string& name);
std::string stream_id(const std::string& name);

// Each queue (AWS::SQS::Queue) and stream (AWS::Kinesis::Stream) of the scenario, as keys and
// values of the open map of resources.
void emit_sources(YAML::Emitter& out, const TemplateInput& input);

// The queuelab metadata: the scenario's keys other than its resources (name, seed, traffic...),
// and a function's Simulation (with the learner's Source in the project).
nlohmann::json scenario_metadata(const TemplateInput& input);
nlohmann::json simulation_metadata(const TemplateInput& input, const nlohmann::json& function);

}  // namespace queuelab::exporting
