#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

const SqsEvent any_event{{make_record("a", "anything")}};

}  // namespace

TEST_CASE("fixed-response returns its JSON response parameter, dumped", "[handlers]") {
    const nlohmann::json response = {{"batchItemFailures", {{{"itemIdentifier", "ghost"}}}}};

    CHECK(invoke(make_builtin("fixed-response", {{"response", response}}), any_event).payload ==
          response.dump());
    CHECK(invoke(make_builtin("fixed-response", {{"response", nullptr}}), any_event).payload ==
          "null");
}

TEST_CASE("fixed-response returns raw_response verbatim, even invalid JSON", "[handlers]") {
    CHECK(invoke(make_builtin("fixed-response", {{"raw_response", "{not json"}}), any_event)
              .payload == "{not json");
}

TEST_CASE("fixed-response without parameters returns nothing", "[handlers]") {
    CHECK(invoke(make_builtin("fixed-response"), any_event).payload.empty());
}

TEST_CASE("fixed-response rejects both parameters and a raw_response that is not a string",
          "[handlers]") {
    CHECK(rejected_field("fixed-response", {{"response", {}}, {"raw_response", "x"}}) ==
          "raw_response");
    CHECK_THROWS_MATCHES(make_builtin("fixed-response", {{"raw_response", 3}}), HandlerParamError,
                         Catch::Message("raw_response: expected a string"));
}

TEST_CASE("fixed-response returns the same response for Kinesis events", "[handlers]") {
    const KinesisEvent stream_event{{make_stream_record("4959", "anything")}, std::nullopt};
    const nlohmann::json response = {{"batchItemFailures", {{{"itemIdentifier", "4959"}}}}};

    CHECK(invoke(make_stream_builtin("fixed-response", {{"response", response}}), stream_event)
              .payload == response.dump());
    CHECK(
        invoke(make_stream_builtin("fixed-response", {{"raw_response", "{not json"}}), stream_event)
            .payload == "{not json");
    CHECK(invoke(make_stream_builtin("fixed-response"), stream_event).payload.empty());
}
