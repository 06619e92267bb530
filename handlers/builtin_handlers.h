#pragma once
// The handlers that ship with queuelab. Each is a small example of the parse → handle →
// collect-failures split; lessons and examples refer to them by name.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "handler.h"

namespace queuelab {

struct BuiltinHandler {
    std::string name;
    std::string summary;       // one line, for `queuelab handlers`
    std::string source_file;   // path under handlers/, for the GUI's code view
    // Builds a fresh handler (with its own state) from Simulation.Params.
    // Throws HandlerParamError for a parameter it does not accept.
    std::function<SqsHandler(const nlohmann::json& params)> make_sqs;
};

// In name order.
const std::vector<BuiltinHandler>& builtin_handlers();

// nullptr if there is no handler of that name.
const BuiltinHandler* find_builtin_handler(std::string_view name);

}  // namespace queuelab
