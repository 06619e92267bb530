// call-downstream: the handler that depends on a database or an API. It calls the downstream in
// Params.Downstream once per record (CallDownstream, with Params.Operation as the call's label),
// one record after the other, as a handler holding one connection does. A record whose call
// failed (too many connections, a timeout, an error, an outage, a rate limit) goes in
// batchItemFailures; the others are done. Under load, the calls' virtual time is what makes the
// invocation long: each call adds its latency to the invocation's duration.

#include "builtins.h"
#include "handler_params.h"
#include "service_records.h"

namespace queuelab::builtin {

namespace {

struct Settings {
    std::string downstream;
    std::string operation;
};

Settings read_settings(const nlohmann::json& params) {
    const HandlerParams p(params, {"Downstream", "Operation"});
    const auto downstream = p.string("Downstream");
    if (!downstream || downstream->empty()) throw HandlerParamError("Downstream", "the name of a downstream of the scenario");
    return {*downstream, p.string("Operation", "Call")};
}

template <typename Event>
std::function<HandlerResponse(const Event&, InvocationContext&)> make(const nlohmann::json& params) {
    return [settings = read_settings(params)](const Event& event, InvocationContext& context) {
        return process_each(event, context, [&](const auto&) {
            const auto outcome = context.downstreams().CallDownstream({settings.downstream, settings.operation});
            return outcome.IsSuccess() ? RecordOutcome::processed : RecordOutcome::failed;
        });
    };
}

}  // namespace

BuiltinHandler call_downstream_handler() {
    return {"call-downstream",
            "Calls the downstream in Params.Downstream once per record; failed calls go in batchItemFailures",
            "handlers/builtin/call_downstream.cpp",
            [](const nlohmann::json& params) { return make<SqsEvent>(params); },
            [](const nlohmann::json& params) { return make<KinesisEvent>(params); }};
}

}  // namespace queuelab::builtin
