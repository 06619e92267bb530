// docs/aws-rules.md 2.6-2.7 pollers and scaling (start at 5, +300 per minute,
// ScalingConfig.MaximumConcurrency), 1.9-1.10 ReceiveMessageWaitTimeSeconds (long and short
// polling) and 1.14 the in-flight limit, with the simulator's choices 5.4 and 5.6.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// A backlog far larger than the pollers can take in a minute (305 batches of 10), and invokes
// that last 2 minutes, so the mapping keeps scaling up. No concurrency caps.
const char* const kBacklog = R"json({
  "name": "scale-up", "seed": 9, "duration_s": 61,
  "queues": {"orders": {"VisibilityTimeout": 900}},
  "functions": {"f": {"Handler": "slow", "Timeout": 900,
                      "Simulation": {"DurationMs": 10, "ColdStartMs": 200, "Params": {"work_ms": 120000}}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "f", "BatchSize": 10}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 5000, "body": "m-{i}"}]
})json";

double series_max(const Json& report, const std::string& name) {
    double highest = 0;
    for (const auto& value : report["series"].at(name)) highest = std::max(highest, value.get<double>());
    return highest;
}

}  // namespace

TEST_CASE("§2.6 pollers and scaling: the mapping starts with 5 concurrent batches and adds up to "
          "300 per minute while messages remain",
          "[engine]") {
    const Run run = run_scenario(kBacklog);
    const auto& report = run.report;
    const std::string pollers = "orders->f.pollers";
    CHECK(series_at(report, pollers, 0) == 5);
    const double at_60 = series_at(report, pollers, 60);
    CHECK(at_60 >= 295);
    CHECK(at_60 <= 310);
    // Never faster than 300 a minute (5 a second), and never shrinking while the backlog lasts.
    double previous = 0;
    for (int t = 0; t <= 60; ++t) {
        const double value = series_at(report, pollers, t);
        INFO("t = " << t << " s");
        CHECK(value <= 5 + 5.0 * t + 5);
        CHECK(value >= previous);
        previous = value;
    }
    // Each poller runs one invoke at a time.
    CHECK(series_max(report, "f.concurrency") <= series_max(report, pollers));
    CHECK(report["totals"]["max_concurrency"].get<double>() >= 295);
    CHECK(report["totals"]["max_concurrency"].get<double>() <= 310);
    CHECK(report["totals"]["throttles"] == 0);
}

TEST_CASE("§2.7 ScalingConfig.MaximumConcurrency: the mapping never runs more concurrent invokes "
          "than its MaximumConcurrency",
          "[engine]") {
    const Run run = run_scenario(kBacklog, {{"mappings.0.ScalingConfig", R"({"MaximumConcurrency": 20})"}});
    const auto& report = run.report;
    CHECK(series_max(report, "orders->f.pollers") == 20);
    CHECK(series_max(report, "f.concurrency") == 20);
    CHECK(report["totals"]["max_concurrency"] == 20);  // reached, never exceeded
    CHECK(report["totals"]["throttles"] == 0);
}

TEST_CASE("§2.7 pollers and scaling: scaling up stops at the function's reserved concurrency or "
          "the account's unreserved concurrency",
          "[engine]") {
    const auto [cap, setting] = GENERATE(table<int, Override>({
        {20, Override{"functions.f.ReservedConcurrentExecutions", "20"}},
        {150, Override{"account", R"({"ConcurrentExecutions": 150})"}},
    }));
    INFO(setting.path << " = " << setting.value);
    const Run run = run_scenario(kBacklog, {setting});
    const auto& report = run.report;
    CHECK(series_max(report, "orders->f.pollers") == cap);
    CHECK(report["totals"]["max_concurrency"] == cap);
    CHECK(report["totals"]["throttles"] == 0);
}

TEST_CASE("§1.14 in-flight limit: a receive returns nothing beyond the queue's in-flight limit",
          "[engine]") {
    // The limit lowered from about 120,000 to 3 (service_limits), so it is reached with 10 messages.
    auto engine = make_engine(R"json({
      "name": "in-flight-limit", "seed": 20, "duration_s": 100,
      "service_limits": {"in_flight_limit_standard": 3},
      "queues": {"q": {"VisibilityTimeout": 30}},
      "traffic": [{"to": "q", "at_s": 0, "count": 10, "body": "m-{i}"},
                  {"to": "q", "at_s": 90, "messages": [{"body": "keeps the run going"}]}]
    })json");
    auto& sqs = engine->sqs();
    const auto q = sqs.queue_index("q");
    engine->run_until(0);
    CHECK(sqs.receive(engine->now(), q, 10, 20).size() == 3);
    CHECK(sqs.receive(engine->now(), q, 10, 20).empty());
    CHECK(sqs.in_flight_count(q) == 3);
    CHECK(sqs.visible_count(q) == 7);
    engine->run_until(from_seconds(30));  // the three are visible again
    CHECK(sqs.receive(engine->now(), q, 10, 20).size() == 3);
}

TEST_CASE("§1.9 ReceiveMessageWaitTimeSeconds / §5.4: the mapping's pollers always long-poll (20 "
          "s), so an idle queue costs about 600/20 x 5 requests in 600 s",
          "[engine]") {
    // The queue's own wait time does not matter: Lambda's pollers set 20 s on every receive.
    const std::string wait = GENERATE(as<std::string>{}, "0", "20");
    INFO("ReceiveMessageWaitTimeSeconds " << wait);
    // The one late message only keeps the run going past 600 s.
    auto engine = make_engine(R"json({
      "name": "idle", "seed": 1, "duration_s": 700,
      "queues": {"orders": {}},
      "functions": {"f": {"Handler": "order-processor", "Timeout": 3}},
      "mappings": [{"EventSourceArn": "orders", "FunctionName": "f"}],
      "traffic": [{"to": "orders", "at_s": 650, "messages": [{"body": "{\"orderId\":\"late\"}"}]}]
    })json",
                              {{"queues.orders.ReceiveMessageWaitTimeSeconds", wait}});
    engine->run_until(from_seconds(600));
    REQUIRE_FALSE(engine->ended());
    const auto requests = engine->sqs().request_count(engine->sqs().queue_index("orders"));
    // 5 pollers, one ReceiveMessage each every 20 s: 0, 20, ..., 600 (§5.7: one request each).
    CHECK(requests >= 150);
    CHECK(requests <= 155);
}

namespace {

// Two messages, no mapping; a late send keeps the run going so the engine still moves messages
// back to visible. Visibility timeout 1 s: what one short poll takes is visible again 1 s later.
const char* const kTwoMessages = R"json({
  "name": "short-poll", "seed": 12, "duration_s": 1000,
  "queues": {"q": {"VisibilityTimeout": 1}},
  "traffic": [{"to": "q", "at_s": 0, "messages": [{"body": "one"}, {"body": "two"}]},
              {"to": "q", "at_s": 999, "messages": [{"body": "keeps the run going"}]}]
})json";

// How many messages each of `polls` short polls (one a second) returns.
std::vector<std::size_t> short_poll_counts(Engine& engine, int polls) {
    const auto q = engine.sqs().queue_index("q");
    std::vector<std::size_t> counts;
    for (int t = 0; t < polls; ++t) {
        engine.run_until(from_seconds(t));
        REQUIRE(engine.sqs().visible_count(q) == 2);
        counts.push_back(engine.sqs().receive(engine.now(), q, 10, 0).size());
    }
    return counts;
}

}  // namespace

TEST_CASE("§1.10 / §5.6 ReceiveMessageWaitTimeSeconds: a short poll (0) may return fewer messages "
          "than are queued, a long poll returns them all",
          "[engine]") {
    auto engine = make_engine(kTwoMessages);
    const auto q = engine->sqs().queue_index("q");
    const auto counts = short_poll_counts(*engine, 40);
    CHECK(*std::min_element(counts.begin(), counts.end()) < 2);
    CHECK(*std::max_element(counts.begin(), counts.end()) > 0);
    CHECK(engine->sqs().request_count(q) == 40 + 2);  // 40 receives, 2 sends so far

    engine->run_until(from_seconds(40));
    REQUIRE(engine->sqs().visible_count(q) == 2);
    CHECK(engine->sqs().receive(engine->now(), q, 10, 20).size() == 2);

    // Seeded (§5.1): the same scenario samples the same servers.
    auto again = make_engine(kTwoMessages);
    CHECK(short_poll_counts(*again, 40) == counts);
}
