// A chart's legend reads a level series' value now from the engine, so it agrees with the
// topology between samples instead of lagging a step (issue 16, item 8).

#include <catch2/catch.hpp>

#include <string>

#include "lab/live_series.h"
#include "scenario_loader.h"

using namespace queuelab;

TEST_CASE("a level series' live value is what the engine holds now, and per-sample counts have none", "[lab]") {
    sim::Engine engine(sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json"));
    engine.run_until(sim::from_seconds(0.5));  // between samples: the 10 messages are in flight
    const auto orders = engine.sqs().queue_index("orders");
    REQUIRE(engine.sqs().in_flight_count(orders) > 0);
    CHECK(lab::live_value(engine, "orders.in_flight") == static_cast<double>(engine.sqs().in_flight_count(orders)));
    CHECK(lab::live_value(engine, "orders.visible") == static_cast<double>(engine.sqs().visible_count(orders)));
    CHECK(lab::live_value(engine, "orders->processor.pollers").has_value());
    CHECK(lab::live_value(engine, "processor.concurrency").has_value());
    CHECK_FALSE(lab::live_value(engine, "processor.invocations").has_value());
    CHECK_FALSE(lab::live_value(engine, "nothing").has_value());
    engine.run();
    const auto& recorder = engine.recorder();
    for (const auto& series : recorder.series()) {  // the run's last sample is taken at its end
        if (const auto live = lab::live_value(engine, series.name)) CHECK(*live == series.values.back());
    }
}
