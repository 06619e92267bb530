#pragma once
// The Lambda Runtime API (version 2018-06-01) as both ends of queuelab speak it: the paths and
// headers of AWS's contract, and the two headers queuelab adds so that a handler process runs in
// the simulation's virtual time. A process that ignores the queuelab headers (any `bootstrap`
// built for provided.al2023) still works; a queuelab handler run by AWS Lambda, which sends no
// such header, falls back to the wall clock and its declared work is ignored.

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

}  // namespace queuelab::runtime_api
