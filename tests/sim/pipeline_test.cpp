// The pipeline example (lessons/scenarios/pipeline.json): queue → function (forward) → stream →
// function (idempotent-store), with a dead-letter queue and an on-failure destination. What a
// handler sends is traffic like any other (docs/aws-rules.md 5.24) and carries its origin
// (docs/report-format.md 4): nothing is lost and nothing is processed twice (2.19), and each stream
// record names the message it came from.

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

Run run_example(const std::string& name) {
    const std::string file = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + name + ".json";
    Run run{std::make_unique<Engine>(load_scenario_file(file)), {}};
    run.engine->run();
    run.report = build_report(*run.engine);
    return run;
}

}  // namespace

TEST_CASE("§5.24 §2.19 the pipeline example loses nothing and processes nothing twice: every order is forwarded once "
          "into the stream and recorded once, each record naming its message",
          "[engine][examples]") {
    const Run run = run_example("pipeline");
    const Json& totals = run.report["totals"];
    CHECK(run.report["end_reason"] == "drained");
    CHECK(totals["sent"] == 300);
    CHECK(totals["deleted"] == 300);
    CHECK(totals["records_put"] == 300);
    CHECK(totals["checkpointed"] == 300);
    CHECK(totals["processed_ok"] == 600);
    CHECK(totals["processed_more_than_once"] == 0);
    CHECK(totals["dead_lettered"] == 0);
    CHECK(totals["sent_to_on_failure"] == 0);
    CHECK(totals["lost"] == 0);
    CHECK(totals["in_queue"] == 0);
    CHECK(totals["in_stream"] == 0);

    std::map<std::string, std::string> body_of;  // queue message id -> body
    for (const auto& m : run.report["messages"]) {
        if (m["source"] == "orders") body_of[m["id"].get<std::string>()] = m["body"].get<std::string>();
    }
    std::map<std::string, int> children;  // queue message id -> records that name it as parent
    for (const auto& record : stream_records(run.report)) {
        INFO(record["id"]);
        REQUIRE(record.contains("parent"));
        const std::string parent = record["parent"].get<std::string>();
        REQUIRE(body_of.count(parent) == 1);
        CHECK(record["data"] == body_of[parent]);
        CHECK(record["handler_ok"] == 1);
        ++children[parent];
    }
    CHECK(children.size() == 300);
    for (const auto& [parent, count] : children) CHECK(count == 1);
    CHECK(run.engine->handler_services().tables().item_count(0) == 300);
}

TEST_CASE("§5.1 determinism: the examples whose handlers call services give byte-identical reports twice", "[engine][examples]") {
    for (const std::string name : {"pipeline", "database-protection", "slow-downstream"}) {
        INFO(name);
        CHECK(run_example(name).report.dump() == run_example(name).report.dump());
    }
}
