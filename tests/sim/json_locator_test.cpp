#include "json_locator.h"

#include <catch2/catch.hpp>

using queuelab::sim::JsonLocator;

TEST_CASE("JsonLocator finds the line of keys and array elements", "[scenario]") {
    const JsonLocator locator(R"json({
  "name": "x",
  "queues": {
    "orders": {"VisibilityTimeout": 30},
    "jobs.fifo": {
      "DelaySeconds": 0
    }
  },
  "mappings": [
    {"BatchSize": 10},

    {"BatchSize": 20,
     "FunctionResponseTypes": [
       "ReportBatchItemFailures"]}
  ]
})json");
    CHECK(locator.line_of("") == 1);
    CHECK(locator.line_of("name") == 2);
    CHECK(locator.line_of("queues") == 3);
    CHECK(locator.line_of("queues.orders.VisibilityTimeout") == 4);
    CHECK(locator.line_of("queues.jobs.fifo") == 5);
    CHECK(locator.line_of("queues.jobs.fifo.DelaySeconds") == 6);
    CHECK(locator.line_of("mappings.0") == 10);
    CHECK(locator.line_of("mappings.1") == 12);
    CHECK(locator.line_of("mappings.1.FunctionResponseTypes") == 13);
    CHECK(locator.line_of("mappings.1.FunctionResponseTypes.0") == 14);
    CHECK(locator.line_of("mappings.2") == 0);
    CHECK(locator.line_of("seed") == 0);
}

TEST_CASE("JsonLocator decodes escaped keys and skips strings with brackets", "[scenario]") {
    const JsonLocator locator(
        "{\"body\": \"{\\\"a\\\": [1, 2]} \\\\\",\n"
        " \"caf\\u00e9\": {\"\\\"q\\\"\": 1},\n"
        " \"emoji\\ud83d\\ude00\": [[], {}, \"]\"],\n"
        " \"after\": null}");
    CHECK(locator.line_of("body") == 1);
    CHECK(locator.line_of("caf\xC3\xA9") == 2);
    CHECK(locator.line_of("caf\xC3\xA9.\"q\"") == 2);
    CHECK(locator.line_of("emoji\xF0\x9F\x98\x80.2") == 3);
    CHECK(locator.line_of("after") == 4);
}

TEST_CASE("JsonLocator survives text that is not JSON", "[scenario]") {
    CHECK(JsonLocator("").line_of("") == 0);
    CHECK(JsonLocator("{\"a\": [1, 2").line_of("a.1") == 1);
    CHECK(JsonLocator("{\"a\" 1}").line_of("a") == 1);
    CHECK(JsonLocator(std::string(100000, '[')).line_of("0.0.0") == 1);
    const std::string deep = "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') +
                             ",\n \"b\": 1}";
    CHECK(JsonLocator(deep).line_of("b") == 2);
}
