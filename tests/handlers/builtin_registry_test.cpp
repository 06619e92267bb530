#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

const std::filesystem::path project_root = QUEUELAB_SOURCE_DIR;

}  // namespace

TEST_CASE("The built-in handlers are the fixed set, in name order", "[handlers]") {
    std::vector<std::string> names;
    for (const BuiltinHandler& handler : builtin_handlers()) names.push_back(handler.name);

    CHECK(names == std::vector<std::string>{"call-downstream", "fail-attempts", "fail-messages", "fixed-response",
                                            "forward", "idempotent", "idempotent-store", "order-processor",
                                            "sensor-readings", "slow", "throw-on-failure", "window-aggregator"});
}

TEST_CASE("The built-ins that take Kinesis events are the stream set", "[handlers]") {
    std::vector<std::string> stream_names;
    for (const BuiltinHandler& handler : builtin_handlers()) {
        if (handler.make_kinesis) stream_names.push_back(handler.name);
    }

    CHECK(stream_names == std::vector<std::string>{"call-downstream", "fail-attempts", "fixed-response", "forward",
                                                   "idempotent-store", "sensor-readings", "slow", "window-aggregator"});
}

TEST_CASE("The stream-only built-ins take no SQS events", "[handlers]") {
    CHECK_FALSE(find_builtin_handler("sensor-readings")->make_sqs);
    CHECK_FALSE(find_builtin_handler("window-aggregator")->make_sqs);
}

TEST_CASE("Every built-in has a one-line summary and an existing source file", "[handlers]") {
    for (const BuiltinHandler& handler : builtin_handlers()) {
        INFO(handler.name);
        CHECK_FALSE(handler.summary.empty());
        CHECK(handler.summary.find('\n') == std::string::npos);
        CHECK(handler.source_file.starts_with("handlers/builtin/"));
        CHECK(std::filesystem::exists(project_root / handler.source_file));
        CHECK((handler.make_sqs || handler.make_kinesis));
    }
}

TEST_CASE("find_builtin_handler finds a handler by name and returns null for an unknown one",
          "[handlers]") {
    REQUIRE(find_builtin_handler("slow") != nullptr);
    CHECK(find_builtin_handler("slow")->name == "slow");
    CHECK(find_builtin_handler("no-such-handler") == nullptr);
}

TEST_CASE("Every built-in rejects an unknown parameter, naming it", "[handlers]") {
    for (const BuiltinHandler& handler : builtin_handlers()) {
        INFO(handler.name);
        CHECK(rejected_field(handler.name, {{"no_such_param", 1}}) == "no_such_param");
    }
}

TEST_CASE("Every built-in's Kinesis maker rejects an unknown parameter too", "[handlers]") {
    for (const BuiltinHandler& handler : builtin_handlers()) {
        if (!handler.make_kinesis) continue;
        INFO(handler.name);
        CHECK_THROWS_AS(handler.make_kinesis({{"no_such_param", 1}}), HandlerParamError);
    }
}

// The built-ins that call a service need to know which one: they take a required parameter.
const std::map<std::string, std::string> kRequiredParameter = {
    {"call-downstream", "Downstream"}, {"forward", "Destination"}, {"idempotent-store", "Table"}};

TEST_CASE("Every built-in accepts null and empty parameters, but for the one a service caller requires", "[handlers]") {
    for (const BuiltinHandler& handler : builtin_handlers()) {
        INFO(handler.name);
        if (const auto required = kRequiredParameter.find(handler.name); required != kRequiredParameter.end()) {
            CHECK(rejected_field(handler.name, nullptr) == required->second);
            CHECK(rejected_field(handler.name, nlohmann::json::object()) == required->second);
            continue;
        }
        if (handler.make_sqs) {
            CHECK_NOTHROW(handler.make_sqs(nullptr));
            CHECK_NOTHROW(handler.make_sqs(nlohmann::json::object()));
        }
        if (handler.make_kinesis) {
            CHECK_NOTHROW(handler.make_kinesis(nullptr));
            CHECK_NOTHROW(handler.make_kinesis(nlohmann::json::object()));
        }
    }
}

TEST_CASE("Parameters that are not an object are a HandlerParamError", "[handlers]") {
    CHECK(rejected_field("slow", nlohmann::json::array()).empty());
}
