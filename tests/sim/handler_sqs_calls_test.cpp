// docs/aws-rules.md 7.4 to 7.7 (SendMessage, SendMessageBatch, DeleteMessage, ChangeMessageVisibility)
// called by handlers, in virtual time as 5.24 says: a call starts after the work the handler
// declared and its earlier calls, lasts sqs_call_latency_ms (10 ms), and what it changes happens
// at its end. Errors are AWS's codes, as the SDK raises them.

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "service_test_support.h"

using namespace queuelab;
using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// One message "m" at 0 in queue "in", read by function "f" (the test's handler "test", no cold
// start, DurationMs 10), and the queues of `more_queues`.
std::string scenario(const std::string& more_queues, const std::string& in_queue = "{}",
                     const std::string& function_extra = "") {
    return R"({"name": "calls", "seed": 4, "duration_s": 120,
      "queues": {"in": )" + in_queue + (more_queues.empty() ? "" : ", " + more_queues) + R"(},
      "functions": {"f": {"Handler": "test", "Timeout": 5)" + function_extra + R"(,
                          "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]}]})";
}

const std::string kOut = R"("out": {})";

std::string url(const std::string& queue) { return "https://sqs.us-east-1.amazonaws.com/123456789012/" + queue; }

}  // namespace

TEST_CASE("§7.4 SendMessage: the message arrives at the call's end, carries its origin, and the call adds to the invocation",
          "[engine][services]") {
    auto reply = std::make_shared<std::vector<SendMessageResult>>();
    TestCatalog catalog;
    catalog.sqs("test", [reply](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        context.simulate_work(100);
        const auto outcome = context.sqs().SendMessage({url("out"), "forwarded"});
        REQUIRE(outcome.IsSuccess());
        reply->push_back(outcome.GetResult());
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario(kOut));
    const Json original = message_by_body(run.report, "m");
    const Json sent = message_by_body(run.report, "forwarded");
    REQUIRE(reply->size() == 1);
    CHECK(sent["id"] == reply->front().MessageId);
    CHECK(reply->front().MD5OfMessageBody == "3c86288e3871b544e13a836c2c245653");  // MD5 of "forwarded"
    CHECK_FALSE(reply->front().SequenceNumber);
    // Sent 100 ms of work after the invoke started, arriving 10 ms later (§5.24).
    CHECK(first_event_time(sent, "sent") == at_time(0.110));
    CHECK(sent["sent_by"] == run.report["invocations"][0]["id"]);
    CHECK(sent["parent"] == original["id"]);
    const Json& invocation = run.report["invocations"][0];
    CHECK(invocation["duration_ms"].get<double>() == Approx(10 + 100 + 10));
    REQUIRE(invocation["calls"].size() == 1);
    const Json& call = invocation["calls"][0];
    CHECK(call["service"] == "sqs");
    CHECK(call["operation"] == "SendMessage");
    CHECK(call["target"] == "out");
    CHECK(call["start_s"].get<double>() == at_time(0.100));
    CHECK(call["duration_ms"].get<double>() == Approx(10));
    CHECK(call["result"] == "ok");
    CHECK(call["created"] == Json::array({sent["id"]}));
    CHECK(run.report["totals"]["sent"] == 2);
    CHECK(sent["outcome"] == "in_queue");
}

TEST_CASE("§7.4 SendMessage errors: an unknown queue, an empty body, a body over MaximumMessageSize, a FIFO send "
          "without a MessageGroupId, each is a failed call that still takes its time",
          "[engine][services]") {
    auto errors = std::make_shared<std::vector<AwsError>>();
    TestCatalog catalog;
    catalog.sqs("test", [errors](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        for (const SendMessageRequest& request :
             {SendMessageRequest{url("nowhere"), "x"}, SendMessageRequest{url("small"), ""},
              SendMessageRequest{url("small"), std::string(1025, 'x')}, SendMessageRequest{url("orders.fifo"), "x"},
              SendMessageRequest{"https://sqs.us-east-1.amazonaws.com/999999999999/small", "x"}}) {
            const auto outcome = context.sqs().SendMessage(request);
            REQUIRE_FALSE(outcome.IsSuccess());
            errors->push_back(outcome.GetError());
        }
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario(R"("small": {"MaximumMessageSize": 1024}, "orders.fifo": {"ContentBasedDeduplication": true})"));
    REQUIRE(errors->size() == 5);
    CHECK((*errors)[0].Code == "QueueDoesNotExist");
    CHECK((*errors)[0].Message == "The specified queue does not exist.");
    CHECK((*errors)[1].Code == "MissingParameter");
    CHECK((*errors)[2].Code == "InvalidParameterValue");
    CHECK((*errors)[2].Message == "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
    CHECK((*errors)[3].Code == "MissingParameter");
    CHECK((*errors)[3].Message == "The request must contain the parameter MessageGroupId.");
    CHECK((*errors)[4].Code == "QueueDoesNotExist");  // another account's queue
    CHECK(run.report["totals"]["sent"] == 1);
    CHECK(run.report["totals"]["rejected_sends"] == 3);  // the three the queues refused
    const auto calls = calls_of(run.report);
    REQUIRE(calls.size() == 5);
    CHECK(calls[0]["result"] == "QueueDoesNotExist");
    CHECK(calls[4]["start_s"].get<double>() == at_time(0.040));
    CHECK(run.report["invocations"][0]["duration_ms"].get<double>() == Approx(10 + 5 * 10));
}

TEST_CASE("§7.5 SendMessageBatch: whole-request errors, and a 200 reply whose Failed entries name the invalid ones "
          "(SenderFault true) while the others are sent",
          "[engine][services]") {
    auto results = std::make_shared<std::vector<Outcome<SendMessageBatchResult>>>();
    TestCatalog catalog;
    catalog.sqs("test", [results](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        const auto batch = [&](std::vector<SendMessageBatchRequestEntry> entries) {
            results->push_back(context.sqs().SendMessageBatch({url("small"), std::move(entries)}));
        };
        std::vector<SendMessageBatchRequestEntry> eleven;
        for (int i = 0; i < 11; ++i) eleven.push_back({"e" + std::to_string(i), "x"});
        batch(eleven);
        batch({});
        batch({{"same", "a"}, {"same", "b"}});
        batch({{"not ok!", "a"}});
        batch({{"a", std::string(600'000, 'x')}, {"b", std::string(600'000, 'y')}});
        batch({{"ok-1", "first"}, {"empty", ""}, {"big", std::string(2000, 'z')}, {"ok-2", "second"}});
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario(R"("small": {"MaximumMessageSize": 1024})"));
    REQUIRE(results->size() == 6);
    const std::vector<std::string> codes = {"TooManyEntriesInBatchRequest", "EmptyBatchRequest", "BatchEntryIdsNotDistinct",
                                            "InvalidBatchEntryId", "BatchRequestTooLong"};
    for (std::size_t i = 0; i < codes.size(); ++i) {
        INFO(codes[i]);
        REQUIRE_FALSE((*results)[i].IsSuccess());
        CHECK((*results)[i].GetError().Code == codes[i]);
    }
    CHECK((*results)[4].GetError().Message == "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.");
    REQUIRE((*results)[5].IsSuccess());
    const auto& partial = (*results)[5].GetResult();
    REQUIRE(partial.Successful.size() == 2);
    CHECK(partial.Successful[0].Id == "ok-1");
    CHECK(partial.Successful[1].Id == "ok-2");
    CHECK(partial.Successful[0].MessageId == message_by_body(run.report, "first")["id"]);
    REQUIRE(partial.Failed.size() == 2);
    CHECK(partial.Failed[0].Id == "empty");
    CHECK(partial.Failed[0].Code == "MissingParameter");
    CHECK(partial.Failed[0].SenderFault);
    CHECK(partial.Failed[1].Id == "big");
    CHECK(partial.Failed[1].Code == "InvalidParameterValue");
    const auto calls = calls_of(run.report);
    CHECK(calls[5]["result"] == "ok");
    CHECK(calls[5]["failed_entries"] == 2);
    // Both sent messages arrive together at the end of the sixth call.
    CHECK(first_event_time(message_by_body(run.report, "second"), "sent") == at_time(0.060));
    // The one batch that reached the queue is one request for all its entries (§5.7).
    CHECK(run.engine->sqs().request_count(run.engine->sqs().queue_index("small")) == 1);
}

TEST_CASE("§7.6 DeleteMessage: the manual delete removes a message at the call's end even when the batch then "
          "fails, a delete with the handle of an earlier receive succeeds and deletes nothing (§1.3), a handle "
          "this run never issued is ReceiptHandleIsInvalid",
          "[engine][services]") {
    auto first_handle = std::make_shared<std::map<std::string, std::string>>();
    auto errors = std::make_shared<std::vector<std::string>>();
    TestCatalog catalog;
    catalog.sqs("test", [first_handle, errors](const SqsEvent& event, InvocationContext& context) {
        const SqsMessage& record = event.Records[0];
        if (record.body == "deleted by hand") {
            context.sqs().DeleteMessage({url("in"), record.receiptHandle});
            throw std::runtime_error("the batch fails, but the message is gone");
        }
        if (record.body == "stale") {
            auto [handle, first] = first_handle->try_emplace(record.body, record.receiptHandle);
            if (!first) {
                const auto outcome = context.sqs().DeleteMessage({url("in"), handle->second});
                CHECK(outcome.IsSuccess());  // AWS reports success for an old handle
            }
            throw std::runtime_error("fails every time");
        }
        const auto invalid = context.sqs().DeleteMessage({url("in"), "AQEB" + std::string(48, '0')});
        if (!invalid.IsSuccess()) errors->push_back(invalid.GetError().Code);
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, R"({"name": "deletes", "seed": 4, "duration_s": 35,
      "queues": {"in": {"VisibilityTimeout": 10}},
      "functions": {"f": {"Handler": "test", "Timeout": 5, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "deleted by hand"}, {"body": "stale"}, {"body": "other"}]}]})");
    const Json by_hand = message_by_body(run.report, "deleted by hand");
    CHECK(by_hand["outcome"] == "deleted");
    CHECK(event_times(by_hand, "received") == std::vector<double>{0});  // never redelivered
    CHECK(first_event_time(by_hand, "deleted") == at_time(0.010));
    CHECK(by_hand["handler_failed"] == 1);
    const Json stale = message_by_body(run.report, "stale");
    CHECK(event_times(stale, "received") == std::vector<double>{0, 10, 20, 30});
    // The second, third and fourth deliveries delete with the first receive's handle.
    const auto ignored = events_of(stale, "stale_delete_ignored");
    REQUIRE(ignored.size() == 3);
    CHECK(ignored[0]["receive_count"] == 1);
    CHECK(ignored[0]["t"].get<double>() == at_time(10.010));
    CHECK(events_of(stale, "deleted").empty());
    CHECK(*errors == std::vector<std::string>{"ReceiptHandleIsInvalid"});
}

TEST_CASE("§7.7 ChangeMessageVisibility: the back-off makes a failed message return after the new timeout, counted "
          "from the call, MessageNotInflight, an expired handle, a timeout out of range and a total past 12 hours "
          "are errors",
          "[engine][services]") {
    auto codes = std::make_shared<std::vector<std::string>>();
    TestCatalog catalog;
    catalog.sqs("test", [codes](const SqsEvent& event, InvocationContext& context) {
        const SqsMessage& record = event.Records[0];
        const auto change = [&](const std::string& handle, int seconds) {
            const auto outcome = context.sqs().ChangeMessageVisibility({queue_url_of_arn(record.eventSourceARN), handle, seconds});
            codes->push_back(outcome.IsSuccess() ? "ok" : outcome.GetError().Code);
        };
        if (record.body == "backoff") {
            if (record.attributes.ApproximateReceiveCount == "1") {
                change(record.receiptHandle, 43'201);
                change(record.receiptHandle, 43'200);  // 20 ms after the receive: past 12 hours in total
                change(record.receiptHandle, 5);
                return HandlerResponse::batch({{{record.messageId}}});
            }
            return HandlerResponse::none();
        }
        // "late": on its first delivery, works past its 1 s visibility timeout, then tries to extend it.
        if (record.attributes.ApproximateReceiveCount != "1") return HandlerResponse::none();
        context.simulate_work(1'500);
        change(record.receiptHandle, 60);
        change("AQEB" + std::string(48, 'f'), 60);
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, R"({"name": "visibility", "seed": 4, "duration_s": 60,
      "queues": {"in": {"VisibilityTimeout": 30}, "short": {"VisibilityTimeout": 1}},
      "functions": {"f": {"Handler": "test", "Timeout": 1, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}},
                    "g": {"Handler": "test", "Timeout": 1, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1, "FunctionResponseTypes": ["ReportBatchItemFailures"]},
                   {"EventSourceArn": "short", "FunctionName": "g", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "backoff"}]},
                  {"to": "short", "at_s": 0, "messages": [{"body": "late"}]}],
      "actions": [{"at_s": 0, "UpdateFunctionConfiguration": {"FunctionName": "g", "Timeout": 5}}]})");
    const Json backoff = message_by_body(run.report, "backoff");
    // The third call ends at 0.030 s: visible 5 s later instead of 30 s after the receive.
    CHECK(event_times(backoff, "received") == std::vector<double>{0, 5.030});
    const auto changed = events_of(backoff, "visibility_changed");
    REQUIRE(changed.size() == 1);
    CHECK(changed[0]["t"].get<double>() == at_time(0.030));
    CHECK(changed[0]["visibility_timeout_s"] == 5);
    CHECK(backoff["outcome"] == "deleted");
    REQUIRE(codes->size() == 5);
    CHECK((*codes)[0] == "InvalidParameterValue");
    CHECK((*codes)[1] == "InvalidParameterValue");
    CHECK((*codes)[2] == "ok");
    // "late" asked at 1.5 s, after its visibility timeout ended at 1 s; the made-up handle is invalid.
    CHECK((*codes)[3] == "MessageNotInflight");
    CHECK((*codes)[4] == "ReceiptHandleIsInvalid");
}

TEST_CASE("§7.7 ChangeMessageVisibility with the handle of an earlier receive: the handle has expired", "[engine][services]") {
    auto codes = std::make_shared<std::vector<std::string>>();
    auto first = std::make_shared<std::string>();
    TestCatalog catalog;
    catalog.sqs("test", [codes, first](const SqsEvent& event, InvocationContext& context) {
        const SqsMessage& record = event.Records[0];
        if (first->empty()) {
            *first = record.receiptHandle;
            throw std::runtime_error("fail the first delivery");
        }
        const auto outcome = context.sqs().ChangeMessageVisibility({url("in"), *first, 60});
        codes->push_back(outcome.IsSuccess() ? "ok" : outcome.GetError().Code);
        return HandlerResponse::none();
    });
    run_with(catalog, R"({"name": "expired", "seed": 4, "duration_s": 30,
      "queues": {"in": {"VisibilityTimeout": 5}},
      "functions": {"f": {"Handler": "test", "Timeout": 1, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]}]})");
    CHECK(*codes == std::vector<std::string>{"InvalidParameterValue"});
}

TEST_CASE("§7.4 GetQueueUrl gives the URL SendMessage takes, an unknown name is QueueDoesNotExist", "[engine][services]") {
    auto urls = std::make_shared<std::vector<std::string>>();
    TestCatalog catalog;
    catalog.sqs("test", [urls](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        const auto found = context.sqs().GetQueueUrl({"out"});
        REQUIRE(found.IsSuccess());
        urls->push_back(found.GetResult().QueueUrl);
        urls->push_back(context.sqs().GetQueueUrl({"nowhere"}).GetError().Code);
        CHECK(context.sqs().SendMessage({found.GetResult().QueueUrl, "via url"}).IsSuccess());
        return HandlerResponse::none();
    });
    const Run run = run_with(catalog, scenario(kOut));
    CHECK(*urls == std::vector<std::string>{url("out"), "QueueDoesNotExist"});
    CHECK(message_by_body(run.report, "via url")["queue"] == "out");
}

TEST_CASE("§5.24 a FIFO queue keeps the order in which sends were decided: a message sent after a handler's send "
          "waits behind it in its group until it arrives",
          "[engine][services]") {
    auto sequence = std::make_shared<std::string>();
    TestCatalog catalog;
    catalog.sqs("test", [sequence](const SqsEvent& event, InvocationContext& context) {
        if (event.Records[0].body != "m") return HandlerResponse::none();
        context.simulate_work(2'000);
        SendMessageRequest send{url("orders.fifo"), "from the handler"};
        send.MessageGroupId = "g";
        const auto outcome = context.sqs().SendMessage(send);
        REQUIRE(outcome.IsSuccess());
        *sequence = outcome.GetResult().SequenceNumber.value_or("");
        return HandlerResponse::none();
    });
    // The handler's send is decided at 0 and arrives at 2.010 s; the traffic message of the same
    // group is sent at 1 s.
    const Run run = run_with(catalog, R"({"name": "fifo", "seed": 4, "duration_s": 30,
      "queues": {"in": {}, "orders.fifo": {"ContentBasedDeduplication": true}},
      "functions": {"f": {"Handler": "test", "Timeout": 5, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}},
                    "reader": {"Handler": "test", "Timeout": 5, "Simulation": {"DurationMs": 10, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "in", "FunctionName": "f", "BatchSize": 1},
                   {"EventSourceArn": "orders.fifo", "FunctionName": "reader", "BatchSize": 1}],
      "traffic": [{"to": "in", "at_s": 0, "messages": [{"body": "m"}]},
                  {"to": "orders.fifo", "at_s": 1, "messages": [{"body": "from traffic", "MessageGroupId": "g"}]}]})");
    CHECK(*sequence == "10000000000000000001");
    const Json handler_sent = message_by_body(run.report, "from the handler");
    const Json traffic = message_by_body(run.report, "from traffic");
    CHECK(first_event_time(handler_sent, "sent") == at_time(2.010));
    CHECK(first_event_time(traffic, "sent") == at_time(1));
    CHECK(first_event_time(handler_sent, "received") == at_time(2.010));
    CHECK(first_event_time(traffic, "received") > first_event_time(handler_sent, "received"));
}
