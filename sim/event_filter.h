#pragma once
// Lambda event filtering (FilterCriteria, docs/aws-rules.md 2.18 for queues, 3.22 for streams): a
// record is sent to the function when it matches at least one filter pattern. Supported pattern
// syntax: exact values, null, empty strings, and the operators prefix, suffix, equals-ignore-case,
// anything-but (a value, a list or {"prefix": ...}), numeric (=, <, <=, >, >= with one or two
// conditions), exists, and "$or".

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab::sim {

// `record` is the event record as filtering sees it: for SQS, "body" is the parsed JSON body
// when the body is JSON within the bounds of json_text.h and the plain string otherwise, so a
// pattern on body keys never matches a plain-text body.
// Empty when `pattern` is a well-formed filter pattern; otherwise what is wrong with it (the
// loader reports it after AWS's "Invalid filter pattern definition.").
std::string pattern_error(const nlohmann::json& pattern);

bool matches_pattern(const nlohmann::json& pattern, const nlohmann::json& record);
bool matches_any(const std::vector<nlohmann::json>& patterns, const nlohmann::json& record);

}  // namespace queuelab::sim
