// The Lambda glue: AWS's C++ runtime (aws-lambda-cpp) takes each event from Lambda's Runtime API
// and hands it to the handle() of src/ for its kind of event; the handler's response is the
// function's response, and an exception a function error named by its type. A HandlerCrash ends
// the process, as a crash would.

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include <aws/lambda-runtime/runtime.h>

#include "queuelab/runtime_support.h"

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));
queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));

namespace {

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

std::int64_t epoch_ms(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string environment(const char* name, const char* otherwise) {
    const char* value = std::getenv(name);
    return value == nullptr ? otherwise : value;
}

invocation_response invoke(const invocation_request& request) {
    queuelab::InvocationContext context(request.request_id, environment("AWS_LAMBDA_FUNCTION_NAME", ""),
                                        request.function_arn,
                                        std::atoi(environment("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128").c_str()),
                                        epoch_ms(request.deadline), epoch_ms(std::chrono::system_clock::now()));
    nlohmann::json event;
    try {
        event = nlohmann::json::parse(request.payload);
    } catch (const std::exception& error) {
        return invocation_response::failure(error.what(), "Runtime.UnmarshalError");
    }
    try {
        queuelab::HandlerResponse response = queuelab::call_handle(event, context, &::handle, &::handle);
        if (response.error) return invocation_response::failure(response.error->errorMessage, response.error->type_or_unhandled());
        return invocation_response::success(std::move(response.payload), "application/json");
    } catch (const queuelab::HandlerCrash& crash) {
        std::cerr << crash.what() << std::endl;
        std::_Exit(1);
    } catch (const std::exception& error) {
        return invocation_response::failure(error.what(), queuelab::error_type_of(error));
    } catch (...) {
        return invocation_response::failure("unknown exception", queuelab::current_exception_type());
    }
}

}  // namespace

int main() {
    aws::lambda_runtime::run_handler(invoke);
    return 0;
}
