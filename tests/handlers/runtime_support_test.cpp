// What a runtime does around a handler (queuelab/runtime_support.h), shared by queuelab's runtime
// client and an exported project's main.cpp: the handle() an event goes to by its eventSource,
// and the errorType of an exception (docs/aws-rules.md 4.9).

#include <catch2/catch.hpp>

#include "handler_test_support.h"
#include "queuelab/runtime_support.h"

namespace queuelab::test {
namespace {

InvocationContext context() { return InvocationContext("r-1", "f", "arn:aws:lambda:us-east-1:123456789012:function:f", 128, 3'000, 0); }

HandlerResponse answer_sqs(const SqsEvent& event, InvocationContext&) {
    return HandlerResponse::raw("sqs " + std::to_string(event.Records.size()));
}

HandlerResponse answer_kinesis(const KinesisEvent& event, InvocationContext&) {
    return HandlerResponse::raw("kinesis " + std::to_string(event.Records.size()));
}

}  // namespace

TEST_CASE("call_handle sends each event to the handle() of its eventSource", "[handlers]") {
    SqsEvent sqs;
    sqs.Records = {make_record("m-1", "a"), make_record("m-2", "b")};
    KinesisEvent kinesis;
    kinesis.Records = {make_stream_record("1", "x")};
    InvocationContext invocation = context();
    CHECK(call_handle(nlohmann::json(sqs), invocation, answer_sqs, answer_kinesis).payload == "sqs 2");
    CHECK(call_handle(nlohmann::json(kinesis), invocation, answer_sqs, answer_kinesis).payload == "kinesis 1");
    // A tumbling window's final invoke has no records but the window's keys (3.23).
    CHECK(is_kinesis_event(nlohmann::json::parse(R"({"Records": [], "shardId": "shardId-000000000000", "window": {}})")));
    CHECK_FALSE(is_kinesis_event(nlohmann::json::parse(R"({"Records": []})")));
}

TEST_CASE("call_handle refuses an event whose kind has no handle()", "[handlers]") {
    SqsEvent sqs;
    sqs.Records = {make_record("m-1", "a")};
    InvocationContext invocation = context();
    CHECK_THROWS_AS(call_handle(nlohmann::json(sqs), invocation, nullptr, answer_kinesis), std::invalid_argument);
}

TEST_CASE("an exception's errorType is its type's name, demangled", "[handlers]") {
    CHECK(error_type_of(std::invalid_argument("x")) == "std::invalid_argument");
    CHECK(error_type_of(HandlerCrash("x")) == "queuelab::HandlerCrash");
    try {
        throw 42;
    } catch (...) {
        CHECK(current_exception_type() == "int");
    }
}

}  // namespace queuelab::test

namespace queuelab::test {

TEST_CASE("a context's params() are the function's Simulation.Params, {} when it has none", "[handlers]") {
    InvocationContext invocation = context();
    CHECK(invocation.params() == nlohmann::json::object());
    const nlohmann::json none;
    invocation.set_params(none);
    CHECK(invocation.params() == nlohmann::json::object());
    const nlohmann::json params = {{"report", "throw"}};
    invocation.set_params(params);
    CHECK(&invocation.params() == &params);  // given, not copied
}

}  // namespace queuelab::test
