#pragma once
// The handler API: a handler is a C++ function of the event and the invocation context that
// returns a response or a failure, or throws. Like Lambda's C++ runtime, the response is the payload bytes the
// function returns, so a handler can return anything, including invalid JSON; the event source
// mapping then applies AWS's response rules to those bytes (docs/aws-rules.md 2.11-2.14, and
// 3.19 for streams; 5.12 for shapes AWS does not describe).
//
// Depends only on the standard library and nlohmann/json.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "kinesis_event.h"
#include "services.h"
#include "sqs_event.h"

namespace queuelab {

// An error the handler reports by returning it, as aws-lambda-cpp's
// invocation_response::failure does: the invoke is a function error with this errorType and
// errorMessage, exactly as if the handler had thrown (docs/aws-rules.md 4.9), without the cost of
// an exception. An empty errorType is `Unhandled`.
struct FunctionError {
    std::string errorMessage;
    std::string errorType;

    std::string type_or_unhandled() const { return errorType.empty() ? "Unhandled" : errorType; }
};

// What the function returned. An empty payload is "returned nothing" (null). With an error the
// invoke failed and the payload is not used.
struct HandlerResponse {
    std::string payload;
    std::optional<FunctionError> error;

    static HandlerResponse none() { return {}; }
    static HandlerResponse json(const nlohmann::json& value) { return {value.dump(), std::nullopt}; }
    static HandlerResponse batch(const BatchResponse& response);
    static HandlerResponse raw(std::string bytes) { return {std::move(bytes), std::nullopt}; }
    static HandlerResponse failure(std::string error_message, std::string error_type) {
        return {{}, FunctionError{std::move(error_message), std::move(error_type)}};
    }
};

// Thrown by a handler to end its process abruptly (a segfault, abort or exit in real Lambda:
// `Runtime.ExitError`, docs/aws-rules.md 4.10). The execution environment is discarded; the
// invocation is a function error. Any other exception is an ordinary function error (4.9).
struct HandlerCrash : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Lambda's context object, plus what the simulator cannot learn from code: how long the work
// takes, and which record the handler is working on. Time is virtual. With a ServiceEndpoint the
// handler can call services (services.h); without one (a handler run on its own, in a test) every
// call returns the error NoEndpoint.
class InvocationContext {
public:
    InvocationContext(std::string aws_request_id, std::string function_name,
                      std::string invoked_function_arn, int memory_limit_in_mb,
                      std::int64_t deadline_epoch_ms, std::int64_t start_epoch_ms,
                      ServiceEndpoint* services = nullptr)
        : aws_request_id(std::move(aws_request_id)),
          function_name(std::move(function_name)),
          invoked_function_arn(std::move(invoked_function_arn)),
          memory_limit_in_mb(memory_limit_in_mb),
          deadline_epoch_ms(deadline_epoch_ms),
          now_epoch_ms_(start_epoch_ms),
          services_(services) {}

    const std::string aws_request_id;
    const std::string function_name;
    const std::string invoked_function_arn;
    const int memory_limit_in_mb;
    const std::int64_t deadline_epoch_ms;

    // Declares that the handler spent `milliseconds` of (virtual) time working, on top of the
    // function's Simulation.DurationMs and PerRecordMs. Past the deadline the invocation times
    // out, whatever the handler returns.
    void simulate_work(double milliseconds) { extra_work_ms_ += milliseconds; }
    double extra_work_ms() const { return extra_work_ms_; }
    // Virtual time the handler's service calls took so far.
    double call_time_ms() const { return call_time_ms_; }

    // The function's Simulation.Params (an object; {} when it has none): queuelab's way to hand a
    // handler its settings, for built-ins and learners' sources alike (a source's runtime client
    // reads them from QUEUELAB_HANDLER_PARAMS). On AWS a function reads such settings from its
    // environment variables.
    const nlohmann::json& params() const {
        static const nlohmann::json none = nlohmann::json::object();
        return params_ != nullptr ? *params_ : none;
    }
    // Gives the handler `params` (null: none), without copying them. REQUIRES: `params` outlives
    // the context.
    void set_params(const nlohmann::json& params) { params_ = params.is_null() ? nullptr : &params; }
    void set_params(nlohmann::json&&) = delete;  // a temporary would not outlive the context

    // Milliseconds left before Timeout, counting the work declared and the calls made so far.
    std::int64_t remaining_time_ms() const {
        return deadline_epoch_ms - now_epoch_ms_ - static_cast<std::int64_t>(extra_work_ms_ + call_time_ms_);
    }

    // Names the record of the batch the handler is working on (its messageId or sequence number):
    // what the handler sends from now on names it as its parent (docs/report-format.md 4). With a
    // batch of one record, that record is the parent anyway.
    void set_current_record(std::string record_id) { current_record_ = std::move(record_id); }
    const std::string& current_record() const { return current_record_; }

    SqsClient sqs() { return SqsClient(*this); }
    KinesisClient kinesis() { return KinesisClient(*this); }
    DynamoDbClient dynamodb() { return DynamoDbClient(*this); }
    DownstreamClient downstreams() { return DownstreamClient(*this); }

    // Sends one call to the services and adds its virtual duration to the invocation. Throws
    // InvocationStopped when the invocation is over. The clients call this.
    ServiceReply call_service(const std::string& target, const nlohmann::json& request);
    // The endpoint the calls go to (null: none). A runtime that runs the handler in another
    // process answers that process's calls with it.
    ServiceEndpoint* services() const { return services_; }

private:
    std::int64_t now_epoch_ms_;
    double extra_work_ms_ = 0;
    double call_time_ms_ = 0;
    std::string current_record_;
    ServiceEndpoint* services_;
    const nlohmann::json* params_ = nullptr;
};

using SqsHandler = std::function<HandlerResponse(const SqsEvent&, InvocationContext&)>;
using KinesisHandler = std::function<HandlerResponse(const KinesisEvent&, InvocationContext&)>;

// A handler's parameters (the function's Simulation.Params) were wrong. `field` is the key under
// Params, `expected` says what was expected; the loader turns this into a bad-input error.
struct HandlerParamError : std::runtime_error {
    HandlerParamError(std::string field, std::string expected)
        : std::runtime_error(field + ": expected " + expected),
          field(std::move(field)),
          expected(std::move(expected)) {}
    std::string field;
    std::string expected;
};

}  // namespace queuelab
