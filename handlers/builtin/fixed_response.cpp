// fixed-response: returns the same bytes whatever the event, SQS or Kinesis, to show how the
// event source mapping reads a response: `response` is any JSON value (e.g.
// {"batchItemFailures": [...]}), `raw_response` is returned verbatim and may be invalid JSON.
// Neither returns nothing (null).

#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

HandlerResponse read_fixed_response(const nlohmann::json& params) {
    const HandlerParams reader(params, {"response", "raw_response"});
    const std::optional<std::string> raw_response = reader.string("raw_response");
    if (reader.has("response") && raw_response) {
        throw HandlerParamError("raw_response", "either response or raw_response, not both");
    }
    if (reader.has("response")) return HandlerResponse::json(reader.value("response"));
    if (raw_response) return HandlerResponse::raw(*raw_response);
    return HandlerResponse::none();
}

// A handler for any kind of event that returns `response`.
auto always_respond(HandlerResponse response) {
    return [response = std::move(response)](const auto& /*event*/, InvocationContext&) {
        return response;
    };
}

}  // namespace

BuiltinHandler fixed_response_handler() {
    return {"fixed-response",
            "Returns the response (JSON) or raw_response (bytes) parameter whatever the event",
            "handlers/builtin/fixed_response.cpp",
            [](const nlohmann::json& params) {
                return SqsHandler(always_respond(read_fixed_response(params)));
            },
            [](const nlohmann::json& params) {
                return KinesisHandler(always_respond(read_fixed_response(params)));
            },
            /*reads=*/{.sqs = {}, .kinesis = {}}};
}

}  // namespace queuelab::builtin
