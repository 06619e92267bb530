// docs/aws-rules.md 7.9 and 7.10 (PutRecord, PutRecords with the shard write limits of 3.3), 7.11
// to 7.13 (DynamoDB tables: PutItem with attribute_not_exists, GetItem, DeleteItem), and the
// bounds of 5.17 and 5.24 on a handler that calls in a loop: its Timeout, and the run's bounds on
// handlers' calls and sends.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "service_test_support.h"

using namespace queuelab;
using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

const std::string kStream = "arn:aws:kinesis:us-east-1:123456789012:stream/events";

// One message "m" at 0 in queue "in", read by function "f" (the test's handler, no cold start,
// DurationMs 10), a stream "events" of `shards` shards, a table "seen" and `limits`.
std::string scenario(int shards = 1, const std::string& limits = "{}", int timeout = 5) {
    return R"({"name": "calls", "seed": 4, "duration_s": 60,
      "queues": {"in": {"VisibilityTimeout": 30}},
      "streams": {"events": {"ShardCount": )" + std::to_string(shards) + R"(}},
      "tables": {"seen": {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}},
      "functions": {"f": {"Handler": "test", "Timeout": )" + std::to_string(timeout) + R"(,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "service_limits": )" + limits + R"(,
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]}]})";
}

}  // namespace

TEST_CASE("§7.9 PutRecord: the record's sequence number and shard in the reply, its arrival at the call's end, its origin",
          "[engine][services]") {
    auto results = std::make_shared<std::vector<PutRecordResult>>();
    auto errors = std::make_shared<std::vector<std::string>>();
    TestCatalog catalog;
    catalog.sqs("test", [results, errors](const SqsEvent&, InvocationContext& context) {
        PutRecordRequest put;
        put.StreamARN = kStream;
        put.PartitionKey = "k";
        put.Data = "payload";
        const auto ok = context.kinesis().PutRecord(put);
        REQUIRE(ok.IsSuccess());
        results->push_back(ok.GetResult());
        put.StreamARN.reset();
        put.StreamName = "nowhere";
        errors->push_back(context.kinesis().PutRecord(put).GetError().Code);
        put.StreamName = "events";
        put.PartitionKey = "";
        errors->push_back(context.kinesis().PutRecord(put).GetError().Code);
        put.PartitionKey = "k";
        put.ExplicitHashKey = "not a number";
        errors->push_back(context.kinesis().PutRecord(put).GetError().Code);
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario());
    REQUIRE(results->size() == 1);
    const auto records = stream_records(run.report);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["id"] == results->front().SequenceNumber);
    CHECK(records[0]["shard"] == results->front().ShardId);
    CHECK(records[0]["data"] == "payload");
    CHECK(first_event_time(records[0], "sent") == at_time(0.015));  // kinesis_call_latency_ms
    CHECK(records[0]["sent_by"] == run.report["invocations"][0]["id"]);
    CHECK(records[0]["parent"] == message_by_body(run.report, "m")["id"]);
    CHECK(*errors == std::vector<std::string>{"ResourceNotFoundException", "ValidationException", "InvalidArgumentException"});
}

TEST_CASE("§7.10 PutRecords: past a shard's write limit (§3.3) the records over it fail with "
          "ProvisionedThroughputExceededException, in request order, and FailedRecordCount counts them",
          "[engine][services]") {
    auto result = std::make_shared<PutRecordsResult>();
    auto too_many = std::make_shared<std::string>();
    TestCatalog catalog;
    catalog.sqs("test", [result, too_many](const SqsEvent&, InvocationContext& context) {
        PutRecordsRequest put;
        put.StreamName = "events";
        for (int i = 0; i < 5; ++i) put.Records.push_back({"r" + std::to_string(i), "same-key", std::nullopt});
        const auto outcome = context.kinesis().PutRecords(put);
        REQUIRE(outcome.IsSuccess());
        *result = outcome.GetResult();
        put.Records.assign(501, {"x", "k", std::nullopt});
        *too_many = context.kinesis().PutRecords(put).GetError().Code;
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario(1, R"({"shard_write_records_per_s": 3})"));
    CHECK(result->FailedRecordCount == 2);
    REQUIRE(result->Records.size() == 5);
    for (int i = 0; i < 3; ++i) {
        CHECK(result->Records[i].SequenceNumber);
        CHECK_FALSE(result->Records[i].ErrorCode);
    }
    for (int i = 3; i < 5; ++i) {
        CHECK(result->Records[i].ErrorCode == "ProvisionedThroughputExceededException");
        CHECK(result->Records[i].ErrorMessage ==
              "Rate exceeded for shard shardId-000000000000 in stream events under account 123456789012.");
    }
    CHECK(*too_many == "ValidationException");
    CHECK(ids_of(stream_records(run.report)) ==
          std::vector<std::string>{*result->Records[0].SequenceNumber, *result->Records[1].SequenceNumber,
                                   *result->Records[2].SequenceNumber});
    CHECK(run.report["totals"]["put_throttled"] == 2);
    CHECK(calls_of(run.report)[0]["failed_entries"] == 2);
}

TEST_CASE("§5.24 a shard keeps the order in which puts were decided: a record put after a handler's put waits for it",
          "[engine][services]") {
    TestCatalog catalog;
    catalog.sqs("test", [](const SqsEvent&, InvocationContext& context) {
        context.simulate_work(3'000);
        PutRecordRequest put;
        put.StreamName = "events";
        put.PartitionKey = "k";
        put.Data = "from the handler";
        REQUIRE(context.kinesis().PutRecord(put).IsSuccess());
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, R"({"name": "order", "seed": 4, "duration_s": 30,
      "queues": {"in": {"VisibilityTimeout": 30}},
      "streams": {"events": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "test", "Timeout": 5, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]},
                  {"to": "events", "at_s": 1, "messages": [{"partition_key": "k", "data": "from traffic"}]}]})");
    const Json handler_put = record_by_data(run.report, "from the handler");
    const Json traffic = record_by_data(run.report, "from traffic");
    CHECK(decimal_less(handler_put["id"].get<std::string>(), traffic["id"].get<std::string>()));
    CHECK(first_event_time(handler_put, "sent") == at_time(3.015));
    CHECK(first_event_time(traffic, "sent") == at_time(3.015));
}

TEST_CASE("§7.11-7.13 a table with a conditional put: the first claim of a key succeeds, a second is "
          "ConditionalCheckFailedException, GetItem finds the item, DeleteItem frees the key",
          "[engine][services]") {
    auto codes = std::make_shared<std::vector<std::string>>();
    TestCatalog catalog;
    catalog.sqs("test", [codes](const SqsEvent&, InvocationContext& context) {
        const nlohmann::json key{{"pk", {{"S", "order-7"}}}};
        const auto record = [&](const auto& outcome) { codes->push_back(outcome.IsSuccess() ? "ok" : outcome.GetError().Code); };
        PutItemRequest claim{"seen", key, "attribute_not_exists(pk)", {}};
        record(context.dynamodb().PutItem(claim));
        record(context.dynamodb().PutItem(PutItemRequest{"seen", key, "attribute_not_exists(#k)", {{"#k", "pk"}}}));
        const auto found = context.dynamodb().GetItem({"seen", key});
        REQUIRE(found.IsSuccess());
        CHECK(found.GetResult().Item == key);
        record(context.dynamodb().DeleteItem({"seen", key}));
        record(context.dynamodb().PutItem(claim));
        record(context.dynamodb().PutItem(PutItemRequest{"seen", key, "size(pk) > 3", {}}));
        record(context.dynamodb().PutItem(PutItemRequest{"seen", {{"other", {{"S", "x"}}}}, std::nullopt, {}}));
        record(context.dynamodb().GetItem({"missing-table", key}));
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario());
    CHECK(*codes == std::vector<std::string>{"ok", "ConditionalCheckFailedException", "ok", "ok", "ValidationException",
                                             "ValidationException", "ResourceNotFoundException"});
    CHECK(run.engine->handler_services().tables().item_count(0) == 1);
    const auto calls = calls_of(run.report);
    REQUIRE(calls.size() == 8);
    CHECK(calls[1]["service"] == "dynamodb");
    CHECK(calls[1]["operation"] == "PutItem");
    CHECK(calls[1]["target"] == "seen");
    CHECK(calls[1]["duration_ms"].get<double>() == Approx(5));
}

TEST_CASE("§5.24 §4.6 a handler that sends in a loop is stopped at its Timeout: every call takes virtual time, so the "
          "loop makes Timeout / latency sends and the invocation times out",
          "[engine][services]") {
    auto sends = std::make_shared<int>(0);
    TestCatalog catalog;
    catalog.sqs("test", [sends](const SqsEvent& event, InvocationContext& context) {
        const auto& record = event.Records[0];
        if (record.body != "m" || record.attributes.ApproximateReceiveCount != "1") return HandlerResponse::none();
        for (;;) {
            context.sqs().SendMessage({"https://sqs.us-east-1.amazonaws.com/123456789012/in", "again"});
            ++*sends;
        }
    });
    const Run run = run_with(catalog, scenario(1, "{}", 1));
    // One second of 10 ms calls: 100 sends; the 101st call would start at the deadline.
    CHECK(*sends == 100);
    CHECK(messages_with_body(run.report, "again").size() == 100);
    const Json& invocation = run.report["invocations"][0];
    CHECK(invocation["result"] == "timeout");
    CHECK(invocation["calls"].size() == 100);
}

TEST_CASE("§5.17 a handler that sends in a loop is bounded by the run's bound on handlers' sends, not by memory",
          "[engine][services]") {
    auto sends = std::make_shared<int>(0);
    TestCatalog catalog;
    catalog.sqs("test", [sends](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        for (;;) {
            context.sqs().SendMessage({"https://sqs.us-east-1.amazonaws.com/123456789012/in", "again"});
            ++*sends;
        }
    });
    const Run run = run_with(catalog, scenario(1, R"({"max_handler_sends": 25})", 30));
    CHECK(*sends == 25);
    CHECK(messages_with_body(run.report, "again").size() == 25);
    const Json& invocation = run.report["invocations"][0];
    CHECK(invocation["result"] == "error");
    CHECK(invocation["error_type"] == "InvocationStopped");
}

TEST_CASE("§5.17 the run's bound on handlers' calls stops a loop of calls that send nothing", "[engine][services]") {
    auto calls = std::make_shared<int>(0);
    TestCatalog catalog;
    catalog.sqs("test", [calls](const SqsEvent&, InvocationContext& context) -> HandlerResponse {
        for (;;) {
            context.dynamodb().GetItem({"seen", {{"pk", {{"S", "x"}}}}});
            ++*calls;
        }
    });
    const Run run = run_with(catalog, scenario(1, R"({"max_handler_calls": 40})", 30));
    CHECK(*calls == 40);
    CHECK(run.report["invocations"][0]["error_type"] == "InvocationStopped");
}
