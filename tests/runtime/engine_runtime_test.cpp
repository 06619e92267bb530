// Whole runs with handlers out of process (docs/aws-rules.md §6): the same logic built in and as a
// learner's source gives the same report, byte for byte (virtual time never depends on the
// process, §5.1), and a run whose
// handler misbehaves in every way completes, each invocation recorded as Lambda records it.

#include <algorithm>
#include <map>

#include "engine.h"
#include "report.h"
#include "runtime_catalog.h"
#include "runtime_test_support.h"
#include "scenario_loader.h"

namespace queuelab::runtime::test {
namespace {

std::string run_report(const sim::Scenario& scenario, const sim::HandlerCatalog& catalog) {
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(scenario, options);
    engine.run();
    return sim::build_report(engine).dump(1);
}

// The scenario run with its built-in handler and with `source` as every function's
// Simulation.Source give the same report; returns it.
nlohmann::json check_same_report(const std::string& scenario_path, const std::vector<std::string>& functions,
                       const std::string& source, const std::string& scenario_text = {}) {
    const RuntimeCatalog catalog(test_builder(), RuntimeOptions{});
    std::vector<sim::Override> use_source;
    for (const auto& function : functions) {
        use_source.push_back({"functions." + function + ".Simulation.Source", fixture(source)});
    }
    auto load = [&](const std::vector<sim::Override>& overrides) {
        return scenario_text.empty() ? sim::load_scenario_file(scenario_path, overrides, catalog)
                                     : sim::load_scenario_text(scenario_text, scenario_path, overrides, catalog);
    };
    const std::string built_in = run_report(load({}), catalog);
    const std::string from_source = run_report(load(use_source), catalog);
    const auto differ = std::mismatch(built_in.begin(), built_in.end(), from_source.begin(), from_source.end());
    const auto at = static_cast<std::size_t>(differ.first - built_in.begin());
    const std::size_t from = at > 300 ? at - 300 : 0;
    INFO("first difference at byte " << at << ":\n built in: " << built_in.substr(from, 400)
                                     << "\n source:   " << from_source.substr(from, 400));
    CHECK(from_source.size() == built_in.size());
    CHECK(at == built_in.size());
    return nlohmann::json::parse(built_in);
}

// "operation result" -> how many calls of the report's invocations ended so.
std::map<std::string, int> call_results(const nlohmann::json& report) {
    std::map<std::string, int> results;
    for (const auto& invocation : report["invocations"]) {
        if (!invocation.contains("calls")) continue;
        for (const auto& call : invocation["calls"]) ++results[call["operation"].get<std::string>() + " " + call["result"].get<std::string>()];
    }
    return results;
}

std::string lesson(const std::string& name) { return std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + name; }

}  // namespace

TEST_CASE("§5.1 §6.12 order-processor built in and as a source give the same report (poison-pill)", "[runtime][engine]") {
    check_same_report(lesson("poison-pill.json"), {"processor"}, "order_processor.cpp");
}

TEST_CASE("§5.1 §6.12 window-aggregator built in and as a source give the same report (tumbling windows)",
          "[runtime][engine]") {
    check_same_report(lesson("stream-tumbling-window.json"), {"aggregator"}, "window_aggregator.cpp");
}

TEST_CASE("§5.1 §6.12 slow built in and as a source give the same report: declared work and timeouts", "[runtime][engine]") {
    check_same_report("declared-work.json", {"worker", "patient"}, "slow_worker.cpp", R"({
      "name": "declared-work", "seed": 3, "duration_s": 120,
      "queues": {"jobs": {"VisibilityTimeout": 5}},
      "functions": {"worker": {"Handler": "slow", "Timeout": 1,
                               "Simulation": {"DurationMs": 20, "ColdStartMs": 100}},
                    "patient": {"Handler": "slow", "Timeout": 5,
                                "Simulation": {"DurationMs": 20, "ColdStartMs": 100}}},
      "streams": {"ticks": {"ShardCount": 1}},
      "mappings": [{"EventSourceArn": "jobs", "FunctionName": "worker", "BatchSize": 2},
                   {"EventSourceArn": "ticks", "FunctionName": "patient", "BatchSize": 3,
                    "StartingPosition": "TRIM_HORIZON"}],
      "traffic": [{"to": "jobs", "at_s": 0, "count": 4, "body": "job-{i}"},
                  {"to": "ticks", "at_s": 0, "count": 5, "partition_key": "k", "data": "tick-{i}"}]
    })");
}

TEST_CASE("§7.14 §5.24 the pipeline's stages built in and as a source calling the services over HTTP give the same report",
          "[runtime][engine]") {
    const auto report = check_same_report(lesson("pipeline.json"), {"forwarder", "recorder"}, "service_calls.cpp");
    const auto results = call_results(report);
    CHECK(results.at("PutRecord ok") == 300);  // every order, once
    CHECK(results.at("PutItem ok") == 300);
}

TEST_CASE("§7.14 §5.25 §7.4 §7.6 §7.7 SendMessage, DeleteMessage, ChangeMessageVisibility and a failing downstream "
          "built in and over HTTP give the same report",
          "[runtime][engine]") {
    const auto report = check_same_report("services.json", {"payer", "relay", "archiver"}, "service_calls.cpp", R"({
      "name": "services", "seed": 7, "duration_s": 300,
      "queues": {"payments": {"VisibilityTimeout": 60,
                              "RedrivePolicy": {"deadLetterTargetArn": "payments-dlq", "maxReceiveCount": 4}},
                 "payments-dlq": {}, "incoming": {}, "receipts": {}},
      "downstreams": {"payments-api": {"MaxConnections": 3, "LatencyMs": 40, "ErrorRate": 0.2,
                                       "Outages": [{"from_s": 2, "until_s": 6}]},
                      "ledger": {"MaxConnections": 100, "LatencyMs": 5}},
      "functions": {"payer": {"Handler": "call-downstream", "Timeout": 10,
                              "Simulation": {"DurationMs": 10, "ColdStartMs": 100,
                                             "Params": {"Downstream": "payments-api", "Operation": "POST /payments",
                                                        "BackoffSeconds": 5}}},
                    "relay": {"Handler": "forward", "Timeout": 10,
                              "Simulation": {"DurationMs": 10, "ColdStartMs": 100, "Params": {"Destination": "receipts"}}},
                    "archiver": {"Handler": "call-downstream", "Timeout": 10,
                                 "Simulation": {"DurationMs": 10, "ColdStartMs": 100,
                                                "Params": {"Downstream": "ledger", "DeleteProcessed": true}}}},
      "mappings": [{"EventSourceArn": "payments", "FunctionName": "payer", "BatchSize": 5,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]},
                   {"EventSourceArn": "incoming", "FunctionName": "relay", "BatchSize": 5,
                    "FunctionResponseTypes": ["ReportBatchItemFailures"]},
                   {"EventSourceArn": "receipts", "FunctionName": "archiver", "BatchSize": 5}],
      "traffic": [{"to": "payments", "at_s": 0, "count": 30, "body": "payment-{i}"},
                  {"to": "incoming", "at_s": 1, "count": 20, "body": "receipt-{i}"}]
    })");
    // Each kind of call happened, and payments failed in each way.
    const auto results = call_results(report);
    CHECK(results.at("SendMessage ok") == 20);
    CHECK(results.at("DeleteMessage ok") == 20);
    CHECK(results.count("ChangeMessageVisibility ok") == 1);
    CHECK(results.count("POST /payments ServiceUnavailable") == 1);
    CHECK(results.count("POST /payments InternalError") == 1);
    CHECK(results.count("POST /payments TooManyConnections") == 1);
}

TEST_CASE("§4.6 to §4.10 A run whose handler crashes, throws, hogs memory and loops completes, each failure as Lambda records it",
          "[runtime][engine]") {
    const RuntimeCatalog catalog(test_builder(), quick_options());
    const auto scenario = sim::load_scenario_text(R"({
      "name": "misbehaving", "seed": 5, "duration_s": 600,
      "queues": {"work": {"VisibilityTimeout": 5,
                          "RedrivePolicy": {"deadLetterTargetArn": "dlq", "maxReceiveCount": 2}},
                 "dlq": {}},
      "functions": {"processor": {"Timeout": 1,
                                  "Simulation": {"Source": "misbehaving.cpp", "DurationMs": 10, "ColdStartMs": 100}}},
      "mappings": [{"EventSourceArn": "work", "FunctionName": "processor", "BatchSize": 1}],
      "traffic": [{"to": "work", "at_s": 0, "messages": [
        {"body": "ok"}, {"body": "segfault"}, {"body": "throw"}, {"body": "hog"}, {"body": "exit"},
        {"body": "invalid-json"}, {"body": "loop"}]}]
    })",
                                                  fixture("misbehaving.json"), {}, catalog);
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(scenario, options);
    engine.run();
    CHECK(engine.end_reason() == "drained");
    const auto report = sim::build_report(engine);

    std::map<std::string, std::string> message_body;
    for (const auto& message : report["messages"]) message_body[message["id"]] = message["body"];
    std::map<std::string, std::vector<std::string>> results;  // body -> "result error_type" per invocation
    for (const auto& invocation : report["invocations"]) {
        const std::string body = message_body[invocation["records"][0]];
        results[body].push_back(invocation["result"].get<std::string>() + " " + invocation.value("error_type", ""));
    }
    using V = std::vector<std::string>;
    CHECK(results["ok"] == V{"success "});
    CHECK(results["invalid-json"] == V{"success "});  // SQS without ReportBatchItemFailures: any payload is success
    CHECK(results["segfault"] == V{"crashed Runtime.ExitError", "crashed Runtime.ExitError"});
    CHECK(results["exit"] == V{"crashed Runtime.ExitError", "crashed Runtime.ExitError"});
    CHECK(results["throw"] == V{"error std::invalid_argument", "error std::invalid_argument"});
    CHECK(results["hog"] == V{"crashed Runtime.OutOfMemory", "crashed Runtime.OutOfMemory"});
    CHECK(results["loop"] == V{"timeout Sandbox.Timedout", "timeout Sandbox.Timedout"});
    for (const auto& message : report["messages"]) {
        const bool fine = message["body"] == "ok" || message["body"] == "invalid-json";
        if (message["source"] == "work") CHECK(message["outcome"] == (fine ? "deleted" : "dead_lettered"));
    }
}

}  // namespace queuelab::runtime::test

namespace queuelab::runtime::test {

TEST_CASE("§2.8 §6.10 the scenario's invoke payload limit (service_limits) bounds what an out-of-process handler returns",
          "[runtime][engine]") {
    const RuntimeCatalog catalog(test_builder(), quick_options());
    const std::string text = R"({
      "name": "small-payloads", "seed": 1, "duration_s": 20,
      "service_limits": {"invoke_payload_limit_bytes": 300},
      "queues": {"jobs": {"VisibilityTimeout": 30}},
      "functions": {"echo": {"Handler": "echo", "Runtime": "provided.al2023",
                             "Simulation": {"Bootstrap": ")" + fixture("bootstrap.sh") + R"(", "DurationMs": 10}}},
      "mappings": [{"EventSourceArn": "jobs", "FunctionName": "echo", "BatchSize": 1}],
      "traffic": [{"to": "jobs", "at_s": 0, "count": 1, "body": "job"}]
    })";
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(sim::load_scenario_text(text, "small-payloads.json", {}, catalog), options);
    engine.run_until(sim::from_seconds(5));
    REQUIRE_FALSE(engine.recorder().invocations().empty());
    const auto& first = engine.recorder().invocations()[0];
    // The echo runtime returns the whole event, well over 300 bytes for one SQS message.
    CHECK(first.error_type == "Function.ResponseSizeTooLarge");
    CHECK_THAT(first.error_message.str(), Catch::Matchers::EndsWith("exceeded maximum allowed payload size (300 bytes)."));
}

}  // namespace queuelab::runtime::test

namespace queuelab::runtime::test {

TEST_CASE("§6.7 Simulation.Params reach a source handler as context.params(), as they reach built-ins", "[runtime][engine]") {
    const RuntimeCatalog catalog(test_builder(), quick_options());
    const std::string text = R"({
      "name": "params", "seed": 1, "duration_s": 10,
      "queues": {"jobs": {}},
      "functions": {"f": {"Handler": "handler",
                          "Simulation": {"Source": ")" + fixture("misbehaving.cpp") + R"(", "DurationMs": 10,
                                         "Params": {"fail_ids": ["a", "b"], "rate": 0.5}}}},
      "mappings": [{"EventSourceArn": "jobs", "FunctionName": "f", "BatchSize": 1}],
      "traffic": [{"to": "jobs", "at_s": 0, "count": 1, "body": "print-params"}]
    })";
    sim::EngineOptions options;
    options.catalog = &catalog;
    sim::Engine engine(sim::load_scenario_text(text, "params.json", {}, catalog), options);
    engine.run_until(sim::from_seconds(5));
    REQUIRE_FALSE(engine.recorder().invocations().empty());
    CHECK_THAT(engine.recorder().invocations()[0].logs.str(),
               Catch::Matchers::Contains(R"(params {"fail_ids":["a","b"],"rate":0.5})" "\n"));
}

}  // namespace queuelab::runtime::test
