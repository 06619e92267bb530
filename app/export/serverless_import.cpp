// `queuelab import serverless.yml` (docs/export.md 4): the file's variables resolved, then its
// functions and events written as a SAM template's functions and events beside resources.Resources,
// and that template read by the CloudFormation reader, with every path in errors and notes given
// back as the path in serverless.yml.

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "cloudformation_reader.h"
#include "input_error.h"
#include "json_reader.h"
#include "sam_template.h"
#include "serverless_names.h"
#include "serverless_variables.h"

// [SECTION] Index
// Detecting the file · Paths · Provider and metadata · Functions · Events · Reading

namespace queuelab::exporting {
namespace {

namespace fs = std::filesystem;

bool is_plain_text(const YAML::Node& node) { return node.IsScalar() && (node.Tag() == "?" || node.Tag() == "!"); }

// "arn:aws:sqs:us-east-1:123456789012:orders" -> "orders", "arn:aws:kinesis:...:stream/readings" ->
// "readings": how the CloudFormation reader names a queue or stream. Anything else as it is.
void name_by_arn(YAML::Node node) {
    if (!is_plain_text(node) || node.Scalar().rfind("arn:", 0) != 0) return;
    const std::string arn = node.Scalar();
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const auto colon = arn.find(':', start);
        parts.push_back(arn.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos || parts.size() == 6) break;
        start = colon + 1;
    }
    if (parts.size() < 6) return;
    if (parts[2] == "sqs") node = parts[5];
    if (parts[2] == "kinesis" && parts[5].rfind("stream/", 0) == 0) node = parts[5].substr(7);
}

bool names_dynamodb_stream(const YAML::Node& node) {
    return is_plain_text(node) && node.Scalar().rfind("arn:", 0) == 0 && node.Scalar().find(":dynamodb:") != std::string::npos;
}

class ServerlessReader {
public:
    ServerlessReader(const ImportOptions& options, const sim::HandlerCatalog& catalog) : options_(options), catalog_(catalog) {}

    ImportResult read();

private:
    // [SECTION] Paths
    [[noreturn]] void fail(const std::string& where, const YAML::Node& node, const std::string& expected) const {
        throw sim::InputError(options_.template_path, where, line_of(node), expected);
    }
    void note(const std::string& where, const std::string& what) { notes_.push_back(where + ": " + what); }
    void same_as(const std::string& in_template, const std::string& in_file) { paths_[in_template] = in_file; }
    std::string locate(const std::string& where) const;
    YAML::Node section(const YAML::Node& parent, const char* key, const std::string& where) const;

    // [SECTION] Provider and metadata
    void read_top();
    void read_provider();
    void read_metadata();
    void read_given(const char* kind, const char* type, const char* name_key, const char* suffix);
    void read_resources();

    // [SECTION] Functions
    void read_function(const std::string& name, const YAML::Node& function);

    // [SECTION] Events
    void read_event(const YAML::Node& event, const std::string& at, const std::string& in_template, YAML::Node& events);
    YAML::Node event_properties(const YAML::Node& event, const std::string& at, const std::string& properties, bool stream);
    void read_destination(const YAML::Node& destinations, const std::string& at, const std::string& properties,
                          YAML::Node& into);

    const ImportOptions& options_;
    const sim::HandlerCatalog& catalog_;
    YAML::Node file_;
    YAML::Node template_{YAML::NodeType::Map};
    YAML::Node custom_;  // custom.queuelab
    struct Default {
        YAML::Node node;
        std::string where;
    };
    std::map<std::string, Default> defaults_;  // provider's runtime, memorySize and timeout, by AWS's name
    std::map<std::string, std::string> paths_;  // path in the template -> path in serverless.yml
    std::vector<std::string> notes_;
};

// [SECTION] Paths

std::string ServerlessReader::locate(const std::string& where) const {
    for (std::string prefix = where;;) {
        if (const auto found = paths_.find(prefix); found != paths_.end()) return found->second + where.substr(prefix.size());
        const auto dot = prefix.rfind('.');
        if (dot == std::string::npos) return where;
        prefix.resize(dot);
    }
}

YAML::Node ServerlessReader::section(const YAML::Node& parent, const char* key, const std::string& where) const {
    const YAML::Node node = parent[key];
    if (node && !node.IsMap() && !node.IsNull()) fail(sim::join_path(where, key), node, "expected a map");
    return node && node.IsMap() ? node : YAML::Node();
}

// [SECTION] Provider and metadata

void ServerlessReader::read_top() {
    for (const auto& member : file_) {
        const std::string key = member.first.as<std::string>();
        if (key != "service" && key != "frameworkVersion" && key != "provider" && key != "functions" && key != "resources" &&
            key != "custom") {
            note(key, "not simulated, left out");
        }
    }
}

void ServerlessReader::read_provider() {
    const YAML::Node provider = section(file_, "provider", "");
    if (!provider) return;
    for (const auto& member : provider) {
        const std::string key = member.first.as<std::string>();
        const std::string at = "provider." + key;
        if (key == "name") {
            if (!is_plain_text(member.second) || member.second.Scalar() != "aws") fail(at, member.second, "expected aws");
        } else if (key == "runtime" || key == "memorySize" || key == "timeout") {
            for (const ServerlessName& name : kFunctionNames) {
                if (key == name.serverless) defaults_[name.aws] = {member.second, at};
            }
        } else if (key != "stage" && key != "region") {  // the stage is ${sls:stage}'s; the region the scenario's
            note(at, "not simulated, left out");
        }
    }
}

// custom.queuelab without the functions, queues and streams it gives: the template's Metadata.queuelab.
void ServerlessReader::read_metadata() {
    const YAML::Node custom = section(file_, "custom", "");
    custom_ = custom ? section(custom, kMetadataKey, "custom") : YAML::Node();
    YAML::Node metadata(YAML::NodeType::Map);
    if (custom_) {
        for (const auto& member : custom_) {
            const std::string key = member.first.as<std::string>();
            if (key != "functions" && key != "queues" && key != "streams") metadata[key] = member.second;
        }
    } else {
        note(std::string("custom.") + kMetadataKey,
             "none: the scenario has no traffic yet; add custom.queuelab.traffic (a scenario's traffic) to send messages");
    }
    if (!std::as_const(metadata)["name"]) {
        metadata["name"] = file_["service"] && file_["service"].IsScalar() ? file_["service"].Scalar()
                                                                          : fs::path(options_.template_path).stem().string();
    }
    const YAML::Node provider = file_["provider"];
    if (!std::as_const(metadata)["region"] && provider && provider.IsMap() && provider["region"]) metadata["region"] = provider["region"];
    template_["Metadata"][kMetadataKey] = metadata;
    same_as(std::string("Metadata.") + kMetadataKey, std::string("custom.") + kMetadataKey);
}

// custom.queuelab.queues (or streams): queues the service uses but does not declare, by name with a
// scenario's settings, as resources of the template.
void ServerlessReader::read_given(const char* kind, const char* type, const char* name_key, const char* suffix) {
    if (!custom_) return;
    const std::string where = std::string("custom.") + kMetadataKey + "." + kind;
    const YAML::Node given = section(std::as_const(custom_), kind, std::string("custom.") + kMetadataKey);
    if (!given) return;
    for (const auto& member : given) {
        const std::string name = member.first.as<std::string>();
        const std::string logical = logical_id(name, suffix);
        YAML::Node properties(YAML::NodeType::Map);
        properties[name_key] = name;
        if (member.second.IsMap()) {
            for (const auto& setting : member.second) properties[setting.first] = setting.second;
        } else if (!member.second.IsNull()) {
            fail(sim::join_path(where, name), member.second, "expected a map of the " + std::string(kind == std::string("queues") ? "queue" : "stream") +
                                                       "'s settings (a scenario's), or {}");
        }
        YAML::Node resource(YAML::NodeType::Map);
        resource["Type"] = type;
        resource["Properties"] = properties;
        template_["Resources"][logical] = resource;
        same_as("Resources." + logical, sim::join_path(where, name));
        same_as("Resources." + logical + ".Properties", sim::join_path(where, name));
    }
}

void ServerlessReader::read_resources() {
    const YAML::Node resources = section(file_, "resources", "");
    if (!resources) return;
    for (const auto& member : resources) {
        const std::string key = member.first.as<std::string>();
        if (key != "Resources") {
            note("resources." + key, "not simulated, left out");
            continue;
        }
        if (!member.second.IsMap()) fail("resources.Resources", member.second, "expected a map of CloudFormation resources");
        for (const auto& resource : member.second) {
            const std::string logical = resource.first.as<std::string>();
            template_["Resources"][logical] = resource.second;
            same_as("Resources." + logical, "resources.Resources." + logical);
        }
    }
}

// [SECTION] Functions

void ServerlessReader::read_function(const std::string& name, const YAML::Node& function) {
    const std::string where = "functions." + name;
    if (!function.IsMap()) fail(where, function, "expected a map with the function's handler");
    const std::string logical = logical_id(name, "LambdaFunction");
    const std::string in_template = "Resources." + logical;
    YAML::Node properties(YAML::NodeType::Map);
    properties["FunctionName"] = name;
    same_as(in_template, where);
    same_as(in_template + ".Properties", where);
    for (const ServerlessName& setting : kFunctionNames) {
        const YAML::Node own = function[setting.serverless];
        const auto fallback = defaults_.find(setting.aws);
        if (!own && fallback == defaults_.end()) continue;
        const YAML::Node value = own ? own : fallback->second.node;
        const std::string at = own ? sim::join_path(where, setting.serverless) : fallback->second.where;
        if (setting.aws == std::string("Runtime") && is_plain_text(value) && value.Scalar().rfind("provided.", 0) != 0) {
            note(at, value.Scalar() + " is not simulated: the function runs the handler the import chooses, on provided.al2023");
            continue;
        }
        properties[setting.aws] = value;
        same_as(in_template + ".Properties." + setting.aws, at);
    }
    YAML::Node events(YAML::NodeType::Map);
    for (const auto& member : function) {
        const std::string key = member.first.as<std::string>();
        const std::string at = sim::join_path(where, key);
        if (key == "events") {
            if (!member.second.IsSequence()) fail(at, member.second, "expected a list of events (- sqs: ..., - stream: ...)");
            for (std::size_t i = 0; i < member.second.size(); ++i) {
                read_event(member.second[i], sim::join_path(at, std::to_string(i)), in_template + ".Properties.Events.Event" + std::to_string(i),
                           events);
            }
        } else if (key == "name") {
            note(at, "the scenario calls the function " + name + ", its key");
        } else if (std::none_of(std::begin(kFunctionNames), std::end(kFunctionNames),
                                [&](const ServerlessName& setting) { return key == setting.serverless; })) {
            note(at, "not simulated, left out");
        }
    }
    properties["Events"] = events;
    YAML::Node resource(YAML::NodeType::Map);
    resource["Type"] = "AWS::Serverless::Function";
    resource["Properties"] = properties;
    const YAML::Node custom = custom_;
    if (custom && custom["functions"] && custom["functions"][name]) {
        const YAML::Node own = custom["functions"][name];
        const std::string at = std::string("custom.") + kMetadataKey + ".functions." + name;
        if (!own.IsMap()) fail(at, own, "expected {Simulation: {...}}");
        for (const auto& member : own) {
            if (member.first.as<std::string>() != "Simulation") note(sim::join_path(at, member.first.as<std::string>()), "not simulated, left out");
        }
        if (own["Simulation"]) resource["Metadata"][kMetadataKey]["Simulation"] = own["Simulation"];
        same_as(in_template + ".Metadata." + kMetadataKey, at);
        same_as(in_template + ".Metadata", at);
    }
    template_["Resources"][logical] = resource;
}

// [SECTION] Events

void ServerlessReader::read_event(const YAML::Node& event, const std::string& at, const std::string& in_template, YAML::Node& events) {
    if (!event.IsMap() || event.size() != 1) fail(at, event, "expected one event, such as sqs: ARN or stream: {type: kinesis, arn: ...}");
    const std::string type = event.begin()->first.as<std::string>();
    const YAML::Node settings = event.begin()->second;
    const std::string where = at + "." + type;
    if (type != "sqs" && type != "stream") {
        note(where, "event " + type + " is not simulated, left out");
        return;
    }
    const bool stream = type == "stream";
    const YAML::Node type_node = settings.IsMap() ? settings["type"] : YAML::Node();
    const YAML::Node arn = settings.IsMap() ? settings["arn"] : settings;
    if (stream && ((type_node && is_plain_text(type_node) && type_node.Scalar() == "dynamodb") || (!type_node && names_dynamodb_stream(arn)))) {
        note(where, "a DynamoDB stream is not simulated, left out");
        return;
    }
    if (stream && type_node && (!is_plain_text(type_node) || type_node.Scalar() != "kinesis")) {
        fail(where + ".type", type_node, "expected kinesis or dynamodb");
    }
    YAML::Node sam_event(YAML::NodeType::Map);
    sam_event["Type"] = stream ? "Kinesis" : "SQS";
    sam_event["Properties"] = event_properties(settings, where, in_template + ".Properties", stream);
    same_as(in_template, where);
    same_as(in_template + ".Properties", where);
    events[in_template.substr(in_template.rfind('.') + 1)] = sam_event;
}

YAML::Node ServerlessReader::event_properties(const YAML::Node& event, const std::string& at, const std::string& properties,
                                              bool stream) {
    const char* source_key = stream ? "Stream" : "Queue";
    YAML::Node out(YAML::NodeType::Map);
    if (!event.IsMap()) {  // the short form: the ARN alone
        name_by_arn(event);
        out[source_key] = event;
        same_as(properties + "." + source_key, at);
        return out;
    }
    if (!event["arn"]) fail(at + ".arn", event, std::string("expected the ") + (stream ? "stream" : "queue") + "'s arn");
    for (const auto& member : event) {
        const std::string key = member.first.as<std::string>();
        const std::string where = sim::join_path(at, key);
        const YAML::Node value = member.second;
        if (key == "arn") {
            name_by_arn(value);
            out[source_key] = value;
            same_as(properties + "." + source_key, where);
            continue;
        }
        if (key == "type" && stream) continue;
        const ServerlessName* name = nullptr;
        for (const ServerlessName& candidate : kEventNames) {
            if (key == candidate.serverless && (stream ? candidate.kinesis : candidate.sqs)) name = &candidate;
        }
        if (name == nullptr) {
            note(where, "not simulated, left out");
            continue;
        }
        const std::string aws = name->aws;
        const std::string in_template = properties + "." + aws;
        same_as(in_template, where);
        if (aws == "FunctionResponseTypes") {
            YAML::Node types(YAML::NodeType::Sequence);
            types.push_back(value);
            out[aws] = types;
            same_as(in_template + ".0", where);
        } else if (aws == "ScalingConfig") {
            out[aws]["MaximumConcurrency"] = value;
            same_as(in_template + ".MaximumConcurrency", where);
        } else if (aws == "FilterCriteria") {
            if (!value.IsSequence()) fail(where, value, "expected a list of event patterns");
            YAML::Node filters(YAML::NodeType::Sequence);
            for (std::size_t i = 0; i < value.size(); ++i) {
                YAML::Node filter(YAML::NodeType::Map);
                filter["Pattern"] = yaml_value(value[i]).dump();
                filters.push_back(filter);
                same_as(in_template + ".Filters." + std::to_string(i), sim::join_path(where, std::to_string(i)));
            }
            out[aws]["Filters"] = filters;
        } else if (aws == "DestinationConfig") {
            read_destination(value, where, properties, out);
        } else {
            out[aws] = value;
        }
    }
    return out;
}

// destinations.onFailure: an ARN, or {arn, type: sqs}.
void ServerlessReader::read_destination(const YAML::Node& destinations, const std::string& at, const std::string& properties,
                                        YAML::Node& into) {
    if (!destinations.IsMap()) fail(at, destinations, "expected {onFailure: ARN}");
    for (const auto& member : destinations) {
        const std::string key = member.first.as<std::string>();
        if (key != "onFailure") {
            note(sim::join_path(at, key), "not simulated, left out");
            continue;
        }
        YAML::Node target = member.second;
        std::string where = sim::join_path(at, key);
        if (target.IsMap() && !target["Fn::GetAtt"] && !target["Ref"]) {
            if (target["type"] && (!is_plain_text(target["type"]) || target["type"].Scalar() != "sqs")) {
                fail(where + ".type", target["type"], "expected sqs (an SQS queue is the destination queuelab simulates)");
            }
            if (!target["arn"]) fail(where + ".arn", target, "expected the destination queue's arn");
            target = target["arn"];
            where += ".arn";
        }
        name_by_arn(target);
        into["DestinationConfig"]["OnFailure"]["Destination"] = target;
        same_as(properties + ".DestinationConfig.OnFailure.Destination", where);
    }
}

// [SECTION] Reading

ImportResult ServerlessReader::read() {
    file_ = load_yaml(options_.template_path, "a serverless.yml");
    if (!file_.IsMap()) fail("", file_, "expected a serverless.yml (a YAML map with service, provider and functions)");
    resolve_variables(file_, parse_variable_sets(options_.sets, options_.template_path), options_.template_path);
    read_top();
    read_provider();
    read_metadata();
    read_given("queues", "AWS::SQS::Queue", "QueueName", "GivenQueue");
    read_given("streams", "AWS::Kinesis::Stream", "Name", "GivenStream");
    read_resources();
    if (const YAML::Node functions = section(file_, "functions", "")) {
        for (const auto& function : functions) read_function(function.first.as<std::string>(), function.second);
    }
    same_as("Resources", "resources.Resources");
    if (!std::as_const(template_)["Resources"]) fail("functions", file_, "expected functions or resources.Resources");
    CloudFormationDocument document{template_, [this](const std::string& where) { return locate(where); },
                                    "declared under resources.Resources or given under custom.queuelab.queues and streams"};
    ImportResult result = read_cloudformation(options_, document, catalog_);
    result.notes.insert(result.notes.begin(), notes_.begin(), notes_.end());
    return result;
}

}  // namespace

bool is_serverless_file(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    if (name == "serverless.yml" || name == "serverless.yaml") return true;
    try {
        const YAML::Node root = YAML::LoadFile(path);
        return root.IsMap() && root["service"] && !root["Resources"];
    } catch (const YAML::Exception&) {
        return false;  // the template reader says why
    }
}

ImportResult import_serverless(const ImportOptions& options, const sim::HandlerCatalog& catalog) {
    return ServerlessReader(options, catalog).read();
}

}  // namespace queuelab::exporting
