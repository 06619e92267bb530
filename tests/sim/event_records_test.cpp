// docs/aws-rules.md 2.20 (the SQS event), 3.23 (the Kinesis event) and 5.21 (identifier formats):
// what a handler receives for each record, on its first receive and on a retry, and from one
// invoke to the next.

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service_test_support.h"

using namespace queuelab;
using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One message "m" sent at 0 to queue "in" (VisibilityTimeout 2 s), read one at a time by the
// test's handler, which throws on the first receive.
const std::string kScenario = R"({"name": "event", "seed": 9, "duration_s": 60,
  "queues": {"in": {"VisibilityTimeout": 2}},
  "functions": {"f": {"Handler": "test", "Timeout": 1, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
  "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
  "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]}]})";

}  // namespace

TEST_CASE("§2.20 the SQS event: each record carries the message's id, body, MD5 of the body, attributes and "
          "source, on every receive",
          "[engine][event]") {
    auto seen = std::make_shared<std::vector<SqsMessage>>();
    TestCatalog catalog;
    catalog.sqs("test", [seen](const SqsEvent& event, InvocationContext&) {
        seen->insert(seen->end(), event.Records.begin(), event.Records.end());
        if (seen->size() == 1) throw std::runtime_error("first receive fails");
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, kScenario);
    REQUIRE(seen->size() == 2);
    const Json message = message_by_body(run.report, "m");
    for (std::size_t receive = 0; receive < seen->size(); ++receive) {
        const SqsMessage& record = (*seen)[receive];
        CHECK(record.messageId == message["id"]);
        CHECK(record.body == "m");
        CHECK(record.md5OfBody == "6f8f57715090da2632453988d9a1501b");  // MD5 of "m"
        CHECK(record.attributes.ApproximateReceiveCount == std::to_string(receive + 1));
        CHECK(record.attributes.SentTimestamp == "1704067200000");  // the run starts at 2024-01-01T00:00:00Z
        CHECK(record.attributes.ApproximateFirstReceiveTimestamp == "1704067200000");
        CHECK(record.attributes.SenderId == "AIDAIENQZJOLO23YVJ4VO");
        CHECK(record.attributes.MessageGroupId.empty());
        CHECK(record.messageAttributes.empty());
        CHECK(record.eventSource == "aws:sqs");
        CHECK(record.eventSourceARN == "arn:aws:sqs:us-east-1:123456789012:in");
        CHECK(record.awsRegion == "us-east-1");
    }
    // Identifiers (§5.21): a version-4 UUID; a receipt handle of its own per receive, AQEB and 48 hex digits.
    CHECK_THAT((*seen)[0].messageId,
               Catch::Matchers::Matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    for (const SqsMessage& record : *seen) CHECK_THAT(record.receiptHandle, Catch::Matchers::Matches("AQEB[0-9a-f]{48}"));
    CHECK((*seen)[0].receiptHandle != (*seen)[1].receiptHandle);
}

namespace {

// Any code, given every part of its SQS records whatever it declares.
class EveryPartCode : public FunctionCode {
public:
    explicit EveryPartCode(std::unique_ptr<FunctionCode> code) : code_(std::move(code)) {}
    bool handles(EventSourceKind kind) const override { return code_->handles(kind); }
    CodeOutcome invoke(std::uint32_t environment, const InvokeEvent& event, InvocationContext& context) override {
        return code_->invoke(environment, event, context);
    }
    void end_environment(std::uint32_t environment) override { code_->end_environment(environment); }

private:
    std::unique_ptr<FunctionCode> code_;
};

class EveryPartCatalog : public HandlerCatalog {
public:
    using HandlerCatalog::load;
    std::unique_ptr<FunctionCode> load(const FunctionConfig& function, const std::string& scenario_dir) const override {
        return std::make_unique<EveryPartCode>(default_catalog().load(function, scenario_dir));
    }
    std::string describe_handlers() const override { return default_catalog().describe_handlers(); }
};

// The built-ins and settings the example scenarios leave out, each on a queue or stream of its own.
const std::string kBuiltinsScenario = R"({"name": "builtins", "seed": 5, "duration_s": 120,
  "queues": {"fixed": {}, "once": {}, "thrower": {"VisibilityTimeout": 5}, "deleter": {"VisibilityTimeout": 5},
             "chooser": {"VisibilityTimeout": 5, "RedrivePolicy": {"deadLetterTargetArn": "dlq", "maxReceiveCount": 3}},
             "dlq": {}},
  "streams": {"readings": {"ShardCount": 2}, "forwarded": {"ShardCount": 2}, "polled": {"ShardCount": 1}},
  "downstreams": {"api": {"LatencyMs": 20, "Outages": [{"from_s": 0, "until_s": 10}]}},
  "functions": {
    "fixed": {"Handler": "fixed-response", "Simulation": {"Params": {"response": {"batchItemFailures": [{"itemIdentifier": "x"}]}}}},
    "once": {"Handler": "idempotent", "Simulation": {"Params": {"key": "body.orderId"}}},
    "thrower": {"Handler": "throw-on-failure"},
    "deleter": {"Handler": "call-downstream", "Simulation": {"Params": {"Downstream": "api", "DeleteProcessed": true}}},
    "chooser": {"Handler": "fail-messages", "Simulation": {"Params": {"fraction": 0.5, "per_attempt": true}}},
    "stream-forward": {"Handler": "forward", "Simulation": {"Params": {"Destination": "arn:aws:kinesis:us-east-1:123456789012:stream/forwarded"}}},
    "stream-caller": {"Handler": "call-downstream", "Simulation": {"Params": {"Downstream": "api"}}},
    "stream-fixed": {"Handler": "fixed-response", "Simulation": {"Params": {"response": {"batchItemFailures": []}}}}},
  "mappings": [
    {"EventSourceArn": "fixed", "FunctionName": "fixed", "FunctionResponseTypes": ["ReportBatchItemFailures"]},
    {"EventSourceArn": "once", "FunctionName": "once", "FunctionResponseTypes": ["ReportBatchItemFailures"]},
    {"EventSourceArn": "thrower", "FunctionName": "thrower"},
    {"EventSourceArn": "deleter", "FunctionName": "deleter"},
    {"EventSourceArn": "chooser", "FunctionName": "chooser", "FunctionResponseTypes": ["ReportBatchItemFailures"]},
    {"EventSourceArn": "readings", "FunctionName": "stream-forward", "StartingPosition": "TRIM_HORIZON"},
    {"EventSourceArn": "forwarded", "FunctionName": "stream-caller", "StartingPosition": "TRIM_HORIZON",
     "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 2},
    {"EventSourceArn": "polled", "FunctionName": "stream-fixed", "StartingPosition": "TRIM_HORIZON"}],
  "traffic": [
    {"to": "fixed", "at_s": 0, "count": 5, "body": "{i}"},
    {"to": "once", "at_s": 0, "count": 6, "body": "{\"orderId\": \"o-{i}\"}"},
    {"to": "once", "at_s": 1, "count": 3, "body": "{\"orderId\": \"o-{i}\"}"},
    {"to": "thrower", "at_s": 0, "messages": [{"body": "{\"orderId\": \"a\"}"}, {"body": "not an order"}]},
    {"to": "deleter", "at_s": 0, "count": 20, "body": "{i}"},
    {"to": "chooser", "at_s": 0, "count": 20, "body": "{i}"},
    {"to": "readings", "at_s": 0, "count": 20, "partition_key": "device-{i}", "data": "{i}"},
    {"to": "polled", "at_s": 0, "count": 5, "partition_key": "k", "data": "{i}"}]})";

Json report_of(Scenario scenario, const HandlerCatalog& catalog) {
    Engine engine(std::move(scenario), EngineOptions{.catalog = &catalog});
    engine.run();
    return build_report(engine);
}

}  // namespace

TEST_CASE("§2.20, §3.23 a built-in reads only the record parts it declares: every example's report is the same "
          "when every part is built",
          "[engine][event]") {
    const EveryPartCatalog every_part;
    std::vector<std::pair<std::string, Scenario>> scenarios{{"builtins", load_scenario_text(kBuiltinsScenario, "builtins.json")}};
    for (const auto& entry : std::filesystem::directory_iterator(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios")) {
        scenarios.emplace_back(entry.path().filename().string(), load_scenario_file(entry.path().string()));
    }
    for (const auto& [name, scenario] : scenarios) {
        DYNAMIC_SECTION(name) {
            const Json declared = report_of(scenario, default_catalog());
            CHECK(declared == report_of(scenario, every_part));
            CHECK(declared["totals"]["invocations"].get<int>() > 0);
        }
    }
    SECTION("no built-in reads md5OfBody, and code the simulator cannot see into gets every part") {
        for (const BuiltinHandler& handler : builtin_handlers()) CHECK_FALSE((handler.make_sqs && handler.reads.sqs.md5OfBody));
        const FunctionConfig fixed{.Handler = "fixed-response"};
        const RecordParts none = default_catalog().load(fixed, ".")->record_parts();
        CHECK_FALSE((none.sqs.messageId || none.sqs.receiptHandle || none.sqs.body || none.sqs.attributes ||
                     none.sqs.eventSource || none.kinesis.sequenceNumber || none.kinesis.data || none.kinesis.metadata));
        const RecordParts all =
            make_in_process_code([](const SqsEvent&, InvocationContext&) { return HandlerResponse::none(); }, {})
                ->record_parts();
        CHECK((all.sqs.messageId && all.sqs.receiptHandle && all.sqs.body && all.sqs.attributes &&
               all.sqs.messageAttributes && all.sqs.md5OfBody && all.sqs.eventSource));
        CHECK((all.kinesis.sequenceNumber && all.kinesis.partitionKey && all.kinesis.data && all.kinesis.metadata));
    }
}

TEST_CASE("§3.23 the Kinesis event: each record carries its key, its data in base64, its sequence number in its "
          "eventID, and the stream's source, invoke after invoke",
          "[engine][event]") {
    auto seen = std::make_shared<std::vector<KinesisEventRecord>>();
    TestCatalog catalog;
    catalog.kinesis("test", [seen](const KinesisEvent& event, InvocationContext&) {
        seen->insert(seen->end(), event.Records.begin(), event.Records.end());
        return HandlerResponse::none();
    });
    // Three records on one shard, one per invoke (BatchSize 1): a long datum between two short
    // ones, so a record left over from the previous invoke would show.
    const Run run = run_with(catalog, R"({"name": "stream-event", "seed": 9, "duration_s": 60,
      "streams": {"readings": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "test", "Timeout": 1, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "readings", "FunctionName": "f", "BatchSize": 1, "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "readings", "at_s": 0, "messages": [
        {"partition_key": "sensor-1", "data": "ab"},
        {"partition_key": "a-much-longer-partition-key", "data": "a much longer datum than the others"},
        {"partition_key": "k", "data": "c"}]}]})");
    REQUIRE(seen->size() == 3);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"sensor-1", "YWI="}, {"a-much-longer-partition-key", "YSBtdWNoIGxvbmdlciBkYXR1bSB0aGFuIHRoZSBvdGhlcnM="}, {"k", "Yw=="}};
    for (std::size_t i = 0; i < seen->size(); ++i) {
        const KinesisEventRecord& record = (*seen)[i];
        const std::string sequence = "4959" + std::string(4, '0') + std::string(47, '0') + std::to_string(i + 1);
        CHECK(record.kinesis.partitionKey == expected[i].first);
        CHECK(record.kinesis.data == expected[i].second);
        CHECK(record.kinesis.sequenceNumber == sequence);
        CHECK(record.kinesis.approximateArrivalTimestamp == Approx(1704067200.0));
        CHECK(record.eventID == "shardId-000000000000:" + sequence);
        CHECK(record.eventSource == "aws:kinesis");
        CHECK(record.eventName == "aws:kinesis:record");
        CHECK(record.invokeIdentityArn == "arn:aws:iam::123456789012:role/lambda-role");
        CHECK(record.awsRegion == "us-east-1");
        CHECK(record.eventSourceARN == "arn:aws:kinesis:us-east-1:123456789012:stream/readings");
    }
    CHECK(stream_records(run.report).size() == 3);
}
