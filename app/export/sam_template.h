#pragma once
// The SAM template of an exported project (docs/export.md "template.yaml"): the scenario's queues
// and streams, the exported function, and its event source mappings as the function's SQS and
// Kinesis events, each setting under AWS's name with the value the scenario gave it (settings the
// scenario leaves out keep AWS's defaults, which are the simulator's). References between
// resources are !GetAtt X.Arn. What only the simulator uses (the function's Simulation settings,
// the traffic, seed, duration and limits) goes under Metadata.queuelab, so that `queuelab import`
// of the template gives the scenario back (template_import.h).

#include <string>

#include <nlohmann/json.hpp>

#include "scenario.h"

namespace queuelab::exporting {

struct TemplateInput {
    const nlohmann::json& document;  // the scenario file's JSON, as run
    const sim::Scenario& scenario;   // the same, validated (references resolved to names)
    std::string function;            // the function exported
    std::string code_uri;            // the deployment package, relative to the template
    std::string source;              // a learner's source, relative to the template; empty for a built-in
};

std::string sam_template(const TemplateInput& input);

// The same settings as a Serverless Framework serverless.yml (docs/export.md 1.4, provider.runtime
// provided.al2023): the function with its settings under serverless.yml's names and its mappings
// as sqs and stream events, the queues and streams under resources.Resources as in template.yaml,
// and the queuelab metadata under custom.queuelab, so that `queuelab import` gives them back.
std::string serverless_template(const TemplateInput& input);

// A CloudFormation logical id for a scenario name: its letters and digits in CamelCase, then
// `suffix` ("orders-dlq", "Queue" -> "OrdersDlqQueue").
std::string logical_id(const std::string& name, const std::string& suffix);

// The key of the metadata queuelab writes into a template, at the top and on the function.
inline constexpr const char* kMetadataKey = "queuelab";

}  // namespace queuelab::exporting
