// The catalog of a run with learners' code: Simulation.Source and Simulation.Bootstrap load
// through the scenario loader, relative to the scenario's folder, and code that cannot load is
// bad input naming the field and the reason.

#include "input_error.h"
#include "runtime_catalog.h"
#include "runtime_test_support.h"
#include "scenario_loader.h"

namespace queuelab::runtime::test {
namespace {

std::string function_scenario(const std::string& function, const std::string& mapping_source = "q") {
    return R"({"name": "catalog", "queues": {"q": {}}, "streams": {"s": {}},
               "functions": {"f": )" + function + R"(},
               "mappings": [{"EventSourceArn": ")" + mapping_source + R"(", "FunctionName": "f"
                             )" + (mapping_source == "s" ? R"(, "StartingPosition": "TRIM_HORIZON")" : "") + "}]}";
}

// The one-line error loading `function` gives, or "" when it loads.
std::string load_error(const std::string& function, const std::string& mapping_source = "q") {
    const RuntimeCatalog catalog(test_builder(), quick_options());
    try {
        sim::load_scenario_text(function_scenario(function, mapping_source), fixture("catalog.json"), {}, catalog);
        return {};
    } catch (const sim::InputError& error) {
        return error.what();
    }
}

}  // namespace

TEST_CASE("Simulation.Source and Simulation.Bootstrap load, relative to the scenario's folder",
          "[runtime][catalog]") {
    CHECK(load_error(R"({"Simulation": {"Source": "order_processor.cpp"}})") == "");
    CHECK(load_error(R"({"Handler": "echo", "Simulation": {"Bootstrap": "bootstrap.sh"}})") == "");
    CHECK(load_error(R"({"Handler": "echo", "Simulation": {"Bootstrap": "bootstrap.sh"}})", "s") == "");
    CHECK(load_error(R"({"Handler": "order-processor"})") == "");  // built-ins as before
}

TEST_CASE("A code path or handler name with a NUL byte or a line break is bad input in one line, never cut short "
          "(docs/aws-rules.md 5.27)",
          "[runtime][catalog][hostile]") {
    // bootstrap.sh exists: cut at the NUL, the path would run it.
    CHECK(load_error(R"({"Handler": "echo", "Simulation": {"Bootstrap": "bootstrap.sh\u0000junk"}})") ==
          fixture("catalog.json") +
              R"(:2: functions.f.Simulation.Bootstrap: expected a path without control characters, got "bootstrap.sh\u0000junk")");
    CHECK(load_error(R"({"Simulation": {"Source": "order_processor.cpp\nrm -rf"}})") ==
          fixture("catalog.json") +
              R"(:2: functions.f.Simulation.Source: expected a path without control characters, got "order_processor.cpp\nrm -rf")");
    CHECK(load_error(R"({"Handler": "echo\u0000x", "Simulation": {"Bootstrap": "bootstrap.sh"}})") ==
          fixture("catalog.json") +
              R"(:2: functions.f.Handler: expected a handler name without control characters, got "echo\u0000x")");
}

TEST_CASE("A source that does not build is bad input naming its first compiler error", "[runtime][catalog]") {
    CHECK(load_error(R"({"Simulation": {"Source": "compile_error.cpp"}})") ==
          fixture("catalog.json") +
              ":2: functions.f.Simulation.Source: expected a handler source that builds, got \"compile_error.cpp\": " +
              fixture("compile_error.cpp") +
              ":6:14: error: 'struct queuelab::BatchResponse' has no member named 'failures'");
    CHECK(load_error(R"({"Simulation": {"Source": "no_handle.cpp"}})").find(
              "functions.f.Simulation.Source: expected a handler source that builds, got \"no_handle.cpp\": " +
              fixture("no_handle.cpp") + ":1:1: error: the source defines neither handle(") != std::string::npos);
}

TEST_CASE("A bootstrap that is missing or not executable is bad input", "[runtime][catalog]") {
    CHECK(load_error(R"({"Simulation": {"Bootstrap": "nowhere/bootstrap"}})") ==
          fixture("catalog.json") +
              ":2: functions.f.Simulation.Bootstrap: expected an executable file, got \"nowhere/bootstrap\" (no such "
              "file)");
    CHECK(load_error(R"({"Simulation": {"Bootstrap": "misbehaving.cpp"}})") ==
          fixture("catalog.json") +
              ":2: functions.f.Simulation.Bootstrap: expected an executable file, got \"misbehaving.cpp\" (not "
              "executable)");
    CHECK(load_error(R"({"Simulation": {"Bootstrap": "."}})").find("(not a file)") != std::string::npos);
}

TEST_CASE("A source's handle() overloads decide which mappings may use it", "[runtime][catalog]") {
    CHECK(load_error(R"({"Simulation": {"Source": "order_processor.cpp"}})", "s") ==
          fixture("catalog.json") +
              ":3: mappings.0.FunctionName: expected a function whose handler takes Kinesis events, but \"f\" runs "
              "\"order_processor.cpp\", which takes SQS events only");
}

}  // namespace queuelab::runtime::test
