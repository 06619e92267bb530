#pragma once
// The example scenarios (lessons/scenarios/*.json) as the lab's picker and welcome list them:
// name, description and topic, grouped by topic in a fixed order and by name within a topic.

#include <filesystem>
#include <string>
#include <vector>

namespace queuelab::lab {

struct ScenarioEntry {
    std::string path;
    std::string name;         // the file's "name", else its file name
    std::string description;  // the file's "description" (empty when it has none)
    std::string topic;        // one of scenario_topics()
};

// "SQS: retries and dead letters", "SQS: scaling and concurrency", "FIFO queues",
// "Kinesis streams", "Handlers calling services", "Other".
const std::vector<std::string>& scenario_topics();

// The topic of an example by its name; "Other" for a scenario the lab does not know.
std::string scenario_topic(const std::string& name);

// Every *.json file of `folder`, by topic (scenario_topics' order), then by name.
std::vector<ScenarioEntry> list_scenarios(const std::filesystem::path& folder);

}  // namespace queuelab::lab
