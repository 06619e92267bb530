#pragma once
// `queuelab import`: a SAM or CloudFormation template, or a Serverless Framework serverless.yml,
// read into a scenario (docs/export.md 2 and 4).
// Resources: AWS::SQS::Queue, AWS::Kinesis::Stream, AWS::Serverless::Function (with
// Globals.Function, and its SQS and Kinesis events), AWS::Lambda::Function and
// AWS::Lambda::EventSourceMapping. Properties keep AWS's names, which are the scenario's; their
// values are checked by the scenario loader, with AWS's ranges (docs/scenario-format.md 4).
// Intrinsics: !Ref, !GetAtt and !Sub and their long forms Ref, Fn::GetAtt and Fn::Sub, of the
// template's resources and parameters (their Default) and the pseudo parameters AWS::Region,
// AWS::AccountId, AWS::Partition, AWS::StackName and AWS::URLSuffix.
//
// Everything the simulator does not model (another resource type, a property, an event type, a
// section) is left out and listed in `notes`, one line each, by its path in the template. Bad
// templates are sim::InputError naming the template, the path of the resource and property and,
// where known, the line: not YAML, an intrinsic other than those three, a reference to a resource
// the template does not have, a value out of AWS's range.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "function_code.h"

namespace queuelab::exporting {

struct ImportOptions {
    std::string template_path;
    std::string scenario_path;  // where the scenario will be written: relative paths start there
    // The built-in handler of a function whose Handler names no built-in and that carries no
    // queuelab metadata (a Source): it answers every event with success.
    std::string default_handler = "fixed-response";
    // --set: serverless.yml's variables, "opt:NAME=VALUE" for ${opt:NAME} (opt:stage is --stage)
    // and "env:NAME=VALUE" for ${env:NAME}; the import never reads the process's environment.
    std::vector<std::string> sets;
};

struct ImportResult {
    nlohmann::json scenario;
    std::vector<std::string> notes;  // "Resources.Role: AWS::IAM::Role is not simulated, left out"
};

ImportResult import_template(const ImportOptions& options, const sim::HandlerCatalog& catalog = sim::default_catalog());

}  // namespace queuelab::exporting
