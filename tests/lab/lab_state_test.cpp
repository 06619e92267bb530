// The lab's edits (LabState, no window): valid values wait for restart, except the settings AWS
// changes on a running system (docs/aws-rules.md 5.19: 4.6 Timeout and 4.2 reserved concurrency,
// 1.1 VisibilityTimeout and the other queue attributes, the UpdateEventSourceMapping settings of
// 2.1, 2.7 and 2.21), which change the running engines; refused values carry the loader's message.

#include <catch2/catch.hpp>

#include <string>

#include "lab/lab_state.h"
#include "scenario_loader.h"

using queuelab::lab::LabState;
using queuelab::lab::RunId;

namespace {

const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

int running_timeout(const LabState& lab, RunId run) {
    const auto& lambda = lab.run(run).engine->lambda();
    return lambda.config(lambda.function_index("processor")).Timeout;
}

}  // namespace

TEST_CASE("a mapping's UpdateEventSourceMapping settings edited in the lab apply to the running engines "
          "at once, Enabled included",
          "[lab]") {
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    lab.enable_compare();  // B: A without ReportBatchItemFailures
    lab.seek(queuelab::sim::from_seconds(5));
    const auto now = lab.now();
    const auto running = [&](RunId run) { return *lab.run(run).engine->mapping_config(0); };

    CHECK(lab.propose_edit("mappings.0.BatchSize", "5").empty());
    CHECK(lab.propose_edit("mappings.0.ScalingConfig.MaximumConcurrency", "4").empty());
    CHECK(lab.now() == now);  // no restart
    CHECK(running(RunId::A).BatchSize == 5);
    CHECK(running(RunId::A).MaximumConcurrency == 4);
    CHECK(running(RunId::B).BatchSize == 5);
    CHECK_FALSE(running(RunId::B).ReportBatchItemFailures);  // B's own override stays
    CHECK_FALSE(lab.is_pending({"mappings", "0", "BatchSize"}));
    CHECK_FALSE(lab.has_pending_edits());

    CHECK(lab.propose_removal({"mappings", "0", "ScalingConfig"}, "MaximumConcurrency").empty());
    CHECK_FALSE(running(RunId::A).MaximumConcurrency.has_value());

    CHECK(lab.propose_edit("mappings.0.Enabled", "false").empty());
    CHECK_FALSE(running(RunId::A).Enabled);
    CHECK_FALSE(running(RunId::B).Enabled);
    CHECK_FALSE(lab.is_pending({"mappings", "0", "Enabled"}));
    CHECK(lab.live_api({"mappings", "0", "Enabled"}) == "UpdateEventSourceMapping");

    // Restarted disabled, the mapping does not run: enabling it waits for the next restart.
    lab.restart();
    CHECK(lab.run(RunId::A).engine->mapping_config(0) == nullptr);
    CHECK(lab.live_api({"mappings", "0", "Enabled"}).empty());
    CHECK(lab.propose_edit("mappings.0.Enabled", "true").empty());
    CHECK(lab.is_pending({"mappings", "0", "Enabled"}));
    lab.restart();
    CHECK(running(RunId::A).Enabled);
}

TEST_CASE("a queue's VisibilityTimeout edited in the lab applies to the running queue at once", "[lab]") {
    // §5.19 / §1.1: SetQueueAttributes acts from the next receive.
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    lab.seek(queuelab::sim::from_seconds(5));
    const auto now = lab.now();
    CHECK(lab.propose_edit("queues.orders.VisibilityTimeout", "60").empty());
    CHECK(lab.now() == now);
    CHECK(lab.run(RunId::A).engine->sqs().config(0).VisibilityTimeout == 60);
    CHECK_FALSE(lab.is_pending({"queues", "orders", "VisibilityTimeout"}));
    CHECK_FALSE(lab.has_pending_edits());
    // The redrive target is not a live setting: it waits.
    CHECK(lab.propose_removal({"queues", "orders"}, "RedrivePolicy").empty());
    CHECK(lab.is_pending({"queues", "orders", "RedrivePolicy"}));
}

TEST_CASE("§2.22 lowering a mapped queue's VisibilityTimeout below the function's Timeout while running is allowed",
          "[lab]") {
    // SetQueueAttributes does not check the mapping (§2.4 is CreateEventSourceMapping's check).
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));  // Timeout 10, VisibilityTimeout 30
    lab.seek(queuelab::sim::from_seconds(5));
    CHECK(lab.propose_edit("queues.orders.VisibilityTimeout", "5") == "");
    CHECK(lab.run(RunId::A).engine->sqs().config(0).VisibilityTimeout == 5);
    lab.restart();  // the system as it now stands
    CHECK(lab.last_error.empty());
    CHECK(lab.run(RunId::A).engine->sqs().config(0).VisibilityTimeout == 5);
}

TEST_CASE("§2.4 a scenario that starts with VisibilityTimeout below Timeout is refused, naming VisibilityTimeout", "[lab]") {
    try {
        queuelab::sim::load_scenario_file(kPoisonPill, {{"queues.orders.VisibilityTimeout", "5"}});
        FAIL("refused expected");
    } catch (const std::exception& error) {
        const std::string what = error.what();
        CHECK(what.find("queues.orders.VisibilityTimeout") != std::string::npos);
        CHECK(what.find("Queue visibility timeout: 5 seconds is less than Function timeout: 10 seconds") != std::string::npos);
    }
}

TEST_CASE("a function Timeout edited in the lab applies to the running engines at once", "[lab]") {
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    lab.enable_compare();
    lab.seek(queuelab::sim::from_seconds(5));
    const auto now = lab.now();

    CHECK(lab.propose_edit("functions.processor.Timeout", "20").empty());
    CHECK(lab.now() == now);  // no restart
    CHECK(running_timeout(lab, RunId::A) == 20);
    CHECK(running_timeout(lab, RunId::B) == 20);
    CHECK_FALSE(lab.is_pending({"functions", "processor", "Timeout"}));
    CHECK_FALSE(lab.has_pending_edits());

    SECTION("with another edit pending, the Timeout still applies and only the other waits") {
        CHECK(lab.propose_edit("queues.orders.MessageRetentionPeriod", "600").empty());
        CHECK(lab.propose_edit("functions.processor.Timeout", "25").empty());
        CHECK(running_timeout(lab, RunId::A) == 25);
        CHECK_FALSE(lab.is_pending({"functions", "processor", "Timeout"}));
        CHECK(lab.is_pending({"queues", "orders", "MessageRetentionPeriod"}));
        CHECK(lab.has_pending_edits());
    }
    SECTION("a restart keeps the new Timeout, from the start") {
        lab.restart();
        CHECK(running_timeout(lab, RunId::A) == 20);
    }
}

TEST_CASE("an out-of-range value typed in the lab is refused with AWS's message, not applied", "[lab]") {
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    const auto error = lab.propose_edit("functions.processor.Timeout", "901");
    CHECK(error == kPoisonPill + ": functions.processor.Timeout: expected an integer from 1 to 900, got 901");
    CHECK(running_timeout(lab, RunId::A) == 10);
    CHECK_FALSE(lab.has_pending_edits());
}

TEST_CASE("a key that is only valid with another one is set and removed together with it", "[lab]") {
    // StartingPositionTimestamp comes with StartingPosition AT_TIMESTAMP, and must go with it.
    LabState lab;
    REQUIRE(lab.open_scenario(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/stream-poison-bounded.json"));
    CHECK_FALSE(lab.propose_edit("mappings.0.StartingPosition", "\"AT_TIMESTAMP\"").empty());
    CHECK(lab.propose_edits({{"mappings.0.StartingPosition", "\"AT_TIMESTAMP\"", ""},
                             {"mappings.0.StartingPositionTimestamp", "30", ""}})
              .empty());
    CHECK(lab.pending_scenario().mappings[0].StartingPositionTimestamp == 30);
    CHECK_FALSE(lab.propose_edit("mappings.0.StartingPosition", "\"LATEST\"").empty());
    CHECK(lab.propose_removal({"mappings", "0"}, "StartingPositionTimestamp",
                              {{"mappings.0.StartingPosition", "\"LATEST\"", ""}})
              .empty());
    CHECK(lab.pending_scenario().mappings[0].StartingPosition == "LATEST");
    lab.restart();
    CHECK(lab.run(RunId::A).engine->scenario().mappings[0].StartingPosition == "LATEST");
}

TEST_CASE("traffic entries are edited and removed as JSON, and wait for restart", "[lab]") {
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    REQUIRE(lab.pending_document()["traffic"].size() == 2);
    CHECK(lab.propose_edit("traffic.0", R"({"to": "orders", "at_s": 0, "count": 20, "body": "x-{i}"})").empty());
    CHECK(lab.pending_document()["traffic"][0]["count"] == 20);
    CHECK(lab.pending_scenario().traffic[0].count == 20);
    CHECK(lab.is_pending({"traffic", "0"}));

    auto rest = lab.pending_document()["traffic"];
    rest.erase(rest.begin() + 1);
    CHECK(lab.propose_edit("traffic", rest.dump()).empty());
    lab.restart();
    lab.seek(queuelab::sim::from_seconds(1));
    CHECK(lab.run(RunId::A).engine->sqs().messages().size() == 20);

    const auto error = lab.propose_edit("traffic.0", R"({"to": "nowhere", "at_s": 0, "count": 1, "body": "x"})");
    CHECK_THAT(error, Catch::Matchers::StartsWith(kPoisonPill + ": traffic.0.to:"));
}

TEST_CASE("a service limit is set for the scenario and emptied back to the simulator's default", "[lab]") {
    // §2.6 scale-up: 300 pollers a minute now, 60 before November 2023.
    LabState lab;
    REQUIRE(lab.open_scenario(kPoisonPill));
    CHECK(lab.propose_edit("service_limits.esm_scale_up_per_minute", "60").empty());
    CHECK(lab.pending_scenario().limits.esm_scale_up_per_minute == 60);
    CHECK(lab.propose_removal({"service_limits"}, "esm_scale_up_per_minute").empty());
    CHECK(lab.pending_scenario().limits.esm_scale_up_per_minute == 300);
    CHECK_FALSE(lab.propose_edit("service_limits.esm_scale_up_per_minute", "-1").empty());
}
