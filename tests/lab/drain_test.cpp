// A run's time to drain (the compare view's and `queuelab compare`'s last row): when nothing more
// could happen, or "never: N unread" when the run ended around messages in a queue that no running
// mapping reads. A disabled mapping does not poll its queue (docs/aws-rules.md 2.21, with 5.18).

#include <catch2/catch.hpp>

#include <string>

#include "lab/drain.h"
#include "scenario_loader.h"

using namespace queuelab;
using Kind = lab::DrainTime::Kind;

namespace {

const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

sim::Engine poison_pill(const std::vector<sim::Override>& overrides = {}) {
    return sim::Engine(sim::load_scenario_file(kPoisonPill, overrides));
}

}  // namespace

TEST_CASE("a run that handled every message drains when its last message is settled", "[lab]") {
    auto engine = poison_pill();
    engine.run();
    const auto drain = lab::time_to_drain(engine);
    CHECK(drain.kind == Kind::Drained);
    CHECK(drain.at == sim::from_seconds(90));  // the poison message's third visibility timeout, then the DLQ
    CHECK(lab::unread_messages(engine) == 0);
    CHECK(lab::drain_text(drain) == "1 min 30.0 s");
}

TEST_CASE("a run whose only mapping is disabled ends at once but never drains its 10 messages", "[lab]") {
    auto engine = poison_pill({{"mappings.0.Enabled", "false"}});
    engine.run();
    REQUIRE(engine.end_reason() == "drained");
    CHECK(engine.now() == 0);
    CHECK(lab::unread_messages(engine) == 10);
    const auto drain = lab::time_to_drain(engine);
    CHECK(drain.kind == Kind::Unread);
    CHECK(drain.unread == 10);
    CHECK(lab::drain_text(drain) == "never: 10 unread");
}

TEST_CASE("a run still going, or stopped at duration_s with work left, has no time to drain", "[lab]") {
    auto running = poison_pill();
    running.run_until(sim::from_seconds(10));
    CHECK(lab::time_to_drain(running).kind == Kind::Running);
    CHECK(lab::drain_text(lab::time_to_drain(running)) == "running");

    auto stopped = poison_pill({{"duration_s", "20"}});
    stopped.run();
    CHECK(stopped.end_reason() != "drained");
    CHECK(lab::time_to_drain(stopped).kind == Kind::NotDrained);
    CHECK(lab::drain_text(lab::time_to_drain(stopped)) == "not drained");
}
