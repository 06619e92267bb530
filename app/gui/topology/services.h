#pragma once
// What handlers call, drawn over the topology (docs/aws-rules.md 5.24, 5.25): a row of boxes for
// the scenario's downstreams (open connections against MaxConnections, calls, failures, an
// outage in progress) and tables (items), and an arrow from each function to every queue,
// stream, table and downstream its handler has called so far, labelled with the number of calls.
// Scenarios without downstreams or tables take no room for the row.

#include <vector>

#include "canvas.h"
#include "engine.h"

namespace queuelab::gui::topology {

// Where the lanes drew each function, queue and stream (zero-size: not drawn).
struct ServiceAnchors {
    std::vector<Box> functions;
    std::vector<Box> queues;
    std::vector<Box> streams;
};

// The height the row of downstreams and tables needs (0 when the scenario has none).
float services_row_height(const sim::Engine& engine);

void draw_services(ImDrawList* draw_list, const sim::Engine& engine, const ServiceAnchors& anchors, Box row);

}  // namespace queuelab::gui::topology
