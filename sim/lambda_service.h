#pragma once
// Simulated Lambda service (docs/aws-rules.md 4.1-4.11, with the simulator's choices 5.9-5.11):
// account and reserved concurrency, throttling, execution environments with cold and warm starts,
// the scaling rate, Timeout, and the duration and cost of an invoke. Each function runs its
// FunctionCode (function_code.h); the simulated duration comes from the function's Simulation
// settings plus the work the handler declares, never from the wall clock.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "function_code.h"
#include "handler_services.h"
#include "queuelab/handler.h"
#include "recorder.h"
#include "scenario.h"

namespace queuelab::sim {

struct Admission {
    bool admitted = false;
    bool cold_start = false;
    std::uint32_t environment = kNone;
    std::string throttle_reason;  // when not admitted, AWS's Reason for TooManyRequestsException
};

struct Execution {
    InvocationResult result = InvocationResult::Success;  // Success, Error, Timeout or Crashed
    std::string payload;  // what the function returned (Success only)
    std::string error_type;
    std::string error_message;
    std::string logs;     // what the handler printed
    double max_memory_used_mb = 0;  // measured for a process of its own (not deterministic); 0: unknown
    bool environment_lost = false;  // the execution environment must be discarded
    double init_ms = 0;
    double duration_ms = 0;
    std::vector<CallRecord> calls;  // the handler's service calls
};

class LambdaService {
public:
    // Builds each function's code from `catalog`, paths relative to scenario.directory.
    // REQUIRES: the scenario was validated with the same catalog (its code loads).
    LambdaService(const Scenario& scenario, const HandlerCatalog& catalog);

    std::uint32_t function_count() const { return static_cast<std::uint32_t>(functions_.size()); }
    std::uint32_t function_index(const std::string& name) const;
    const FunctionConfig& config(std::uint32_t function) const { return functions_[function].config; }
    const std::string& function_arn(std::uint32_t function) const { return functions_[function].arn; }
    RecordParts record_parts(std::uint32_t function) const { return functions_[function].code->record_parts(); }

    // Reserves one concurrent execution and an execution environment, or says why the invoke is
    // throttled (reserved concurrency, unreserved account concurrency, scaling rate).
    Admission acquire(SimTime now, std::uint32_t function);
    // Frees the execution; an environment that `execution` lost is discarded instead of kept warm.
    void release(SimTime now, std::uint32_t function, std::uint32_t environment, const Execution& execution);

    // Runs the function's code on `event` in `environment` and works out the invoke's simulated
    // duration and result: its Simulation settings, the work the handler declared and its service
    // calls through `calls` (none when null). A response over invoke_payload_limit_bytes, whatever
    // kind of code returned it, fails the invoke (Function.ResponseSizeTooLarge, docs/aws-rules.md
    // 4.8). REQUIRES: the function's code handles that kind of event.
    Execution execute(std::uint32_t function, std::uint32_t environment, bool cold_start, const InvokeEvent& event,
                      const std::string& request_id, SimTime start, InvocationCalls* calls = nullptr);

    // UpdateFunctionConfiguration / PutFunctionConcurrency, applied from now on.
    void update_function(const ScenarioAction& action);
    // The same from a whole configuration (the lab's live edits): Timeout, MemorySize, reserved
    // concurrency (PutFunctionConcurrency or DeleteFunctionConcurrency) and the simulated
    // durations apply to invokes that start from now on; running invokes keep theirs. Handler
    // and Params (the code) are not changed.
    void update_configuration(const FunctionConfig& config);

    int concurrency_in_use(std::uint32_t function) const { return functions_[function].in_use; }
    int total_concurrency_in_use() const { return total_in_use_; }
    int environment_count(std::uint32_t function) const;
    // Execution environments that are alive and not running an invoke (warm, reusable).
    int idle_environment_count(std::uint32_t function) const;
    // The most executions this function can run at once (reserved, else the unreserved pool).
    int concurrency_cap(std::uint32_t function) const;

private:
    void set_reserved_concurrency(std::uint32_t function, std::optional<int> reserved);

    struct Environment {
        SimTime idle_since = 0;
        bool alive = true;
    };
    struct Function {
        FunctionConfig config;
        std::string arn;
        std::unique_ptr<FunctionCode> code;
        int in_use = 0;
        std::vector<Environment> environments;
        std::deque<std::uint32_t> idle;  // most recently used at the back
        std::int64_t scaling_period = -1;
        int created_in_period = 0;
    };

    std::optional<std::string> throttle_reason(const Function& f) const;
    std::uint32_t take_warm_environment(SimTime now, Function& f);
    void end_environment(Function& f, std::uint32_t environment);

    const Scenario& scenario_;
    std::vector<Function> functions_;
    int unreserved_pool_ = 0;
    int unreserved_in_use_ = 0;
    int total_in_use_ = 0;
};

// Marks the record as a throttled invoke attempt (TooManyRequestsException with AWS's reason),
// its texts kept in `texts`.
void describe_throttle(const Admission& admission, InvocationRecord& record, TextPool& texts);

// Copies an execution's result, timing, response and logs into the invocation's record (not its
// calls), the texts kept in `texts`.
void describe_execution(const Execution& execution, InvocationRecord& record, TextPool& texts);

// The invocation's log as Lambda writes it (docs/aws-rules.md 6.8): START, what the handler
// printed, END, and REPORT with Duration, Billed Duration, Memory Size, Init Duration on a cold
// start and, with `measured_memory`, Max Memory Used (measured, so not deterministic: the report
// leaves it out).
std::string lambda_log(const InvocationRecord& record, const std::string& request_id, bool measured_memory);

// The Invoke API's FunctionError (X-Amz-Function-Error) for the invocation, as an on-failure
// record's responseContext.functionError carries it (docs/aws-rules.md 5.15): "Unhandled" for every
// function error, whatever its errorType (an exception, a crash, Runtime.ExitError, a timeout, an
// error a Runtime API process posted); "InvalidBatchResponse" (the simulator's) when the function
// returned a response the mapping could not read; empty when there was no function error.
std::string function_error_of(const InvocationRecord& record);

// Dollars for one invoke: GB-seconds of billed duration plus the request charge.
double invocation_cost_usd(const ServiceLimits& limits, double billed_ms, int memory_mb);

}  // namespace queuelab::sim
