#include "downstreams.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "recorder.h"

namespace queuelab::sim {
namespace {

constexpr std::uint64_t kLatencyStream = 0x4C41'5445'4E43'5900ull;  // "LATENCY"
constexpr std::uint64_t kErrorStream = 0x4552'524F'5253'0000ull;    // "ERRORS"
constexpr double kZ99 = 2.3263478740408408;  // the standard normal's 99th percentile

// FNV-1a of a name: a stable number to seed a downstream's streams with.
std::uint64_t name_hash(const std::string& name) {
    std::uint64_t hash = 0xCBF2'9CE4'8422'2325ull;
    for (const unsigned char c : name) hash = (hash ^ c) * 0x100'0000'01B3ull;
    return hash;
}

std::string format_ms(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", ms);
    return text;
}

}  // namespace

Downstreams::Downstreams(const Scenario& scenario) : refusal_(from_millis(scenario.limits.downstream_refusal_ms)) {
    for (const auto& [name, config] : scenario.downstreams) {
        const std::uint64_t latency_seed = config.LatencyMs.Seed.value_or(mix64(scenario.seed, name_hash(name) ^ kLatencyStream));
        states_.push_back(State{config, Random(latency_seed), Random(mix64(scenario.seed, name_hash(name) ^ kErrorStream)),
                                {}, {}, {}, {}});
    }
}

std::uint32_t Downstreams::index(const std::string& name) const {
    for (std::uint32_t i = 0; i < states_.size(); ++i) {
        if (states_[i].config.name == name) return i;
    }
    return kNone;
}

int Downstreams::connections_at(std::uint32_t downstream, SimTime at) const {
    const auto& open = states_[downstream].open;
    return static_cast<int>(std::count_if(open.begin(), open.end(), [&](const Interval& i) { return i.start <= at && at < i.end; }));
}

double Downstreams::draw_latency_ms(State& state, double start_s) {
    const LatencySpec* chosen = &state.config.LatencyMs;
    for (const SlowPeriod& period : state.config.SlowPeriods) {
        if (period.from_s <= start_s && start_s < period.until_s) chosen = &period.LatencyMs;
    }
    const LatencySpec& spec = *chosen;
    switch (spec.distribution) {
        case LatencySpec::Distribution::Fixed: return spec.FixedMs;
        case LatencySpec::Distribution::Uniform: return spec.MinMs + (spec.MaxMs - spec.MinMs) * state.latency_random.uniform();
        case LatencySpec::Distribution::Exponential: return -spec.MeanMs * std::log(1.0 - state.latency_random.uniform());
        case LatencySpec::Distribution::LogNormal: {
            // Box-Muller: a standard normal from two uniforms, the first in (0, 1].
            const double u1 = 1.0 - state.latency_random.uniform();
            const double u2 = state.latency_random.uniform();
            const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
            const double sigma = std::log(spec.P99Ms / spec.MedianMs) / kZ99;
            return spec.MedianMs * std::exp(sigma * z);
        }
    }
    return spec.FixedMs;
}

DownstreamCall Downstreams::call(SimTime now, std::uint32_t downstream, SimTime start) {
    auto& state = states_[downstream];
    const auto& config = state.config;
    std::erase_if(state.open, [&](const Interval& i) { return i.end <= now; });
    const double start_s = to_seconds(start);
    for (const Outage& outage : config.Outages) {
        if (outage.from_s <= start_s && start_s < outage.until_s) {
            return refuse(state, start, "ServiceUnavailable", config.name + " is unavailable (an outage)", 503);
        }
    }
    if (config.RequestsPerSecond) {
        auto& started = state.started_per_second[start / kMicrosPerSecond];
        if (started + 1 > *config.RequestsPerSecond) {
            return refuse(state, start, "TooManyRequests",
                          "Rate exceeded: " + config.name + " takes " + format_ms(*config.RequestsPerSecond) + " requests per second",
                          429);
        }
        ++started;
        state.started_per_second.erase(state.started_per_second.begin(), state.started_per_second.lower_bound(now / kMicrosPerSecond));
    }
    const int open = connections_at(downstream, start);
    if (open >= config.MaxConnections) {
        return refuse(state, start, "TooManyConnections",
                      "too many connections: " + config.name + " has " + std::to_string(config.MaxConnections) + " in use",
                      503);
    }
    const double load = static_cast<double>(open) / config.MaxConnections;
    DownstreamCall result;
    result.duration_ms = draw_latency_ms(state, start_s) * (1.0 + (config.SaturationSlowdown - 1.0) * load);
    if (config.ErrorRate > 0 && state.error_random.chance(config.ErrorRate)) {
        result.error_code = "InternalError";
        result.error_message = config.name + " failed the request";
        result.status = 500;
    }
    if (config.TimeoutMs && result.duration_ms > *config.TimeoutMs) {
        result.duration_ms = *config.TimeoutMs;
        result.error_code = "Timeout";
        result.error_message = "no answer from " + config.name + " within " + format_ms(*config.TimeoutMs) + " ms";
        result.status = 504;
    }
    return finish(state, start, std::move(result), true);
}

DownstreamCall Downstreams::refuse(State& state, SimTime start, std::string code, std::string message, int status) {
    DownstreamCall result{static_cast<double>(refusal_) / kMicrosPerMilli, std::move(code), std::move(message), status};
    return finish(state, start, std::move(result), false);
}

DownstreamCall Downstreams::finish(State& state, SimTime start, DownstreamCall call, bool holds_connection) {
    if (holds_connection) {
        state.open.push_back(Interval{start, start + from_millis(call.duration_ms)});
        state.totals.max_connections = std::max(state.totals.max_connections, connections_at(
            static_cast<std::uint32_t>(&state - states_.data()), start));
    }
    ++state.totals.calls;
    if (!call.error_code.empty()) ++state.totals.errors[call.error_code];
    state.totals.durations_ms.push_back(call.duration_ms);
    state.untallied.push_back(Pending{start, call.duration_ms, !call.error_code.empty()});
    return call;
}

Downstreams::Tally Downstreams::take_tally(std::uint32_t downstream, SimTime until) {
    auto& untallied = states_[downstream].untallied;
    Tally tally;
    std::erase_if(untallied, [&](const Pending& p) {
        if (p.start > until) return false;
        ++tally.calls;
        tally.errors += p.failed;
        tally.latency_ms_sum += p.duration_ms;
        return true;
    });
    return tally;
}

}  // namespace queuelab::sim
