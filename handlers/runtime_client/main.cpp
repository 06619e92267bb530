// The main() of a learner's handler process: queuelab's runtime client. It asks the Lambda
// Runtime API for the next event, parses it into the typed event its eventSource names, calls
// the learner's handle() for that type, and posts the response, or the error an exception
// became ({errorType: the exception's type, errorMessage: its what()}). A HandlerCrash ends the
// process (Runtime.ExitError), as do a crash and an exit; memory exhausted under MemorySize (an
// allocation that fails) ends it as Lambda ends a function out of memory, by SIGKILL. With
// AWS_ENDPOINT_URL set, the context's clients call the services there (http_service_endpoint.h);
// a call that finds the invocation over (InvocationStopped) ends the invoke as an error of that
// type, as the simulator's in-process code does.
//
// The learner defines either or both of these; the other stays a null weak reference.

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <string>

#include "queuelab/handler.h"
#include "http_service_endpoint.h"
#include "queuelab/runtime_support.h"
#include "runtime_api_client.h"

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));
queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext& context)
    __attribute__((weak));

namespace queuelab::runtime_client {
namespace {

const SqsEntry sqs_handler = &::handle;
const KinesisEntry kinesis_handler = &::handle;

std::string environment(const char* name, const char* otherwise = "") {
    const char* value = std::getenv(name);
    return value == nullptr ? otherwise : value;
}

std::int64_t wall_clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// What one invoke ended with: a payload to post, or an error.
struct Result {
    bool failed = false;
    std::string payload;
    std::string error_type;
    std::string error_message;
};

Result fail(std::string type, std::string message) { return {true, {}, std::move(type), std::move(message)}; }

[[noreturn]] void exit_as_crashed(const char* what) {
    std::cerr << what << std::endl;
    std::fflush(nullptr);
    std::_Exit(1);
}

// Allocation failed: the process has used the memory MemorySize allows. Lambda stops such a
// process with SIGKILL (Runtime.OutOfMemory); so does this one.
[[noreturn]] void exit_out_of_memory() {
    std::fflush(nullptr);
    ::kill(::getpid(), SIGKILL);
    std::_Exit(137);
}

Result run_one(const std::string& event_text, InvocationContext& context) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(event_text);
    } catch (const std::bad_alloc&) {
        exit_out_of_memory();
    } catch (const std::exception& error) {
        return fail("Runtime.UnmarshalError", error.what());
    }
    try {
        HandlerResponse response = call_handle(document, context, sqs_handler, kinesis_handler);
        if (response.error) return fail(response.error->type_or_unhandled(), std::move(response.error->errorMessage));
        return {false, std::move(response.payload), {}, {}};
    } catch (const InvocationStopped& stopped) {
        return fail("InvocationStopped", stopped.reason);
    } catch (const HandlerCrash& crash) {
        exit_as_crashed(crash.what());
    } catch (const std::bad_alloc&) {
        exit_out_of_memory();
    } catch (const std::exception& error) {
        return fail(error_type_of(error), error.what());
    } catch (...) {
        return fail(current_exception_type(), "unknown exception");
    }
}

int run(RuntimeApiClient& api) {
    const std::string function_name = environment("AWS_LAMBDA_FUNCTION_NAME");
    const int memory_mb = std::atoi(environment("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128").c_str());
    if (sqs_handler == nullptr && kinesis_handler == nullptr) {
        api.post_init_error("Runtime.HandlerNotFound",
                            "define handle(const queuelab::SqsEvent&, queuelab::InvocationContext&) or "
                            "handle(const queuelab::KinesisEvent&, queuelab::InvocationContext&)");
        return 1;
    }
    std::optional<HttpServiceEndpoint> services = endpoint_from_environment();
    nlohmann::json params = nlohmann::json::parse(environment("QUEUELAB_HANDLER_PARAMS", "{}"), nullptr, false);
    if (params.is_discarded()) params = nlohmann::json::object();
    for (;;) {
        const NextInvocation next = api.next();
        InvocationContext context(next.request_id, function_name, next.function_arn, memory_mb, next.deadline_ms,
                                  next.start_ms.value_or(wall_clock_ms()), services ? &*services : nullptr);
        context.set_params(params);
        const Result result = run_one(next.event, context);
        std::cout.flush();
        std::fflush(nullptr);
        const HttpResponse answer =
            result.failed
                ? api.post_error(next.request_id, result.error_type, result.error_message, context.extra_work_ms())
                : api.post_response(next.request_id, result.payload, context.extra_work_ms());
        if (answer.status != 202) std::cerr << "queuelab runtime client: " << answer.status << " " << answer.body << std::endl;
    }
}

}  // namespace
}  // namespace queuelab::runtime_client

int main() {
    const char* endpoint = std::getenv("AWS_LAMBDA_RUNTIME_API");
    if (endpoint == nullptr) {
        std::cerr << "queuelab runtime client: AWS_LAMBDA_RUNTIME_API is not set; run this handler through "
                     "queuelab or AWS Lambda (provided.al2023)"
                  << std::endl;
        return 1;
    }
    try {
        queuelab::runtime_client::RuntimeApiClient api(endpoint);
        return queuelab::runtime_client::run(api);
    } catch (const std::exception& error) {
        std::cerr << "queuelab runtime client: " << error.what() << std::endl;
        return 1;
    }
}
