#pragma once
// Small helpers shared by the engine tests ([engine]): load a scenario from JSON text, run it to
// the end, and read the report (docs/report-format.md) by message body, history event and series.

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.h"
#include "report.h"
#include "scenario_loader.h"

namespace queuelab::sim::test {

using Json = nlohmann::ordered_json;

// Virtual times in the report are whole microseconds printed as seconds.
inline Approx at_time(double seconds) { return Approx(seconds).margin(1e-6); }

inline std::unique_ptr<Engine> make_engine(const std::string& scenario_json,
                                           const std::vector<Override>& overrides = {}) {
    return std::make_unique<Engine>(load_scenario_text(scenario_json, "test.json", overrides));
}

// A finished run: the engine, for inspecting its services, and its report.
struct Run {
    std::unique_ptr<Engine> engine;
    Json report;
};

inline Run run_scenario(const std::string& scenario_json, const std::vector<Override>& overrides = {}) {
    Run run{make_engine(scenario_json, overrides), {}};
    run.engine->run();
    run.report = build_report(*run.engine);
    return run;
}

// The report's messages with this body, in send order (stream records, which have data instead
// of a body, never match).
inline std::vector<Json> messages_with_body(const Json& report, const std::string& body) {
    std::vector<Json> found;
    for (const auto& m : report["messages"]) {
        if (m.contains("body") && m["body"] == body) found.push_back(m);
    }
    return found;
}

// The one message with this body (fails the test when there is not exactly one).
inline Json message_by_body(const Json& report, const std::string& body) {
    const auto found = messages_with_body(report, body);
    REQUIRE(found.size() == 1);
    return found.front();
}

// History entries of one kind ("received", "deleted", "dead_lettered", ...), oldest first.
inline std::vector<Json> events_of(const Json& message, const std::string& kind) {
    std::vector<Json> found;
    for (const auto& e : message["history"]) {
        if (e["event"] == kind) found.push_back(e);
    }
    return found;
}

inline std::vector<double> event_times(const Json& message, const std::string& kind) {
    std::vector<double> times;
    for (const auto& e : events_of(message, kind)) times.push_back(e["t"].get<double>());
    return times;
}

// The time of the first history entry of one kind (fails the test when there is none).
inline double first_event_time(const Json& message, const std::string& kind) {
    const auto times = event_times(message, kind);
    REQUIRE_FALSE(times.empty());
    return times.front();
}

// Times at which the handler reported this message done ("invoked" with handler "ok").
inline std::vector<double> handler_ok_times(const Json& message) {
    std::vector<double> times;
    for (const auto& e : events_of(message, "invoked")) {
        if (e["handler"] == "ok") times.push_back(e["t"].get<double>());
    }
    return times;
}

// Invocations (including throttled attempts) whose batch held this message, in order.
inline std::vector<Json> invocations_with(const Json& report, const std::string& message_id) {
    std::vector<Json> found;
    for (const auto& invocation : report["invocations"]) {
        for (const auto& id : invocation["records"]) {
            if (id == message_id) {
                found.push_back(invocation);
                break;
            }
        }
    }
    return found;
}

// The value of a report time series at the last sample taken at or before `seconds`.
inline double series_at(const Json& report, const std::string& name, double seconds) {
    const auto& series = report["series"];
    REQUIRE(series.contains(name));
    const auto& times = series["time_s"];
    std::size_t index = 0;
    for (std::size_t i = 0; i < times.size() && times[i].get<double>() <= seconds + 1e-9; ++i) index = i;
    return series[name][index].get<double>();
}

// [SECTION] Streams (docs/report-format.md 4.2): stream records are report messages with a "shard"
// and a "data" instead of a "body"; their "id" is the sequence number.

// The report's stream records, in put order.
inline std::vector<Json> stream_records(const Json& report) {
    std::vector<Json> found;
    for (const auto& m : report["messages"]) {
        if (m.contains("shard")) found.push_back(m);
    }
    return found;
}

// The one stream record with this data (fails the test when there is not exactly one).
inline Json record_by_data(const Json& report, const std::string& data) {
    std::vector<Json> found;
    for (const auto& m : stream_records(report)) {
        if (m["data"] == data) found.push_back(m);
    }
    REQUIRE(found.size() == 1);
    return found.front();
}

// The report's queue messages held by one queue (e.g. an on-failure destination), in send order.
inline std::vector<Json> messages_in_queue(const Json& report, const std::string& queue) {
    std::vector<Json> found;
    for (const auto& m : report["messages"]) {
        if (m.contains("queue") && m["queue"] == queue) found.push_back(m);
    }
    return found;
}

// The "id"s (MessageIds or sequence numbers) of report messages, in the same order.
inline std::vector<std::string> ids_of(const std::vector<Json>& messages) {
    std::vector<std::string> ids;
    for (const auto& m : messages) ids.push_back(m["id"].get<std::string>());
    return ids;
}

// An invocation's records (MessageIds or sequence numbers), in the order the handler got them.
inline std::vector<std::string> records_of(const Json& invocation) {
    return invocation["records"].get<std::vector<std::string>>();
}

// The number of records of each invocation, in the order given.
inline std::vector<std::size_t> batch_sizes(const std::vector<Json>& invocations) {
    std::vector<std::size_t> sizes;
    for (const auto& invocation : invocations) sizes.push_back(invocation["records"].size());
    return sizes;
}

// The report's invocations as a vector, in start order.
inline std::vector<Json> all_invocations(const Json& report) {
    return report["invocations"].get<std::vector<Json>>();
}

// The most of `invocations` running at the same moment.
inline int max_overlap(const std::vector<Json>& invocations) {
    int most = 0;
    for (const auto& a : invocations) {
        int running = 0;
        const double start = a["start_s"].get<double>();
        for (const auto& b : invocations) {
            running += b["start_s"].get<double>() <= start && start < b["end_s"].get<double>();
        }
        most = std::max(most, running);
    }
    return most;
}

// Whether decimal string `a` is a smaller number than `b` (sequence numbers are too large for
// any integer type).
inline bool decimal_less(const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace queuelab::sim::test
