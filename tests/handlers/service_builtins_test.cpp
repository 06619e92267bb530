// The built-ins that call services (forward, call-downstream, idempotent-store) against a scripted
// ServiceEndpoint: the requests they send, in AWS's JSON shapes (docs/aws-rules.md 7), the record
// each call names as its parent, how they read the replies, and what they report in
// batchItemFailures (docs/aws-rules.md 2.12, 3.19). Without an endpoint every call is NoEndpoint.

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

// Records every call and answers with `answer` (200 {} unless it says otherwise).
class ScriptedEndpoint : public ServiceEndpoint {
public:
    struct Call {
        std::string target;
        nlohmann::json request;
        CallInfo info;
    };
    std::function<ServiceReply(const Call&)> answer = [](const Call&) { return ServiceReply{}; };
    std::vector<Call> calls;

    ServiceReply call(const std::string& target, const nlohmann::json& request, const CallInfo& info) override {
        calls.push_back({target, request, info});
        return answer(calls.back());
    }
};

ServiceReply error_reply(const std::string& type) { return ServiceReply{400, {{"__type", type}, {"message", "no"}}, 1, false}; }

InvocationContext context_with(ScriptedEndpoint& endpoint) {
    return InvocationContext("request-1", "processor", "arn:aws:lambda:us-east-1:123456789012:function:processor", 128,
                             3000, 0, &endpoint);
}

}  // namespace

TEST_CASE("forward sends each SQS record's body to the destination queue, naming the record as the parent, and reports "
          "the records whose send failed",
          "[handlers]") {
    ScriptedEndpoint endpoint;
    endpoint.answer = [](const ScriptedEndpoint::Call& call) {
        return call.request["MessageBody"] == "refused" ? error_reply("com.amazonaws.sqs#InvalidParameterValue") : ServiceReply{};
    };
    InvocationContext context = context_with(endpoint);
    const SqsEvent event{{make_record("m-1", "first"), make_record("m-2", "refused"), make_record("m-3", "third")}};
    const auto response = make_builtin("forward", {{"Destination", "next"}})(event, context);
    CHECK(failed_ids(response) == Ids{"m-2"});
    REQUIRE(endpoint.calls.size() == 3);
    CHECK(endpoint.calls[0].target == "AmazonSQS.SendMessage");
    CHECK(endpoint.calls[0].request ==
          nlohmann::json{{"QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/next"}, {"MessageBody", "first"}});
    CHECK(endpoint.calls[0].info.current_record == "m-1");
    CHECK(endpoint.calls[2].info.current_record == "m-3");
}

TEST_CASE("forward puts stream records into a stream with their partition key, stops at the first failure (§3.19), "
          "and an SQS message takes the key of its body's field",
          "[handlers]") {
    ScriptedEndpoint endpoint;
    endpoint.answer = [](const ScriptedEndpoint::Call& call) {
        return call.request["Data"] == base64_encode("bad") ? error_reply("ProvisionedThroughputExceededException") : ServiceReply{};
    };
    InvocationContext context = context_with(endpoint);
    const std::string stream = "arn:aws:kinesis:us-east-1:123456789012:stream/out";
    const KinesisEvent event{{make_stream_record("1", "ok"), make_stream_record("2", "bad"), make_stream_record("3", "later")}};
    const auto response = make_stream_builtin("forward", {{"Destination", stream}})(event, context);
    CHECK(failed_ids(response) == Ids{"2"});
    REQUIRE(endpoint.calls.size() == 2);
    CHECK(endpoint.calls[0].target == "Kinesis_20131202.PutRecord");
    CHECK(endpoint.calls[0].request ==
          nlohmann::json{{"StreamARN", stream}, {"PartitionKey", "sensor-1"}, {"Data", base64_encode("ok")}});

    ScriptedEndpoint queue_to_stream;
    InvocationContext second = context_with(queue_to_stream);
    make_builtin("forward", {{"Destination", stream}, {"PartitionKey", "body.customer"}})(
        SqsEvent{{make_record("m-1", R"({"customer": "c-7"})")}}, second);
    REQUIRE(queue_to_stream.calls.size() == 1);
    CHECK(queue_to_stream.calls[0].request["PartitionKey"] == "c-7");
}

TEST_CASE("forward with a Downstream validates each record first: a record whose call failed is not sent and is "
          "reported failed",
          "[handlers]") {
    ScriptedEndpoint endpoint;
    endpoint.answer = [&](const ScriptedEndpoint::Call& call) {
        const bool second_check = call.target == "Queuelab.CallDownstream" && endpoint.calls.size() == 3;
        return second_check ? error_reply("InternalError") : ServiceReply{};
    };
    InvocationContext context = context_with(endpoint);
    const SqsEvent event{{make_record("m-1", "first"), make_record("m-2", "second")}};
    const auto response = make_builtin("forward", {{"Destination", "next"}, {"Downstream", "validation-api"}})(event, context);
    CHECK(failed_ids(response) == Ids{"m-2"});
    REQUIRE(endpoint.calls.size() == 3);  // check m-1, send m-1, check m-2 (failed: not sent)
    CHECK(endpoint.calls[0].target == "Queuelab.CallDownstream");
    CHECK(endpoint.calls[0].request == nlohmann::json{{"Downstream", "validation-api"}, {"Operation", "Validate"}});
    CHECK(endpoint.calls[1].target == "AmazonSQS.SendMessage");
    CHECK(endpoint.calls[2].target == "Queuelab.CallDownstream");
}

TEST_CASE("forward's Destination is a queue's name or ARN or a stream's ARN", "[handlers]") {
    CHECK(rejected_field("forward", {{"Destination", "arn:aws:sns:us-east-1:123456789012:topic"}}) == "Destination");
    CHECK(rejected_field("forward", {{"Destination", "arn:aws:kinesis:us-east-1:123456789012:table/x"}}) == "Destination");
    CHECK(rejected_field("forward", {{"Destination", "arn:aws:sqs:us-east-1:123456789012:next"}}) == "<accepted>");
    CHECK(rejected_field("forward", {{"Destination", "next"}, {"PartitionKey", "customer"}}) == "PartitionKey");
}

TEST_CASE("call-downstream calls once per record with its Operation and reports the failed calls", "[handlers]") {
    ScriptedEndpoint endpoint;
    endpoint.answer = [&](const ScriptedEndpoint::Call&) {
        return endpoint.calls.size() == 2 ? error_reply("TooManyConnections") : ServiceReply{200, {{"LatencyMs", 20}}, 20, false};
    };
    InvocationContext context = context_with(endpoint);
    const SqsEvent event{{make_record("m-1", "a"), make_record("m-2", "b"), make_record("m-3", "c")}};
    const auto response = make_builtin("call-downstream", {{"Downstream", "db"}, {"Operation", "INSERT"}})(event, context);
    CHECK(failed_ids(response) == Ids{"m-2"});
    REQUIRE(endpoint.calls.size() == 3);
    CHECK(endpoint.calls[0].target == "Queuelab.CallDownstream");
    CHECK(endpoint.calls[0].request == nlohmann::json{{"Downstream", "db"}, {"Operation", "INSERT"}});
    CHECK(context.call_time_ms() == 20 + 1 + 20);
    CHECK(context.remaining_time_ms() == 3000 - 41);
}

TEST_CASE("call-downstream's back-off (§7.7) and manual delete (§7.6) for SQS", "[handlers]") {
    SECTION("BackoffSeconds: a failed message is made visible again after BackoffSeconds × its receive count") {
        ScriptedEndpoint endpoint;
        endpoint.answer = [](const ScriptedEndpoint::Call& call) {
            return call.target == "Queuelab.CallDownstream" ? error_reply("Timeout") : ServiceReply{};
        };
        InvocationContext context = context_with(endpoint);
        const auto response = make_builtin("call-downstream", {{"Downstream", "db"}, {"BackoffSeconds", 5}})(
            SqsEvent{{make_record("m-1", "a", 3)}}, context);
        CHECK(failed_ids(response) == Ids{"m-1"});
        REQUIRE(endpoint.calls.size() == 2);
        CHECK(endpoint.calls[1].target == "AmazonSQS.ChangeMessageVisibility");
        CHECK(endpoint.calls[1].request == nlohmann::json{{"QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/orders"},
                                                          {"ReceiptHandle", "handle-m-1"},
                                                          {"VisibilityTimeout", 15}});
    }
    SECTION("DeleteProcessed: processed messages are deleted at once, and a failure throws for the whole batch") {
        ScriptedEndpoint endpoint;
        endpoint.answer = [&](const ScriptedEndpoint::Call& call) {
            return call.target == "Queuelab.CallDownstream" && call.info.current_record == "m-2" ? error_reply("Timeout")
                                                                                                 : ServiceReply{};
        };
        InvocationContext context = context_with(endpoint);
        const auto handler = make_builtin("call-downstream", {{"Downstream", "db"}, {"DeleteProcessed", true}});
        CHECK_THROWS_AS(handler(SqsEvent{{make_record("m-1", "a"), make_record("m-2", "b")}}, context), std::runtime_error);
        std::vector<std::string> targets;
        for (const auto& call : endpoint.calls) targets.push_back(call.target);
        CHECK(targets == std::vector<std::string>{"Queuelab.CallDownstream", "AmazonSQS.DeleteMessage", "Queuelab.CallDownstream"});
        CHECK(endpoint.calls[1].request["ReceiptHandle"] == "handle-m-1");
    }
}

TEST_CASE("idempotent-store claims each key with a conditional PutItem (§7.11), acknowledges a repeat without the work, "
          "and frees the claim when the work fails",
          "[handlers]") {
    ScriptedEndpoint endpoint;
    std::vector<std::string> claimed;
    endpoint.answer = [&](const ScriptedEndpoint::Call& call) {
        if (call.target == "DynamoDB_20120810.PutItem") {
            const std::string key = call.request["Item"]["id"]["S"];
            if (std::find(claimed.begin(), claimed.end(), key) != claimed.end()) {
                return error_reply("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
            }
            claimed.push_back(key);
        }
        if (call.target == "Queuelab.CallDownstream" && call.info.current_record == "m-3") return error_reply("InternalError");
        return ServiceReply{};
    };
    InvocationContext context = context_with(endpoint);
    const SqsEvent event{{make_record("m-1", R"({"orderId": "o-1"})"), make_record("m-2", R"({"orderId": "o-1"})"),
                          make_record("m-3", R"({"orderId": "o-3"})"), make_record("m-4", "not json")}};
    const auto response =
        make_builtin("idempotent-store", {{"Table", "seen"}, {"key", "body.orderId"}, {"Downstream", "db"}})(event, context);
    CHECK(failed_ids(response) == Ids{"m-3", "m-4"});
    std::vector<std::string> targets;
    for (const auto& call : endpoint.calls) targets.push_back(call.target.substr(call.target.find('.') + 1));
    // m-1: claim, work; m-2: the claim fails, no work; m-3: claim, failed work, the claim deleted.
    CHECK(targets == std::vector<std::string>{"PutItem", "CallDownstream", "PutItem", "PutItem", "CallDownstream", "DeleteItem"});
    CHECK(endpoint.calls[0].request == nlohmann::json{{"TableName", "seen"},
                                                      {"Item", {{"id", {{"S", "o-1"}}}}},
                                                      {"ConditionExpression", "attribute_not_exists(#key)"},
                                                      {"ExpressionAttributeNames", {{"#key", "id"}}}});
}

TEST_CASE("without an endpoint, a call returns NoEndpoint", "[handlers]") {
    InvocationContext context = make_context();
    const auto outcome = context.sqs().SendMessage({"https://sqs.us-east-1.amazonaws.com/123456789012/q", "x"});
    REQUIRE_FALSE(outcome.IsSuccess());
    CHECK(outcome.GetError().Code == "NoEndpoint");
}

TEST_CASE("a reply that says the invocation is over throws InvocationStopped, not a std::exception", "[handlers]") {
    ScriptedEndpoint endpoint;
    endpoint.answer = [](const ScriptedEndpoint::Call&) {
        return ServiceReply{400, {{"__type", "InvocationStopped"}, {"message", "timed out"}}, 0, true};
    };
    InvocationContext context = context_with(endpoint);
    bool stopped = false;
    try {
        context.downstreams().CallDownstream({"db"});
    } catch (const std::exception&) {
        FAIL("InvocationStopped must not be a std::exception");
    } catch (const InvocationStopped& stop) {
        stopped = stop.reason == "timed out";
    }
    CHECK(stopped);
}
