#include <catch2/catch.hpp>

#include "handler_test_support.h"

using nlohmann::json;
using namespace queuelab;
using namespace queuelab::test;

namespace {

KinesisEventRecord reading(std::string sequence_number, const json& data) {
    return make_stream_record(std::move(sequence_number), data.dump());
}

// An invoke of the window 17:00-17:05 of one shard, with the state the previous invoke returned.
KinesisEvent window_invoke(std::vector<KinesisEventRecord> records, json state,
                           bool final_invoke = false) {
    TumblingWindowContext tumbling;
    tumbling.window = {"2020-07-30T17:00:00Z", "2020-07-30T17:05:00Z"};
    tumbling.state = std::move(state);
    tumbling.shardId = "shardId-000000000000";
    tumbling.eventSourceARN = "arn:aws:kinesis:us-east-1:123456789012:stream/readings";
    tumbling.isFinalInvokeForWindow = final_invoke;
    return {std::move(records), std::move(tumbling)};
}

TumblingWindowResponse response_of(const HandlerResponse& response) {
    return json::parse(response.payload).get<TumblingWindowResponse>();
}

}  // namespace

TEST_CASE("window-aggregator carries the window's state across invokes to the final one",
          "[handlers]") {
    const KinesisHandler handler = make_stream_builtin("window-aggregator");

    const TumblingWindowResponse first = response_of(invoke(
        handler,
        window_invoke({reading("1", {{"temperature", 20}}), reading("2", {{"temperature", 30}})},
                      json::object())));
    CHECK(first.state == json{{"count", 2}, {"sum", 50.0}});
    CHECK(first.batchItemFailures.empty());

    const TumblingWindowResponse second = response_of(
        invoke(handler, window_invoke({reading("3", {{"temperature", 40}})}, first.state)));
    CHECK(second.state == json{{"count", 3}, {"sum", 90.0}});

    const TumblingWindowResponse final_response =
        response_of(invoke(handler, window_invoke({}, second.state, /*final_invoke=*/true)));
    CHECK(final_response.state == json{{"count", 3}, {"sum", 90.0}, {"average", 30.0}});
    CHECK(final_response.batchItemFailures.empty());
}

TEST_CASE("window-aggregator adds no average before the final invoke or to an empty window",
          "[handlers]") {
    const KinesisHandler handler = make_stream_builtin("window-aggregator");

    CHECK_FALSE(response_of(invoke(handler, window_invoke({reading("1", {{"temperature", 1}})},
                                                          json::object())))
                    .state.contains("average"));
    CHECK(response_of(invoke(handler, window_invoke({}, json::object(), true))).state ==
          json{{"count", 0}, {"sum", 0.0}});
}

TEST_CASE("window-aggregator keeps other keys of the incoming state", "[handlers]") {
    const json state = {{"count", 1}, {"sum", 5.0}, {"note", "kept"}};

    const TumblingWindowResponse response =
        response_of(invoke(make_stream_builtin("window-aggregator"),
                           window_invoke({reading("1", {{"temperature", 5}})}, state)));

    CHECK(response.state == json{{"count", 2}, {"sum", 10.0}, {"note", "kept"}});
}

TEST_CASE("window-aggregator sums the field its parameter names", "[handlers]") {
    const TumblingWindowResponse response =
        response_of(invoke(make_stream_builtin("window-aggregator", {{"field", "amount"}}),
                           window_invoke({reading("1", {{"amount", 2.5}, {"temperature", 99}}),
                                          reading("2", {{"amount", 4}})},
                                         json::object())));

    CHECK(response.state == json{{"count", 2}, {"sum", 6.5}});
}

TEST_CASE("window-aggregator stops at a record it cannot decode and reports it", "[handlers]") {
    KinesisEventRecord not_base64 = reading("2", {{"temperature", 1}});
    not_base64.kinesis.data = "%%%";

    const TumblingWindowResponse response = response_of(invoke(
        make_stream_builtin("window-aggregator"),
        window_invoke({reading("1", {{"temperature", 10}}), not_base64,
                       reading("3", {{"temperature", 20}}), make_stream_record("4", "not json")},
                      json::object())));

    // Lambda retries from record 2 on, so record 3 is neither counted now nor reported.
    CHECK(response.state == json{{"count", 1}, {"sum", 10.0}});
    REQUIRE(response.batchItemFailures.size() == 1);
    CHECK(response.batchItemFailures[0].itemIdentifier == "2");
}

TEST_CASE("window-aggregator reports a record without the numeric field", "[handlers]") {
    const KinesisEvent event =
        window_invoke({reading("1", {{"temperature", "hot"}}), reading("2", {{"temperature", 3}})},
                      json::object());

    CHECK(failed_ids(invoke(make_stream_builtin("window-aggregator"), event)) == Ids{"1"});
}

TEST_CASE("window-aggregator without a tumbling window starts from an empty state", "[handlers]") {
    const KinesisEvent event{{reading("1", {{"temperature", 7}})}, std::nullopt};

    CHECK(response_of(invoke(make_stream_builtin("window-aggregator"), event)).state ==
          json{{"count", 1}, {"sum", 7.0}});
}

TEST_CASE("window-aggregator rejects an empty or non-string field", "[handlers]") {
    CHECK(rejected_field("window-aggregator", {{"field", ""}}) == "field");
    CHECK(rejected_field("window-aggregator", {{"field", 3}}) == "field");
}
