#include <catch2/catch.hpp>

#include "queuelab/handler.h"
#include "queuelab/kinesis_event.h"

using nlohmann::json;
using namespace queuelab;

namespace {

// AWS's sample Kinesis event (Lambda developer guide): two records of one shard.
const json sample_event = json::parse(R"({
  "Records": [
    {
      "kinesis": {
        "kinesisSchemaVersion": "1.0",
        "partitionKey": "1",
        "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
        "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
        "approximateArrivalTimestamp": 1545084650.987
      },
      "eventSource": "aws:kinesis",
      "eventVersion": "1.0",
      "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
      "eventName": "aws:kinesis:record",
      "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
      "awsRegion": "us-east-2",
      "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
    },
    {
      "kinesis": {
        "kinesisSchemaVersion": "1.0",
        "partitionKey": "1",
        "sequenceNumber": "49590338271490256608559692540925702759324208523137515618",
        "data": "VGhpcyBpcyBvbmx5IGEgdGVzdC4=",
        "approximateArrivalTimestamp": 1545084711.166
      },
      "eventSource": "aws:kinesis",
      "eventVersion": "1.0",
      "eventID": "shardId-000000000006:49590338271490256608559692540925702759324208523137515618",
      "eventName": "aws:kinesis:record",
      "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
      "awsRegion": "us-east-2",
      "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
    }
  ]
})");

// AWS's sample tumbling-window event: the records plus the window, its state so far and flags.
json tumbling_event() {
    json event = sample_event;
    event["window"] = {{"start", "2020-07-30T17:00:00Z"}, {"end", "2020-07-30T17:05:00Z"}};
    event["state"] = {{"1", 282}, {"2", 715}};
    event["shardId"] = "shardId-000000000006";
    event["eventSourceARN"] = "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream";
    event["isFinalInvokeForWindow"] = false;
    event["isWindowTerminatedEarly"] = false;
    return event;
}

}  // namespace

TEST_CASE("AWS's sample Kinesis event round-trips through KinesisEvent unchanged", "[handlers]") {
    const KinesisEvent event = sample_event.get<KinesisEvent>();

    REQUIRE(event.Records.size() == 2);
    const KinesisEventRecord& first = event.Records[0];
    CHECK(first.kinesis.sequenceNumber ==
          "49590338271490256608559692538361571095921575989136588898");
    CHECK(first.kinesis.approximateArrivalTimestamp == 1545084650.987);
    CHECK(base64_decode(first.kinesis.data) == "Hello, this is a test.");
    CHECK(base64_decode(event.Records[1].kinesis.data) == "This is only a test.");
    CHECK_FALSE(event.tumbling);
    CHECK(json(event) == sample_event);
}

TEST_CASE("The arrival timestamp is written as a JSON number of seconds with milliseconds",
          "[handlers]") {
    const std::string dumped = json(sample_event.get<KinesisEvent>()).dump();

    CHECK(dumped.find(R"("approximateArrivalTimestamp":1545084650.987)") != std::string::npos);
}

TEST_CASE("A default record has AWS's constant keys", "[handlers]") {
    const json record = KinesisEventRecord{};

    CHECK(record["kinesis"]["kinesisSchemaVersion"] == "1.0");
    CHECK(record["eventSource"] == "aws:kinesis");
    CHECK(record["eventVersion"] == "1.0");
    CHECK(record["eventName"] == "aws:kinesis:record");
    CHECK(record.size() == 8);
    CHECK(record["kinesis"].size() == 5);
}

TEST_CASE("AWS's sample tumbling-window event round-trips with its window keys", "[handlers]") {
    const json sample = tumbling_event();
    const KinesisEvent event = sample.get<KinesisEvent>();

    REQUIRE(event.tumbling);
    CHECK(event.tumbling->window.start == "2020-07-30T17:00:00Z");
    CHECK(event.tumbling->window.end == "2020-07-30T17:05:00Z");
    CHECK(event.tumbling->state == json{{"1", 282}, {"2", 715}});
    CHECK(event.tumbling->shardId == "shardId-000000000006");
    CHECK_FALSE(event.tumbling->isFinalInvokeForWindow);
    CHECK_FALSE(event.tumbling->isWindowTerminatedEarly);
    CHECK(json(event) == sample);
}

TEST_CASE("An event without a tumbling window has only Records at the top level", "[handlers]") {
    KinesisEvent event = tumbling_event().get<KinesisEvent>();
    event.tumbling.reset();

    CHECK(json(event).size() == 1);
    CHECK(json(event).contains("Records"));
}

TEST_CASE("A tumbling-window event with a null state reads as an empty state", "[handlers]") {
    json sample = tumbling_event();
    sample["state"] = nullptr;

    CHECK(sample.get<KinesisEvent>().tumbling->state == json::object());
}

TEST_CASE("from_json rejects a record without a sequence number", "[handlers]") {
    json without_sequence = sample_event;
    without_sequence["Records"][0]["kinesis"].erase("sequenceNumber");

    CHECK_THROWS_AS(without_sequence.get<KinesisEvent>(), json::exception);
}

TEST_CASE("TumblingWindowResponse serialises to state and batchItemFailures", "[handlers]") {
    const TumblingWindowResponse response{{{"count", 2}}, {{"4959"}}};

    CHECK(json(response).dump() ==
          R"({"batchItemFailures":[{"itemIdentifier":"4959"}],"state":{"count":2}})");
    CHECK(json(TumblingWindowResponse{}).dump() == R"({"batchItemFailures":[],"state":{}})");
}

TEST_CASE("TumblingWindowResponse reads a response, defaulting missing keys", "[handlers]") {
    const auto parsed =
        json::parse(R"({"state":{"1":282},"batchItemFailures":[{"itemIdentifier":"49"}]})")
            .get<TumblingWindowResponse>();
    CHECK(parsed.state == json{{"1", 282}});
    REQUIRE(parsed.batchItemFailures.size() == 1);
    CHECK(parsed.batchItemFailures[0].itemIdentifier == "49");

    const auto empty = json::object().get<TumblingWindowResponse>();
    CHECK(empty.state == json::object());
    CHECK(empty.batchItemFailures.empty());
}

TEST_CASE("base64 encodes RFC 4648's test vectors", "[handlers]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foob") == "Zm9vYg==");
    CHECK(base64_encode("fooba") == "Zm9vYmE=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 decodes RFC 4648's test vectors", "[handlers]") {
    CHECK(base64_decode("") == "");
    CHECK(base64_decode("Zg==") == "f");
    CHECK(base64_decode("Zm8=") == "fo");
    CHECK(base64_decode("Zm9v") == "foo");
    CHECK(base64_decode("Zm9vYg==") == "foob");
    CHECK(base64_decode("Zm9vYmE=") == "fooba");
    CHECK(base64_decode("Zm9vYmFy") == "foobar");
}

TEST_CASE("base64 round-trips every byte value", "[handlers]") {
    std::string bytes;
    for (int value = 0; value < 256; ++value) bytes += static_cast<char>(value);

    const std::string text = base64_encode(bytes);

    CHECK(text.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
          std::string::npos);
    CHECK(base64_decode(text) == bytes);
    CHECK(base64_encode("\xff\xfe") == "//4=");
}

TEST_CASE("base64_decode rejects text that is not base64", "[handlers]") {
    const char* const invalid[] = {
        "Zg",          // not a whole group
        "Zg=",         // padding short
        "Z===",        // too much padding
        "====",        // only padding
        "Zg==Zg==",    // padding before the end
        "Zm9v!A==",    // not in the alphabet
        "Zm9-",        // the URL-safe alphabet
        " Zg=",        // whitespace
        "Zm9v\r\nZg",  // a line break
        "Zh==",        // bits left over after the padding are not zero
        "Zm9=",
    };
    for (const char* text : invalid) {
        INFO(text);
        CHECK_FALSE(base64_decode(text));
    }
}
