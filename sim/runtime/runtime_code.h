#pragma once
// A function whose code is a process speaking the Lambda Runtime API: a `bootstrap` built for
// provided.al2023, or a learner's handler built with queuelab's runtime client
// (handler_builder.h). One process per execution environment (docs/aws-rules.md §6.13): started on
// the environment's first invoke (its init lasts until it first asks for an event), reused
// while the environment is warm, and ended when Lambda reclaims or discards the environment or
// the code is destroyed. What the process does becomes the invoke's outcome as AWS records it:
//
//   posts a response                     Success with its payload
//   posts an error                       Error with the posted errorType and errorMessage
//   posts a response over the limit      Error Function.ResponseSizeTooLarge (the API answers 413)
//   posts init/error                     Error with the posted errorType (Runtime.InitError when
//                                        it names none); the environment is discarded
//   exits or crashes before answering    Crashed Runtime.ExitError, "RequestId: ... Error: Runtime
//                                        exited with error: signal: segmentation fault" (or "exit
//                                        status N", or "Runtime exited without providing a
//                                        reason" for status 0); the environment is discarded
//   allocates past MemorySize            Crashed Runtime.OutOfMemory ("... signal: killed")
//   still running when its time is up    stopped; Timeout; the environment is discarded
//
// Memory: the process's private writable memory is limited to MemorySize with RLIMIT_DATA, so an
// allocation past it fails; queuelab's runtime client then ends its process with SIGKILL, as
// Lambda's memory limit does, and a SIGKILL this code did not send reads as Runtime.OutOfMemory.
// Another runtime whose allocation fails ends as it chooses (usually Runtime.ExitError).
//
// Time: an invoke's simulated duration is never measured here. The wall clock only decides when
// a process that does not answer is stopped: the init after `init_time_cap_s`, an invoke after
// min(Timeout, `invoke_time_cap_s`), so a learner is not kept waiting for a 15-minute Timeout.
// An invoke ends when the runtime asks for the next event (the end of Lambda's invoke phase):
// a runtime that exits after answering, or keeps running without asking, loses its environment
// but keeps its answer, and the next invoke starts a new one (a cold start).
//
// The logs of an invoke are what the process wrote to stdout and stderr from the end of the
// previous invoke (from its start, for the first) to the end of this one.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "event_source.h"
#include "function_code.h"

namespace queuelab::runtime {

struct RuntimeOptions {
    double init_time_cap_s = 10;     // Lambda's own init limit is 10 s
    double invoke_time_cap_s = 10;
    std::size_t payload_limit_bytes = 6'291'456;  // ServiceLimits::invoke_payload_limit_bytes
    std::size_t log_limit_bytes = 1 << 20;        // per invoke; the rest is counted, not kept
};

struct RuntimeExecutable {
    std::string path;       // the executable
    std::string handler;    // _HANDLER: the function's Handler setting, for the runtime to read
    std::string task_root;  // LAMBDA_TASK_ROOT and the working directory
    // The kinds of event the code takes; empty: any (a bootstrap's business).
    std::vector<sim::EventSourceKind> kinds;
};

std::unique_ptr<sim::FunctionCode> make_runtime_code(RuntimeExecutable executable, RuntimeOptions options = {});

}  // namespace queuelab::runtime
