#pragma once
// serverless.yml's variables (docs/export.md 4.2): ${self:PATH}, ${opt:NAME}, ${sls:stage},
// ${env:NAME}, ${aws:region} and ${aws:accountId}, each with fallbacks after commas
// (${opt:stage, 'dev'}, ${env:QUEUE, self:custom.queue}). ${...} that is not one of these
// sources' form (CloudFormation's ${AWS::Region} or ${Queue.Arn} in Fn::Sub) is left as it is.

#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace queuelab::exporting {

struct VariableValues {
    std::map<std::string, std::string> options;      // opt:NAME
    std::map<std::string, std::string> environment;  // env:NAME
};

// --set "opt:NAME=VALUE" or "env:NAME=VALUE"; sim::InputError naming `file` and --set otherwise.
VariableValues parse_variable_sets(const std::vector<std::string>& sets, const std::string& file);

// Replaces every variable in `root` by its value, in place: a scalar that is one variable becomes
// the value's node (a number, a map...), otherwise the values are written into the text. Throws
// sim::InputError naming `file`, the path and line of the scalar and the variable that has no value.
void resolve_variables(YAML::Node root, const VariableValues& values, const std::string& file);

}  // namespace queuelab::exporting
