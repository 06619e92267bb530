#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

SqsEvent failing_twice_on_receive(int receive_count) {
    return {{make_record("flaky", R"({"fail_attempts": 2})", receive_count),
             make_record("steady", R"({"orderId": "a"})", receive_count)}};
}

}  // namespace

TEST_CASE("fail-attempts fails receives 1 and 2 of a body with fail_attempts 2, not 3",
          "[handlers]") {
    const SqsHandler handler = make_builtin("fail-attempts");

    CHECK(failed_ids(invoke(handler, failing_twice_on_receive(1))) == Ids{"flaky"});
    CHECK(failed_ids(invoke(handler, failing_twice_on_receive(2))) == Ids{"flaky"});
    CHECK(failed_ids(invoke(handler, failing_twice_on_receive(3))).empty());
}

TEST_CASE("fail-attempts never fails a body without a fail_attempts number", "[handlers]") {
    const SqsEvent event{{make_record("text", "not json"), make_record("empty", ""),
                          make_record("string", R"({"fail_attempts": "2"})")}};

    CHECK(failed_ids(invoke(make_builtin("fail-attempts"), event)).empty());
}

TEST_CASE("fail-attempts in throw mode fails the whole invocation (Unhandled) while a record fails",
          "[handlers]") {
    const SqsHandler handler = make_builtin("fail-attempts", {{"report", "throw"}});

    for (const int receive_count : {1, 2}) {
        const HandlerResponse response = invoke(handler, failing_twice_on_receive(receive_count));
        REQUIRE(response.error);
        CHECK(response.error->errorType == "Unhandled");
        CHECK(response.error->errorMessage == "1 record(s) failed, first flaky");
    }
    const HandlerResponse succeeded = invoke(handler, failing_twice_on_receive(3));
    CHECK_FALSE(succeeded.error);
    CHECK(failed_ids(succeeded).empty());
}

TEST_CASE("fail-attempts in crash mode ends the runtime while a record fails", "[handlers]") {
    const SqsHandler handler = make_builtin("fail-attempts", {{"report", "crash"}});

    CHECK_THROWS_AS(invoke(handler, failing_twice_on_receive(1)), HandlerCrash);
    CHECK(failed_ids(invoke(handler, failing_twice_on_receive(3))).empty());
}

TEST_CASE("fail-attempts rejects an unknown report mode", "[handlers]") {
    CHECK_THROWS_MATCHES(make_builtin("fail-attempts", {{"report", "exit"}}), HandlerParamError,
                         Catch::Message(R"(report: expected "batchItemFailures", "throw" or "crash")"));
    CHECK(rejected_field("fail-attempts", {{"report", true}}) == "report");
}

namespace {

const KinesisEvent stream_batch{{make_stream_record("4961", R"({"should_fail": true})"),
                                 make_stream_record("4962", R"({"should_fail": false})"),
                                 make_stream_record("4963", "not json"),
                                 make_stream_record("4964", R"({"should_fail": "true"})"),
                                 make_stream_record("4965", R"({"should_fail": true, "n": 5})")},
                                std::nullopt};

}  // namespace

TEST_CASE("fail-attempts fails stream records with should_fail true by sequence number",
          "[handlers]") {
    const KinesisHandler handler = make_stream_builtin("fail-attempts");

    CHECK(failed_ids(invoke(handler, stream_batch)) == Ids{"4961", "4965"});
    // A stream record has no receive count: it fails on every delivery.
    CHECK(failed_ids(invoke(handler, stream_batch)) == Ids{"4961", "4965"});
}

TEST_CASE("fail-attempts in throw mode fails the whole invocation on a stream record with should_fail true",
          "[handlers]") {
    const KinesisHandler handler = make_stream_builtin("fail-attempts", {{"report", "throw"}});
    const KinesisEvent healthy{{make_stream_record("4962", R"({"should_fail": false})")},
                               std::nullopt};

    const HandlerResponse failed = invoke(handler, stream_batch);
    REQUIRE(failed.error);
    CHECK(failed.error->errorType == "Unhandled");
    CHECK(failed.error->errorMessage == "2 record(s) failed, first 4961");
    CHECK(failed_ids(invoke(handler, healthy)).empty());
}

TEST_CASE("fail-attempts for streams rejects an unknown report mode", "[handlers]") {
    CHECK_THROWS_AS(make_stream_builtin("fail-attempts", {{"report", "exit"}}), HandlerParamError);
}
