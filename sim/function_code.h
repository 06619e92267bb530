#pragma once
// A function's code, as the Lambda service runs it (docs/aws-rules.md 4.5-4.10, 5.10-5.11): a
// built-in handler compiled into queuelab, a learner's C++ source built into a process of its own,
// or any executable that speaks the Lambda Runtime API (docs/aws-rules.md 6). Each kind is one
// implementation of FunctionCode; a HandlerCatalog turns a function's configuration into its
// code. The loader asks the catalog to validate a function, and each engine asks it for fresh
// code, so that every run starts from the same state. Tests inject catalogs of their own.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "builtin_handlers.h"
#include "event_source.h"
#include "queuelab/handler.h"
#include "recorder.h"
#include "scenario.h"

namespace queuelab::sim {

// The event of one invoke, as typed values; the alternative says which kind of event source
// sent it.
using InvokeEvent = std::variant<const SqsEvent*, const KinesisEvent*>;
EventSourceKind kind_of(const InvokeEvent& event);
std::size_t record_count(const InvokeEvent& event);

// What the code did with one invoke, before the Lambda service applies Timeout and billing.
struct CodeOutcome {
    // Success: the handler returned `payload`. Error: it threw, or its runtime posted an invocation
    // error. Crashed: its runtime exited (Runtime.ExitError) or was ended for memory. Timeout: it
    // was still running at its deadline and was stopped.
    InvocationResult result = InvocationResult::Success;
    std::string payload;
    std::string error_type;     // "Unhandled", "Runtime.ExitError", ...; empty on success
    std::string error_message;
    double declared_work_ms = 0;  // virtual time the handler declared (InvocationContext::simulate_work)
    std::string logs;             // what the handler printed during the invoke
    bool environment_lost = false;  // the execution environment cannot run another invoke
    // Peak memory of the environment so far, in MB, when the code can measure it (a process's
    // resident memory); 0 otherwise. Measured, so not deterministic: it never enters the report.
    double max_memory_used_mb = 0;
};

class FunctionCode {
public:
    virtual ~FunctionCode() = default;
    // True when the code has a handler for events of this kind. An executable that speaks the
    // Runtime API takes any event; what it does with it is its own business.
    virtual bool handles(EventSourceKind kind) const = 0;
    // The parts of its records the code reads; the mappings build only these. Code that may
    // read any part (all but the built-ins, which declare theirs) gets every part.
    virtual RecordParts record_parts() const { return {}; }
    // Runs one invoke in execution environment `environment`. An environment id the code has not
    // seen before is a new environment (a cold start): its init runs first.
    // REQUIRES: handles(kind_of(event)).
    virtual CodeOutcome invoke(std::uint32_t environment, const InvokeEvent& event,
                               InvocationContext& context) = 0;
    // The Lambda service reclaimed the environment (idle too long, or discarded after an
    // environment_lost outcome); its id is never used again.
    virtual void end_environment(std::uint32_t environment) { (void)environment; }
};

// Code that runs handler functions in the simulator's process, as the built-ins run: a thrown
// exception is a function error (Unhandled), HandlerCrash a crash, InvocationStopped the end of an
// invocation its calls found over (services.h). Either handler may be empty: the code does not take
// that kind of event. `reads`: FunctionCode::record_parts.
std::unique_ptr<FunctionCode> make_in_process_code(SqsHandler sqs, KinesisHandler kinesis, RecordParts reads = {});

// The error message of an invoke whose response of `size` bytes is over `limit_bytes`
// (Function.ResponseSizeTooLarge, docs/aws-rules.md 4.8), for every kind of code.
std::string response_too_large_message(std::size_t size, std::int64_t limit_bytes);

// A function whose code cannot be loaded. `field` is the path under the function
// ("Handler", "Simulation.Params.fail_ids", "Simulation.Source"); `expected` says what was
// expected, in the loader's "expected ..." wording.
struct FunctionCodeError : std::runtime_error {
    FunctionCodeError(std::string field, std::string expected)
        : std::runtime_error(field + ": " + expected), field(std::move(field)), expected(std::move(expected)) {}
    std::string field;
    std::string expected;
};

class HandlerCatalog {
public:
    virtual ~HandlerCatalog() = default;
    // Builds the code of `function`. Relative paths in its settings are taken from
    // `scenario_dir`. Throws FunctionCodeError when the settings do not name loadable code.
    virtual std::unique_ptr<FunctionCode> load(const FunctionConfig& function,
                                               const std::string& scenario_dir) const = 0;
    // The same for a run with these service limits (the invoke payload limit, docs/aws-rules.md
    // 2.8, bounds what an out-of-process handler may return). Code that the limits do not concern
    // loads as above.
    virtual std::unique_ptr<FunctionCode> load(const FunctionConfig& function, const std::string& scenario_dir,
                                               const ServiceLimits& limits) const {
        (void)limits;
        return load(function, scenario_dir);
    }
    // "a built-in handler: a, b, c", for errors about a function's Handler.
    virtual std::string describe_handlers() const = 0;
};

// The handlers compiled into queuelab (handlers/builtin_handlers.h), by Handler name.
class BuiltinCatalog : public HandlerCatalog {
public:
    using HandlerCatalog::load;
    std::unique_ptr<FunctionCode> load(const FunctionConfig& function,
                                       const std::string& scenario_dir) const override;
    std::string describe_handlers() const override;
};

// The catalog a run uses when none is given: the built-ins.
const HandlerCatalog& default_catalog();

}  // namespace queuelab::sim
