// The example scenarios as the lab's picker and welcome list them: every example has a description
// and a known topic, and the list is grouped by topic.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "lab/scenario_catalog.h"

using namespace queuelab;

TEST_CASE("every example scenario has a description and a topic, grouped by topic in order", "[lab]") {
    const auto entries = lab::list_scenarios(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios");
    REQUIRE(entries.size() >= 14);
    const auto& topics = lab::scenario_topics();
    long previous = 0;
    for (const auto& entry : entries) {
        INFO(entry.path);
        CHECK(entry.description.size() > 40);
        CHECK(entry.topic != "Other");
        const long rank = std::find(topics.begin(), topics.end(), entry.topic) - topics.begin();
        CHECK(rank >= previous);
        previous = rank;
    }
    CHECK(std::any_of(entries.begin(), entries.end(), [](const auto& e) { return e.name == "dlq-redrive"; }));
    CHECK(lab::scenario_topic("stream-bisect") == "Kinesis streams");
    CHECK(lab::scenario_topic("my-own") == "Other");
}
