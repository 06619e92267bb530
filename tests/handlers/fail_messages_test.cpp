#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

SqsEvent numbered_event(int count, int receive_count = 1) {
    SqsEvent event;
    for (int i = 0; i < count; ++i) {
        event.Records.push_back(make_record("m-" + std::to_string(i), "{}", receive_count));
    }
    return event;
}

}  // namespace

TEST_CASE("fail-messages fails the listed message ids", "[handlers]") {
    const SqsHandler handler = make_builtin("fail-messages", {{"message_ids", {"m-1", "m-3"}}});

    CHECK(failed_ids(invoke(handler, numbered_event(5))) == Ids{"m-1", "m-3"});
}

TEST_CASE("fail-messages fails records whose body contains the given text", "[handlers]") {
    const SqsEvent event{
        {make_record("a", R"({"orderId": "ok"})"), make_record("b", R"({"orderId": "poison"})")}};

    CHECK(failed_ids(invoke(make_builtin("fail-messages", {{"body_contains", "poison"}}), event)) ==
          Ids{"b"});
}

TEST_CASE("fail-messages fails nothing by default and everything with fraction 1", "[handlers]") {
    CHECK(failed_ids(invoke(make_builtin("fail-messages"), numbered_event(5))).empty());
    CHECK(failed_ids(invoke(make_builtin("fail-messages", {{"fraction", 1}}), numbered_event(5)))
              .size() == 5);
}

TEST_CASE("fail-messages picks a seeded fraction, the same on every receive", "[handlers]") {
    const nlohmann::json params = {{"fraction", 0.3}, {"seed", 42}};

    const Ids first =
        failed_ids(invoke(make_builtin("fail-messages", params), numbered_event(1000)));
    const Ids retried =
        failed_ids(invoke(make_builtin("fail-messages", params), numbered_event(1000, 2)));

    CHECK(first.size() > 250);
    CHECK(first.size() < 350);
    CHECK(retried == first);
}

TEST_CASE("fail-messages picks differently with another seed", "[handlers]") {
    const auto picked = [](int seed) {
        return failed_ids(invoke(make_builtin("fail-messages", {{"fraction", 0.5}, {"seed", seed}}),
                                 numbered_event(100)));
    };

    CHECK(picked(1) == picked(1));
    CHECK(picked(1) != picked(2));
}

TEST_CASE("fail-messages with per_attempt lets a retry of a failed message succeed", "[handlers]") {
    const SqsHandler handler =
        make_builtin("fail-messages", {{"fraction", 0.5}, {"seed", 7}, {"per_attempt", true}});

    CHECK(failed_ids(invoke(handler, numbered_event(100, 1))) !=
          failed_ids(invoke(handler, numbered_event(100, 2))));
}

TEST_CASE("fail-messages rejects parameters of the wrong type or range", "[handlers]") {
    CHECK_THROWS_MATCHES(make_builtin("fail-messages", {{"fraction", 1.5}}), HandlerParamError,
                         Catch::Message("fraction: expected a number from 0 to 1"));
    CHECK(rejected_field("fail-messages", {{"message_ids", "m-1"}}) == "message_ids");
    CHECK(rejected_field("fail-messages", {{"message_ids", {1, 2}}}) == "message_ids");
    CHECK(rejected_field("fail-messages", {{"body_contains", 3}}) == "body_contains");
    CHECK(rejected_field("fail-messages", {{"seed", 1.5}}) == "seed");
    CHECK(rejected_field("fail-messages", {{"per_attempt", 1}}) == "per_attempt");
}
