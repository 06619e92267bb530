#pragma once
// The "(?)" help of each field the inspector edits. A resource parameter's comes from its entry in
// the parameter tables (sim/parameters.h: meaning, default, range, how an edit applies); the
// scenario's own keys (duration_s, account, traffic, actions) have theirs here.

#include <string>

#include "scenario.h"

namespace queuelab::lab {

// The help for the field at dotted `path` ("queues.orders.VisibilityTimeout", "traffic.0") of
// `scenario`; a generic line when nothing is known of it.
std::string parameter_help(const sim::Scenario& scenario, const std::string& path);

}  // namespace queuelab::lab
