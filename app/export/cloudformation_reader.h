#pragma once
// The CloudFormation reader of `queuelab import` (template_import.h), for the file kinds that hold
// CloudFormation: a SAM or CloudFormation template, and serverless.yml's resources.Resources
// (serverless_import.h), which is read as a template made from the file.

#include <functional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "template_import.h"

namespace queuelab::exporting {

struct CloudFormationDocument {
    YAML::Node root;  // a template: Metadata, Resources, Globals, Parameters, Outputs, ...
    // The path in the file of a path in `root`, for errors and notes; none: the same path.
    std::function<std::string(const std::string&)> locate;
    // How a reference to a queue or stream is written, in the error for one that names none.
    std::string reference_hint = "for example !GetAtt RESOURCE.Arn";
};

ImportResult read_cloudformation(const ImportOptions& options, const CloudFormationDocument& document,
                                 const sim::HandlerCatalog& catalog);

// The file's YAML; sim::InputError naming the file and line when it is not YAML. `expected` names
// the kind of file ("a SAM or CloudFormation template").
YAML::Node load_yaml(const std::string& path, const std::string& expected);

// The node's 1-based line in its file; 0 for a node the import made.
inline int line_of(const YAML::Node& node) {
    const int line = node.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

// Plain YAML (no intrinsics) as JSON, with YAML's numbers, booleans and nulls.
nlohmann::json yaml_value(const YAML::Node& node);

// serverless.yml (serverless_import.cpp): a file named serverless.yml or serverless.yaml, or YAML
// with a top-level `service` and no `Resources`.
bool is_serverless_file(const std::string& path);
ImportResult import_serverless(const ImportOptions& options, const sim::HandlerCatalog& catalog);

}  // namespace queuelab::exporting
