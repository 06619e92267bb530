#include "sam_template.h"

#include <cctype>

#include "template_yaml.h"

namespace queuelab::exporting {

using nlohmann::json;

namespace {

bool reads_as_other_type(const std::string& text) {
    if (text.empty()) return true;
    const json parsed = json::parse(text, nullptr, false);
    return !parsed.is_discarded() && !parsed.is_string();
}

}  // namespace

// [SECTION] JSON values as YAML

void emit(YAML::Emitter& out, const json& value) {
    switch (value.type()) {
        case json::value_t::object:
            out << YAML::BeginMap;
            for (const auto& [key, member] : value.items()) {
                out << YAML::Key << key << YAML::Value;
                emit(out, member);
            }
            out << YAML::EndMap;
            return;
        case json::value_t::array:
            out << YAML::BeginSeq;
            for (const auto& member : value) emit(out, member);
            out << YAML::EndSeq;
            return;
        case json::value_t::string: {
            const auto& text = value.get_ref<const std::string&>();
            if (reads_as_other_type(text) || text.find_first_of("{}[]:#,&*!|>'\"%@`") != std::string::npos) {
                out << YAML::DoubleQuoted << text;
            } else {
                out << text;
            }
            return;
        }
        case json::value_t::boolean:
            out << value.get<bool>();
            return;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
        case json::value_t::null:
        case json::value_t::binary:
        case json::value_t::discarded:
            out << value.dump();
            return;
    }
}

void emit_get_att(YAML::Emitter& out, const std::string& logical) {
    out << YAML::LocalTag("GetAtt") << logical + ".Arn";
}

json members_except(const json& object, std::initializer_list<const char*> keys) {
    json rest = object.is_object() ? object : json::object();
    for (const char* key : keys) rest.erase(key);
    return rest;
}

void emit_members(YAML::Emitter& out, const json& object) {
    for (const auto& [key, member] : object.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, member);
    }
}

// [SECTION] Resources

std::string queue_id(const std::string& name) { return logical_id(name, "Queue"); }
std::string stream_id(const std::string& name) { return logical_id(name, "Stream"); }

namespace {

void emit_queue(YAML::Emitter& out, const TemplateInput& input, const sim::QueueConfig& queue) {
    json settings = input.document["queues"][queue.name];
    if (queue.FifoQueue) settings["FifoQueue"] = true;  // AWS requires it beside a .fifo name
    out << YAML::Key << queue_id(queue.name) << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Type" << YAML::Value << "AWS::SQS::Queue";
    out << YAML::Key << "Properties" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "QueueName" << YAML::Value << queue.name;
    emit_members(out, members_except(settings, {"RedrivePolicy"}));
    if (queue.redrive_policy) {
        out << YAML::Key << "RedrivePolicy" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "deadLetterTargetArn" << YAML::Value;
        emit_get_att(out, queue_id(queue.redrive_policy->deadLetterTargetArn));
        out << YAML::Key << "maxReceiveCount" << YAML::Value << queue.redrive_policy->maxReceiveCount;
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
}

void emit_stream(YAML::Emitter& out, const TemplateInput& input, const sim::StreamConfig& stream) {
    out << YAML::Key << stream_id(stream.name) << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Type" << YAML::Value << "AWS::Kinesis::Stream";
    out << YAML::Key << "Properties" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Name" << YAML::Value << stream.name;
    emit_members(out, input.document["streams"][stream.name]);
    out << YAML::EndMap << YAML::EndMap;
}

// One of the function's mappings as a SAM event: Queue or Stream for EventSourceArn, the
// on-failure destination as SAM writes it, every other setting as the scenario wrote it.
void emit_event(YAML::Emitter& out, const json& settings, const sim::MappingConfig& mapping) {
    const bool stream = mapping.source_kind == sim::EventSourceKind::KinesisStream;
    const std::string source = stream ? stream_id(mapping.EventSourceArn) : queue_id(mapping.EventSourceArn);
    out << YAML::Key << source + "Event" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Type" << YAML::Value << (stream ? "Kinesis" : "SQS");
    out << YAML::Key << "Properties" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << (stream ? "Stream" : "Queue") << YAML::Value;
    emit_get_att(out, source);
    emit_members(out, members_except(settings, {"EventSourceArn", "FunctionName", "DestinationConfig"}));
    if (!mapping.on_failure_destination.empty()) {
        out << YAML::Key << "DestinationConfig" << YAML::Value << YAML::BeginMap << YAML::Key << "OnFailure"
            << YAML::Value << YAML::BeginMap << YAML::Key << "Type" << YAML::Value << "SQS" << YAML::Key
            << "Destination" << YAML::Value;
        emit_get_att(out, queue_id(mapping.on_failure_destination));
        out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
}

}  // namespace

json simulation_metadata(const TemplateInput& input, const json& function) {
    json simulation = members_except(function.value("Simulation", json::object()), {"Bootstrap", "Source"});
    if (!input.source.empty()) simulation["Source"] = input.source;
    return {{"Simulation", simulation}};
}

json scenario_metadata(const TemplateInput& input) {
    return members_except(input.document, {"queues", "streams", "functions", "mappings"});
}

void emit_sources(YAML::Emitter& out, const TemplateInput& input) {
    for (const auto& [name, queue] : input.scenario.queues) emit_queue(out, input, queue);
    for (const auto& [name, stream] : input.scenario.streams) emit_stream(out, input, stream);
}

namespace {

void emit_function(YAML::Emitter& out, const TemplateInput& input) {
    const json& function = input.document["functions"][input.function];
    const auto& config = input.scenario.functions.at(input.function);
    out << YAML::Key << logical_id(input.function, "Function") << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "Type" << YAML::Value << "AWS::Serverless::Function";
    out << YAML::Key << "Metadata" << YAML::Value << YAML::BeginMap << YAML::Key << kMetadataKey << YAML::Value;
    emit(out, simulation_metadata(input, function));
    out << YAML::EndMap;
    out << YAML::Key << "Properties" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "FunctionName" << YAML::Value << input.function;
    out << YAML::Key << "CodeUri" << YAML::Value << input.code_uri;
    out << YAML::Key << "Handler" << YAML::Value << config.Handler;
    out << YAML::Key << "Runtime" << YAML::Value << config.Runtime;
    out << YAML::Key << "Architectures" << YAML::Value << YAML::Flow << YAML::BeginSeq << "x86_64" << YAML::EndSeq;
    emit_members(out, members_except(function, {"Handler", "Runtime", "Simulation"}));
    out << YAML::Key << "Events" << YAML::Value << YAML::BeginMap;
    const json mappings = input.document.value("mappings", json::array());
    for (std::size_t i = 0; i < input.scenario.mappings.size(); ++i) {
        if (input.scenario.mappings[i].FunctionName != input.function) continue;
        emit_event(out, mappings[i], input.scenario.mappings[i]);
    }
    out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
}

}  // namespace

std::string logical_id(const std::string& name, const std::string& suffix) {
    std::string id;
    bool word_start = true;
    for (const char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            word_start = true;
            continue;
        }
        id += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        word_start = false;
    }
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id.front()))) id = "R" + id;
    return id + suffix;
}

std::string sam_template(const TemplateInput& input) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "AWSTemplateFormatVersion" << YAML::Value << YAML::SingleQuoted << "2010-09-09";
    out << YAML::Key << "Transform" << YAML::Value << "AWS::Serverless-2016-10-31";
    out << YAML::Key << "Description" << YAML::Value
        << "Function " + input.function + " exported from queuelab with the settings it was tested under";
    out << YAML::Key << "Metadata" << YAML::Value << YAML::BeginMap << YAML::Key << kMetadataKey << YAML::Value;
    emit(out, scenario_metadata(input));
    out << YAML::EndMap;
    out << YAML::Key << "Resources" << YAML::Value << YAML::BeginMap;
    emit_sources(out, input);
    emit_function(out, input);
    out << YAML::EndMap << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace queuelab::exporting
