#include "function_code.h"

#include "builtin_handlers.h"

namespace queuelab::sim {
namespace {

void set_function_error(CodeOutcome& outcome, std::string error_type, std::string error_message) {
    outcome.result = InvocationResult::Error;
    outcome.error_type = std::move(error_type);
    outcome.error_message = std::move(error_message);
}

// Handler functions run in the simulator's own process.
class InProcessCode : public FunctionCode {
public:
    InProcessCode(SqsHandler sqs, KinesisHandler kinesis, RecordParts reads)
        : sqs_(std::move(sqs)), kinesis_(std::move(kinesis)), reads_(reads) {}

    RecordParts record_parts() const override { return reads_; }

    bool handles(EventSourceKind kind) const override {
        switch (kind) {
            case EventSourceKind::SqsQueue: return static_cast<bool>(sqs_);
            case EventSourceKind::KinesisStream: return static_cast<bool>(kinesis_);
        }
        return false;
    }

    CodeOutcome invoke(std::uint32_t, const InvokeEvent& event, InvocationContext& context) override {
        CodeOutcome outcome;
        try {
            HandlerResponse response = std::visit([&](const auto* typed) { return call(*typed, context); }, event);
            if (response.error) {
                set_function_error(outcome, response.error->type_or_unhandled(), std::move(response.error->errorMessage));
            } else {
                outcome.payload = std::move(response.payload);
            }
        } catch (const InvocationStopped& stopped) {
            // Past the deadline the Lambda service makes this a timeout (its duration is Timeout).
            set_function_error(outcome, "InvocationStopped", stopped.reason);
        } catch (const HandlerCrash& crash) {
            outcome.result = InvocationResult::Crashed;
            outcome.error_type = "Runtime.ExitError";
            outcome.error_message = "RequestId: " + context.aws_request_id +
                                    " Error: Runtime exited with error: " + crash.what();
            outcome.environment_lost = true;
        } catch (const std::exception& error) {
            set_function_error(outcome, "Unhandled", error.what());
        } catch (...) {
            set_function_error(outcome, "Unhandled", "unknown exception");
        }
        outcome.declared_work_ms = context.extra_work_ms();
        return outcome;
    }

private:
    HandlerResponse call(const SqsEvent& event, InvocationContext& context) { return sqs_(event, context); }
    HandlerResponse call(const KinesisEvent& event, InvocationContext& context) { return kinesis_(event, context); }

    SqsHandler sqs_;
    KinesisHandler kinesis_;
    RecordParts reads_;
};

}  // namespace

std::unique_ptr<FunctionCode> make_in_process_code(SqsHandler sqs, KinesisHandler kinesis, RecordParts reads) {
    return std::make_unique<InProcessCode>(std::move(sqs), std::move(kinesis), reads);
}

EventSourceKind kind_of(const InvokeEvent& event) {
    return std::holds_alternative<const SqsEvent*>(event) ? EventSourceKind::SqsQueue : EventSourceKind::KinesisStream;
}

std::size_t record_count(const InvokeEvent& event) {
    return std::visit([](const auto* typed) { return typed->Records.size(); }, event);
}

std::unique_ptr<FunctionCode> BuiltinCatalog::load(const FunctionConfig& function, const std::string&) const {
    for (const auto& [field, path] : {std::pair{"Simulation.Bootstrap", &function.simulation.Bootstrap},
                                      std::pair{"Simulation.Source", &function.simulation.Source}}) {
        if (!path->empty()) throw FunctionCodeError(field, "expected no code path here: this run takes built-in handlers only");
    }
    const BuiltinHandler* handler = find_builtin_handler(function.Handler);
    if (handler == nullptr) {
        throw FunctionCodeError("Handler", "expected " + describe_handlers() + ", got " + nlohmann::json(function.Handler).dump());
    }
    try {
        const auto& params = function.simulation.Params;
        return make_in_process_code(handler->make_sqs ? handler->make_sqs(params) : SqsHandler{},
                                    handler->make_kinesis ? handler->make_kinesis(params) : KinesisHandler{},
                                    handler->reads);
    } catch (const HandlerParamError& error) {
        throw FunctionCodeError("Simulation.Params." + error.field, "expected " + error.expected);
    } catch (const std::exception& error) {
        throw FunctionCodeError("Simulation.Params", "expected parameters the handler \"" + handler->name +
                                                         "\" accepts: " + error.what());
    }
}

std::string BuiltinCatalog::describe_handlers() const {
    std::string names;
    for (const BuiltinHandler& handler : builtin_handlers()) names += (names.empty() ? "" : ", ") + handler.name;
    return "a built-in handler: " + names;
}

const HandlerCatalog& default_catalog() {
    static const BuiltinCatalog catalog;
    return catalog;
}

std::string response_too_large_message(std::size_t size, std::int64_t limit_bytes) {
    return "Response payload size (" + std::to_string(size) + " bytes) exceeded maximum allowed payload size (" +
           std::to_string(limit_bytes) + " bytes).";
}

}  // namespace queuelab::sim
