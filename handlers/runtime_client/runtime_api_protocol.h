#pragma once
// The Lambda Runtime API (version 2018-06-01) as both ends of queuelab speak it: the paths and
// headers of AWS's contract, the services' JSON protocols at AWS_ENDPOINT_URL, and the headers
// queuelab adds so that a handler process runs in the simulation's virtual time. A process that ignores the queuelab headers (any `bootstrap`
// built for provided.al2023) still works; a queuelab handler run by AWS Lambda, which sends no
// such header, falls back to the wall clock and its declared work is ignored.

#include <cstddef>

namespace queuelab::runtime_api {

inline constexpr const char* kNextPath = "/2018-06-01/runtime/invocation/next";
inline constexpr const char* kInvocationPrefix = "/2018-06-01/runtime/invocation/";  // + id + "/response" or "/error"
inline constexpr const char* kInitErrorPath = "/2018-06-01/runtime/init/error";

// Headers of the event GET /next returns.
inline constexpr const char* kRequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
inline constexpr const char* kDeadlineHeader = "Lambda-Runtime-Deadline-Ms";  // epoch ms
inline constexpr const char* kFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
inline constexpr const char* kTraceIdHeader = "Lambda-Runtime-Trace-Id";
// The error type a runtime names when it posts an invocation or init error.
inline constexpr const char* kFunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

// queuelab: when the invoke started, in virtual epoch milliseconds (InvocationContext's clock).
inline constexpr const char* kInvokeStartHeader = "Queuelab-Invoke-Start-Ms";
// queuelab: the virtual work the handler declared (InvocationContext::simulate_work), in
// milliseconds, on its response or error; printed with "%.17g" so that it reads back exactly.
inline constexpr const char* kSimulatedWorkHeader = "Queuelab-Simulated-Work-Ms";

// The services a handler calls (docs/aws-rules.md 7.1-7.3, 7.14): POST / at AWS_ENDPOINT_URL, the
// operation in X-Amz-Target ("AmazonSQS.SendMessage"), the request and the reply in the service's
// JSON protocol, errors as {"__type", "message"}. The same server that serves the Runtime API
// serves them, so a call reaches the invocation in progress.
inline constexpr const char* kServicePath = "/";
inline constexpr const char* kTargetHeader = "X-Amz-Target";
// queuelab: what the call carries besides its request (queuelab/services.h, CallInfo): the virtual
// work the handler declared before it ("%.17g") and the record it named (percent-encoded).
inline constexpr const char* kDeclaredWorkHeader = "Queuelab-Declared-Work-Ms";
inline constexpr const char* kCurrentRecordHeader = "Queuelab-Current-Record";
// queuelab, on the reply: the call's virtual duration ("%.17g"), and "true" when the call was not
// made because the invocation is over (InvocationStopped).
inline constexpr const char* kCallDurationHeader = "Queuelab-Call-Duration-Ms";
inline constexpr const char* kInvocationStoppedHeader = "Queuelab-Invocation-Stopped";

// The Content-Type of a service's JSON protocol, by the prefix of its X-Amz-Target: SQS and
// DynamoDB speak AWS JSON 1.0, Kinesis 1.1; queuelab's downstreams ("Queuelab.") 1.0.
inline const char* json_content_type(const char* target) {
    constexpr const char kinesis[] = "Kinesis_20131202.";
    for (std::size_t i = 0; i + 1 < sizeof kinesis; ++i) {
        if (target[i] != kinesis[i]) return "application/x-amz-json-1.0";
    }
    return "application/x-amz-json-1.1";
}

}  // namespace queuelab::runtime_api
