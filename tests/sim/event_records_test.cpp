// docs/aws-rules.md 2.20 (the SQS event), 3.23 (the Kinesis event) and 5.21 (identifier formats):
// what a handler receives for each record, on its first receive and on a retry, and from one
// invoke to the next.

#include <catch2/catch.hpp>

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

TEST_CASE("§2.20 the built-in handlers are the only code whose records may leave md5OfBody out: they never read it",
          "[engine][event]") {
    const FunctionConfig builtin{.Handler = "fixed-response"};
    CHECK_FALSE(default_catalog().load(builtin, ".")->reads_md5_of_body());
    CHECK(make_in_process_code([](const SqsEvent&, InvocationContext&) { return HandlerResponse::none(); }, {})
              ->reads_md5_of_body());
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
