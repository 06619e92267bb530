// The Messages view's filters: which messages, stream records and invocations each lists.
// poison-pill.json: ten orders in one batch of 10, one of them not JSON; its handler reports that
// one in batchItemFailures. With ReportBatchItemFailures only it comes back, three receives, then
// the dead-letter queue (maxReceiveCount 3); without, the response is ignored and the whole batch
// deleted, the failed message with it: lost (docs/aws-rules.md 2.12, 1.15 and 2.11).
// stream-poison-bounded.json: a poison record fails its batch three times (MaximumRetryAttempts
// 2, §3.12), then the batch is given up to the on-failure destination (§3.16).

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "lab/table_filters.h"
#include "scenario_loader.h"

using namespace queuelab;
using lab::InvocationFilter, lab::MessageFilter, lab::RecordFilter;

namespace {

std::unique_ptr<sim::Engine> finished(const std::string& scenario, const std::vector<sim::Override>& overrides = {}) {
    auto engine = std::make_unique<sim::Engine>(
        sim::load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + scenario, overrides));
    engine->run();
    return engine;
}

std::vector<std::string> bodies(const sim::Engine& engine, MessageFilter filter) {
    std::vector<std::string> out;
    for (const auto& m : engine.sqs().messages()) {
        if (lab::matches(filter, engine.sqs(), m)) out.emplace_back(m.body());
    }
    return out;
}

std::size_t invocations(const sim::Engine& engine, InvocationFilter filter) {
    std::size_t count = 0;
    for (std::uint32_t i = 0; i < engine.recorder().invocations().size(); ++i) count += lab::matches(filter, engine, i);
    return count;
}

}  // namespace

TEST_CASE("§2.12 / §1.15 / §2.11 message filters: the poison message is received more than once and dead-lettered, and "
          "without ReportBatchItemFailures it is lost instead",
          "[lab]") {
    const auto written_run = finished("poison-pill.json");
    const auto& written = *written_run;
    CHECK(bodies(written, MessageFilter::All).size() == 10);
    CHECK(bodies(written, MessageFilter::ReceivedMoreThanOnce) == std::vector<std::string>{"not json"});
    CHECK(bodies(written, MessageFilter::DeadLettered) == std::vector<std::string>{"not json"});
    CHECK(bodies(written, MessageFilter::Lost).empty());
    CHECK(bodies(written, MessageFilter::InFlight).empty());

    const auto without_run = finished("poison-pill.json", {{"mappings.0.FunctionResponseTypes", "[]"}});
    const auto& without = *without_run;
    CHECK(bodies(without, MessageFilter::Lost) == std::vector<std::string>{"not json"});
    CHECK(bodies(without, MessageFilter::DeadLettered).empty());
}

TEST_CASE("§2.12 / §4.5 invocation filters: partial batch responses count as failed, throttles and cold starts apart",
          "[lab]") {
    const auto written_run = finished("poison-pill.json");
    const auto& written = *written_run;
    const auto all = invocations(written, InvocationFilter::All);
    CHECK(all == 3);  // the batch of 10, then the poison message alone twice
    CHECK(invocations(written, InvocationFilter::Failed) == 3);  // each reported it in batchItemFailures
    CHECK(invocations(written, InvocationFilter::Throttled) == 0);
    CHECK(invocations(written, InvocationFilter::ColdStarts) == 1);
}

TEST_CASE("§3.12 / §3.16 record filters: the batch given up after MaximumRetryAttempts was delivered three times", "[lab]") {
    const auto run = finished("stream-poison-bounded.json");
    const auto& engine = *run;
    std::vector<std::uint32_t> given_up, delivered_again;
    for (std::uint32_t i = 0; i < engine.kinesis().records().size(); ++i) {
        const auto& r = engine.kinesis().record(i);
        if (lab::matches(RecordFilter::GivenUp, r)) given_up.push_back(i);
        if (lab::matches(RecordFilter::DeliveredMoreThanOnce, r)) delivered_again.push_back(i);
        CHECK_FALSE(lab::matches(RecordFilter::Filtered, r));  // no FilterCriteria
        CHECK(lab::matches(RecordFilter::All, r));
    }
    REQUIRE_FALSE(given_up.empty());
    CHECK(given_up == delivered_again);
    for (const auto i : given_up) {
        CHECK(engine.kinesis().record(i).deliveries == 3);  // the first try and 2 retries
        CHECK(engine.kinesis().record(i).outcome == sim::RecordOutcome::SentToOnFailure);
    }
}

TEST_CASE("an invocation failed when it ended in an error, a timeout or a crash", "[lab]") {
    using sim::InvocationResult;
    for (const auto result : {InvocationResult::Error, InvocationResult::Timeout, InvocationResult::Crashed}) {
        CHECK(lab::invocation_failed(result));
    }
    for (const auto result : {InvocationResult::Success, InvocationResult::Partial, InvocationResult::Throttled}) {
        CHECK_FALSE(lab::invocation_failed(result));
    }
}
