// The Runtime API server driven byte by byte with a raw HTTP client: AWS's contract for custom
// runtimes (docs/aws-rules.md §6): paths, headers, status codes and their order.

#include <poll.h>

#include <nlohmann/json.hpp>

#include "runtime_api_server.h"
#include "runtime_test_support.h"

namespace queuelab::runtime::test {
namespace {

constexpr const char* kNext = "/2018-06-01/runtime/invocation/next";

ApiInvoke an_invoke(const std::string& id) {
    return {id, R"({"Records":[]})", 1'704'067'203'000, 1'704'067'200'000,
            "arn:aws:lambda:eu-west-1:123456789012:function:processor", "Root=1-65920080-abc;Sampled=0"};
}

std::string response_path(const std::string& id, const std::string& kind = "response") {
    return "/2018-06-01/runtime/invocation/" + id + "/" + kind;
}

// The events the server has seen, waiting up to two seconds for at least `count`.
std::vector<ApiEvent> events(RuntimeApiServer& server, std::size_t count = 1) {
    std::vector<ApiEvent> seen;
    for (int i = 0; i < 200 && seen.size() < count; ++i) {
        pollfd watched{server.notify_fd(), POLLIN, 0};
        ::poll(&watched, 1, 10);
        for (auto& event : server.take_events()) seen.push_back(std::move(event));
    }
    return seen;
}

// A connection whose runtime has asked for, and received, invoke `id`.
HttpReply deliver(RuntimeApiServer& server, RawHttp& runtime, const std::string& id) {
    runtime.send_request("GET", kNext);
    REQUIRE(events(server).at(0).kind == ApiEvent::Kind::AskedForNext);
    server.offer(an_invoke(id));
    return runtime.read_reply();
}

std::string error_type_of(const HttpReply& reply) { return nlohmann::json::parse(reply.body).at("errorType"); }

}  // namespace

TEST_CASE("§6.2 §6.3 GET next waits for an invoke and hands it over with the Lambda-Runtime headers", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    runtime.send_request("GET", kNext);
    const auto asked = events(server);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].kind == ApiEvent::Kind::AskedForNext);

    server.offer(an_invoke("8476a536-e9f4-11e8-9739-2dfe598c3fcd"));
    HttpReply reply = runtime.read_reply();
    CHECK(reply.status == 200);
    CHECK(reply.headers["lambda-runtime-aws-request-id"] == "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    CHECK(reply.headers["lambda-runtime-deadline-ms"] == "1704067203000");  // the virtual deadline
    CHECK(reply.headers["lambda-runtime-invoked-function-arn"] ==
          "arn:aws:lambda:eu-west-1:123456789012:function:processor");
    CHECK(reply.headers["lambda-runtime-trace-id"] == "Root=1-65920080-abc;Sampled=0");
    CHECK(reply.headers["queuelab-invoke-start-ms"] == "1704067200000");
    CHECK(reply.headers["content-type"] == "application/json");
    CHECK(reply.body == R"({"Records":[]})");
}

TEST_CASE("§6.4 A response is accepted once with 202: another answer to it is 403, an unknown id 400",
          "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    deliver(server, runtime, "id-1");

    const HttpReply unknown = runtime.request("POST", response_path("id-0"), "late");
    CHECK(unknown.status == 400);
    CHECK(error_type_of(unknown) == "InvalidRequestID");

    const HttpReply accepted = runtime.request("POST", response_path("id-1"), R"({"batchItemFailures":[]})",
                                               "Queuelab-Simulated-Work-Ms: 12.5\r\n");
    CHECK(accepted.status == 202);
    CHECK(nlohmann::json::parse(accepted.body) == nlohmann::json{{"status", "OK"}});
    const auto answered = events(server);
    REQUIRE(answered.size() == 1);
    CHECK(answered[0].kind == ApiEvent::Kind::Response);
    CHECK(answered[0].request_id == "id-1");
    CHECK(answered[0].body == R"({"batchItemFailures":[]})");
    CHECK(answered[0].work_ms == 12.5);

    const HttpReply again = runtime.request("POST", response_path("id-1"), "again");
    CHECK(again.status == 403);
    CHECK(error_type_of(again) == "InvalidStateTransition");
    CHECK(runtime.request("POST", response_path("id-1", "error"), "{}").status == 403);
    CHECK(server.take_events().empty());
}

TEST_CASE("§6.2 §6.4 An answer before any invoke is 400: GET next before answering the invoke is 403", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    CHECK(runtime.request("POST", response_path("id-1"), "early").status == 400);

    deliver(server, runtime, "id-1");
    const HttpReply too_soon = runtime.request("GET", kNext);
    CHECK(too_soon.status == 403);
    CHECK(error_type_of(too_soon) == "InvalidStateTransition");
    CHECK(runtime.request("POST", response_path("id-1"), "done").status == 202);
}

TEST_CASE("§6.5 An invocation error carries the posted error type and document", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    deliver(server, runtime, "id-1");
    const std::string document = R"({"errorMessage":"bad order","errorType":"OrderError","stackTrace":[]})";
    const HttpReply accepted = runtime.request("POST", response_path("id-1", "error"), document,
                                               "Lambda-Runtime-Function-Error-Type: OrderError\r\n");
    CHECK(accepted.status == 202);
    const auto answered = events(server);
    REQUIRE(answered.size() == 1);
    CHECK(answered[0].kind == ApiEvent::Kind::Error);
    CHECK(answered[0].error_type == "OrderError");
    CHECK(answered[0].body == document);
    CHECK_FALSE(answered[0].work_ms.has_value());
}

TEST_CASE("§6.4 §4.8 A response over the payload limit is refused with 413 and ends the invoke", "[runtime][api]") {
    RuntimeApiServer server(1000);
    RawHttp runtime(server.endpoint());
    deliver(server, runtime, "id-1");
    const HttpReply refused = runtime.request("POST", response_path("id-1"), std::string(1001, 'x'));
    CHECK(refused.status == 413);
    CHECK(error_type_of(refused) == "RequestEntityTooLarge");
    CHECK(nlohmann::json::parse(refused.body).at("errorMessage") == "Exceeded maximum allowed payload size (1000 bytes).");
    const auto answered = events(server);
    REQUIRE(answered.size() == 1);
    CHECK(answered[0].kind == ApiEvent::Kind::ResponseTooLarge);
    CHECK(answered[0].size == 1001);
    CHECK(runtime.request("POST", response_path("id-1"), "small").status == 403);  // the invoke is over

    // The connection goes on: the next invoke, and a response exactly at the limit.
    deliver(server, runtime, "id-2");
    CHECK(runtime.request("POST", response_path("id-2"), std::string(1000, 'y')).status == 202);
    CHECK(events(server).at(0).kind == ApiEvent::Kind::Response);
}

TEST_CASE("§6.6 init/error is accepted before the first GET next and refused after it", "[runtime][api]") {
    SECTION("before") {
        RuntimeApiServer server(6'291'456);
        RawHttp runtime(server.endpoint());
        const HttpReply accepted =
            runtime.request("POST", "/2018-06-01/runtime/init/error", R"({"errorMessage":"no config","errorType":"Cfg"})",
                            "Lambda-Runtime-Function-Error-Type: Runtime.ConfigError\r\n");
        CHECK(accepted.status == 202);
        const auto failed = events(server);
        REQUIRE(failed.size() == 1);
        CHECK(failed[0].kind == ApiEvent::Kind::InitError);
        CHECK(failed[0].error_type == "Runtime.ConfigError");
        CHECK(runtime.request("GET", kNext).status == 403);  // a failed init cannot take invokes
    }
    SECTION("after") {
        RuntimeApiServer server(6'291'456);
        RawHttp runtime(server.endpoint());
        deliver(server, runtime, "id-1");
        CHECK(runtime.request("POST", "/2018-06-01/runtime/init/error", "{}").status == 403);
    }
}

TEST_CASE("§6.4 Other paths are 404 and known paths with another method 405", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    CHECK(runtime.request("GET", "/2018-06-01/runtime/invocation").status == 404);
    CHECK(runtime.request("GET", "/2019-01-01/runtime/invocation/next").status == 404);
    CHECK(runtime.request("POST", "/2018-06-01/runtime/invocation/id-1/result", "{}").status == 404);
    CHECK(runtime.request("POST", kNext, "{}").status == 405);
    CHECK(runtime.request("GET", response_path("id-1")).status == 405);
}

TEST_CASE("§6.13 Bytes that are not HTTP get 400 and the API keeps serving", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    {
        RawHttp garbage(server.endpoint());
        garbage.send("HELLO?\r\n\r\n");
        CHECK(garbage.read_reply().status == 400);
    }
    RawHttp runtime(server.endpoint());
    CHECK(deliver(server, runtime, "id-1").status == 200);
}

TEST_CASE("§6.2 A GET next still waiting when the environment ends gets 500", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    RawHttp runtime(server.endpoint());
    runtime.send_request("GET", kNext);
    REQUIRE(events(server).size() == 1);
    std::thread stopper([&] { server.stop(); });
    CHECK(runtime.read_reply().status == 500);
    stopper.join();
}

TEST_CASE("§6.13 A runtime that hangs up while its event is written does not end this program", "[runtime][api]") {
    RuntimeApiServer server(6'291'456);
    {
        RawHttp runtime(server.endpoint());
        runtime.send_request("GET", kNext);
        REQUIRE(events(server).size() == 1);
    }  // closed: the event below goes to a socket nobody reads (EPIPE, not SIGPIPE)
    ApiInvoke big = an_invoke("id-1");
    big.event = std::string(32 << 20, 'x');
    server.offer(big);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    RawHttp again(server.endpoint());
    CHECK(again.request("POST", response_path("id-1"), "late").status == 202);
}

}  // namespace queuelab::runtime::test
