// A handler process's service calls (docs/aws-rules.md 7.14): what the context's clients send
// over HTTP reaches the invocation's ServiceEndpoint as the operation's JSON with the virtual work
// declared and the record named; the reply's status, AWS error document and virtual duration come
// back to the handler; a call that finds the invocation over ends it (InvocationStopped); and the
// wire is the services' own JSON protocol over POST /.

#include <poll.h>

#include <vector>

#include "runtime_api_server.h"
#include "runtime_test_support.h"

namespace queuelab::runtime::test {
namespace {

struct SeenCall {
    std::string target;
    nlohmann::json request;
    CallInfo info;
};

// Records each call and answers with the next scripted reply.
class ScriptedEndpoint : public ServiceEndpoint {
public:
    explicit ScriptedEndpoint(std::vector<ServiceReply> replies) : replies_(std::move(replies)) {}
    ServiceReply call(const std::string& target, const nlohmann::json& request, const CallInfo& info) override {
        seen.push_back({target, request, info});
        return replies_.at(seen.size() - 1);
    }
    std::vector<SeenCall> seen;

private:
    std::vector<ServiceReply> replies_;
};

ServiceReply sent(const std::string& message_id, double duration_ms) {
    return {200, {{"MessageId", message_id}, {"MD5OfMessageBody", "x"}}, duration_ms, false};
}

sim::CodeOutcome invoke_relay(sim::FunctionCode& code, ScriptedEndpoint& endpoint, int records) {
    const SqsEvent event = sqs_event("hello", records);
    InvocationContext context("r-1", "relay", "arn:aws:lambda:eu-west-1:123456789012:function:relay", 128,
                              kStartMs + 3000, kStartMs, &endpoint);
    return code.invoke(0, &event, context);
}

// The next service call the server received (waiting up to a few seconds for it).
ApiEvent next_call(RuntimeApiServer& server) {
    for (int wait = 0; wait < 50; ++wait) {
        for (auto& event : server.take_events()) {
            if (event.kind == ApiEvent::Kind::ServiceCall) return std::move(event);
        }
        pollfd notify{server.notify_fd(), POLLIN, 0};
        ::poll(&notify, 1, 100);
    }
    FAIL("no service call arrived");
    return {};
}

}  // namespace

TEST_CASE("§7.14 §7.4 A handler process's SendMessage reaches the invocation's services as AmazonSQS.SendMessage, "
          "and AWS's error comes back to it",
          "[runtime]") {
    auto code = source_code("service_calls.cpp");
    ScriptedEndpoint endpoint({sent("id-1", 10),
                               {400, {{"__type", "com.amazonaws.sqs#QueueDoesNotExist"}, {"message", "no queue"}}, 10, false}});
    const auto outcome = invoke_relay(*code, endpoint, 2);
    REQUIRE(endpoint.seen.size() == 2);
    CHECK(endpoint.seen[0].target == "AmazonSQS.SendMessage");
    CHECK(endpoint.seen[0].request ==
          nlohmann::json{{"QueueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/receipts"}, {"MessageBody", "hello"}});
    CHECK(endpoint.seen[0].info.current_record == "m-0");
    CHECK(endpoint.seen[1].info.current_record == "m-1");
    CHECK(outcome.result == sim::InvocationResult::Success);
    // The second send failed: the handler reports its record.
    CHECK(outcome.payload == R"({"batchItemFailures":[{"itemIdentifier":"m-1"}]})");
}

TEST_CASE("§7.14 §5.24 A call that finds the invocation over ends the handler process's invoke as InvocationStopped",
          "[runtime]") {
    auto code = source_code("service_calls.cpp");
    ScriptedEndpoint endpoint({sent("id-1", 10), {400, {{"__type", "InvocationStopped"}, {"message", "timed out"}}, 0, true}});
    const auto outcome = invoke_relay(*code, endpoint, 3);
    CHECK(endpoint.seen.size() == 2);  // the third record's call never happens
    CHECK(outcome.result == sim::InvocationResult::Error);
    CHECK(outcome.error_type == "InvocationStopped");
    CHECK(outcome.error_message == "timed out");
    CHECK_FALSE(outcome.environment_lost);
}

TEST_CASE("§7.14 §7.1 the wire: POST / with X-Amz-Target in AWS JSON 1.0 (1.1 for Kinesis), the virtual duration "
          "in the reply, outside an invoke, or not JSON, a call is refused with AWS's error document",
          "[runtime]") {
    RuntimeApiServer server(1 << 20);
    RawHttp runtime(server.endpoint());
    RawHttp services(server.endpoint());
    const std::string request = R"({"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":"b"})";
    const std::string sqs_headers = "X-Amz-Target: AmazonSQS.SendMessage\r\nContent-Type: application/x-amz-json-1.0\r\n";

    HttpReply before = services.request("POST", "/", request, sqs_headers);
    CHECK(before.status == 400);
    CHECK(before.headers["content-type"] == "application/x-amz-json-1.0");
    CHECK(nlohmann::json::parse(before.body) ==
          nlohmann::json{{"__type", "NoInvocation"}, {"message", "queuelab serves a handler's service calls during an invoke only"}});

    runtime.send_request("GET", "/2018-06-01/runtime/invocation/next");
    server.offer(ApiInvoke{"req-1", "{}", kStartMs + 3000, kStartMs, "arn", "trace"});
    REQUIRE(runtime.read_reply().status == 200);

    CHECK(services.request("POST", "/", "not json", sqs_headers).status == 400);

    services.send_request("POST", "/", request,
                          sqs_headers + "Queuelab-Declared-Work-Ms: 12.5\r\nQueuelab-Current-Record: m%2F1\r\n");
    const ApiEvent call = next_call(server);
    CHECK(call.target == "AmazonSQS.SendMessage");
    CHECK(call.request == nlohmann::json::parse(request));
    CHECK(call.info.declared_work_ms == 12.5);
    CHECK(call.info.current_record == "m/1");
    server.reply_to_call(call.call, sent("id-1", 10.25));
    HttpReply reply = services.read_reply();
    CHECK(reply.status == 200);
    CHECK(reply.headers["content-type"] == "application/x-amz-json-1.0");
    CHECK(reply.headers["queuelab-call-duration-ms"] == "10.25");
    CHECK(nlohmann::json::parse(reply.body).at("MessageId") == "id-1");

    services.send_request("POST", "/", R"({"StreamName":"s","PartitionKey":"k","Data":"ZA=="})",
                          "X-Amz-Target: Kinesis_20131202.PutRecord\r\nContent-Type: application/x-amz-json-1.1\r\n");
    const ApiEvent put = next_call(server);
    server.reply_to_call(put.call, {400, {{"__type", "ResourceNotFoundException"}, {"message", "Stream s not found"}}, 15, false});
    HttpReply refused = services.read_reply();
    CHECK(refused.status == 400);
    CHECK(refused.headers["content-type"] == "application/x-amz-json-1.1");
    CHECK(nlohmann::json::parse(refused.body).at("__type") == "ResourceNotFoundException");
}

}  // namespace queuelab::runtime::test
