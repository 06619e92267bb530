#include <catch2/catch.hpp>

#include "queuelab/handler.h"
#include "queuelab/sqs_event.h"

using nlohmann::json;
using namespace queuelab;

namespace {

// AWS's sample SQS event (Lambda developer guide), with a message attribute of each kind.
const json standard_event = json::parse(R"({
  "Records": [
    {
      "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
      "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
      "body": "Test message.",
      "attributes": {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1545082649183",
        "SenderId": "AIDAIENQZJOLO23YVJ4VO",
        "ApproximateFirstReceiveTimestamp": "1545082649185"
      },
      "messageAttributes": {
        "myAttribute": {
          "stringValue": "myValue",
          "stringListValues": [],
          "binaryListValues": [],
          "dataType": "String"
        },
        "myBinary": {
          "binaryValue": "AQID",
          "stringListValues": [],
          "binaryListValues": [],
          "dataType": "Binary"
        }
      },
      "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
      "eventSource": "aws:sqs",
      "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
      "awsRegion": "us-east-2"
    },
    {
      "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
      "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
      "body": "Test message.",
      "attributes": {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1545082650636",
        "SenderId": "AIDAIENQZJOLO23YVJ4VO",
        "ApproximateFirstReceiveTimestamp": "1545082650649"
      },
      "messageAttributes": {},
      "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
      "eventSource": "aws:sqs",
      "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
      "awsRegion": "us-east-2"
    }
  ]
})");

// AWS's sample event from a FIFO queue.
const json fifo_event = json::parse(R"({
  "Records": [
    {
      "messageId": "11d6ee51-4cc7-4302-9e22-7cd8afdaadf5",
      "receiptHandle": "AQEBBX8nesZEXmkhsmZeyIE8iQAMig7qw...",
      "body": "Test message.",
      "attributes": {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1573251510774",
        "SequenceNumber": "18849496460467696128",
        "MessageGroupId": "1",
        "SenderId": "AIDAIO23YVJENQZJOL4VO",
        "MessageDeduplicationId": "1",
        "ApproximateFirstReceiveTimestamp": "1573251510774"
      },
      "messageAttributes": {},
      "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
      "eventSource": "aws:sqs",
      "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:fifo.fifo",
      "awsRegion": "us-east-2"
    }
  ]
})");

}  // namespace

TEST_CASE("AWS's sample SQS event round-trips through SqsEvent unchanged", "[handlers]") {
    const SqsEvent event = standard_event.get<SqsEvent>();

    REQUIRE(event.Records.size() == 2);
    CHECK(event.Records[0].attributes.ApproximateReceiveCount == "1");
    CHECK(event.Records[0].messageAttributes.at("myAttribute").stringValue == "myValue");
    CHECK_FALSE(event.Records[0].messageAttributes.at("myAttribute").binaryValue);
    CHECK(event.Records[0].messageAttributes.at("myBinary").binaryValue == "AQID");
    CHECK(json(event) == standard_event);
}

TEST_CASE("AWS's sample FIFO event round-trips with its FIFO attributes", "[handlers]") {
    const SqsEvent event = fifo_event.get<SqsEvent>();

    const SqsMessageSystemAttributes& attributes = event.Records.at(0).attributes;
    CHECK(attributes.SequenceNumber == "18849496460467696128");
    CHECK(attributes.MessageGroupId == "1");
    CHECK(attributes.MessageDeduplicationId == "1");
    CHECK(json(event) == fifo_event);
}

TEST_CASE("A standard queue's record has no FIFO keys in its attributes", "[handlers]") {
    const json attributes = json(standard_event.get<SqsEvent>())["Records"][0]["attributes"];

    CHECK(attributes.size() == 4);
    CHECK_FALSE(attributes.contains("SequenceNumber"));
    CHECK_FALSE(attributes.contains("MessageGroupId"));
    CHECK_FALSE(attributes.contains("MessageDeduplicationId"));
}

TEST_CASE("A default message attribute serialises with every list and no absent value",
          "[handlers]") {
    CHECK(json(SqsMessageAttribute{}) ==
          json::parse(R"({"stringListValues": [], "binaryListValues": [], "dataType": "String"})"));
}

TEST_CASE("from_json ignores keys AWS may add and rejects a record without messageId",
          "[handlers]") {
    json with_extras = standard_event;
    with_extras["Records"][0]["attributes"]["AWSTraceHeader"] = "Root=1-5e1b4151";
    CHECK(with_extras.get<SqsEvent>().Records.size() == 2);

    json without_id = standard_event;
    without_id["Records"][0].erase("messageId");
    CHECK_THROWS_AS(without_id.get<SqsEvent>(), json::exception);
}

TEST_CASE("BatchResponse serialises to exactly AWS's batchItemFailures shape", "[handlers]") {
    const BatchResponse response{{{"id-1"}, {"id-2"}}};

    CHECK(json(response).dump() ==
          R"({"batchItemFailures":[{"itemIdentifier":"id-1"},{"itemIdentifier":"id-2"}]})");
    CHECK(json(BatchResponse{}).dump() == R"({"batchItemFailures":[]})");
    CHECK(HandlerResponse::batch(response).payload == json(response).dump());
}

TEST_CASE("BatchResponse reads a response and treats a missing or null list as no failures",
          "[handlers]") {
    const auto parsed =
        json::parse(R"({"batchItemFailures":[{"itemIdentifier":"id-1"}]})").get<BatchResponse>();
    REQUIRE(parsed.batchItemFailures.size() == 1);
    CHECK(parsed.batchItemFailures[0].itemIdentifier == "id-1");

    CHECK(json::object().get<BatchResponse>().batchItemFailures.empty());
    CHECK(json::parse(R"({"batchItemFailures":null})")
              .get<BatchResponse>()
              .batchItemFailures.empty());
}

TEST_CASE("HandlerResponse::none is an empty payload", "[handlers]") {
    CHECK(HandlerResponse::none().payload.empty());
}
