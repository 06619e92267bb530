#pragma once
// One function per built-in handler, each defined in the file named by its source_file and listed
// by builtin_handlers.cpp.

#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "builtin_handlers.h"

namespace queuelab::builtin {

BuiltinHandler call_downstream_handler();
BuiltinHandler fail_attempts_handler();
BuiltinHandler fail_messages_handler();
BuiltinHandler fixed_response_handler();
BuiltinHandler forward_handler();
BuiltinHandler idempotent_handler();
BuiltinHandler idempotent_store_handler();
BuiltinHandler order_processor_handler();
BuiltinHandler sensor_readings_handler();
BuiltinHandler slow_handler();
BuiltinHandler throw_on_failure_handler();
BuiltinHandler window_aggregator_handler();

// The idempotency keys an idempotent handler has processed: one store per handler object, shared
// by all its invocations.
using ProcessedKeys = std::set<std::string>;

// The idempotent handler working on a store the caller can inspect (idempotent_handler() makes a
// fresh one per handler).
SqsHandler make_idempotent_handler(const nlohmann::json& params,
                                   std::shared_ptr<ProcessedKeys> processed);

}  // namespace queuelab::builtin
