#include "scenario_catalog.h"

#include <algorithm>
#include <map>

#include "json_text.h"
#include "paths.h"

namespace queuelab::lab {

const std::vector<std::string>& scenario_topics() {
    static const std::vector<std::string> topics = {"SQS: retries and dead letters", "SQS: scaling and concurrency",
                                                    "FIFO queues",                    "Kinesis streams",
                                                    "Handlers calling services",      "Other"};
    return topics;
}

std::string scenario_topic(const std::string& name) {
    static const std::map<std::string, std::string> topic_of = {
        {"poison-pill", "SQS: retries and dead letters"},
        {"slow-consumer", "SQS: retries and dead letters"},
        {"dlq-redrive", "SQS: retries and dead letters"},
        {"throttled-by-reserved-concurrency", "SQS: scaling and concurrency"},
        {"database-protection", "SQS: scaling and concurrency"},
        {"fifo-groups", "FIFO queues"},
        {"pipeline", "Handlers calling services"},
        {"slow-downstream", "Handlers calling services"},
    };
    if (const auto found = topic_of.find(name); found != topic_of.end()) return found->second;
    if (name.starts_with("stream-")) return "Kinesis streams";
    return "Other";
}

std::vector<ScenarioEntry> list_scenarios(const std::filesystem::path& folder) {
    std::vector<ScenarioEntry> entries;
    std::error_code error;
    for (const auto& file : std::filesystem::directory_iterator(folder, error)) {
        if (file.path().extension() != ".json") continue;
        ScenarioEntry entry{file.path().string(), file.path().stem().string(), "", ""};
        if (const auto text = read_text_file(file.path())) {
            const auto document = sim::parse_json_text(*text, sim::DuplicateKeys::KeepLast);
            const auto string_at = [&](const char* key, const std::string& fallback) {
                if (!document || !document->is_object()) return fallback;
                const auto found = document->find(key);
                return found != document->end() && found->is_string() ? found->get<std::string>() : fallback;
            };
            entry.name = string_at("name", entry.name);
            entry.description = string_at("description", "");
        }
        entry.topic = scenario_topic(entry.name);
        entries.push_back(std::move(entry));
    }
    const auto& topics = scenario_topics();
    const auto rank = [&](const ScenarioEntry& e) { return std::find(topics.begin(), topics.end(), e.topic) - topics.begin(); };
    std::sort(entries.begin(), entries.end(), [&](const ScenarioEntry& a, const ScenarioEntry& b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a.name < b.name;
    });
    return entries;
}

}  // namespace queuelab::lab
