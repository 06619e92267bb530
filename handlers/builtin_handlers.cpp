#include "builtin_handlers.h"

#include <algorithm>

#include "builtin/builtins.h"

namespace queuelab {

namespace {

std::vector<BuiltinHandler> sorted_by_name(std::vector<BuiltinHandler> handlers) {
    std::ranges::sort(handlers, {}, &BuiltinHandler::name);
    return handlers;
}

}  // namespace

const std::vector<BuiltinHandler>& builtin_handlers() {
    static const std::vector<BuiltinHandler> handlers = sorted_by_name({
        builtin::call_downstream_handler(),
        builtin::fail_attempts_handler(),
        builtin::fail_messages_handler(),
        builtin::fixed_response_handler(),
        builtin::forward_handler(),
        builtin::idempotent_handler(),
        builtin::idempotent_store_handler(),
        builtin::order_processor_handler(),
        builtin::sensor_readings_handler(),
        builtin::slow_handler(),
        builtin::throw_on_failure_handler(),
        builtin::window_aggregator_handler(),
    });
    return handlers;
}

const BuiltinHandler* find_builtin_handler(std::string_view name) {
    const std::vector<BuiltinHandler>& handlers = builtin_handlers();
    const auto found = std::ranges::find(handlers, name, &BuiltinHandler::name);
    return found == handlers.end() ? nullptr : &*found;
}

}  // namespace queuelab
