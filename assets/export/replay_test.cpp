// Replays the events the handler got in queuelab, in the order it got them, and checks that it
// gives the responses it gave there, byte for byte (tests/replay.json, README.md "Tests").
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <fstream>

#include "queuelab/runtime_support.h"

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));
queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));

TEST_CASE("The handler gives each replayed event the response it gave in queuelab") {
    std::ifstream file(REPLAY_FILE);
    REQUIRE(file);
    const nlohmann::json replays = nlohmann::json::parse(file);
    REQUIRE_FALSE(replays.at("invocations").empty());
    for (const auto& replay : replays.at("invocations")) {
        INFO("invocation " << replay.at("request_id").get<std::string>());
        queuelab::InvocationContext context(replay.at("request_id"), replay.at("function_name"),
                                            replay.at("function_arn"), replay.at("memory_mb"),
                                            replay.at("deadline_ms"), replay.at("start_ms"));
        const queuelab::HandlerResponse response =
            queuelab::call_handle(replay.at("event"), context, &::handle, &::handle);
        CHECK_FALSE(response.error);
        CHECK(response.payload == replay.at("response").get<std::string>());
    }
}
