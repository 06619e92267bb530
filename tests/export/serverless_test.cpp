// serverless.yml (docs/export.md 1.4 and 4): the import of the Serverless Framework's file (variables,
// provider defaults, functions, sqs and stream events, resources.Resources through the
// CloudFormation reader), what it leaves out listed by path, bad files as one line naming the YAML
// path, the Serverless guide's examples imported and run, and the round trips with the export.

#include "export_test_support.h"

#include "engine.h"
#include "report.h"
#include "scenario_loader.h"
#include "totals.h"

namespace queuelab::exporting::test {
namespace {

using nlohmann::json;

Outcome import_serverless(const std::string& name, const std::string& yaml, std::vector<std::string> sets = {}) {
    const fs::path dir = work_dir("serverless-" + name);
    cli::ImportOptions options = import_options(write(dir / "serverless.yml", yaml), (dir / "scenario.json").string());
    options.sets = std::move(sets);
    return run_import(options);
}

fs::path file_of(const std::string& name) { return fs::path(QUEUELAB_EXPORT_WORK) / ("serverless-" + name) / "serverless.yml"; }

json imported(const std::string& name) {
    return json::parse(read(fs::path(QUEUELAB_EXPORT_WORK) / ("serverless-" + name) / "scenario.json"));
}

sim::Totals run(const json& scenario, const std::string& name) {
    const sim::HandlerCatalog& catalog = test_catalog();
    sim::Engine engine(sim::scenario_from_json(scenario, (fs::path(QUEUELAB_EXPORT_WORK) / name).string(), {}, catalog),
                       {.catalog = &catalog});
    engine.run();
    return sim::compute_totals(engine);
}

json resources(const json& scenario) {
    json only = json::object();
    for (const char* key : {"queues", "streams", "functions", "mappings"}) {
        if (scenario.contains(key)) only[key] = scenario[key];
    }
    return only;
}

const char* kServerless = R"(service: orders
frameworkVersion: '3'
provider:
  name: aws
  runtime: provided.al2023
  stage: ${opt:stage, 'dev'}
  region: eu-west-1
  memorySize: 512
  timeout: 10
  iam:
    role: arn:aws:iam::123456789012:role/orders
custom:
  batch: 5
  queueName: orders-${sls:stage}
  queuelab:
    seed: 3
    duration_s: 120
    traffic:
      - {to: "${self:custom.queueName}", at_s: 0, count: 10, body: '{"kind":"order","orderId":"o-{i}"}'}
plugins:
  - serverless-offline
functions:
  processor:
    handler: order-processor
    timeout: ${env:PROCESSOR_TIMEOUT, 6}
    reservedConcurrency: 3
    environment:
      TABLE: orders
    events:
      - sqs:
          arn: !GetAtt OrdersQueue.Arn
          batchSize: ${self:custom.batch}
          maximumBatchingWindow: 2
          functionResponseType: ReportBatchItemFailures
          maximumConcurrency: 2
          filterPatterns:
            - body: {kind: [order]}
          enabled: true
      - sqs:
          arn:
            Fn::GetAtt: [AuditQueue, Arn]
      - http: GET /orders
  sensor:
    handler: sensor-readings
    memorySize: 256
    events:
      - stream:
          type: kinesis
          arn: !Ref Readings
          batchSize: 50
          batchWindow: 1
          startingPosition: TRIM_HORIZON
          parallelizationFactor: 2
          bisectBatchOnFunctionError: true
          maximumRetryAttempts: 3
          maximumRecordAgeInSeconds: 120
          tumblingWindowInSeconds: 30
          destinations:
            onFailure:
              arn:
                Ref: OrdersDlq
              type: sqs
          functionResponseType: ReportBatchItemFailures
          consumer: true
resources:
  Resources:
    OrdersQueue:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: ${self:custom.queueName}
        VisibilityTimeout: 60
        RedrivePolicy:
          deadLetterTargetArn: !GetAtt OrdersDlq.Arn
          maxReceiveCount: 3
    OrdersDlq:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: orders-dlq
    AuditQueue:
      Type: AWS::SQS::Queue
    Readings:
      Type: AWS::Kinesis::Stream
      Properties:
        Name: readings
        ShardCount: 2
  Outputs:
    QueueUrl:
      Value: !Ref OrdersQueue
)";

}  // namespace

TEST_CASE("import reads serverless.yml: provider defaults, functions, sqs and stream events, resources", "[export][import][serverless]") {
    const Outcome outcome = import_serverless("full", kServerless);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const json scenario = imported("full");
    CHECK(scenario["name"] == "orders");
    CHECK(scenario["seed"] == 3);
    CHECK(scenario["region"] == "eu-west-1");
    // ${sls:stage} is ${opt:stage, 'dev'}: dev without --set.
    CHECK(scenario["traffic"][0]["to"] == "orders-dev");
    CHECK(scenario["queues"] == json::parse(R"({
        "orders-dev": {"VisibilityTimeout": 60, "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 3}},
        "orders-dlq": {}, "AuditQueue": {}})"));
    CHECK(scenario["streams"] == json::parse(R"({"readings": {"ShardCount": 2}})"));
    // provider.memorySize and timeout are the defaults a function's own settings override;
    // ${env:PROCESSOR_TIMEOUT, 6} falls back to 6.
    CHECK(scenario["functions"]["processor"] ==
          json::parse(R"({"Handler": "order-processor", "Runtime": "provided.al2023", "MemorySize": 512, "Timeout": 6,
                          "ReservedConcurrentExecutions": 3})"));
    CHECK(scenario["functions"]["sensor"] ==
          json::parse(R"({"Handler": "sensor-readings", "Runtime": "provided.al2023", "MemorySize": 256, "Timeout": 10})"));
    REQUIRE(scenario["mappings"].size() == 3);
    // The short !GetAtt, a variable's number, and the long form's keys under AWS's names.
    CHECK(scenario["mappings"][0] ==
          json::parse(R"({"EventSourceArn": "orders-dev", "FunctionName": "processor", "BatchSize": 5,
                          "MaximumBatchingWindowInSeconds": 2, "FunctionResponseTypes": ["ReportBatchItemFailures"],
                          "ScalingConfig": {"MaximumConcurrency": 2}, "Enabled": true,
                          "FilterCriteria": {"Filters": [{"Pattern": "{\"body\":{\"kind\":[\"order\"]}}"}]}})"));
    // Fn::GetAtt's long form.
    CHECK(scenario["mappings"][1] == json::parse(R"({"EventSourceArn": "AuditQueue", "FunctionName": "processor"})"));
    // A kinesis stream event by !Ref, its on-failure destination by Ref's long form.
    CHECK(scenario["mappings"][2] ==
          json::parse(R"({"EventSourceArn": "readings", "FunctionName": "sensor", "BatchSize": 50,
                          "MaximumBatchingWindowInSeconds": 1, "StartingPosition": "TRIM_HORIZON",
                          "ParallelizationFactor": 2, "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 3,
                          "MaximumRecordAgeInSeconds": 120, "TumblingWindowInSeconds": 30,
                          "FunctionResponseTypes": ["ReportBatchItemFailures"],
                          "DestinationConfig": {"OnFailure": {"Destination": "orders-dlq"}}})"));
    // It runs: the filter lets the orders through, the processor deletes them.
    const sim::Totals totals = run(scenario, "serverless-full/scenario.json");
    CHECK(totals.sent == 10);
    CHECK(totals.deleted == 10);
    CHECK(totals.filtered == 0);
}

TEST_CASE("serverless.yml's variables take --set opt: and env: values", "[export][import][serverless]") {
    const Outcome outcome = import_serverless("set", kServerless, {"opt:stage=prod", "env:PROCESSOR_TIMEOUT=8"});
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const json scenario = imported("set");
    CHECK(scenario["queues"].contains("orders-prod"));
    CHECK(scenario["traffic"][0]["to"] == "orders-prod");
    CHECK(scenario["mappings"][0]["EventSourceArn"] == "orders-prod");
    CHECK(scenario["functions"]["processor"]["Timeout"] == 8);
}

TEST_CASE("serverless.yml's variables nest, fall back to other variables and keep their values' types", "[export][import][serverless]") {
    const std::string yaml = R"(service: nested
provider:
  name: aws
  stage: ${opt:stage, 'dev'}
custom:
  memory: 256
  dev: {timeout: 7}
  prod: {timeout: 9}
  settings: ${self:custom.${sls:stage}}
functions:
  f:
    handler: order-processor
    timeout: ${self:custom.settings.timeout}
    memorySize: ${env:MEMORY, self:custom.memory}
resources:
  Resources:
    Orders:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: !Sub "${AWS::StackName}-orders-${sls:stage}"
)";
    const Outcome dev = import_serverless("nested-dev", yaml);
    INFO(dev.err);
    REQUIRE(dev.exit_code == 0);
    CHECK(imported("nested-dev")["functions"]["f"]["Timeout"] == 7);
    CHECK(imported("nested-dev")["functions"]["f"]["MemorySize"] == 256);
    // ${AWS::StackName} is CloudFormation's, left to !Sub: the queue keeps its logical id as its name.
    CHECK(imported("nested-dev")["queues"].contains("Orders"));
    const Outcome prod = import_serverless("nested-prod", yaml, {"opt:stage=prod", "env:MEMORY=1024"});
    INFO(prod.err);
    REQUIRE(prod.exit_code == 0);
    CHECK(imported("nested-prod")["functions"]["f"]["Timeout"] == 9);
    CHECK(imported("nested-prod")["functions"]["f"]["MemorySize"] == 1024);
}

TEST_CASE("import of serverless.yml lists by path what it leaves out, and the stand-in handler", "[export][import][serverless]") {
    std::string yaml = kServerless;
    yaml.insert(yaml.find("resources:\n"), "  compute:\n    handler: handler.compute\n    runtime: nodejs20.x\n    name: compute-${sls:stage}\n");
    const Outcome outcome = import_serverless("notes", yaml);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const std::string file = file_of("notes").string();
    for (const std::string line : {": plugins: not simulated, left out",
                                   ": provider.iam: not simulated, left out",
                                   ": functions.processor.environment: not simulated, left out",
                                   ": functions.processor.events.2.http: event http is not simulated, left out",
                                   ": functions.sensor.events.0.stream.consumer: not simulated, left out",
                                   ": functions.compute.runtime: nodejs20.x is not simulated",
                                   ": functions.compute.name: the scenario calls the function compute, its key",
                                   ": functions.compute.handler: 'handler.compute' is not a built-in handler: the scenario runs the built-in fixed-response",
                                   ": resources.Outputs: not simulated, left out"}) {
        CHECK(contains(outcome.err, file + line));
    }
    CHECK(imported("notes")["functions"]["compute"]["Handler"] == "fixed-response");
}

TEST_CASE("bad serverless.yml files are bad input: one line naming the YAML path and what was expected", "[export][import][serverless]") {
    struct Bad {
        const char* name;
        const char* yaml;
        const char* expected;  // after "<file>:"
    };
    const Bad cases[] = {
        {"not-yaml", "service: s\nfunctions: [a, b\n", "3: expected YAML (a serverless.yml): end of sequence flow not found"},
        {"unresolved-env", "service: s\nfunctions:\n  f:\n    handler: order-processor\n    timeout: ${env:MISSING}\n",
         "5: functions.f.timeout: expected a value for ${env:MISSING}: give it with --set env:MISSING=VALUE"},
        {"unresolved-self", "service: s\nfunctions:\n  f:\n    handler: ${self:custom.handler}\n",
         "4: functions.f.handler: expected a value for ${self:custom.handler}: this file has no custom.handler"},
        {"unsupported-source", "service: s\nfunctions:\n  f:\n    handler: ${ssm:/orders/handler}\n",
         "4: functions.f.handler: expected a variable queuelab resolves (self:, opt:, sls:stage, env:, aws:region, aws:accountId), got ${ssm:/orders/handler}"},
        {"unknown-queue", "service: s\nfunctions:\n  f:\n    handler: order-processor\n    events:\n      - sqs: arn:aws:sqs:region:XXXXXX:MyFirstQueue\n",
         "6: functions.f.events.0.sqs: expected a queue of this template (declared under resources.Resources or given under "
         "custom.queuelab.queues and streams), got MyFirstQueue"},
        {"batch-size",
         "service: s\nfunctions:\n  f:\n    handler: order-processor\n    events:\n      - sqs:\n          arn: !GetAtt Q.Arn\n"
         "          batchSize: 20000\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n",
         "8: functions.f.events.0.sqs.batchSize: expected an integer from 1 to 10000"},
        {"fifo-batch-size",
         "service: s\nfunctions:\n  f:\n    handler: order-processor\n    events:\n      - sqs:\n          arn: !GetAtt Q.Arn\n"
         "          batchSize: 11\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n      Properties: {FifoQueue: true}\n",
         "8: functions.f.events.0.sqs.batchSize: expected an integer from 1 to 10 (for a FIFO queue), got 11"},
        {"provider-timeout", "service: s\nprovider:\n  name: aws\n  timeout: 901\nfunctions:\n  f:\n    handler: order-processor\n",
         "4: provider.timeout: expected an integer from 1 to 900"},
        {"not-aws", "service: s\nprovider:\n  name: azure\n", "3: provider.name: expected aws"},
        {"cycle", "service: s\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nfunctions:\n  f:\n    handler: order-processor\n",
         "3: custom.a: expected variables that do not refer to themselves: ${self:custom.b}"},
    };
    for (const Bad& bad : cases) {
        INFO(bad.name);
        const fs::path dir = work_dir(std::string("serverless-bad-") + bad.name);
        const std::string file = write(dir / "serverless.yml", bad.yaml);
        const Outcome outcome = run_import(import_options(file, (dir / "scenario.json").string()));
        INFO(outcome.err);
        CHECK(outcome.exit_code == 2);
        CHECK(outcome.err.rfind(file + ":" + bad.expected, 0) == 0);
        CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
        CHECK_FALSE(fs::exists(dir / "scenario.json"));
    }
    SECTION("--set that is not opt: or env:") {
        const Outcome outcome = import_serverless("bad-set", "service: s\nfunctions:\n  f:\n    handler: order-processor\n", {"stage=prod"});
        CHECK(outcome.exit_code == 2);
        CHECK(contains(outcome.err, ": --set: expected opt:NAME=VALUE or env:NAME=VALUE (a serverless.yml variable), got stage=prod"));
    }
}

namespace {

// The Serverless Framework guide's SQS examples (serverless.com/framework/docs/providers/aws/events/sqs)
// with the queuelab metadata a lab needs to run them: the queue the short form's ARN names (it is not
// declared in the file), a handler that takes 2 s, and traffic.
const char* kGuideMetadata = R"(service: guide
provider:
  name: aws
  runtime: provided.al2023
custom:
  queuelab:
    seed: 11
    duration_s: 300
    queues:
      MyFirstQueue: {}
    functions:
      compute:
        Simulation: {DurationMs: 2000, ColdStartMs: 300}
    traffic:
      - {to: MyFirstQueue, at_s: 0, count: 200, body: "first-{i}"}
)";

const char* kGuideShortArn = R"(functions:
  compute:
    handler: handler.compute
    events:
      - sqs: arn:aws:sqs:region:XXXXXX:MyFirstQueue
)";

const char* kGuideGetAtt = R"(functions:
  compute:
    handler: handler.compute
    events:
      - sqs:
          arn:
            Fn::GetAtt:
              - MySecondQueue
              - Arn
resources:
  Resources:
    MySecondQueue:
      Type: AWS::SQS::Queue
)";

// Both of the guide's events on one function, as the guide lists them, with the reserved
// concurrency that protects a database.
std::string guide_both(const std::string& reserved) {
    return std::string(kGuideMetadata) + "      - {to: MySecondQueue, at_s: 0, count: 200, body: \"second-{i}\"}\n" +
           "functions:\n  compute:\n    handler: handler.compute\n" + reserved +
           "    events:\n      - sqs: arn:aws:sqs:region:XXXXXX:MyFirstQueue\n"
           "      - sqs:\n          arn:\n            Fn::GetAtt:\n              - MySecondQueue\n              - Arn\n"
           "          batchSize: 10\n"
           "resources:\n  Resources:\n    MySecondQueue:\n      Type: AWS::SQS::Queue\n";
}

}  // namespace

TEST_CASE("the guide's short ARN form: a queue the file does not declare is bad input until custom.queuelab.queues gives it",
          "[export][import][serverless]") {
    const Outcome alone = import_serverless("guide-short-alone", std::string("service: guide\n") + kGuideShortArn);
    CHECK(alone.exit_code == 2);
    CHECK(contains(alone.err, "functions.compute.events.0.sqs: expected a queue of this template"));

    const Outcome outcome = import_serverless("guide-short", std::string(kGuideMetadata) + kGuideShortArn);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const json scenario = imported("guide-short");
    CHECK(scenario["queues"] == json::parse(R"({"MyFirstQueue": {}})"));
    CHECK(scenario["mappings"] == json::parse(R"([{"EventSourceArn": "MyFirstQueue", "FunctionName": "compute"}])"));
    // handler.compute is not queuelab's: the stand-in answers every batch with success.
    CHECK(contains(outcome.err, "functions.compute.handler: 'handler.compute' is not a built-in handler: the scenario runs the built-in fixed-response"));
    const sim::Totals totals = run(scenario, "serverless-guide-short/scenario.json");
    CHECK(totals.sent == 200);
    CHECK(totals.deleted == 200);
    CHECK(totals.throttles == 0);
}

TEST_CASE("the guide's Fn::GetAtt form imports and runs", "[export][import][serverless]") {
    const std::string yaml = std::string(kGuideMetadata) + "      - {to: MySecondQueue, at_s: 0, count: 20, body: \"second-{i}\"}\n" + kGuideGetAtt;
    const Outcome outcome = import_serverless("guide-getatt", yaml);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    const json scenario = imported("guide-getatt");
    CHECK(scenario["mappings"] == json::parse(R"([{"EventSourceArn": "MySecondQueue", "FunctionName": "compute"}])"));
    const sim::Totals totals = run(scenario, "serverless-guide-getatt/scenario.json");
    CHECK(totals.sent == 220);  // MyFirstQueue (given) gets its 200 too, without a mapping
    CHECK(totals.deleted == 20);
    CHECK(totals.in_queue == 200);
}

TEST_CASE("the guide's reservedConcurrency: 10 caps the function, and the two queues' pollers are throttled",
          "[export][import][serverless]") {
    // docs/aws-rules.md 2.7: each mapping scales its pollers up to the reserved concurrency, so two
    // mappings together ask for more than 10 and are throttled (2.10); without it, none is.
    const Outcome reserved = import_serverless("guide-reserved", guide_both("    reservedConcurrency: 10\n"));
    INFO(reserved.err);
    REQUIRE(reserved.exit_code == 0);
    const json scenario = imported("guide-reserved");
    CHECK(scenario["functions"]["compute"]["ReservedConcurrentExecutions"] == 10);
    const sim::Totals totals = run(scenario, "serverless-guide-reserved/scenario.json");
    CHECK(totals.sent == 400);
    CHECK(totals.max_concurrency == 10);
    CHECK(totals.throttles == 30);
    CHECK(totals.deleted == 400);

    const Outcome free = import_serverless("guide-unreserved", guide_both(""));
    REQUIRE(free.exit_code == 0);
    const sim::Totals unreserved = run(imported("guide-unreserved"), "serverless-guide-unreserved/scenario.json");
    CHECK(unreserved.throttles == 0);
    CHECK(unreserved.max_concurrency > 10);
    CHECK(unreserved.deleted == 400);
}

// [SECTION] Round trips

namespace {

// An imported scenario's resources; the Runtime the export states (docs/export.md 2) is checked and dropped.
json imported_resources(json scenario) {
    for (auto& [name, function] : scenario["functions"].items()) {
        CHECK(function["Runtime"] == "provided.al2023");
        function.erase("Runtime");
    }
    return resources(scenario);
}

// Exports `handler` in `scenario` and imports the project's serverless.yml.
json exported_and_imported(const std::string& name, const std::string& handler, const std::string& scenario, Outcome* imported_outcome = nullptr) {
    const fs::path dir = work_dir(name);
    const Outcome exported = run_export(export_options(handler, scenario, (dir / "project").string()));
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    const std::string yml = read(dir / "project/serverless.yml");
    CHECK(contains(yml, "runtime: provided.al2023"));
    CHECK(contains(read(dir / "project/template.yaml"), "Runtime: provided.al2023"));
    const Outcome back = run_import(import_options((dir / "project/serverless.yml").string(), (dir / "back.json").string()));
    INFO(back.err);
    REQUIRE(back.exit_code == 0);
    if (imported_outcome != nullptr) *imported_outcome = back;
    return json::parse(read(dir / "back.json"));
}

}  // namespace

TEST_CASE("round trip: a scenario exported as serverless.yml imports back to its settings", "[export][import][serverless]") {
    const std::string scenario = GENERATE(as<std::string>{}, "poison-pill.json", "stream-partial-batch.json");
    INFO(scenario);
    const std::string path = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + scenario;
    const json original = json::parse(read(path));
    const std::string handler = original["functions"].begin().value()["Handler"];
    Outcome imported_outcome;
    const json back = exported_and_imported("serverless-round-trip-" + fs::path(scenario).stem().string(), handler, path, &imported_outcome);
    CHECK(imported_resources(back) == resources(original));
    CHECK(back["traffic"] == original["traffic"]);
    CHECK(back["seed"] == original["seed"]);
    CHECK(back["name"] == original["name"]);
    // What is left out is only what the simulator does not model.
    CHECK(contains(imported_outcome.err, "functions." + original["functions"].begin().key() + ".package: not simulated, left out"));
}

TEST_CASE("round trip: serverless.yml imported, exported and imported again gives the same scenario", "[export][import][serverless]") {
    const std::string yaml = R"(service: shop
provider:
  name: aws
  runtime: provided.al2023
  region: eu-central-1
  timeout: 5
custom:
  queuelab:
    seed: 4
    duration_s: 120
    traffic:
      - {to: orders, at_s: 0, count: 12, body: '{"kind":"order","orderId":"o-{i}"}'}
    functions:
      processor:
        Simulation: {DurationMs: 80}
functions:
  processor:
    handler: order-processor
    memorySize: 256
    reservedConcurrency: 4
    events:
      - sqs:
          arn: !GetAtt Orders.Arn
          batchSize: 4
          maximumBatchingWindow: 1
          functionResponseType: ReportBatchItemFailures
          maximumConcurrency: 3
          filterPatterns:
            - body: {kind: [order]}
          enabled: true
resources:
  Resources:
    Orders:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: orders
        VisibilityTimeout: 40
        RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 2}
    OrdersDlq:
      Type: AWS::SQS::Queue
      Properties: {QueueName: orders-dlq, MessageRetentionPeriod: 1209600}
    Readings:
      Type: AWS::Kinesis::Stream
      Properties: {Name: readings, ShardCount: 3, RetentionPeriodHours: 48}
)";
    const Outcome first = import_serverless("twice", yaml);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    const json once = imported("twice");
    const json twice = exported_and_imported("serverless-twice-back", "order-processor",
                                             (fs::path(QUEUELAB_EXPORT_WORK) / "serverless-twice" / "scenario.json").string());
    CHECK(twice == once);
    CHECK(once["mappings"][0]["ScalingConfig"]["MaximumConcurrency"] == 3);
    CHECK(once["queues"]["orders-dlq"]["MessageRetentionPeriod"] == 1209600);
    CHECK(once["functions"]["processor"]["Simulation"]["DurationMs"] == 80);
}

}  // namespace queuelab::exporting::test

namespace queuelab::exporting::test {

TEST_CASE("a learner's source exported as serverless.yml imports back running the project's copy", "[export][import][serverless]") {
    const json back = exported_and_imported("serverless-source", kLearnerOrderProcessor, kPoisonPill);
    // custom.queuelab.functions.processor.Simulation.Source is relative to serverless.yml, the scenario's to its folder.
    CHECK(back["functions"]["processor"]["Simulation"]["Source"] == "project/src/order_processor.cpp");
}

}  // namespace queuelab::exporting::test
