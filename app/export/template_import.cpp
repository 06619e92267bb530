#include "template_import.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "builtin_handlers.h"
#include "cloudformation_reader.h"
#include "input_error.h"
#include "parameters.h"
#include "sam_template.h"
#include "scenario_loader.h"

// [SECTION] Index
// Errors and notes · Values and intrinsics · References · Properties · Resources · Validation

namespace queuelab::exporting {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

enum class Kind { Queue, Stream, Function, Mapping, Other };

struct TemplateResource {
    std::string logical;
    std::string type;
    Kind kind = Kind::Other;
    std::string name;  // the scenario's name for it
    YAML::Node node;
};

Kind kind_of(const std::string& type) {
    if (type == "AWS::SQS::Queue") return Kind::Queue;
    if (type == "AWS::Kinesis::Stream") return Kind::Stream;
    if (type == "AWS::Serverless::Function" || type == "AWS::Lambda::Function") return Kind::Function;
    if (type == "AWS::Lambda::EventSourceMapping") return Kind::Mapping;
    return Kind::Other;
}

class TemplateReader {
public:
    TemplateReader(const ImportOptions& options, const CloudFormationDocument& document, const sim::HandlerCatalog& catalog)
        : options_(options), document_(document), catalog_(catalog) {}

    ImportResult read();

private:
    // [SECTION] Errors and notes
    // The path in the file of a path in the document.
    std::string located(const std::string& where) const { return document_.locate ? document_.locate(where) : where; }
    [[noreturn]] void fail(const std::string& where, const YAML::Node& node, const std::string& expected) const {
        throw sim::InputError(options_.template_path, located(where), line_of(node), expected);
    }
    void note(const std::string& where, const std::string& what) { result_.notes.push_back(located(where) + ": " + what); }
    void remember(const std::string& scenario_path, const std::string& where, const YAML::Node& node) {
        origins_[scenario_path] = {where, line_of(node)};
    }

    // [SECTION] Values and intrinsics
    json value(const YAML::Node& node, const std::string& where) const;
    std::string text(const YAML::Node& node, const std::string& where) const;
    // `written`: how the template names it, "!Sub" or "Fn::Sub".
    std::string intrinsic(const std::string& function, const YAML::Node& argument, const std::string& where,
                          const std::string& written) const;
    std::string ref(const std::string& target, const std::string& where, const YAML::Node& node) const;
    std::string get_att(const std::string& logical, const std::string& attribute, const std::string& where,
                        const YAML::Node& node) const;
    std::string sub(const YAML::Node& argument, const std::string& where) const;

    // [SECTION] References
    std::string arn(const TemplateResource& resource) const;
    std::string queue_url(const TemplateResource& resource) const;
    const TemplateResource& referenced(const YAML::Node& node, const std::string& where,
                                       std::initializer_list<Kind> kinds, const std::string& wanted) const;

    // [SECTION] Properties
    void read_properties(const YAML::Node& properties, const std::string& where, sim::Resource resource,
                         sim::EventSourceKind source, const std::string& scenario_path,
                         const std::set<std::string>& handled, json& into);

    // [SECTION] Resources
    void read_header();
    void name_resources();
    void read_queue(const TemplateResource& queue);
    void read_stream(const TemplateResource& stream);
    void read_function(const TemplateResource& function);
    void read_events(const TemplateResource& function, const YAML::Node& events, const std::string& where);
    void read_mapping(const YAML::Node& properties, const std::string& where, const TemplateResource& source,
                      const std::string& function, const std::set<std::string>& handled);
    void read_code(const TemplateResource& function, json& settings, const std::string& where);

    // [SECTION] Validation
    void validate();

    const ImportOptions& options_;
    const CloudFormationDocument& document_;
    const sim::HandlerCatalog& catalog_;
    YAML::Node root_;
    std::map<std::string, TemplateResource> resources_;
    std::map<std::string, std::string> parameters_;  // template parameters with a Default
    std::string region_ = "us-east-1";
    std::string account_ = "123456789012";
    json scenario_ = json::object();
    struct Origin {
        std::string where;
        int line;
    };
    std::map<std::string, Origin> origins_;  // scenario path -> where the template says it
    ImportResult result_;
};

// [SECTION] Values and intrinsics

bool is_intrinsic_tag(const std::string& tag) {
    return tag.size() > 1 && tag[0] == '!' && tag.rfind("!!", 0) != 0;
}

json plain_scalar(const std::string& scalar) {
    if (scalar.empty() || scalar == "~" || scalar == "null" || scalar == "Null" || scalar == "NULL") return nullptr;
    if (scalar == "true" || scalar == "True" || scalar == "TRUE") return true;
    if (scalar == "false" || scalar == "False" || scalar == "FALSE") return false;
    const json number = json::parse(scalar, nullptr, false);
    if (!number.is_discarded() && number.is_number()) return number;
    return scalar;
}

json TemplateReader::value(const YAML::Node& node, const std::string& where) const {
    if (is_intrinsic_tag(node.Tag())) return intrinsic(node.Tag().substr(1), node, where, node.Tag());
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" ? json(node.Scalar()) : plain_scalar(node.Scalar());
        case YAML::NodeType::Sequence: {
            json array = json::array();
            for (std::size_t i = 0; i < node.size(); ++i) array.push_back(value(node[i], join(where, std::to_string(i))));
            return array;
        }
        case YAML::NodeType::Map: {
            if (node.size() == 1) {
                const std::string key = node.begin()->first.as<std::string>();
                if (key == "Ref") return intrinsic("Ref", node.begin()->second, where, key);
                if (key.rfind("Fn::", 0) == 0) return intrinsic(key.substr(4), node.begin()->second, where, key);
            }
            json object = json::object();
            for (const auto& member : node) {
                const std::string key = member.first.as<std::string>();
                object[key] = value(member.second, join(where, key));
            }
            return object;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
    }
    return nullptr;
}

std::string TemplateReader::text(const YAML::Node& node, const std::string& where) const {
    const json resolved = value(node, where);
    if (resolved.is_string()) return resolved.get<std::string>();
    if (resolved.is_number() || resolved.is_boolean()) return resolved.dump();
    fail(where, node, "expected a string, got " + resolved.dump());
}

std::string TemplateReader::intrinsic(const std::string& function, const YAML::Node& argument,
                                      const std::string& where, const std::string& written) const {
    if (function == "Ref") {
        if (!argument.IsScalar()) fail(where, argument, "expected !Ref NAME");
        return ref(argument.Scalar(), where, argument);
    }
    if (function == "GetAtt") {
        if (argument.IsScalar()) {
            const std::string& target = argument.Scalar();
            const auto dot = target.find('.');
            if (dot == std::string::npos) fail(where, argument, "expected !GetAtt RESOURCE.ATTRIBUTE, got " + target);
            return get_att(target.substr(0, dot), target.substr(dot + 1), where, argument);
        }
        if (argument.IsSequence() && argument.size() == 2) {
            return get_att(text(argument[0], where), text(argument[1], where), where, argument);
        }
        fail(where, argument, "expected !GetAtt RESOURCE.ATTRIBUTE or Fn::GetAtt: [RESOURCE, ATTRIBUTE]");
    }
    if (function == "Sub") return sub(argument, where);
    fail(where, argument, "expected !Ref, !GetAtt or !Sub (or Ref, Fn::GetAtt, Fn::Sub): queuelab does not read the intrinsic " +
                              written);
}

std::string TemplateReader::ref(const std::string& target, const std::string& where, const YAML::Node& node) const {
    static const std::map<std::string, std::string> fixed = {
        {"AWS::Partition", "aws"}, {"AWS::StackName", "queuelab"}, {"AWS::URLSuffix", "amazonaws.com"}};
    if (target == "AWS::Region") return region_;
    if (target == "AWS::AccountId") return account_;
    if (const auto pseudo = fixed.find(target); pseudo != fixed.end()) return pseudo->second;
    if (const auto parameter = parameters_.find(target); parameter != parameters_.end()) return parameter->second;
    const auto resource = resources_.find(target);
    if (resource == resources_.end()) {
        fail(where, node, "expected a resource or parameter (with a Default) of this template, got !Ref " + target);
    }
    return resource->second.kind == Kind::Queue ? queue_url(resource->second) : resource->second.name;
}

std::string TemplateReader::get_att(const std::string& logical, const std::string& attribute, const std::string& where,
                                    const YAML::Node& node) const {
    const auto found = resources_.find(logical);
    if (found == resources_.end()) fail(where, node, "expected a resource of this template, got !GetAtt " + logical + "." + attribute);
    const TemplateResource& resource = found->second;
    if (attribute == "Arn" && resource.kind != Kind::Other) return arn(resource);
    if (resource.kind == Kind::Queue && attribute == "QueueName") return resource.name;
    if (resource.kind == Kind::Queue && attribute == "QueueUrl") return queue_url(resource);
    fail(where, node, "expected an attribute queuelab knows (Arn; QueueName and QueueUrl of a queue), got !GetAtt " +
                          logical + "." + attribute);
}

std::string TemplateReader::sub(const YAML::Node& argument, const std::string& where) const {
    std::string pattern;
    std::map<std::string, std::string> variables;
    if (argument.IsScalar()) {
        pattern = argument.Scalar();
    } else if (argument.IsSequence() && argument.size() == 2 && argument[1].IsMap()) {
        pattern = text(argument[0], where);
        for (const auto& variable : argument[1]) {
            variables[variable.first.as<std::string>()] = text(variable.second, where);
        }
    } else {
        fail(where, argument, "expected !Sub STRING or !Sub [STRING, {NAME: VALUE}]");
    }
    std::string out;
    for (std::size_t at = 0; at < pattern.size();) {
        const auto open = pattern.find("${", at);
        if (open == std::string::npos) {
            out += pattern.substr(at);
            break;
        }
        out += pattern.substr(at, open - at);
        const auto close = pattern.find('}', open);
        if (close == std::string::npos) fail(where, argument, "expected a } closing ${ in !Sub " + pattern);
        const std::string name = pattern.substr(open + 2, close - open - 2);
        if (!name.empty() && name[0] == '!') {
            out += "${" + name.substr(1) + "}";
        } else if (const auto variable = variables.find(name); variable != variables.end()) {
            out += variable->second;
        } else if (const auto dot = name.find('.'); dot != std::string::npos && name.rfind("AWS::", 0) != 0) {
            out += get_att(name.substr(0, dot), name.substr(dot + 1), where, argument);
        } else {
            out += ref(name, where, argument);
        }
        at = close + 1;
    }
    return out;
}

// [SECTION] References

std::string TemplateReader::arn(const TemplateResource& resource) const {
    const std::string tail = region_ + ":" + account_ + ":";
    switch (resource.kind) {
        case Kind::Queue: return "arn:aws:sqs:" + tail + resource.name;
        case Kind::Stream: return "arn:aws:kinesis:" + tail + "stream/" + resource.name;
        case Kind::Function: return "arn:aws:lambda:" + tail + "function:" + resource.name;
        case Kind::Mapping: return "arn:aws:lambda:" + tail + "event-source-mapping:" + resource.logical;
        case Kind::Other: return {};
    }
    return {};
}

std::string TemplateReader::queue_url(const TemplateResource& resource) const {
    return "https://sqs." + region_ + ".amazonaws.com/" + account_ + "/" + resource.name;
}

const TemplateResource& TemplateReader::referenced(const YAML::Node& node, const std::string& where,
                                                   std::initializer_list<Kind> kinds, const std::string& wanted) const {
    const std::string reference = text(node, where);
    for (const auto& [logical, resource] : resources_) {
        if (std::find(kinds.begin(), kinds.end(), resource.kind) == kinds.end()) continue;
        if (reference == resource.name || reference == arn(resource) ||
            (resource.kind == Kind::Queue && reference == queue_url(resource))) {
            return resource;
        }
    }
    fail(where, node, "expected " + wanted + " of this template (" + document_.reference_hint + "), got " + reference);
}

// [SECTION] Properties

// The value as the scenario's parameter `name` takes it: CloudFormation writes numbers and
// booleans as strings too.
json coerce(const json& value, sim::Resource resource, const std::string& name, sim::EventSourceKind source) {
    if (value.is_object()) {
        json object = json::object();
        for (const auto& [key, member] : value.items()) object[key] = coerce(member, resource, name + "." + key, source);
        return object;
    }
    const sim::Parameter* parameter = sim::find_parameter(resource, name, source);
    if (parameter == nullptr || !value.is_string()) return value;
    const json parsed = plain_scalar(value.get<std::string>());
    switch (parameter->type) {
        case sim::ValueType::Boolean:
            return parsed.is_boolean() ? parsed : value;
        case sim::ValueType::Integer:
        case sim::ValueType::IntegerOrInfinite:
        case sim::ValueType::Number:
            return parsed.is_number() ? parsed : value;
        case sim::ValueType::Choice:
        case sim::ValueType::Custom:
            return value;
    }
    return value;
}

bool simulated(sim::Resource resource, const std::string& key, sim::EventSourceKind source) {
    if (key == "Simulation") return false;
    for (const sim::Parameter& parameter : sim::parameters_of(resource)) {
        if (!sim::applies_to(parameter.sources, source) && resource == sim::Resource::Mapping) continue;
        const std::string_view name = parameter.name;
        if (name == key || (name.size() > key.size() && name.substr(0, key.size()) == key && name[key.size()] == '.')) {
            return true;
        }
    }
    return false;
}

void TemplateReader::read_properties(const YAML::Node& properties, const std::string& where, sim::Resource resource,
                                     sim::EventSourceKind source, const std::string& scenario_path,
                                     const std::set<std::string>& handled, json& into) {
    if (!properties) return;
    if (!properties.IsMap()) fail(where, properties, "expected a map of properties");
    for (const auto& property : properties) {
        const std::string key = property.first.as<std::string>();
        const std::string at = join(where, key);
        if (handled.count(key) > 0) continue;
        if (!simulated(resource, key, source)) {
            note(at, "not simulated, left out");
            continue;
        }
        into[key] = coerce(value(property.second, at), resource, key, source);
        remember(join(scenario_path, key), at, property.second);
    }
}

// [SECTION] Resources

void TemplateReader::read_header() {
    if (const YAML::Node parameters = std::as_const(root_)["Parameters"]) {
        for (const auto& parameter : parameters) {
            if (const YAML::Node fallback = parameter.second["Default"]; fallback && fallback.IsScalar()) {
                parameters_[parameter.first.as<std::string>()] = fallback.Scalar();
            }
        }
    }
    const YAML::Node metadata = std::as_const(root_)["Metadata"];
    if (metadata && metadata[kMetadataKey]) {
        scenario_ = value(metadata[kMetadataKey], std::string("Metadata.") + kMetadataKey);
        if (!scenario_.is_object()) fail(std::string("Metadata.") + kMetadataKey, metadata[kMetadataKey], "expected a map");
        region_ = scenario_.value("region", region_);
        account_ = scenario_.value("account_id", account_);
    } else {
        scenario_["name"] = fs::path(options_.template_path).stem().string();
        note("Metadata", "no queuelab metadata: the scenario has no traffic yet; add a traffic section to send messages");
    }
    for (const char* section : {"Conditions", "Mappings", "Outputs", "Rules"}) {
        if (std::as_const(root_)[section]) note(section, "not simulated, left out");
    }
}

void TemplateReader::name_resources() {
    const YAML::Node resources = std::as_const(root_)["Resources"];
    if (!resources || !resources.IsMap() || resources.size() == 0) fail("Resources", root_, "expected a map of resources");
    for (const auto& entry : resources) {
        TemplateResource resource;
        resource.logical = entry.first.as<std::string>();
        resource.node = entry.second;
        const std::string where = "Resources." + resource.logical;
        const YAML::Node type = entry.second["Type"];
        if (!type || !type.IsScalar()) fail(where + ".Type", entry.second, "expected the resource's Type");
        resource.type = type.Scalar();
        resource.kind = kind_of(resource.type);
        const YAML::Node properties = entry.second["Properties"];
        const char* name_key = resource.kind == Kind::Queue ? "QueueName" : resource.kind == Kind::Stream ? "Name" : "FunctionName";
        if (properties && properties[name_key] && properties[name_key].IsScalar() && !is_intrinsic_tag(properties[name_key].Tag())) {
            resource.name = properties[name_key].Scalar();
        } else {
            resource.name = resource.logical;
            if (resource.kind == Kind::Queue && properties && properties["FifoQueue"] &&
                plain_scalar(properties["FifoQueue"].Scalar()) == json(true)) {
                resource.name += ".fifo";
            }
        }
        resources_.emplace(resource.logical, std::move(resource));
    }
}

void TemplateReader::read_queue(const TemplateResource& queue) {
    const std::string where = "Resources." + queue.logical + ".Properties";
    const std::string path = "queues." + queue.name;
    const YAML::Node properties = queue.node["Properties"];
    json settings = json::object();
    remember(path, "Resources." + queue.logical, queue.node);
    read_properties(properties, where, sim::Resource::Queue, sim::EventSourceKind::SqsQueue, path,
                    {"QueueName", "RedrivePolicy"}, settings);
    if (properties && properties["RedrivePolicy"]) {
        const YAML::Node policy_node = properties["RedrivePolicy"];
        const std::string at = where + ".RedrivePolicy";
        json policy = json::object();
        YAML::Node policy_map = policy_node;
        if (policy_node.IsScalar() && !is_intrinsic_tag(policy_node.Tag())) policy_map = YAML::Load(policy_node.Scalar());
        if (!policy_map.IsMap()) fail(at, policy_node, "expected {deadLetterTargetArn, maxReceiveCount}");
        for (const auto& member : policy_map) {
            const std::string key = member.first.as<std::string>();
            if (key == "deadLetterTargetArn") {
                policy[key] = referenced(member.second, at + "." + key, {Kind::Queue}, "a queue").name;
            } else {
                policy[key] = coerce(value(member.second, at + "." + key), sim::Resource::Queue, "RedrivePolicy." + key,
                                     sim::EventSourceKind::SqsQueue);
            }
            remember(path + ".RedrivePolicy." + key, at + "." + key, member.second);
        }
        settings["RedrivePolicy"] = policy;
    }
    scenario_["queues"][queue.name] = settings;
}

void TemplateReader::read_stream(const TemplateResource& stream) {
    const std::string path = "streams." + stream.name;
    json settings = json::object();
    remember(path, "Resources." + stream.logical, stream.node);
    read_properties(stream.node["Properties"], "Resources." + stream.logical + ".Properties", sim::Resource::Stream,
                    sim::EventSourceKind::KinesisStream, path, {"Name"}, settings);
    scenario_["streams"][stream.name] = settings;
}

// The function's code: the Simulation queuelab wrote into its Metadata, else a built-in named by
// Handler, else the default handler.
void TemplateReader::read_code(const TemplateResource& function, json& settings, const std::string& where) {
    const YAML::Node metadata = function.node["Metadata"];
    if (metadata && metadata[kMetadataKey] && metadata[kMetadataKey]["Simulation"]) {
        json simulation = value(metadata[kMetadataKey]["Simulation"], "Resources." + function.logical + ".Metadata");
        if (simulation.contains("Source") && simulation["Source"].is_string()) {
            const fs::path source = fs::absolute(fs::path(options_.template_path).parent_path() / simulation["Source"].get<std::string>());
            const fs::path scenario_dir = fs::absolute(fs::path(options_.scenario_path)).parent_path();
            simulation["Source"] = source.lexically_normal().lexically_relative(scenario_dir).string();
        }
        if (!simulation.empty()) settings["Simulation"] = simulation;  // none written: the defaults
        remember("functions." + function.name + ".Simulation", "Resources." + function.logical + ".Metadata." + kMetadataKey + ".Simulation",
                 metadata[kMetadataKey]["Simulation"]);
        if (simulation.contains("Source") || simulation.contains("Bootstrap")) return;
    }
    const std::string handler = settings.value("Handler", "");
    if (find_builtin_handler(handler) == nullptr) {
        note(where + ".Handler", (handler.empty() ? std::string("none") : "'" + handler + "' is not a built-in handler") +
                                     ": the scenario runs the built-in " + options_.default_handler +
                                     " (set the function's Handler or Simulation.Source)");
        settings["Handler"] = options_.default_handler;
    }
}

void TemplateReader::read_function(const TemplateResource& function) {
    const std::string where = "Resources." + function.logical + ".Properties";
    const std::string path = "functions." + function.name;
    json settings = json::object();
    remember(path, "Resources." + function.logical, function.node);
    const std::set<std::string> handled = {"FunctionName", "Events"};
    const YAML::Node globals = std::as_const(root_)["Globals"];
    if (function.type == "AWS::Serverless::Function" && globals && globals.IsMap()) {
        read_properties(globals["Function"], "Globals.Function", sim::Resource::Function, sim::EventSourceKind::SqsQueue,
                        path, handled, settings);
    }
    read_properties(function.node["Properties"], where, sim::Resource::Function, sim::EventSourceKind::SqsQueue, path,
                    handled, settings);
    read_code(function, settings, where);
    scenario_["functions"][function.name] = settings;
    if (const YAML::Node events = function.node["Properties"]["Events"]) read_events(function, events, where + ".Events");
}

void TemplateReader::read_events(const TemplateResource& function, const YAML::Node& events, const std::string& where) {
    for (const auto& event : events) {
        const std::string at = join(where, event.first.as<std::string>());
        const std::string type = event.second["Type"] ? event.second["Type"].as<std::string>() : "";
        if (type != "SQS" && type != "Kinesis") {
            note(at, "event Type " + type + " is not simulated, left out");
            continue;
        }
        const YAML::Node properties = event.second["Properties"];
        const char* source_key = type == "SQS" ? "Queue" : "Stream";
        if (!properties || !properties[source_key]) fail(at + ".Properties." + source_key, event.second, std::string("expected the event's ") + source_key);
        const TemplateResource& source =
            referenced(properties[source_key], at + ".Properties." + source_key, {type == "SQS" ? Kind::Queue : Kind::Stream},
                       type == "SQS" ? "a queue" : "a stream");
        read_mapping(properties, at + ".Properties", source, function.name, {source_key});
    }
}

void TemplateReader::read_mapping(const YAML::Node& properties, const std::string& where, const TemplateResource& source,
                                  const std::string& function, const std::set<std::string>& handled) {
    const auto kind = source.kind == Kind::Stream ? sim::EventSourceKind::KinesisStream : sim::EventSourceKind::SqsQueue;
    json& mappings = scenario_["mappings"];
    if (!mappings.is_array()) mappings = json::array();
    const std::string path = "mappings." + std::to_string(mappings.size());
    remember(path, where, properties);
    json settings = {{"EventSourceArn", source.name}, {"FunctionName", function}};
    std::set<std::string> skip = handled;
    skip.insert("DestinationConfig");
    read_properties(properties, where, sim::Resource::Mapping, kind, path, skip, settings);
    if (const YAML::Node destination = properties["DestinationConfig"]) {
        const std::string at = where + ".DestinationConfig.OnFailure.Destination";
        if (!destination["OnFailure"] || !destination["OnFailure"]["Destination"]) {
            fail(at, destination, "expected OnFailure.Destination");
        }
        settings["DestinationConfig"] = {
            {"OnFailure", {{"Destination", referenced(destination["OnFailure"]["Destination"], at, {Kind::Queue}, "a queue").name}}}};
        remember(path + ".DestinationConfig", at, destination);
    }
    mappings.push_back(settings);
}

// [SECTION] Validation

void TemplateReader::validate() {
    try {
        sim::scenario_from_json(scenario_, options_.scenario_path, {}, catalog_);
    } catch (const sim::InputError& error) {
        std::string prefix = error.field;
        for (;;) {
            if (const auto origin = origins_.find(prefix); origin != origins_.end()) {
                throw sim::InputError(options_.template_path, located(origin->second.where + error.field.substr(prefix.size())),
                                      origin->second.line, error.expected);
            }
            const auto dot = prefix.rfind('.');
            if (dot == std::string::npos) break;
            prefix.resize(dot);
        }
        throw sim::InputError(options_.template_path, located(join(std::string("Metadata.") + kMetadataKey, error.field)), 0,
                              error.expected);
    }
}

ImportResult TemplateReader::read() {
    root_ = document_.root;
    read_header();
    name_resources();
    for (const auto& [logical, resource] : resources_) {
        switch (resource.kind) {
            case Kind::Queue: read_queue(resource); break;
            case Kind::Stream: read_stream(resource); break;
            case Kind::Function:
            case Kind::Mapping:
            case Kind::Other: break;
        }
    }
    for (const auto& [logical, resource] : resources_) {
        const std::string where = "Resources." + logical;
        switch (resource.kind) {
            case Kind::Function: read_function(resource); break;
            case Kind::Mapping: {
                const YAML::Node properties = resource.node["Properties"];
                if (!properties || !properties["EventSourceArn"] || !properties["FunctionName"]) {
                    fail(where + ".Properties", resource.node, "expected EventSourceArn and FunctionName");
                }
                const auto& source = referenced(properties["EventSourceArn"], where + ".Properties.EventSourceArn",
                                                {Kind::Queue, Kind::Stream}, "a queue or stream");
                const auto& function = referenced(properties["FunctionName"], where + ".Properties.FunctionName",
                                                  {Kind::Function}, "a function");
                read_mapping(properties, where + ".Properties", source, function.name, {"EventSourceArn", "FunctionName"});
                break;
            }
            case Kind::Other: note(where, resource.type + " is not simulated, left out"); break;
            case Kind::Queue:
            case Kind::Stream: break;
        }
    }
    if (const YAML::Node globals = std::as_const(root_)["Globals"]) {
        for (const auto& section : globals) {
            const std::string key = section.first.as<std::string>();
            if (key != "Function") note("Globals." + key, "not simulated, left out");
        }
    }
    validate();
    result_.scenario = scenario_;
    return result_;
}

}  // namespace

nlohmann::json yaml_value(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" ? json(node.Scalar()) : plain_scalar(node.Scalar());
        case YAML::NodeType::Sequence: {
            json array = json::array();
            for (const auto& member : node) array.push_back(yaml_value(member));
            return array;
        }
        case YAML::NodeType::Map: {
            json object = json::object();
            for (const auto& member : node) object[member.first.as<std::string>()] = yaml_value(member.second);
            return object;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
    }
    return nullptr;
}

YAML::Node load_yaml(const std::string& path, const std::string& expected) {
    try {
        return YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        throw sim::InputError(path, "", 0, "expected a readable file (" + expected + ")");
    } catch (const YAML::Exception& error) {
        throw sim::InputError(path, "", error.mark.line >= 0 ? error.mark.line + 1 : 0, "expected YAML (" + expected + "): " + error.msg);
    }
}

ImportResult read_cloudformation(const ImportOptions& options, const CloudFormationDocument& document,
                                 const sim::HandlerCatalog& catalog) {
    return TemplateReader(options, document, catalog).read();
}

ImportResult import_template(const ImportOptions& options, const sim::HandlerCatalog& catalog) {
    if (is_serverless_file(options.template_path)) return import_serverless(options, catalog);
    if (!options.sets.empty()) {
        throw sim::InputError(options.template_path, "", 0,
                              "expected no --set: it gives serverless.yml's variables, and this is a SAM or CloudFormation template");
    }
    CloudFormationDocument document{load_yaml(options.template_path, "a SAM or CloudFormation template"), {}};
    if (!document.root.IsMap()) {
        throw sim::InputError(options.template_path, "", line_of(document.root),
                              "expected a SAM or CloudFormation template (a YAML map with Resources)");
    }
    return read_cloudformation(options, document, catalog);
}

}  // namespace queuelab::exporting
