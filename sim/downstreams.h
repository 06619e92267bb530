#pragma once
// The scenario's downstream dependencies as handlers' calls find them (docs/aws-rules.md 5.25):
// a limit of open connections, a latency drawn from its distribution and slowed by the
// connections in use, an error rate, outages, a request rate limit and the caller's timeout.
// Calls are decided when the engine runs the handler that makes them, in that order, each
// against the calls decided before it (docs/aws-rules.md 5.24); a call holds a connection from
// its start for its duration. Deterministic: the draws come from seeded streams.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "random.h"
#include "scenario.h"
#include "sim_time.h"

namespace queuelab::sim {

// How one call went: its virtual duration and, when it failed, the error a client sees.
struct DownstreamCall {
    double duration_ms = 0;
    std::string error_code;     // empty: success
    std::string error_message;
    int status = 200;
};

class Downstreams {
public:
    explicit Downstreams(const Scenario& scenario);

    std::uint32_t count() const { return static_cast<std::uint32_t>(states_.size()); }
    std::uint32_t index(const std::string& name) const;  // kNone when there is none
    const DownstreamConfig& config(std::uint32_t downstream) const { return states_[downstream].config; }

    // Decides the call to `downstream` that starts at `start`. REQUIRES: now <= start.
    DownstreamCall call(SimTime now, std::uint32_t downstream, SimTime start);

    // Connections open at `at` among the calls decided so far.
    int connections_at(std::uint32_t downstream, SimTime at) const;

    // The calls that started up to `until` and were not counted yet, for the time series.
    struct Tally {
        int calls = 0;
        int errors = 0;
        double latency_ms_sum = 0;
    };
    Tally take_tally(std::uint32_t downstream, SimTime until);

    // Over the whole run, for the report.
    struct Totals {
        std::int64_t calls = 0;
        std::map<std::string, std::int64_t> errors;  // by error code
        int max_connections = 0;
        std::vector<double> durations_ms;             // every call's, in decision order
    };
    const Totals& totals(std::uint32_t downstream) const { return states_[downstream].totals; }

private:
    struct Interval {
        SimTime start;
        SimTime end;
    };
    struct Pending {
        SimTime start;
        double duration_ms;
        bool failed;
    };
    struct State {
        DownstreamConfig config;
        Random latency_random;
        Random error_random;
        std::vector<Interval> open;                   // decided calls that hold a connection
        std::map<std::int64_t, double> started_per_second;  // RequestsPerSecond windows
        std::vector<Pending> untallied;
        Totals totals;
    };

    double draw_latency_ms(State& state, double start_s);  // the SlowPeriod's latency while one lasts
    DownstreamCall refuse(State& state, SimTime start, std::string code, std::string message, int status);
    DownstreamCall finish(State& state, SimTime start, DownstreamCall call, bool holds_connection);

    SimTime refusal_;
    std::vector<State> states_;
};

}  // namespace queuelab::sim
