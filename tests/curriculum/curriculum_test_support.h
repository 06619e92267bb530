#pragma once
// Helpers for the curriculum tests ([curriculum]): a fresh temporary folder per test, small
// lesson folders written from text, the project's own lessons, and a catalog that runs the
// lessons' C++ handler sources (built into the test cache while the project builds).

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_handlers.h"

namespace queuelab::curriculum::test {

namespace fs = std::filesystem;

inline fs::path project_lessons() { return fs::path(QUEUELAB_SOURCE_DIR) / "lessons"; }

// Built-ins, and learners' sources built with the test cache (one builder for every test).
inline const runtime::RuntimeCatalog& handler_catalog() { return queuelab::test::test_handler_catalog(); }

// A progress folder in the build tree whose handlers/day-06/write-the-handler.cpp is a copy of the
// lesson's starting handler ("start") or of its solution ("solved"), built into the test cache.
inline fs::path lesson_work(const std::string& which) { return fs::path(QUEUELAB_LESSON_WORK) / which; }

// An empty folder of its own under the system's temporary folder, removed when it goes away.
class TempDir {
public:
    explicit TempDir(const std::string& name) : path_(fs::temp_directory_path() / ("queuelab-test-" + name)) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

inline void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// A queue of 4 orders and one poison message, maxReceiveCount 2: the poison reaches the DLQ
// after 2 deliveries at 20 s (VisibilityTimeout 10). Small and fast.
inline const char* kTinyScenario = R"({
  "name": "tiny",
  "duration_s": 300,
  "queues": {"orders": {"VisibilityTimeout": 10,
                        "RedrivePolicy": {"deadLetterTargetArn": "orders-dlq", "maxReceiveCount": 2}},
             "orders-dlq": {}},
  "functions": {"processor": {"Handler": "order-processor", "Timeout": 5,
                              "Simulation": {"DurationMs": 50, "ColdStartMs": 100}}},
  "mappings": [{"EventSourceArn": "orders", "FunctionName": "processor", "BatchSize": 10}],
  "traffic": [{"to": "orders", "at_s": 0, "count": 4, "body": "{\"orderId\":\"o-{i}\"}"},
              {"to": "orders", "at_s": 0, "messages": [{"body": "not json"}]}]
})";

// A valid lesson over kTinyScenario: a study question, an exercise (turn on
// ReportBatchItemFailures so that the poison alone goes to the DLQ) and a challenge.
inline nlohmann::json tiny_lesson(int day) {
    nlohmann::json lesson = nlohmann::json::parse(R"({
  "id": "ID", "week": 1, "day": 1, "title": "Tiny",
  "minutes": {"read": 1, "study": 1, "practice": 1, "challenge": 1},
  "read": "read.md",
  "study": [{
    "id": "deliveries", "title": "Deliveries", "scenario": "tiny.json",
    "set": {"mappings.0.FunctionResponseTypes": ["ReportBatchItemFailures"]},
    "question": "How many deliveries of the poison?",
    "answers": [{"key": "poison-deliveries", "prompt": "deliveries of the poison",
                 "measure": "message.receive_count", "where": {"body": "not json"}}],
    "moment": {"event": "dead_lettered", "says": "it moves"},
    "explain": "Two.",
    "solution": {"answers": {"poison-deliveries": "2"}}
  }],
  "practice": [{
    "id": "partial", "title": "Partial", "scenario": "tiny.json",
    "goal": "Only the poison reaches the DLQ.",
    "editable": ["mappings.0.FunctionResponseTypes"],
    "checks": [{"measure": "totals.dead_lettered", "op": "==", "value": 1},
               {"measure": "totals.lost", "op": "==", "value": 0}],
    "hints": ["One", "Two"],
    "solution": {"set": {"mappings.0.FunctionResponseTypes": ["ReportBatchItemFailures"]}}
  }],
  "challenge": {
    "id": "when", "title": "When", "scenario": "tiny.json",
    "question": "Which way?",
    "answers": [{"key": "fate", "prompt": "the poison's fate", "choices": [
      {"value": "dlq", "text": "DLQ", "when": [{"measure": "totals.dead_lettered", "op": ">=", "value": 1}]},
      {"value": "kept", "text": "kept", "when": [{"measure": "totals.dead_lettered", "op": "==", "value": 0}]}]}],
    "explain": "DLQ.",
    "hints": ["Look"],
    "solution": {"answers": {"fate": "dlq"}}
  },
  "takeaways": ["Small."]
})");
    lesson["id"] = (day < 10 ? "day-0" : "day-") + std::to_string(day);
    lesson["day"] = day;
    lesson["week"] = (day - 1) / 7 + 1;
    return lesson;
}

// Writes lesson `day` (tiny_lesson, changed by `edit`) with its Read text and scenario into
// <dir>/day-NN/ and returns the lesson.json path.
template <typename Edit>
fs::path write_tiny_lesson(const fs::path& dir, int day, Edit edit) {
    nlohmann::json lesson = tiny_lesson(day);
    edit(lesson);
    const fs::path folder = dir / tiny_lesson(day)["id"].get<std::string>();
    write_file(folder / "read.md", "# Tiny\n\nText.\n");
    write_file(folder / "tiny.json", kTinyScenario);
    write_file(folder / "lesson.json", lesson.dump(2));
    return folder / "lesson.json";
}

inline fs::path write_tiny_lesson(const fs::path& dir, int day) {
    return write_tiny_lesson(dir, day, [](nlohmann::json&) {});
}

}  // namespace queuelab::curriculum::test
