#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

KinesisEventRecord reading(std::string sequence_number, const nlohmann::json& data) {
    return make_stream_record(std::move(sequence_number), data.dump());
}

}  // namespace

TEST_CASE("sensor-readings rejects a temperature over 100 by its sequence number", "[handlers]") {
    const KinesisEvent event{{reading("101", {{"sensor_id", "s1"}, {"temperature", 21.5}}),
                              reading("102", {{"sensor_id", "s1"}, {"temperature", 100.5}}),
                              reading("103", {{"temperature", 100}}),
                              reading("104", {{"sensor_id", "s2"}, {"temperature", 250}})},
                             std::nullopt};

    CHECK(failed_ids(invoke(make_stream_builtin("sensor-readings"), event)) == Ids{"102", "104"});
}

TEST_CASE("sensor-readings fails a record that is not a reading", "[handlers]") {
    KinesisEventRecord not_base64 = reading("201", {{"temperature", 20}});
    not_base64.kinesis.data = "not base64!";
    const KinesisEvent event{
        {not_base64, make_stream_record("202", "not json"), reading("203", {{"sensor_id", "s1"}}),
         reading("204", {{"temperature", "20"}}),
         reading("205", {{"sensor_id", 7}, {"temperature", 20}}),
         make_stream_record("206", "[1, 2]"), reading("207", {{"temperature", -5}})},
        std::nullopt};

    CHECK(failed_ids(invoke(make_stream_builtin("sensor-readings"), event)) ==
          Ids{"201", "202", "203", "204", "205", "206"});
}

TEST_CASE("sensor-readings takes its limit from max_temperature", "[handlers]") {
    const KinesisEvent event{
        {reading("1", {{"temperature", 30}}), reading("2", {{"temperature", 40}})}, std::nullopt};

    CHECK(failed_ids(invoke(make_stream_builtin("sensor-readings", {{"max_temperature", 35}}),
                            event)) == Ids{"2"});
    CHECK(failed_ids(invoke(make_stream_builtin("sensor-readings", {{"max_temperature", -10}}),
                            event)) == Ids{"1", "2"});
}

TEST_CASE("sensor-readings succeeds with an empty batch response when every reading is fine",
          "[handlers]") {
    const KinesisEvent event{{reading("1", {{"temperature", 30}})}, std::nullopt};

    CHECK(invoke(make_stream_builtin("sensor-readings"), event).payload ==
          R"({"batchItemFailures":[]})");
}

TEST_CASE("sensor-readings rejects a max_temperature that is not a number", "[handlers]") {
    CHECK_THROWS_MATCHES(make_stream_builtin("sensor-readings", {{"max_temperature", "100"}}),
                         HandlerParamError, Catch::Message("max_temperature: expected a number"));
}
