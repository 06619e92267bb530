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

TEST_CASE("fail-attempts in throw mode throws while a record fails", "[handlers]") {
    const SqsHandler handler = make_builtin("fail-attempts", {{"report", "throw"}});

    CHECK_THROWS_AS(invoke(handler, failing_twice_on_receive(1)), std::runtime_error);
    CHECK_THROWS_AS(invoke(handler, failing_twice_on_receive(2)), std::runtime_error);
    CHECK(failed_ids(invoke(handler, failing_twice_on_receive(3))).empty());
}

TEST_CASE("fail-attempts rejects an unknown report mode", "[handlers]") {
    CHECK_THROWS_MATCHES(make_builtin("fail-attempts", {{"report", "exit"}}), HandlerParamError,
                         Catch::Message(R"(report: expected "batchItemFailures" or "throw")"));
    CHECK(rejected_field("fail-attempts", {{"report", true}}) == "report");
}
