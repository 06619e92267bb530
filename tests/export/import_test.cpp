// queuelab import (docs/export.md "Import"): SAM and CloudFormation templates into scenarios, what
// is left out listed by path, and bad templates as one line naming the file, resource and property
// (docs/scenario-format.md 9).

#include "export_test_support.h"

namespace queuelab::exporting::test {
namespace {

using nlohmann::json;

Outcome import_text(const std::string& name, const std::string& yaml) {
    const fs::path dir = work_dir("import-" + name);
    return run_import(import_options(write(dir / "template.yaml", yaml), (dir / "scenario.json").string()));
}

json imported(const std::string& name) {
    return json::parse(read(fs::path(QUEUELAB_EXPORT_WORK) / ("import-" + name) / "scenario.json"));
}

const char* kSamTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Visibility:
    Type: Number
    Default: 45
Globals:
  Function:
    Timeout: 20
    MemorySize: 256
    Tracing: Active
Resources:
  OrdersDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-dlq
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
      VisibilityTimeout: !Ref Visibility
      KmsMasterKeyId: alias/aws/sqs
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 3
  Readings:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: "2"
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: processor
      Handler: order-processor
      Runtime: provided.al2023
      CodeUri: build/bootstrap.zip
      MemorySize: 512
      ReservedConcurrentExecutions: 5
      Events:
        FromOrders:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 10
            MaximumBatchingWindowInSeconds: 2
            FunctionResponseTypes: [ReportBatchItemFailures]
            ScalingConfig:
              MaximumConcurrency: 2
        Api:
          Type: Api
          Properties: {Path: /, Method: get}
  Sensor:
    Type: AWS::Lambda::Function
    Properties:
      Handler: sensor-readings
      Runtime: provided.al2023
      Timeout: 10
  SensorMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn:
        Fn::Sub: arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${Readings}
      FunctionName:
        Ref: Sensor
      StartingPosition: TRIM_HORIZON
      MaximumRetryAttempts: 2
      DestinationConfig:
        OnFailure:
          Destination:
            Fn::GetAtt: [OrdersDlq, Arn]
  Role:
    Type: AWS::IAM::Role
    Properties: {}
Outputs:
  QueueUrl:
    Value: !Ref Orders
)";

}  // namespace

TEST_CASE("import reads SAM and CloudFormation resources under AWS's names into a scenario", "[export][import]") {
    const Outcome outcome = import_text("sam", kSamTemplate);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const json scenario = imported("sam");
    // !Ref of a parameter gives its Default; a string "2" is the integer CloudFormation means.
    CHECK(scenario["queues"]["orders"] ==
          json::parse(R"({"VisibilityTimeout": 45, "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 3}})"));
    CHECK(scenario["queues"]["orders-dlq"] == json::object());
    CHECK(scenario["streams"]["Readings"] == json::parse(R"({"ShardCount": 2})"));
    // Globals.Function gives Timeout; the function's own MemorySize wins over the global one.
    CHECK(scenario["functions"]["processor"] ==
          json::parse(R"({"Handler": "order-processor", "Runtime": "provided.al2023", "Timeout": 20, "MemorySize": 512,
                          "ReservedConcurrentExecutions": 5})"));
    CHECK(scenario["functions"]["Sensor"]["Timeout"] == 10);
    REQUIRE(scenario["mappings"].size() == 2);
    CHECK(scenario["mappings"][0] ==
          json::parse(R"({"EventSourceArn": "orders", "FunctionName": "processor", "BatchSize": 10,
                          "MaximumBatchingWindowInSeconds": 2, "FunctionResponseTypes": ["ReportBatchItemFailures"],
                          "ScalingConfig": {"MaximumConcurrency": 2}})"));
    // Fn::Sub with ${Readings} and the pseudo parameters gives the stream's ARN, read back as the stream.
    CHECK(scenario["mappings"][1] ==
          json::parse(R"({"EventSourceArn": "Readings", "FunctionName": "Sensor", "StartingPosition": "TRIM_HORIZON",
                          "MaximumRetryAttempts": 2, "DestinationConfig": {"OnFailure": {"Destination": "orders-dlq"}}})"));
}

TEST_CASE("import lists by path every resource, property, event and section it leaves out", "[export][import]") {
    const Outcome outcome = import_text("sam-notes", kSamTemplate);
    REQUIRE(outcome.exit_code == 0);
    const std::string file = (fs::path(QUEUELAB_EXPORT_WORK) / "import-sam-notes" / "template.yaml").string();
    for (const std::string line : {": Resources.Orders.Properties.KmsMasterKeyId: not simulated, left out",
                                   ": Resources.Processor.Properties.CodeUri: not simulated, left out",
                                   ": Globals.Function.Tracing: not simulated, left out",
                                   ": Resources.Processor.Properties.Events.Api: event Type Api is not simulated, left out",
                                   ": Resources.Role: AWS::IAM::Role is not simulated, left out",
                                   ": Outputs: not simulated, left out",
                                   ": Metadata: no queuelab metadata"}) {
        CHECK(contains(outcome.err, file + line));
    }
}

TEST_CASE("a function whose Handler names no built-in runs the default handler, and says so", "[export][import]") {
    const Outcome outcome = import_text("handler", R"(Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Handler: bootstrap, Runtime: provided.al2023}
)");
    REQUIRE(outcome.exit_code == 0);
    CHECK(imported("handler")["functions"]["Fn"]["Handler"] == "fixed-response");
    CHECK(contains(outcome.err, "Resources.Fn.Properties.Handler: 'bootstrap' is not a built-in handler"));
}

TEST_CASE("bad templates are bad input: one line naming the file, resource and property", "[export][import]") {
    struct Bad {
        const char* name;
        const char* yaml;
        const char* expected;  // after "<file>:"
    };
    const Bad cases[] = {
        {"not-yaml", "Resources: [a, b\n", "2: expected YAML (a SAM or CloudFormation template)"},
        {"unknown-intrinsic",
         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Join ['', [a, b]]\n      DelaySeconds: !FindInMap [M, a, b]\n",
         "6: Resources.Q.Properties.DelaySeconds: expected !Ref, !GetAtt or !Sub (or Ref, Fn::GetAtt, Fn::Sub): queuelab does "
         "not read the intrinsic !FindInMap"},
        {"long-unknown-intrinsic",
         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds:\n        Fn::If: [c, 1, 2]\n",
         "6: Resources.Q.Properties.DelaySeconds: expected !Ref, !GetAtt or !Sub (or Ref, Fn::GetAtt, Fn::Sub): queuelab does "
         "not read the intrinsic Fn::If"},
        {"missing-resource",
         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 3\n",
         "6: Resources.Q.Properties.RedrivePolicy.deadLetterTargetArn: expected a resource of this template, got !GetAtt Dlq.Arn"},
        {"missing-ref",
         "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Handler: order-processor}\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt F.Arn\n      FunctionName: !Ref F\n",
         "8: Resources.M.Properties.EventSourceArn: expected a queue or stream of this template (for example !GetAtt RESOURCE.Arn), got arn:aws:lambda:us-east-1:123456789012:function:F"},
        {"out-of-range",
         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 50000\n",
         "5: Resources.Q.Properties.VisibilityTimeout: "},
        {"mapping-out-of-range",
         "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: order-processor\n      Events:\n        E:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q.Arn\n            ScalingConfig: {MaximumConcurrency: 1}\n",
         "13: Resources.F.Properties.Events.E.Properties.ScalingConfig.MaximumConcurrency: "},
    };
    for (const Bad& bad : cases) {
        INFO(bad.name);
        const fs::path dir = work_dir(std::string("import-bad-") + bad.name);
        const std::string file = write(dir / "template.yaml", bad.yaml);
        const Outcome outcome = run_import(import_options(file, (dir / "scenario.json").string()));
        INFO(outcome.err);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.rfind(file + ":" + bad.expected, 0) == 0);
        CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(dir / "scenario.json"));
    }
}

TEST_CASE("an out-of-range value is refused with AWS's range", "[export][import]") {
    const Outcome outcome = import_text("range", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 50000\n");
    CHECK(outcome.exit_code == 2);
    // docs/scenario-format.md 4: VisibilityTimeout is 0 to 43,200 seconds, with AWS's message.
    const std::string file = (fs::path(QUEUELAB_EXPORT_WORK) / "import-range" / "template.yaml").string();
    CHECK(outcome.err == file + ":5: Resources.Q.Properties.VisibilityTimeout: expected an integer from 0 to 43200 "
                                "(Invalid value for the parameter VisibilityTimeout), got 50000\n");
}

}  // namespace queuelab::exporting::test
