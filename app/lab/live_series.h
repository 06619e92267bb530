#pragma once
// The value a chart's level series has right now, read from the engine rather than from the last
// sample, so a chart's legend agrees with the topology between samples (issue 16).

#include <optional>
#include <string_view>

#include "engine.h"

namespace queuelab::lab {

// "orders.visible", ".in_flight", ".delayed", "processor.concurrency", "orders->processor.pollers":
// what a sample taken now would record. nullopt for per-sample counts (invocations, errors,
// throttles) and other series, which the legend reads from the samples.
std::optional<double> live_value(const sim::Engine& engine, std::string_view series);

}  // namespace queuelab::lab
