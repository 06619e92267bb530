// The streamed report (docs/report-format.md 8): write_report's text is byte for byte the report
// queuelab wrote when it built the report as one JSON tree. tests/sim/golden_reports.txt holds the
// SHA-256 of each example scenario's report file (`queuelab run --out`, compact) as that version
// wrote it; when a change to the simulator is meant to change reports, scripts/golden-reports
// writes the table again.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "digest.h"
#include "engine_test_support.h"
#include "input_file.h"
#include "json_writer.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;
using nlohmann::ordered_json;

namespace {

std::string streamed(Engine& engine, int indent, std::uint32_t parallel_batch = kParallelReportBatch) {
    std::string text;
    JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
    write_report(out, engine, parallel_batch);
    out.flush();
    return text;
}

std::vector<std::string> example_scenarios() {
    std::vector<std::string> paths;
    for (const auto& folder : {"lessons/scenarios"}) {
        for (const auto& entry : std::filesystem::directory_iterator(std::string(QUEUELAB_SOURCE_DIR) + "/" + folder)) {
            if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

std::string read_text(const std::string& path) {
    std::ostringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
}

// golden_reports.txt: "SHA256 NAME.json" per line.
std::map<std::string, std::string> golden_digests() {
    std::map<std::string, std::string> digests;
    std::ifstream table(std::string(QUEUELAB_SOURCE_DIR) + "/tests/sim/golden_reports.txt");
    std::string digest, name;
    while (table >> digest >> name) digests[name] = digest;
    return digests;
}

}  // namespace

TEST_CASE("docs/report-format.md 8: each example's report is byte for byte the golden one, indented it is the same document, and written in parallel it is the same text",
          "[engine][report]") {
    const auto golden = golden_digests();
    const auto scenarios = example_scenarios();
    REQUIRE(golden.size() == scenarios.size());
    for (const auto& path : scenarios) {
        DYNAMIC_SECTION(path) {
            Engine engine(load_scenario_file(path));
            engine.run();
            const std::string compact = streamed(engine, -1);
            const auto document = ordered_json::parse(compact);
            REQUIRE(document["messages"].size() > 0);
            CHECK(sha256_hex(compact + "\n") == golden.at(std::filesystem::path(path).filename().string()));
            CHECK(streamed(engine, 2) == document.dump(2));
            CHECK(build_report(engine) == document);
            // Written by two threads in batches of a few items, or by one: the same text.
            CHECK(streamed(engine, -1, 3) == compact);
            CHECK(streamed(engine, 2, 3) == streamed(engine, 2, 0));
            CHECK(streamed(engine, -1, 0) == compact);
        }
    }
}

TEST_CASE("docs/report-format.md 8: the writer matches dump() on strings, numbers and nesting", "[report]") {
    ordered_json document = {{"plain", "abc"}, {"escaped", "quote \" back \\ tab \t nl \n ctl \x01 é ☃"},
                             {"numbers", {0.0, -0.0, 1.5, 90.0, 1e-7, 123456789.123456, 1e300, -3, 18446744073709551615ull}},
                             {"empty_object", ordered_json::object()}, {"empty_array", ordered_json::array()},
                             {"nested", {{"a", {{"b", {1, 2}}}}, {"null", nullptr}, {"bool", true}}}};
    for (const int indent : {-1, 0, 2, 4}) {
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
        out.begin_object();
        out.member("plain", "abc").member("escaped", document["escaped"].get<std::string>());
        out.key("numbers").begin_array();
        for (const double v : {0.0, -0.0, 1.5, 90.0, 1e-7, 123456789.123456, 1e300}) out.value(v);
        out.value(-3).value(18446744073709551615ull).end_array();
        out.key("empty_object").begin_object().end_object();
        out.key("empty_array").begin_array().end_array();
        out.key("nested").value(document["nested"]);
        out.end_object().flush();
        CHECK(text == document.dump(indent));
    }
    SECTION("a character to escape is escaped wherever it is, in a string of any length (the writer checks 4, 8 or 16 bytes at a time)") {
        for (const std::string special : {"\"", "\\", "\x01", "\x1f", "\b", "\f", "\n", "\r", "\t", "\x7f", "\xc3\xa9",
                                          "\xe2\x98\x83"}) {
            for (std::size_t size = 0; size <= 40; ++size) {
                for (std::size_t at = 0; at <= size; ++at) {
                    const std::string text = std::string(at, 'a') + special + std::string(size - at, ' ');
                    std::string written;
                    JsonWriter out([&](std::string_view chunk) { written += chunk; }, -1);
                    out.value(text).flush();
                    CHECK(written == ordered_json(text).dump());
                }
            }
        }
        for (std::size_t size = 0; size <= 40; ++size) {
            const std::string plain(size, 'z');
            std::string written;
            JsonWriter out([&](std::string_view chunk) { written += chunk; }, -1);
            out.value(plain).flush();
            CHECK(written == ordered_json(plain).dump());
        }
    }
    SECTION("a key from data is escaped as a value is") {
        const std::string name = "queue \"q\"\n\xc3\xa9";
        for (const int indent : {-1, 2}) {
            std::string text;
            JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
            out.begin_object().checked_key(name).value(1).checked_key("plain").value(2).end_object().flush();
            CHECK(text == ordered_json({{name, 1}, {"plain", 2}}).dump(indent));
        }
    }
    SECTION("a number written again is written as the first time, whatever was written between") {
        ordered_json numbers = ordered_json::array();
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; }, -1);
        out.begin_array();
        for (int i = 0; i < 5000; ++i) {
            for (const double v : {i / 1e6, (i % 7) * 0.1, -i * 1e300, 1.0 / (i + 1)}) {
                numbers.push_back(v);
                out.value(v);
            }
        }
        out.end_array().flush();
        CHECK(text == numbers.dump());
    }
    SECTION("text longer than the writer's chunk, alone or spread over many values, arrives whole and in order") {
        const std::string long_text(700'000, 'x');
        ordered_json document = {{"long", long_text + "\n"}, {"many", ordered_json::array()}};
        std::vector<std::size_t> chunks;
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; chunks.push_back(chunk.size()); }, 2);
        out.begin_object().member("long", long_text + "\n").key("many").begin_array();
        for (int i = 0; i < 100'000; ++i) {
            document["many"].push_back("item " + std::to_string(i));
            out.value("item " + std::to_string(i));
        }
        out.end_array().end_object().flush();
        CHECK(text == document.dump(2));
        CHECK(chunks.size() > 2);
    }
    SECTION("a literal, and plain text written in place, are the strings dump() writes") {
        for (const int indent : {-1, 2}) {
            std::string text;
            JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
            out.begin_object().member("literal", JsonLiteral("deleted"));
            std::memcpy(out.key("plain").plain_value(6), "0a-f9z", 6);
            out.key("items").begin_array().value(JsonLiteral("")).end_array().end_object().flush();
            CHECK(text == ordered_json({{"literal", "deleted"}, {"plain", "0a-f9z"}, {"items", {""}}}).dump(indent));
        }
    }
    SECTION("an item's text, taken once written, writes the same item again, first in its array or not") {
        for (const int indent : {-1, 2}) {
            std::string text;
            JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
            out.begin_object().key("a").begin_array();
            const auto mark = out.mark_item();
            out.begin_object().member("t", 0.5).member("event", JsonLiteral("sent")).end_object();
            const std::string item(out.item_text(mark));
            out.item(item).end_array().key("b").begin_array().item(item).item(item).end_array().end_object().flush();
            const ordered_json entry = {{"t", 0.5}, {"event", "sent"}};
            CHECK(text == ordered_json({{"a", {entry, entry}}, {"b", {entry, entry}}}).dump(indent));
        }
        SECTION("but not when the writer sent its text on meanwhile") {
            JsonWriter out([](std::string_view) {}, -1);
            out.begin_array().value(1);
            const auto mark = out.mark_item();
            out.value(std::string(300'000, 'x'));
            CHECK(out.item_text(mark).empty());
        }
    }
    SECTION("containers nest 64 deep as dump() writes them, and a 65th is refused") {
        ordered_json nested = ordered_json::array();
        for (int depth = 1; depth < 64; ++depth) nested = ordered_json::array({nested, depth});
        for (const int indent : {-1, 2}) {
            std::string text;
            JsonWriter out([&](std::string_view chunk) { text += chunk; }, indent);
            for (int depth = 0; depth < 64; ++depth) out.begin_array();
            CHECK_THROWS_AS(out.begin_array(), std::length_error);
            out.end_array();
            for (int depth = 1; depth < 64; ++depth) out.value(depth).end_array();
            out.flush();
            CHECK(text == nested.dump(indent));
        }
    }
    SECTION("not finite is null, as dump() writes it") {
        std::string text;
        JsonWriter out([&](std::string_view chunk) { text += chunk; }, -1);
        out.begin_array().value(std::nan("")).value(INFINITY).end_array().flush();
        CHECK(text == "[null,null]");
    }
}

TEST_CASE("docs/report-format.md 8: write_report_file writes the compact text (or --pretty's) and a newline",
          "[report]") {
    Engine engine(load_scenario_file(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json"));
    engine.run();
    const auto path = (std::filesystem::temp_directory_path() / "queuelab-streamed-report.json").string();
    write_report_file(path, engine, false);
    CHECK(read_text(path) == streamed(engine, -1) + "\n");
    write_report_file(path, engine, true);
    CHECK(read_text(path) == streamed(engine, 2) + "\n");
    std::filesystem::remove(path);
}

TEST_CASE("docs/report-format.md 4: without history (run --no-history) the messages have no history, the rest is the same",
          "[engine][report]") {
    const auto path = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";
    Engine with(load_scenario_file(path));
    Engine without(load_scenario_file(path), {.keep_history = false});
    with.run();
    without.run();
    ordered_json kept = build_report(with);
    const ordered_json left_out = build_report(without);
    REQUIRE(kept["messages"].at(0).contains("history"));
    for (const auto& message : left_out["messages"]) CHECK_FALSE(message.contains("history"));
    for (auto& message : kept["messages"]) message.erase("history");
    CHECK(left_out == kept);
}

TEST_CASE("docs/report-format.md 4.3: a message's and a stream record's entries alike in time and detail each read as their own (a queue, a shard)",
          "[engine][report]") {
    Engine engine(load_scenario_text(R"({"name": "alike", "duration_s": 5,
        "queues": {"orders": {}}, "streams": {"readings": {"ShardCount": 1}},
        "traffic": [{"to": "orders", "at_s": 0, "count": 3, "body": "m"},
                    {"to": "readings", "at_s": 0, "count": 3, "partition_key": "k", "data": "d"},
                    {"to": "orders", "at_s": 0, "count": 3, "body": "m"}]})",
                                     "alike.json"));
    engine.run();
    for (const std::uint32_t batch : {0u, 2u}) {
        const auto report = ordered_json::parse(streamed(engine, -1, batch));
        REQUIRE(report["messages"].size() == 9);
        for (const auto& subject : report["messages"]) {
            const auto& sent = subject["history"].at(0);
            CHECK(sent["event"] == "sent");
            if (subject.contains("shard")) {
                CHECK(sent["shard"] == "shardId-000000000000");
                CHECK_FALSE(sent.contains("queue"));
            } else {
                CHECK(sent["queue"] == "orders");
                CHECK_FALSE(sent.contains("shard"));
            }
        }
    }
}
