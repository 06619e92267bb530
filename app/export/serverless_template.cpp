// serverless.yml of an exported project (sam_template.h, docs/export.md 1.4).

#include <cctype>

#include "sam_template.h"
#include "serverless_names.h"
#include "template_yaml.h"

namespace queuelab::exporting {
namespace {

using nlohmann::json;

// A Serverless service name: letters, digits and hyphens, starting with a letter.
std::string service_name(const std::string& name) {
    std::string service;
    for (const char c : name) service += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    if (service.empty() || !std::isalpha(static_cast<unsigned char>(service.front()))) service = "queuelab-" + service;
    return service;
}

const ServerlessName* event_name(const std::string& aws, bool stream) {
    for (const ServerlessName& name : kEventNames) {
        if (aws == name.aws && (stream ? name.kinesis : name.sqs)) return &name;
    }
    return nullptr;
}

// One of the function's mappings as an sqs or stream event, each setting under serverless.yml's name.
void emit_event(YAML::Emitter& out, const json& settings, const sim::MappingConfig& mapping) {
    const bool stream = mapping.source_kind == sim::EventSourceKind::KinesisStream;
    out << YAML::BeginMap << YAML::Key << (stream ? "stream" : "sqs") << YAML::Value << YAML::BeginMap;
    if (stream) out << YAML::Key << "type" << YAML::Value << "kinesis";
    out << YAML::Key << "arn" << YAML::Value;
    emit_get_att(out, stream ? stream_id(mapping.EventSourceArn) : queue_id(mapping.EventSourceArn));
    const json rest = members_except(settings, {"EventSourceArn", "FunctionName"});
    for (const auto& [key, value] : rest.items()) {
        const ServerlessName* name = event_name(key, stream);
        if (name == nullptr) continue;  // every mapping setting has a name (serverless_names.h)
        if (key == "FunctionResponseTypes") {
            if (value.empty()) continue;  // none: AWS's default
            out << YAML::Key << name->serverless << YAML::Value;
            emit(out, value[0]);
        } else if (key == "ScalingConfig") {
            out << YAML::Key << name->serverless << YAML::Value;
            emit(out, value["MaximumConcurrency"]);
        } else if (key == "FilterCriteria") {
            out << YAML::Key << name->serverless << YAML::Value << YAML::BeginSeq;
            for (const auto& filter : value["Filters"]) emit(out, json::parse(filter["Pattern"].get<std::string>()));
            out << YAML::EndSeq;
        } else if (key == "DestinationConfig") {
            out << YAML::Key << name->serverless << YAML::Value << YAML::BeginMap << YAML::Key << "onFailure" << YAML::Value
                << YAML::BeginMap << YAML::Key << "arn" << YAML::Value;
            emit_get_att(out, queue_id(mapping.on_failure_destination));
            out << YAML::Key << "type" << YAML::Value << "sqs" << YAML::EndMap << YAML::EndMap;
        } else {
            out << YAML::Key << name->serverless << YAML::Value;
            emit(out, value);
        }
    }
    out << YAML::EndMap << YAML::EndMap;
}

void emit_function(YAML::Emitter& out, const TemplateInput& input) {
    const json& function = input.document["functions"][input.function];
    const auto& config = input.scenario.functions.at(input.function);
    out << YAML::Key << input.function << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "handler" << YAML::Value << config.Handler;
    if (config.Runtime != "provided.al2023") out << YAML::Key << "runtime" << YAML::Value << config.Runtime;
    for (const ServerlessName& name : kFunctionNames) {
        if (name.aws == std::string("Handler") || name.aws == std::string("Runtime") || !function.contains(name.aws)) continue;
        out << YAML::Key << name.serverless << YAML::Value;
        emit(out, function[name.aws]);
    }
    out << YAML::Key << "package" << YAML::Value << YAML::BeginMap << YAML::Key << "artifact" << YAML::Value << input.code_uri
        << YAML::EndMap;
    out << YAML::Key << "events" << YAML::Value << YAML::BeginSeq;
    const json mappings = input.document.value("mappings", json::array());
    for (std::size_t i = 0; i < input.scenario.mappings.size(); ++i) {
        if (input.scenario.mappings[i].FunctionName == input.function) emit_event(out, mappings[i], input.scenario.mappings[i]);
    }
    out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

std::string serverless_template(const TemplateInput& input) {
    const json metadata = scenario_metadata(input);
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "service" << YAML::Value << service_name(input.document.value("name", input.function));
    out << YAML::Key << "frameworkVersion" << YAML::Value << YAML::SingleQuoted << "3";
    out << YAML::Key << "provider" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << "aws";
    out << YAML::Key << "runtime" << YAML::Value << "provided.al2023";
    out << YAML::Key << "architecture" << YAML::Value << "x86_64";
    if (metadata.contains("region")) out << YAML::Key << "region" << YAML::Value << metadata["region"].get<std::string>();
    out << YAML::EndMap;
    json queuelab = metadata;
    queuelab["functions"][input.function] = simulation_metadata(input, input.document["functions"][input.function]);
    out << YAML::Key << "custom" << YAML::Value << YAML::BeginMap << YAML::Key << kMetadataKey << YAML::Value;
    emit(out, queuelab);
    out << YAML::EndMap;
    out << YAML::Key << "functions" << YAML::Value << YAML::BeginMap;
    emit_function(out, input);
    out << YAML::EndMap;
    out << YAML::Key << "resources" << YAML::Value << YAML::BeginMap << YAML::Key << "Resources" << YAML::Value << YAML::BeginMap;
    emit_sources(out, input);
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace queuelab::exporting
