#pragma once
// What a Lambda runtime does around a handler, shared by queuelab's runtime client
// (handlers/runtime_client/main.cpp) and the main.cpp of an exported project, which runs under
// AWS's C++ runtime (docs/export.md): which handle() an event goes to, and the errorType an
// exception becomes (docs/aws-rules.md 4.9).
//
// Depends only on the standard library and nlohmann/json.

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "handler.h"

namespace queuelab {

using SqsEntry = HandlerResponse (*)(const SqsEvent&, InvocationContext&);
using KinesisEntry = HandlerResponse (*)(const KinesisEvent&, InvocationContext&);

// SQS or Kinesis, from the first record's eventSource; a record-less event is a tumbling window's
// final Kinesis invoke when it carries the window's keys.
bool is_kinesis_event(const nlohmann::json& event);

// Reads `event` as the type its source names and calls that entry. Throws std::invalid_argument
// when that entry is null, and passes on whatever the handler throws.
HandlerResponse call_handle(const nlohmann::json& event, InvocationContext& context, SqsEntry sqs,
                            KinesisEntry kinesis);

// The errorType of an exception the handler threw: its type's name, demangled
// ("std::invalid_argument"); for `catch (...)`, the current exception's type, or "Unhandled".
std::string error_type_of(const std::exception& error);
std::string current_exception_type();

}  // namespace queuelab
