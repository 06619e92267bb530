// A stream record's life in words (the Messages view's record story), for the poison record of
// stream-poison-bounded.json: its failed batch blocks the shard (docs/aws-rules.md 3.11) until
// MaximumRetryAttempts (2, 3.12) is used up, then the batch goes to the on-failure destination
// (3.16).

#include <catch2/catch.hpp>

#include <string>

#include "lab/message_story.h"
#include "scenario_loader.h"

using namespace queuelab;
using Catch::Matchers::Contains;

TEST_CASE("§3.11 / §3.12 / §3.16 a poison record's story: put, three failed deliveries that block the shard, then given up "
          "to the on-failure destination",
          "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-poison-bounded.json"));
    engine.run_until(sim::from_seconds(40));
    std::uint32_t poison = sim::kNone;
    for (std::uint32_t i = 0; i < engine.kinesis().records().size(); ++i) {
        if (engine.kinesis().record(i).data == R"({"should_fail": true})") poison = i;
    }
    REQUIRE(poison != sim::kNone);

    const auto story = lab::record_story(engine, poison);
    REQUIRE(story.size() == 5);
    CHECK(story[0].kind == sim::HistoryKind::Sent);
    CHECK_THAT(story[0].what, Contains("put into shardId-000000000001"));
    for (int delivery = 1; delivery <= 3; ++delivery) {
        const auto& line = story[static_cast<std::size_t>(delivery)];
        INFO("delivery " << delivery);
        CHECK(line.kind == sim::HistoryKind::Invoked);
        CHECK(line.bad_news);
        CHECK(line.invocation != sim::kNone);
        CHECK_THAT(line.what, Contains("delivery #" + std::to_string(delivery)));
        if (delivery < 3) CHECK_THAT(line.detail, Contains("MaximumRetryAttempts 2"));
    }
    CHECK(story[3].detail == "The last try: Lambda gives up on the batch.");
    CHECK(story[4].kind == sim::HistoryKind::SentToOnFailure);
    CHECK_THAT(story[4].what, Contains("RetryAttemptsExhausted"));
    CHECK(lab::describe_record_state(engine, poison) == "given up: sent to the on-failure destination");
}

TEST_CASE("§6.8 an invocation's log as Lambda writes it: START while it runs, then END and REPORT once settled", "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json"));
    engine.run_until(sim::from_seconds(0.1));  // the first batch is running: cold start 300 ms + 50 ms
    REQUIRE_FALSE(engine.recorder().invocations().empty());
    const auto request_id = engine.recorder().request_id(0);
    REQUIRE_FALSE(lab::invocation_settled(engine, 0));
    CHECK(lab::invocation_log(engine, 0) == "START RequestId: " + request_id + " Version: $LATEST\n");

    engine.run_until(sim::from_seconds(1));
    REQUIRE(lab::invocation_settled(engine, 0));
    CHECK(lab::invocation_log(engine, 0) ==
          "START RequestId: " + request_id + " Version: $LATEST\n" +
          "END RequestId: " + request_id + "\n" +
          "REPORT RequestId: " + request_id + "\tDuration: 50.00 ms\tBilled Duration: 350 ms\tMemory Size: 128 MB\t" +
          "Init Duration: 300.00 ms\n");
}
