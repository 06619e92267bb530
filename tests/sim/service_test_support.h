#pragma once
// Handlers written in a test, for the engine tests of handlers' service calls
// (docs/aws-rules.md 5.24, 5.25, 7): a catalog that runs the test's functions for the Handler
// names it was given and the built-ins otherwise, and a run of a scenario with it.

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "engine_test_support.h"
#include "function_code.h"

namespace queuelab::sim::test {

class TestCatalog : public HandlerCatalog {
public:
    TestCatalog& sqs(const std::string& name, SqsHandler handler) {
        handlers_[name].first = std::move(handler);
        return *this;
    }
    TestCatalog& kinesis(const std::string& name, KinesisHandler handler) {
        handlers_[name].second = std::move(handler);
        return *this;
    }

    std::unique_ptr<FunctionCode> load(const FunctionConfig& function, const std::string& scenario_dir) const override {
        const auto found = handlers_.find(function.Handler);
        if (found == handlers_.end()) return default_catalog().load(function, scenario_dir);
        return make_in_process_code(found->second.first, found->second.second);
    }
    std::string describe_handlers() const override { return default_catalog().describe_handlers() + " or a test's handler"; }

private:
    std::map<std::string, std::pair<SqsHandler, KinesisHandler>> handlers_;
};

inline Run run_with(const TestCatalog& catalog, const std::string& scenario_json,
                    const std::vector<Override>& overrides = {}) {
    EngineOptions options;
    options.catalog = &catalog;
    Run run{std::make_unique<Engine>(load_scenario_text(scenario_json, "test.json", overrides, catalog), options), {}};
    run.engine->run();
    run.report = build_report(*run.engine);
    return run;
}

// The calls of the report's invocations, in order.
inline std::vector<Json> calls_of(const Json& report) {
    std::vector<Json> calls;
    for (const auto& invocation : report["invocations"]) {
        if (!invocation.contains("calls")) continue;
        for (const auto& call : invocation["calls"]) calls.push_back(call);
    }
    return calls;
}

}  // namespace queuelab::sim::test
