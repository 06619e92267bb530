#pragma once
// What each parameter the inspector edits means, its default and its valid range, in AWS's terms
// (aws-semantics.md). Shown in the "(?)" help markers.

#include <string_view>

namespace queuelab::gui {

// The help text for a parameter by its AWS name ("VisibilityTimeout"); a generic line if unknown.
const char* parameter_help(std::string_view name);

}  // namespace queuelab::gui
