#pragma once
// The handlers that ship with queuelab. Each is a small example of the parse → handle →
// collect-failures split; lessons and examples refer to them by name.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "queuelab/handler.h"

namespace queuelab {

struct BuiltinHandler {
    std::string name;
    std::string summary;       // one line, for `queuelab handlers`
    std::string source_file;   // path under handlers/, for the GUI's code view
    // Build a fresh handler (with its own state) from Simulation.Params, for SQS events and for
    // Kinesis events. Either may be empty: the handler does not take that kind of event.
    // Throw HandlerParamError for a parameter the handler does not accept.
    std::function<SqsHandler(const nlohmann::json& params)> make_sqs;
    std::function<KinesisHandler(const nlohmann::json& params)> make_kinesis;
};

// In name order.
const std::vector<BuiltinHandler>& builtin_handlers();

// nullptr if there is no handler of that name.
const BuiltinHandler* find_builtin_handler(std::string_view name);

}  // namespace queuelab
