// How B compares with A for the system (the compare view's and `queuelab compare`'s verdict):
// lost outweighs the rest, and a stream record checkpointed past after its handler reported it
// failed counts as lost (docs/aws-rules.md 2.11 and 3.26, docs/report-format.md "lost").

#include <catch2/catch.hpp>

#include <string>

#include "lab/compare_verdict.h"
#include "lab/drain.h"
#include "lab/lab_state.h"
#include "scenario_loader.h"
#include "totals.h"

using namespace queuelab;

namespace {

const std::string kScenarios = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/";

sim::Totals totals_of(const std::string& scenario, const std::vector<sim::Override>& overrides = {}) {
    sim::Engine engine(sim::load_scenario_file(kScenarios + scenario, overrides));
    engine.run();
    return sim::compute_totals(engine);
}

}  // namespace

TEST_CASE("§3.26 a stream record failed and checkpointed past without ReportBatchItemFailures is lost", "[lab]") {
    const auto a = totals_of("stream-partial-batch.json");
    const auto b = totals_of("stream-partial-batch.json", {{"mappings.0.FunctionResponseTypes", "[]"}});
    CHECK(a.lost == 0);  // §3.19: retried, then sent to the on-failure queue
    CHECK(b.lost == 1);  // §2.11/§3.18: the 140° reading's failure was not read; the batch was checkpointed
    CHECK(b.checkpointed == 10);
    const std::string verdict = lab::compare_verdict(a, b);
    CHECK(verdict.rfind("B is worse: it loses 1 that A kept", 0) == 0);
}

TEST_CASE("§2.11 poison pill without ReportBatchItemFailures: one less dead-lettered does not make B better", "[lab]") {
    const auto a = totals_of("poison-pill.json");
    const auto b = totals_of("poison-pill.json", {{"mappings.0.FunctionResponseTypes", "[]"}});
    REQUIRE(b.lost == a.lost + 1);
    REQUIRE(b.dead_lettered == a.dead_lettered - 1);
    const std::string verdict = lab::compare_verdict(a, b);
    CHECK(verdict.rfind("B is worse: it loses 1 that A kept; better: dead-lettered -1", 0) == 0);
    CHECK(lab::compare_verdict(a, a) == "B is the same as A for the system");
    CHECK(lab::compare_verdict(b, a).rfind("B is better: it keeps 1 that A lost", 0) == 0);
}

TEST_CASE("each total's colour follows which way is better for the system, not the sign", "[lab]") {
    const auto field = [](std::string_view name) {
        for (const auto& f : sim::total_fields()) {
            if (f.name == name) return f;
        }
        FAIL("no total " << name);
        return sim::total_fields().front();
    };
    sim::Totals a, b;
    a.dead_lettered = 2, b.dead_lettered = 1;
    a.processed_ok = 5, b.processed_ok = 4;
    a.throttles = 10, b.throttles = 20;
    CHECK(sim::compare_total(field("dead_lettered"), a, b) == sim::Change::Better);
    CHECK(sim::compare_total(field("processed_ok"), a, b) == sim::Change::Worse);
    CHECK(sim::compare_total(field("throttles"), a, b) == sim::Change::Worse);
    CHECK(sim::compare_total(field("sent"), a, b) == sim::Change::Same);
    CHECK(lab::format_difference(field("throttles"), 10) == "+10");
    CHECK(lab::compare_verdict(a, b) == "B is mixed; better: dead-lettered -1; worse: throttled invokes +10, processed ok -1");
}

TEST_CASE("time to drain: sooner is better, never draining is worse, a running run is not judged", "[lab]") {
    using Kind = lab::DrainTime::Kind;
    const lab::DrainTime at_90{Kind::Drained, sim::from_seconds(90)}, at_30{Kind::Drained, sim::from_seconds(30)};
    CHECK(lab::compare_drain(at_90, at_30) == sim::Change::Better);
    CHECK(lab::compare_drain(at_30, at_90) == sim::Change::Worse);
    CHECK(lab::compare_drain(at_30, at_30) == sim::Change::Same);
    CHECK(lab::compare_drain(at_30, lab::DrainTime{Kind::Unread, 0, 10}) == sim::Change::Worse);
    CHECK(lab::compare_drain(lab::DrainTime{Kind::NotDrained}, at_30) == sim::Change::Better);
    CHECK(lab::compare_drain(lab::DrainTime{Kind::Running}, at_30) == sim::Change::Different);
}

TEST_CASE("the default B makes the scenario's point: it changes the outcome of every example", "[lab]") {
    for (const char* file : {"poison-pill.json", "fifo-groups.json", "stream-poison-blocks-shard.json",
                             "stream-poison-bounded.json", "stream-partial-batch.json"}) {
        INFO(file);
        const auto scenario = sim::load_scenario_file(kScenarios + file);
        const auto b = lab::default_compare_overrides(scenario);
        REQUIRE(b.size() == 1);
        CHECK(lab::compare_verdict(totals_of(file), totals_of(file, b)) != "B is the same as A for the system");
    }
    // §2.13: a handler that throws never returns batchItemFailures; the FIFO example's B is the DLQ.
    CHECK(lab::default_compare_overrides(sim::load_scenario_file(kScenarios + "fifo-groups.json")).front().path ==
          "queues.payments.fifo.RedrivePolicy.maxReceiveCount");
    CHECK(lab::default_compare_overrides(sim::load_scenario_file(kScenarios + "stream-poison-blocks-shard.json")).front().value == "2");
}
