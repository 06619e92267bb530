// The running counts the topology draws, for a redrive (docs/aws-rules.md 1.18): the producer
// counts only its own sends, the dead-letter queue's move task counts what it moved back, and
// the Messages table says "redriven" where the message's story does.

#include <catch2/catch.hpp>

#include <string>

#include "lab/message_story.h"
#include "lab/run_activity.h"
#include "scenario_loader.h"
#include "totals.h"

using namespace queuelab;

TEST_CASE("§1.18 a redriven message is counted as redriven, not as a producer's send", "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/dlq-redrive.json"));
    engine.run();
    lab::RunActivity activity;
    activity.update(engine);
    const auto orders = engine.sqs().queue_index("orders");
    const auto dlq = engine.sqs().queue_index("orders-dlq");
    const auto totals = sim::compute_totals(engine);
    REQUIRE(totals.redriven > 0);
    CHECK(activity.queue(orders).sent == 40);  // 2 a second for 20 s: the traffic, nothing else
    CHECK(activity.queue(orders).redriven_in == totals.redriven);
    CHECK(activity.queue(dlq).redriven_out == totals.redriven);
    CHECK(activity.queue(orders).redriven_out == 0);  // its receives and invokes move nothing out
    CHECK(activity.queue(dlq).sent == 0);

    bool found = false;
    for (std::uint32_t i = 0; i < engine.sqs().messages().size(); ++i) {
        const auto& m = engine.sqs().message(i);
        const auto copy = engine.sqs().extras(m).redriven_to;
        if (copy == sim::kNone) continue;
        found = true;
        const std::string status = lab::message_status(engine, i);
        CHECK(status == "redriven to #" + std::to_string(copy));
        CHECK(lab::describe_state(engine, i).starts_with("redriven"));
        CHECK(engine.sqs().extras(engine.sqs().message(copy)).redriven_from == i);  // the new copy, sent to orders
        break;
    }
    CHECK(found);
}
