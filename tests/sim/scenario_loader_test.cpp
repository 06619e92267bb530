// Reading scenario files (docs/scenario-format.md), with the checks of docs/aws-rules.md.

#include "scenario_loader.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "input_error.h"

using namespace queuelab::sim;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

// The example of docs/scenario-format.md 1, cut down: no description, one function, one mapping,
// no actions or service_limits, and a counted stream traffic entry.
const char* const kValidScenario = R"json({
  "name": "poison-pill",
  "seed": 7,
  "duration_s": 600,
  "queues": {
    "orders":     {"VisibilityTimeout": 30,
                   "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 3}},
    "orders-dlq": {}
  },
  "streams": {
    "readings": {"ShardCount": 2}
  },
  "functions": {
    "processor": {"Handler": "order-processor", "Timeout": 10, "MemorySize": 128,
                  "ReservedConcurrentExecutions": 5,
                  "Simulation": {"DurationMs": 50, "ColdStartMs": 300}}
  },
  "mappings": [
    {"EventSourceArn": "orders", "FunctionName": "processor", "BatchSize": 10,
     "MaximumBatchingWindowInSeconds": 0,
     "FunctionResponseTypes": ["ReportBatchItemFailures"],
     "ScalingConfig": {"MaximumConcurrency": 2}}
  ],
  "traffic": [
    {"to": "orders", "at_s": 0, "messages": [{"body": "{\"orderId\":\"a\"}"}, {"body": "not json"}]},
    {"to": "orders", "at_s": 0, "count": 8, "body": "{\"orderId\":\"o-{i}\"}"},
    {"to": "orders", "from_s": 10, "until_s": 70, "rate_per_s": 100, "body": "{\"orderId\":\"r-{i}\"}"},
    {"to": "readings", "at_s": 0, "count": 6, "partition_key": "sensor-{i}", "data": "{\"temperature\": 20}"}
  ]
})json";

// The what() of the InputError that loading `text` throws; fails the test if nothing is thrown.
std::string error_of(const std::string& text, const std::vector<Override>& overrides = {}) {
    try {
        load_scenario_text(text, "orders.json", overrides);
    } catch (const InputError& error) {
        const std::string message = error.what();
        CHECK(message.find('\n') == std::string::npos);
        return message;
    }
    FAIL("no InputError for:\n" << text);
    return {};
}

}  // namespace

TEST_CASE("the cut-down example of docs/scenario-format.md 1 loads with AWS defaults filled in",
          "[scenario]") {
    const Scenario s = load_scenario_text(kValidScenario, "orders.json");
    CHECK(s.name == "poison-pill");
    CHECK(s.seed == 7);
    CHECK(s.duration_s == 600);
    CHECK(s.region == "us-east-1");
    CHECK(s.account_concurrency == 1000);

    REQUIRE(s.queues.size() == 2);
    const QueueConfig& orders = s.queues.at("orders");
    CHECK_FALSE(orders.FifoQueue);
    CHECK(orders.VisibilityTimeout == 30);
    CHECK(orders.MessageRetentionPeriod == 345600);
    CHECK(orders.DelaySeconds == 0);
    CHECK(orders.ReceiveMessageWaitTimeSeconds == 0);
    CHECK(orders.MaximumMessageSize == 1048576);
    REQUIRE(orders.redrive_policy);
    CHECK(orders.redrive_policy->deadLetterTargetArn == "orders-dlq");
    CHECK(orders.redrive_policy->maxReceiveCount == 3);
    CHECK(s.queues.at("orders-dlq").VisibilityTimeout == 30);
    CHECK_FALSE(s.queues.at("orders-dlq").redrive_policy);

    const FunctionConfig& processor = s.functions.at("processor");
    CHECK(processor.Handler == "order-processor");
    CHECK(processor.Timeout == 10);
    CHECK(processor.ReservedConcurrentExecutions == 5);
    CHECK(processor.simulation.DurationMs == 50);
    CHECK(processor.simulation.PerRecordMs == 0);
    CHECK(processor.simulation.ColdStartMs == 300);
    CHECK(processor.simulation.Params == nlohmann::json::object());

    REQUIRE(s.mappings.size() == 1);
    CHECK(s.mappings[0].EventSourceArn == "orders");
    CHECK(s.mappings[0].BatchSize == 10);
    CHECK(s.mappings[0].ReportBatchItemFailures);
    CHECK(s.mappings[0].MaximumConcurrency == 2);
    CHECK(s.mappings[0].Enabled);
    CHECK(s.mappings[0].filter_patterns.empty());

    REQUIRE(s.streams.size() == 1);
    CHECK(s.streams.at("readings").ShardCount == 2);
    CHECK(s.streams.at("readings").RetentionPeriodHours == 24);

    REQUIRE(s.traffic.size() == 4);
    CHECK(s.traffic[0].kind == TrafficEntry::Kind::Messages);
    REQUIRE(s.traffic[0].messages.size() == 2);
    CHECK(s.traffic[0].messages[0].body == R"({"orderId":"a"})");
    CHECK(s.traffic[1].kind == TrafficEntry::Kind::Count);
    CHECK(s.traffic[1].count == 8);
    CHECK(s.traffic[1].message_template.body == R"({"orderId":"o-{i}"})");
    CHECK(s.traffic[2].kind == TrafficEntry::Kind::Rate);
    CHECK(s.traffic[2].rate_per_s == 100);
    CHECK(s.traffic[2].from_s == 10);
    CHECK(s.traffic[2].until_s == 70);
    CHECK(s.traffic[3].to == "readings");
    CHECK(s.traffic[3].kind == TrafficEntry::Kind::Count);
    CHECK(s.traffic[3].count == 6);
    CHECK(s.traffic[3].message_template.partition_key == "sensor-{i}");
    CHECK(s.traffic[3].message_template.data == R"({"temperature": 20})");
    CHECK(s.traffic[3].message_template.body.empty());
    CHECK(s.actions.empty());
}

TEST_CASE("FIFO queues, filters, attributes, actions and service limits load", "[scenario]") {
    const Scenario s = load_scenario_text(R"json({
  "name": "fifo", "account": {"ConcurrentExecutions": 500},
  "service_limits": {"max_message_size_bytes": 262144, "esm_scale_up_per_minute": 60},
  "queues": {"jobs.fifo": {"ContentBasedDeduplication": true, "VisibilityTimeout": 60,
                           "RedrivePolicy": {
                             "deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo",
                             "maxReceiveCount": 5}},
             "dlq.fifo": {"FifoQueue": true}},
  "functions": {"worker": {"Handler": "order-processor", "Timeout": 30}},
  "mappings": [{"EventSourceArn": "jobs.fifo", "FunctionName": "worker", "BatchSize": 10,
                "FilterCriteria": {"Filters": [
                  {"Pattern": "{\"body\": {\"type\": [\"order\"]}}"}]}}],
  "traffic": [{"to": "jobs.fifo", "count": 3, "body": "job {i}", "MessageGroupId": "g-{i%2}",
               "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "job"}}}],
  "actions": [{"at_s": 30,
               "UpdateFunctionConfiguration": {"FunctionName": "worker", "Timeout": 90}},
              {"at_s": 60, "StartMessageMoveTask": {"SourceArn": "dlq.fifo"}}]
})json",
                                          "fifo.json");
    CHECK(s.account_concurrency == 500);
    CHECK(s.limits.account_concurrency == 500);
    CHECK(s.limits.esm_scale_up_per_minute == 60);
    CHECK(s.queues.at("jobs.fifo").FifoQueue);
    CHECK(s.queues.at("jobs.fifo").MaximumMessageSize == 262144);
    CHECK(s.queues.at("jobs.fifo").redrive_policy->deadLetterTargetArn == "dlq.fifo");
    REQUIRE(s.mappings[0].filter_patterns.size() == 1);
    CHECK(s.mappings[0].filter_patterns[0]["body"]["type"][0] == "order");
    CHECK(s.traffic[0].message_template.MessageGroupId == "g-{i%2}");
    CHECK(s.traffic[0].message_template.MessageAttributes["kind"]["StringValue"] == "job");
    REQUIRE(s.actions.size() == 2);
    CHECK(s.actions[0].kind == ScenarioAction::Kind::UpdateFunctionConfiguration);
    CHECK(s.actions[0].Timeout == 90);
    CHECK(s.actions[1].kind == ScenarioAction::Kind::StartMessageMoveTask);
    CHECK(s.actions[1].SourceArn == "dlq.fifo");
    CHECK(s.actions[1].DestinationArn.empty());
    CHECK(s.actions[1].MaxNumberOfMessagesPerSecond == 500);
}

TEST_CASE("text that is not JSON is reported with its line", "[scenario]") {
    const std::string message = error_of("{\n  \"name\": \"x\",\n  \"seed\": 7,,\n}");
    CHECK_THAT(message, Contains("orders.json:3: invalid JSON: "));
    CHECK_THAT(message, Contains("syntax error"));
}

TEST_CASE("unknown keys are errors, at the top level and nested", "[scenario]") {
    CHECK(error_of("{\n  \"name\": \"x\",\n  \"sede\": 7\n}") ==
          "orders.json:3: sede: unknown key; expected one of: name, description, seed, duration_s, region, "
          "account_id, account, sample_interval_s, queues, streams, functions, mappings, "
          "downstreams, tables, traffic, actions, service_limits");
    const std::string nested = error_of(R"json({
  "name": "x",
  "queues": {
    "orders": {
      "VisiblityTimeout": 30
    }
  }
})json");
    CHECK_THAT(nested, Contains("orders.json:5: queues.orders.VisiblityTimeout: unknown key; "
                                "expected one of: FifoQueue, ContentBasedDeduplication, "
                                "VisibilityTimeout"));
}

TEST_CASE("a value of the wrong type names the type received", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {"orders": {
    "VisibilityTimeout": "30"}}
})json") ==
          "orders.json:4: queues.orders.VisibilityTimeout: expected an integer from 0 to "
          "43200 (Invalid value for the parameter VisibilityTimeout), got the string \"30\"");
    CHECK_THAT(error_of("{\"name\": 7}"),
               Contains("orders.json:1: name: expected a string (the scenario's name), got the "
                        "number 7"));
    CHECK_THAT(error_of("{\"name\": \"x\", \"mappings\": {}}"),
               Contains("mappings: expected an array of event source mappings, got an object"));
}

TEST_CASE("an out-of-range VisibilityTimeout gets AWS's wording", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {
    "orders": {"VisibilityTimeout": 50000}
  }
})json") ==
          "orders.json:4: queues.orders.VisibilityTimeout: expected an integer from 0 to "
          "43200 (Invalid value for the parameter VisibilityTimeout), got 50000");
}

TEST_CASE("a mapping must name an existing queue and function", "[scenario]") {
    const std::string message = error_of(R"json({
  "name": "x",
  "queues": {"orders": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [
    {"EventSourceArn": "ordres", "FunctionName": "processor"}
  ]
})json");
    CHECK(message ==
          "orders.json:6: mappings.0.EventSourceArn: expected the name or ARN of a queue or "
          "stream of this scenario (one of: orders), got \"ordres\"");
    CHECK_THAT(error_of(R"json({
  "name": "x",
  "queues": {"orders": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
                "FunctionName": "procesor"}]
})json"),
               Contains("orders.json:6: mappings.0.FunctionName: expected the name or ARN of a "
                        "function of this scenario (one of: processor), got \"procesor\""));
}

TEST_CASE("a RedrivePolicy must name another existing queue of the same type", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {
    "orders": {"RedrivePolicy": {"deadLetterTargetArn": "orders-dql",
                                 "maxReceiveCount": 3}},
    "orders-dlq": {}
  }
})json") ==
          "orders.json:4: queues.orders.RedrivePolicy.deadLetterTargetArn: expected the name "
          "or ARN of a queue of this scenario (one of: orders, orders-dlq), got \"orders-dql\"");
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {
  "orders": {"RedrivePolicy": {"deadLetterTargetArn": "orders", "maxReceiveCount": 3}}}})json"),
               Contains("orders.json:2: queues.orders.RedrivePolicy.deadLetterTargetArn: "
                        "expected another queue"));
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {
  "orders": {"RedrivePolicy": {"deadLetterTargetArn": "dlq.fifo", "maxReceiveCount": 3}},
  "dlq.fifo": {}}})json"),
               Contains("expected a standard queue"));
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {
  "orders": {"RedrivePolicy": {"deadLetterTargetArn": "dlq"}},
  "dlq": {}}})json"),
               Contains("orders.json:2: queues.orders.RedrivePolicy.maxReceiveCount: missing; "
                        "expected an integer from 1 to 1000"));
}

TEST_CASE("a FIFO queue's name must end in .fifo", "[scenario]") {
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"jobs": {"FifoQueue": true}}})json"),
               Contains("queues.jobs.FifoQueue: expected a queue name ending in .fifo for a "
                        "FIFO queue (The name of a FIFO queue can only include alphanumeric "
                        "characters, hyphens, or underscores, must end with .fifo suffix)"));
    CHECK_THAT(
        error_of(
            R"json({"name": "x", "queues": {"jobs": {"ContentBasedDeduplication": true}}})json"),
        Contains("queues.jobs.ContentBasedDeduplication: expected false"));
}

TEST_CASE("an unknown handler lists the built-in ones", "[scenario]") {
    const std::string message = error_of(R"json({
  "name": "x",
  "functions": {
    "processor": {"Handler": "no-such-handler"}
  }
})json");
    CHECK_THAT(message, Contains("orders.json:4: functions.processor.Handler: expected a "
                                 "built-in handler: "));
    CHECK_THAT(message, Contains("order-processor"));
    CHECK_THAT(message, Contains("got \"no-such-handler\""));
}

TEST_CASE("handler parameters are checked by the handler itself", "[scenario]") {
    CHECK(error_of(R"json({"name": "x", "functions": {"f": {"Handler": "fail-attempts",
  "Simulation": {"Params": {
    "report": "loudly"}}}}})json") ==
          "orders.json:3: functions.f.Simulation.Params.report: expected \"batchItemFailures\", "
          "\"throw\" or \"crash\"");
}

TEST_CASE("reserved concurrency must leave the account's minimum unreserved", "[scenario]") {
    CHECK_THAT(error_of(R"json({"name": "x", "functions": {
  "a": {"Handler": "order-processor", "ReservedConcurrentExecutions": 500},
  "b": {"Handler": "order-processor", "ReservedConcurrentExecutions": 450}}})json"),
               Contains("orders.json:3: functions.b.ReservedConcurrentExecutions: Specified "
                        "ReservedConcurrentExecutions for function decreases account's "
                        "UnreservedConcurrentExecution below its minimum value of [100]."));
}

TEST_CASE("a function timeout above the queue's visibility timeout fails as in AWS", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {"orders": {"VisibilityTimeout": 30}},
  "functions": {"processor": {"Handler": "order-processor", "Timeout": 60}},
  "mappings": [
    {"EventSourceArn": "orders",
     "FunctionName": "processor"}
  ]
})json") ==
          "orders.json:7: mappings.0.FunctionName: Queue visibility timeout: 30 seconds is "
          "less than Function timeout: 60 seconds");
}

TEST_CASE("BatchSize above 10 needs a batching window", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {"orders": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "processor", "BatchSize": 11,
                "MaximumBatchingWindowInSeconds": 0}]
})json") ==
          "orders.json:6: mappings.0.MaximumBatchingWindowInSeconds: Maximum batch window in "
          "seconds must be greater than 0 if maximum batch size is greater than 10 (BatchSize "
          "11), got 0");
    const Scenario s = load_scenario_text(R"json({"name": "x", "queues": {"orders": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "processor", "BatchSize": 100,
                "MaximumBatchingWindowInSeconds": 1}]})json",
                                          "orders.json");
    CHECK(s.mappings[0].BatchSize == 100);
}

TEST_CASE("a FIFO queue takes batches of at most 10", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {"jobs.fifo": {}},
  "functions": {"processor": {"Handler": "order-processor"}},
  "mappings": [{"EventSourceArn": "jobs.fifo", "FunctionName": "processor",
                "BatchSize": 11, "MaximumBatchingWindowInSeconds": 1}]
})json") ==
          "orders.json:6: mappings.0.BatchSize: expected an integer from 1 to 10 (for a FIFO "
          "queue), got 11");
}

TEST_CASE("FIFO sends need a group id and deduplication", "[scenario]") {
    CHECK(error_of(R"json({
  "name": "x",
  "queues": {"jobs.fifo": {"ContentBasedDeduplication": true}},
  "traffic": [
    {"to": "jobs.fifo", "at_s": 0, "messages": [
      {"body": "a", "MessageGroupId": "g"},
      {"body": "b"}
    ]}
  ]
})json") ==
          "orders.json:7: traffic.0.messages.1.MessageGroupId: missing; expected a "
          "MessageGroupId for the FIFO queue \"jobs.fifo\" (The request must contain the "
          "parameter MessageGroupId.)");
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"jobs.fifo": {}},
  "traffic": [{"to": "jobs.fifo", "count": 2, "body": "b", "MessageGroupId": "g"}]})json"),
               Contains("orders.json:2: traffic.0.MessageDeduplicationId: missing; expected a "
                        "MessageDeduplicationId for the FIFO queue \"jobs.fifo\" (The queue "
                        "should either have ContentBasedDeduplication enabled or "
                        "MessageDeduplicationId provided explicitly)"));
    CHECK_THAT(
        error_of(R"json({"name": "x", "queues": {"jobs.fifo": {"ContentBasedDeduplication": true}},
  "traffic": [{"to": "jobs.fifo", "count": 2, "body": "b", "MessageGroupId": "g",
               "DelaySeconds": 5}]})json"),
        Contains("orders.json:3: traffic.0.DelaySeconds: The request include parameter "
                 "that is not valid for this queue type"));
}

TEST_CASE("traffic entries have exactly one shape", "[scenario]") {
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"q": {}},
  "traffic": [{"to": "q", "count": 2, "rate_per_s": 5, "body": "b"}]})json"),
               Contains("traffic.0.rate_per_s: expected only one of"));
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"q": {}},
  "traffic": [{"to": "q", "rate_per_s": 5, "body": "b", "from_s": 10, "until_s": 10}]})json"),
               Contains("traffic.0.until_s: expected a number greater than from_s (10), got 10"));
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"q": {}},
  "traffic": [{"to": "q", "count": 1, "body": "b",
               "MessageAttributes": {"n": {"DataType": "Integer", "StringValue": "1"}}}]})json"),
               Contains("traffic.0.MessageAttributes.n.DataType: expected \"String\", \"Number\" "
                        "or \"Binary\""));
}

namespace {

// A scenario with the queues "failed-readings" and "orders", the stream "readings", the function
// "reader" (Kinesis events) and "processor" (SQS events). `mapping` is the text of mappings.0,
// from line 6; `traffic` the traffic array's, from the line after the mapping's last.
std::string stream_scenario(const std::string& mapping, const std::string& traffic = "[]") {
    return "{\"name\": \"x\",\n"
           "  \"queues\": {\"failed-readings\": {}, \"orders\": {}},\n"
           "  \"streams\": {\"readings\": {}},\n"
           "  \"functions\": {\"reader\": {\"Handler\": \"sensor-readings\"},\n"
           "                \"processor\": {\"Handler\": \"order-processor\"}},\n"
           "  \"mappings\": [" +
           mapping +
           "],\n"
           "  \"traffic\": " +
           traffic + "}";
}

// stream_scenario() with one mapping of "readings" to "reader" from LATEST, plus `settings`
// (JSON members) on the mapping's second line, line 7.
std::string stream_mapping(const std::string& settings) {
    return stream_scenario(
        "{\"EventSourceArn\": \"readings\", \"FunctionName\": \"reader\", "
        "\"StartingPosition\": \"LATEST\",\n" +
        settings + "}");
}

// stream_scenario() with no mapping and the traffic `entries` from line 7.
std::string stream_traffic(const std::string& entries) {
    return stream_scenario("", "[" + entries + "]");
}

}  // namespace

TEST_CASE("streams, stream mappings and stream traffic load with AWS defaults", "[scenario]") {
    const Scenario s = load_scenario_text(R"json({
  "name": "sensors",
  "service_limits": {"stream_poll_interval_s": 0.5, "shard_get_records_max": 100,
                     "partition_key_max_length": 64},
  "queues": {"failed-readings": {}},
  "streams": {
    "readings": {"ShardCount": 2},
    "audit.log": {"ShardCount": 1000, "RetentionPeriodHours": 8760}
  },
  "functions": {"reader": {"Handler": "sensor-readings", "Timeout": 60}},
  "mappings": [
    {"EventSourceArn": "readings", "FunctionName": "reader", "StartingPosition": "TRIM_HORIZON"},
    {"EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/audit.log",
     "FunctionName": "reader", "StartingPosition": "AT_TIMESTAMP",
     "StartingPositionTimestamp": 30, "BatchSize": 500, "MaximumBatchingWindowInSeconds": 0,
     "ParallelizationFactor": 10, "BisectBatchOnFunctionError": true,
     "MaximumRetryAttempts": 0, "MaximumRecordAgeInSeconds": 60, "TumblingWindowInSeconds": 900,
     "FunctionResponseTypes": ["ReportBatchItemFailures"],
     "FilterCriteria": {"Filters": [{"Pattern": "{\"data\": {\"temperature\": [{\"numeric\": [\">\", 50]}]}}"}]},
     "DestinationConfig": {"OnFailure": {
       "Destination": "arn:aws:sqs:us-east-1:123456789012:failed-readings"}}}
  ],
  "traffic": [
    {"to": "readings", "at_s": 0, "count": 6, "partition_key": "sensor-{i}",
     "data": "{\"temperature\": 20}"},
    {"to": "readings", "at_s": 5, "partition_key": "sensor-1", "messages": [
      {"data": "{\"temperature\": 21}"},
      {"partition_key": "sensor-2", "data": "",
       "ExplicitHashKey": "340282366920938463463374607431768211455"}]},
    {"to": "arn:aws:kinesis:us-east-1:123456789012:stream/audit.log", "from_s": 0,
     "until_s": 10, "rate_per_s": 2, "partition_key": "k", "data": "x", "ExplicitHashKey": "0"}
  ]
})json",
                                          "sensors.json");
    CHECK(s.limits.stream_poll_interval_s == 0.5);
    CHECK(s.limits.shard_get_records_max == 100);
    CHECK(s.limits.partition_key_max_length == 64);
    CHECK(s.limits.shard_write_records_per_s == 1000);

    REQUIRE(s.streams.size() == 2);
    CHECK(s.streams.at("readings").name == "readings");
    CHECK(s.streams.at("readings").ShardCount == 2);
    CHECK(s.streams.at("readings").RetentionPeriodHours == 24);
    CHECK(s.streams.at("audit.log").ShardCount == 1000);
    CHECK(s.streams.at("audit.log").RetentionPeriodHours == 8760);

    REQUIRE(s.mappings.size() == 2);
    const MappingConfig& defaults = s.mappings[0];
    CHECK(defaults.source_kind == EventSourceKind::KinesisStream);
    CHECK(defaults.EventSourceArn == "readings");
    CHECK(defaults.BatchSize == 100);
    CHECK(defaults.MaximumBatchingWindowInSeconds == 0);
    CHECK(defaults.StartingPosition == "TRIM_HORIZON");
    CHECK(defaults.StartingPositionTimestamp == 0);
    CHECK(defaults.ParallelizationFactor == 1);
    CHECK_FALSE(defaults.BisectBatchOnFunctionError);
    CHECK(defaults.MaximumRetryAttempts == -1);
    CHECK(defaults.MaximumRecordAgeInSeconds == -1);
    CHECK(defaults.TumblingWindowInSeconds == 0);
    CHECK(defaults.on_failure_destination.empty());
    CHECK_FALSE(defaults.ReportBatchItemFailures);
    CHECK_FALSE(defaults.MaximumConcurrency);
    CHECK(defaults.Enabled);

    const MappingConfig& set = s.mappings[1];
    CHECK(set.source_kind == EventSourceKind::KinesisStream);
    CHECK(set.EventSourceArn == "audit.log");
    CHECK(set.BatchSize == 500);  // no batching window needed for a stream
    CHECK(set.StartingPosition == "AT_TIMESTAMP");
    CHECK(set.StartingPositionTimestamp == 30);
    CHECK(set.ParallelizationFactor == 10);
    CHECK(set.BisectBatchOnFunctionError);
    CHECK(set.MaximumRetryAttempts == 0);
    CHECK(set.MaximumRecordAgeInSeconds == 60);
    CHECK(set.TumblingWindowInSeconds == 900);
    CHECK(set.ReportBatchItemFailures);
    REQUIRE(set.filter_patterns.size() == 1);
    CHECK(set.filter_patterns[0]["data"]["temperature"][0]["numeric"][1] == 50);
    CHECK(set.on_failure_destination == "failed-readings");

    REQUIRE(s.traffic.size() == 3);
    CHECK(s.traffic[0].to == "readings");
    CHECK(s.traffic[0].kind == TrafficEntry::Kind::Count);
    CHECK(s.traffic[0].message_template.partition_key == "sensor-{i}");
    CHECK(s.traffic[0].message_template.data == R"({"temperature": 20})");
    CHECK_FALSE(s.traffic[0].message_template.ExplicitHashKey);
    REQUIRE(s.traffic[1].messages.size() == 2);
    CHECK(s.traffic[1].at_s == 5);
    CHECK(s.traffic[1].messages[0].partition_key == "sensor-1");  // the entry's
    CHECK(s.traffic[1].messages[0].data == R"({"temperature": 21})");
    CHECK(s.traffic[1].messages[1].partition_key == "sensor-2");
    CHECK(s.traffic[1].messages[1].data.empty());
    CHECK(s.traffic[1].messages[1].ExplicitHashKey == "340282366920938463463374607431768211455");
    CHECK(s.traffic[2].to == "audit.log");
    CHECK(s.traffic[2].kind == TrafficEntry::Kind::Rate);
    CHECK(s.traffic[2].message_template.ExplicitHashKey == "0");
}

TEST_CASE("a stream mapping needs a StartingPosition", "[scenario]") {
    CHECK(error_of(stream_scenario(R"({"EventSourceArn": "readings", "FunctionName": "reader"})")) ==
          "orders.json:6: mappings.0.StartingPosition: missing; expected one of TRIM_HORIZON, "
          "LATEST, AT_TIMESTAMP (StartingPosition is required for a stream)");
    CHECK(error_of(stream_scenario(R"({"EventSourceArn": "readings", "FunctionName": "reader",
  "StartingPosition": "OLDEST"})")) ==
          "orders.json:7: mappings.0.StartingPosition: expected one of TRIM_HORIZON, LATEST, "
          "AT_TIMESTAMP, got \"OLDEST\"");
    CHECK(error_of(stream_scenario(R"({"EventSourceArn": "readings", "FunctionName": "reader",
  "StartingPosition": "AT_TIMESTAMP"})")) ==
          "orders.json:6: mappings.0.StartingPositionTimestamp: missing; expected a non-negative "
          "number of virtual seconds (StartingPositionTimestamp is required with AT_TIMESTAMP)");
    CHECK(error_of(stream_mapping(R"("StartingPositionTimestamp": 10)")) ==
          "orders.json:7: mappings.0.StartingPositionTimestamp: expected no "
          "StartingPositionTimestamp with StartingPosition \"LATEST\" (it is for AT_TIMESTAMP "
          "only)");
}

TEST_CASE("stream mapping settings are checked against AWS's ranges", "[scenario]") {
    CHECK(error_of(stream_mapping(R"("ParallelizationFactor": 11)")) ==
          "orders.json:7: mappings.0.ParallelizationFactor: expected an integer from 1 to 10, "
          "got 11");
    CHECK_THAT(error_of(stream_mapping(R"("ParallelizationFactor": 0)")),
               Contains("orders.json:7: mappings.0.ParallelizationFactor: expected an integer "
                        "from 1 to 10, got 0"));
    CHECK(error_of(stream_mapping(R"("MaximumRetryAttempts": -2)")) ==
          "orders.json:7: mappings.0.MaximumRetryAttempts: expected -1 (infinite) or an integer "
          "from 0 to 10000, got -2");
    CHECK_THAT(error_of(stream_mapping(R"("MaximumRetryAttempts": 10001)")),
               Contains("got 10001"));
    CHECK(error_of(stream_mapping(R"("MaximumRecordAgeInSeconds": 30)")) ==
          "orders.json:7: mappings.0.MaximumRecordAgeInSeconds: expected -1 (infinite) or an "
          "integer from 60 to 604800, got 30");
    CHECK_THAT(error_of(stream_mapping(R"("MaximumRecordAgeInSeconds": 604801)")),
               Contains("mappings.0.MaximumRecordAgeInSeconds: expected -1 (infinite) or an "
                        "integer from 60 to 604800, got 604801"));
    CHECK_THAT(error_of(stream_mapping(R"("MaximumRecordAgeInSeconds": "60")")),
               Contains("got the string \"60\""));
    CHECK_THAT(error_of(stream_mapping(R"("TumblingWindowInSeconds": 901)")),
               Contains("orders.json:7: mappings.0.TumblingWindowInSeconds: expected an integer "
                        "from 0 to 900, got 901"));
    CHECK_THAT(error_of(stream_mapping(R"("BatchSize": 10001)")),
               Contains("orders.json:7: mappings.0.BatchSize: expected an integer from 1 to "
                        "10000, got 10001"));
    CHECK_THAT(error_of(stream_mapping(R"("MaximumBatchingWindowInSeconds": 301)")),
               Contains("mappings.0.MaximumBatchingWindowInSeconds: expected an integer from 0 "
                        "to 300, got 301"));
    CHECK_THAT(error_of(stream_mapping(R"("BisectBatchOnFunctionError": "yes")")),
               Contains("mappings.0.BisectBatchOnFunctionError: expected true or false"));

    // A value set on the command line has no line in the file.
    CHECK(error_of(stream_mapping(R"("ParallelizationFactor": 2)"),
                   {parse_override("mappings.0.ParallelizationFactor=11")}) ==
          "orders.json: mappings.0.ParallelizationFactor: expected an integer from 1 to 10, got "
          "11 (value from --set)");
}

TEST_CASE("§2.18 / §3.22 FilterCriteria: a malformed pattern is refused, and Kinesis patterns may "
          "only name data",
          "[scenario]") {
    CHECK(error_of(stream_mapping(R"("FilterCriteria": {"Filters": [{"Pattern": "{\"data\": {\"n\": 5}}"}]})")) ==
          "orders.json:7: mappings.0.FilterCriteria.Filters.0.Pattern: Invalid filter pattern definition: the value "
          "of n must be a non-empty list or an object");
    CHECK(error_of(stream_mapping(R"("FilterCriteria": {"Filters": [{"Pattern": "{\"partitionKey\": [\"a\"]}"}]})")) ==
          "orders.json:7: mappings.0.FilterCriteria.Filters.0.Pattern: Kinesis event source mappings filter only on "
          "the \"data\" key, got a pattern on \"partitionKey\"");
    CHECK_THAT(error_of(stream_mapping(
                   R"("FilterCriteria": {"Filters": [{"Pattern": "{\"$or\": [{\"data\": {\"a\": [1]}}, {\"kinesis\": {\"b\": [2]}}]}"}]})")),
               Contains("got a pattern on \"kinesis\""));
}

TEST_CASE("an on-failure destination must be a queue of the scenario", "[scenario]") {
    CHECK(error_of(stream_mapping(R"("DestinationConfig": {"OnFailure": {
    "Destination": "failed-readngs"}})")) ==
          "orders.json:8: mappings.0.DestinationConfig.OnFailure.Destination: expected the name "
          "or ARN of a queue of this scenario (one of: failed-readings, orders; AWS also takes "
          "an SNS topic or an S3 bucket, but the simulator has only SQS queues), got "
          "\"failed-readngs\"");
    CHECK_THAT(error_of(stream_mapping(R"("DestinationConfig": {"OnFailure": {
    "Destination": "arn:aws:sns:us-east-1:123456789012:alerts"}})")),
               Contains("the simulator has only SQS queues), got "
                        "\"arn:aws:sns:us-east-1:123456789012:alerts\""));
    CHECK_THAT(error_of(stream_mapping(R"("DestinationConfig": {"OnFailure": {}})")),
               Contains("orders.json:7: mappings.0.DestinationConfig.OnFailure.Destination: "
                        "missing; expected the name or ARN of a queue"));
    CHECK_THAT(error_of(stream_mapping(R"("DestinationConfig": {"OnSuccess": {}})")),
               Contains("mappings.0.DestinationConfig.OnSuccess: unknown key; expected one of: "
                        "OnFailure"));
}

TEST_CASE("a mapping takes only its own kind of event source's settings", "[scenario]") {
    CHECK(error_of(stream_scenario(R"({"EventSourceArn": "orders", "FunctionName": "processor",
  "StartingPosition": "LATEST"})")) ==
          "orders.json:7: mappings.0.StartingPosition: expected no StartingPosition for an SQS "
          "event source (StartingPosition is for Kinesis streams)");
    CHECK(error_of(stream_mapping(R"("ScalingConfig": {"MaximumConcurrency": 2})")) ==
          "orders.json:7: mappings.0.ScalingConfig: expected no ScalingConfig for a Kinesis "
          "event source (ScalingConfig is for SQS queues)");
    CHECK_THAT(error_of(stream_mapping(R"("StartingPositon": "LATEST")")),
               Contains("orders.json:7: mappings.0.StartingPositon: unknown key; expected one "
                        "of: EventSourceArn"));
    // The handler must read the event source's events.
    CHECK(error_of(stream_scenario(
              R"({"EventSourceArn": "readings", "FunctionName": "processor",
  "StartingPosition": "LATEST"})")) ==
          "orders.json:6: mappings.0.FunctionName: expected a function whose handler takes "
          "Kinesis events, but \"processor\" runs \"order-processor\", which takes SQS events "
          "only");
    CHECK_THAT(error_of(stream_scenario(R"({"EventSourceArn": "orders", "FunctionName": "reader"})")),
               Contains("mappings.0.FunctionName: expected a function whose handler takes SQS "
                        "events, but \"reader\" runs \"sensor-readings\", which takes Kinesis "
                        "events only"));
    // SQS's visibility-timeout check does not apply to streams.
    const Scenario s = load_scenario_text(
        R"json({"name": "x", "streams": {"readings": {}},
  "functions": {"reader": {"Handler": "sensor-readings", "Timeout": 900}},
  "mappings": [{"EventSourceArn": "readings", "FunctionName": "reader",
                "StartingPosition": "LATEST"}]})json",
        "orders.json");
    CHECK(s.mappings[0].source_kind == EventSourceKind::KinesisStream);
}

TEST_CASE("a stream has a valid name of its own, shards and retention", "[scenario]") {
    CHECK(error_of(R"json({"name": "x",
  "queues": {"orders": {}},
  "streams": {
    "orders": {}}})json") ==
          "orders.json:4: streams.orders: expected a name that no queue of this scenario has "
          "(mappings and traffic name a queue or stream by its name alone), got \"orders\", the "
          "name of a queue");
    CHECK_THAT(error_of(R"json({"name": "x", "streams": {"read ings": {}}})json"),
               Contains("orders.json:1: streams.read ings: expected a stream name of 1 to 128 "
                        "alphanumeric characters, hyphens, underscores or periods, got "
                        "\"read ings\""));
    CHECK_THAT(error_of(R"json({"name": "x", "streams": {"readings": {
  "ShardCount": 0}}})json"),
               Contains("orders.json:2: streams.readings.ShardCount: expected an integer from 1 "
                        "to 1000, got 0"));
    CHECK_THAT(error_of(R"json({"name": "x", "streams": {"readings": {"ShardCount": 1001}}})json"),
               Contains("got 1001"));
    CHECK_THAT(error_of(R"json({"name": "x", "streams": {"readings": {
  "RetentionPeriodHours": 23}}})json"),
               Contains("orders.json:2: streams.readings.RetentionPeriodHours: expected an "
                        "integer from 24 to 8760, got 23"));
    CHECK_THAT(error_of(R"json({"name": "x", "streams": {"readings": {"Shards": 2}}})json"),
               Contains("streams.readings.Shards: unknown key; expected one of: ShardCount, "
                        "RetentionPeriodHours"));
    CHECK_THAT(error_of(R"json({"name": "x", "service_limits": {"stream_poll_interval_s": 0}})json"),
               Contains("service_limits.stream_poll_interval_s: expected a number from 0.2 to "
                        "2592000, got 0"));  // GetRecords' 5 calls a second per shard, 30 days (aws-rules 5.27)
}

TEST_CASE("a stream record needs a partition key of 1 to 256 characters and data", "[scenario]") {
    const std::string long_key(257, 'k');
    CHECK(error_of(stream_traffic(R"({"to": "readings", "count": 1, "data": "x",
  "partition_key": ")" + long_key + "\"}")) ==
          "orders.json:8: traffic.0.partition_key: expected a partition key of 1 to 256 "
          "characters, got 257 characters");
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "count": 1, "data": "x",
  "partition_key": ""})")),
               Contains("orders.json:8: traffic.0.partition_key: expected a partition key of 1 "
                        "to 256 characters, got \"\""));
    // Characters, not bytes; and the limit is the service limits table's.
    std::string accented_key;
    for (int i = 0; i < 256; ++i) accented_key += "\xC3\xA9";
    CHECK(load_scenario_text(stream_traffic(R"({"to": "readings", "count": 1, "data": "x",
  "partition_key": ")" + accented_key + "\"}"),
                             "orders.json")
              .traffic[0]
              .message_template.partition_key == accented_key);
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "count": 1, "data": "x",
  "partition_key": "123456789"})"),
                        {parse_override("service_limits.partition_key_max_length=8")}),
               Contains("traffic.0.partition_key: expected a partition key of 1 to 8 "
                        "characters, got 9 characters"));

    CHECK(error_of(stream_traffic(R"({"to": "readings", "at_s": 0, "messages": [
  {"data": "x"}]})")) ==
          "orders.json:8: traffic.0.messages.0.partition_key: missing; expected a partition key "
          "of 1 to 256 characters");
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "rate_per_s": 1,
  "partition_key": "k"})")),
               Contains("orders.json:7: traffic.0.data: missing; expected a string"));
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "count": 1, "partition_key": "k",
  "data": ")" + std::string(1'048'577, 'x') + "\"}")),
               Contains("orders.json:8: traffic.0.data: expected at most 1048576 bytes (the "
                        "most a Kinesis record holds), got 1048577 bytes"));
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "count": 1, "partition_key": "k",
  "data": "x", "ExplicitHashKey": "340282366920938463463374607431768211456"})")),
               Contains("orders.json:8: traffic.0.ExplicitHashKey: expected a decimal integer "
                        "from 0 to 2^128 - 1 in a string, got "
                        "\"340282366920938463463374607431768211456\""));
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "count": 1, "partition_key": "k",
  "data": "x", "ExplicitHashKey": 5})")),
               Contains("traffic.0.ExplicitHashKey: expected a decimal integer in a string, got "
                        "the number 5"));
}

TEST_CASE("queue and stream traffic keys do not mix", "[scenario]") {
    CHECK(error_of(stream_traffic(R"({"to": "readings", "count": 1, "partition_key": "k",
  "body": "x"})")) ==
          "orders.json:8: traffic.0.body: expected no body for the Kinesis stream \"readings\" "
          "(body is for SQS queues)");
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "at_s": 0, "messages": [
  {"partition_key": "k", "data": "x", "MessageGroupId": "g"}]})")),
               Contains("orders.json:8: traffic.0.messages.0.MessageGroupId: expected no "
                        "MessageGroupId for the Kinesis stream \"readings\" (MessageGroupId is "
                        "for SQS queues)"));
    CHECK(error_of(stream_traffic(R"({"to": "orders", "count": 1, "body": "x",
  "partition_key": "k"})")) ==
          "orders.json:8: traffic.0.partition_key: expected no partition_key for the SQS queue "
          "\"orders\" (partition_key is for Kinesis streams)");
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "at_s": 0, "partition_key": "k",
  "data": "x", "messages": []})")),
               Contains("orders.json:8: traffic.0.data: not used with \"messages\"; expected "
                        "each message's data in \"messages\""));
    CHECK_THAT(error_of(stream_traffic(R"({"to": "readings", "partition_key": "k"})")),
               Contains("traffic.0: expected one of \"messages\" (with at_s), \"count\" (with "
                        "partition_key, data and at_s) or \"rate_per_s\" (with partition_key, data, "
                        "from_s and until_s)"));
    CHECK_THAT(error_of(stream_traffic(R"({"to": "redings", "count": 1})")),
               Contains("traffic.0.to: expected the name or ARN of a queue or stream of this "
                        "scenario (one of: failed-readings, orders, readings), got \"redings\""));
}

TEST_CASE("actions name one API call on existing resources", "[scenario]") {
    CHECK_THAT(error_of(R"json({"name": "x", "queues": {"q": {}},
  "actions": [{"at_s": 5, "StartMessageMoveTask": {"SourceArn": "q"}}]})json"),
               Contains("orders.json:2: actions.0.StartMessageMoveTask.SourceArn: expected a "
                        "queue that is some queue's dead-letter queue"));
    CHECK_THAT(error_of(R"json({"name": "x", "actions": [{"at_s": 5}]})json"),
               Contains("actions.0: expected one of \"UpdateFunctionConfiguration\" or "
                        "\"StartMessageMoveTask\""));
}

TEST_CASE("overrides given with --set change values before validation", "[scenario]") {
    const Override timeout = parse_override("queues.orders.VisibilityTimeout=60");
    CHECK(timeout.path == "queues.orders.VisibilityTimeout");
    CHECK(timeout.value == "60");
    const Scenario s = load_scenario_text(
        kValidScenario, "orders.json",
        {timeout, parse_override("mappings.0.FunctionResponseTypes=[]"),
         parse_override("name=renamed"), parse_override("queues.extra.DelaySeconds=5"),
         parse_override("traffic.4={\"to\": \"extra\", \"count\": 1, \"body\": \"x\"}"),
         parse_override("streams.readings.ShardCount=4")});
    CHECK(s.queues.at("orders").VisibilityTimeout == 60);
    CHECK_FALSE(s.mappings[0].ReportBatchItemFailures);
    CHECK(s.name == "renamed");
    CHECK(s.queues.at("extra").DelaySeconds == 5);
    REQUIRE(s.traffic.size() == 5);
    CHECK(s.traffic[4].to == "extra");
    CHECK(s.streams.at("readings").ShardCount == 4);

    // A value set on the command line has no line in the file.
    CHECK(error_of(kValidScenario, {parse_override("queues.orders.VisibilityTimeout=50000")}) ==
          "orders.json: queues.orders.VisibilityTimeout: expected an integer from 0 to 43200 "
          "(Invalid value for the parameter VisibilityTimeout), got 50000 (value from --set)");
    // The override's origin names where the value came from; an empty one is not named.
    CHECK_THAT(error_of(kValidScenario, {Override{"queues.orders.VisibilityTimeout", "50000", "B's overrides"}}),
               EndsWith("got 50000 (value from B's overrides)"));
    CHECK_THAT(error_of(kValidScenario, {Override{"queues.orders.VisibilityTimeout", "50000", ""}}), EndsWith("got 50000"));
}

TEST_CASE("a bad --set is an error naming the path", "[scenario]") {
    CHECK(error_of(kValidScenario, {parse_override("queues.orders.VisibilityTimeout.x=1")}) ==
          "--set: queues.orders.VisibilityTimeout.x: expected a path through objects and arrays, "
          "but queues.orders.VisibilityTimeout is the number 30");
    CHECK_THAT(error_of(kValidScenario, {parse_override("mappings.5.BatchSize=1")}),
               Contains("--set: mappings.5.BatchSize: expected an index from 0 to 1"));
    CHECK_THROWS_WITH(parse_override("queues.orders.VisibilityTimeout"),
                      Contains("--set: expected KEY=VALUE"));
    CHECK_THROWS_AS(parse_override("=5"), InputError);
    CHECK_THROWS_AS(parse_override("queues..x=5"), InputError);
}

TEST_CASE("scenario files are read from disk", "[scenario]") {
    CHECK_THROWS_WITH(load_scenario_file("/nonexistent/dir/orders.json"),
                      "/nonexistent/dir/orders.json: cannot read file: No such file or directory");

    const std::string path = "queuelab_scenario_loader_test.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << "{\n  \"name\": \"x\",\n  \"duration_s\": 0\n}\n";
    }
    CHECK_THROWS_WITH(load_scenario_file(path),
                      path + ":3: duration_s: expected a number greater than 0 and at most 2592000, got 0");
    CHECK(load_scenario_file(path, {parse_override("duration_s=60")}).duration_s == 60);
    std::remove(path.c_str());
}

TEST_CASE("a scenario declares at most 65,535 queues (docs/aws-rules.md 5.27, docs/scenario-format.md 2)", "[scenario]") {
    const auto with_queues = [](std::size_t count) {
        std::string text = R"json({"name": "many", "queues": {)json";
        for (std::size_t i = 0; i < count; ++i) text += (i == 0 ? "" : ",") + ("\"q" + std::to_string(i) + "\": {}");
        return text + "}}";
    };
    CHECK(load_scenario_text(with_queues(65'535), "many.json").queues.size() == 65'535);
    CHECK(error_of(with_queues(65'536)) == "orders.json:1: queues: expected at most 65,535 queues, got 65536");
}
