#include "lambda_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>


namespace queuelab::sim {
namespace {

std::string timeout_message(const std::string& request_id, int timeout_s) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", static_cast<double>(timeout_s));
    return "RequestId: " + request_id + " Error: Task timed out after " + seconds + " seconds";
}

// A response larger than a synchronous invoke may return fails the invoke (docs/aws-rules.md 4.8).
void limit_response_size(Execution& execution, std::int64_t limit_bytes) {
    if (execution.result != InvocationResult::Success || static_cast<std::int64_t>(execution.payload.size()) <= limit_bytes) {
        return;
    }
    execution.result = InvocationResult::Error;
    execution.error_type = "Function.ResponseSizeTooLarge";
    execution.error_message = response_too_large_message(execution.payload.size(), limit_bytes);
    execution.payload.clear();
}

}  // namespace

LambdaService::LambdaService(const Scenario& scenario, const HandlerCatalog& catalog)
    : scenario_(scenario) {
    int reserved_total = 0;
    for (const auto& [name, config] : scenario.functions) {
        Function f;
        f.config = config;
        f.arn = "arn:aws:lambda:" + scenario.region + ":" + scenario.account_id + ":function:" + config.name;
        f.code = catalog.load(config, scenario.directory, scenario.limits);
        reserved_total += config.ReservedConcurrentExecutions.value_or(0);
        functions_.push_back(std::move(f));
    }
    unreserved_pool_ = scenario.account_concurrency - reserved_total;
}

std::uint32_t LambdaService::function_index(const std::string& name) const {
    for (std::uint32_t i = 0; i < functions_.size(); ++i) {
        if (functions_[i].config.name == name) return i;
    }
    return kNone;
}

int LambdaService::concurrency_cap(std::uint32_t function) const {
    const auto& reserved = functions_[function].config.ReservedConcurrentExecutions;
    return reserved ? *reserved : unreserved_pool_;
}

int LambdaService::environment_count(std::uint32_t function) const {
    int alive = 0;
    for (const auto& environment : functions_[function].environments) alive += environment.alive;
    return alive;
}

int LambdaService::idle_environment_count(std::uint32_t function) const {
    int idle = 0;
    for (const auto environment : functions_[function].idle) idle += functions_[function].environments[environment].alive;
    return idle;
}

std::optional<std::string> LambdaService::throttle_reason(const Function& f) const {
    if (f.config.ReservedConcurrentExecutions) {
        if (f.in_use >= *f.config.ReservedConcurrentExecutions) {
            return "ReservedFunctionConcurrentInvocationLimitExceeded";
        }
    } else if (unreserved_in_use_ >= unreserved_pool_) {
        return "ConcurrentInvocationLimitExceeded";
    }
    return std::nullopt;
}

Admission LambdaService::acquire(SimTime now, std::uint32_t function) {
    auto& f = functions_[function];
    Admission admission;
    if (auto reason = throttle_reason(f)) {
        admission.throttle_reason = std::move(*reason);
        return admission;
    }
    admission.environment = take_warm_environment(now, f);
    if (admission.environment == kNone) {
        const auto period = now / from_seconds(scenario_.limits.scaling_period_s);
        if (period != f.scaling_period) {
            f.scaling_period = period;
            f.created_in_period = 0;
        }
        if (f.created_in_period >= scenario_.limits.environments_per_scaling_period) {
            admission.throttle_reason = "CallerRateLimitExceeded";
            return admission;
        }
        ++f.created_in_period;
        admission.environment = static_cast<std::uint32_t>(f.environments.size());
        f.environments.push_back(Environment{});
        admission.cold_start = true;
    }
    admission.admitted = true;
    ++f.in_use;
    ++total_in_use_;
    if (!f.config.ReservedConcurrentExecutions) ++unreserved_in_use_;
    return admission;
}

std::uint32_t LambdaService::take_warm_environment(SimTime now, Function& f) {
    const SimTime lifetime = from_seconds(scenario_.limits.idle_environment_lifetime_s);
    while (!f.idle.empty()) {
        const auto newest = f.idle.back();
        f.idle.pop_back();
        if (now - f.environments[newest].idle_since <= lifetime) return newest;
        // The newest idle environment was reclaimed, so every older one was too.
        f.idle.push_back(newest);
        for (const auto reclaimed : f.idle) end_environment(f, reclaimed);
        f.idle.clear();
    }
    return kNone;
}

void LambdaService::end_environment(Function& f, std::uint32_t environment) {
    f.environments[environment].alive = false;
    f.code->end_environment(environment);
}

void LambdaService::release(SimTime now, std::uint32_t function, std::uint32_t environment,
                            const Execution& execution) {
    auto& f = functions_[function];
    --f.in_use;
    --total_in_use_;
    if (!f.config.ReservedConcurrentExecutions) --unreserved_in_use_;
    if (execution.environment_lost) {
        end_environment(f, environment);
        return;
    }
    f.environments[environment].idle_since = now;
    f.idle.push_back(environment);
}

Execution LambdaService::execute(std::uint32_t function, std::uint32_t environment, bool cold_start,
                                 const InvokeEvent& event, const std::string& request_id, SimTime start,
                                 InvocationCalls* calls) {
    auto& f = functions_[function];
    const auto& simulation = f.config.simulation;
    Execution execution;
    execution.init_ms = cold_start ? simulation.ColdStartMs : 0;
    const auto start_ms = epoch_millis(start) + static_cast<std::int64_t>(execution.init_ms);
    if (calls != nullptr) {
        const SimTime phase_start = start + from_millis(execution.init_ms);
        calls->begin(phase_start, phase_start + from_seconds(f.config.Timeout));
    }
    InvocationContext context(request_id, f.config.name, function_arn(function), f.config.MemorySize,
                              start_ms + std::int64_t{f.config.Timeout} * 1000, start_ms, calls);
    context.set_params(simulation.Params);
    auto outcome = f.code->invoke(environment, event, context);
    const double call_ms = calls != nullptr ? calls->call_time_ms() : 0.0;
    if (calls != nullptr) execution.calls = calls->take_calls();
    execution.result = outcome.result;
    execution.payload = std::move(outcome.payload);
    execution.error_type = std::move(outcome.error_type);
    execution.error_message = std::move(outcome.error_message);
    execution.logs = std::move(outcome.logs);
    execution.max_memory_used_mb = outcome.max_memory_used_mb;
    execution.environment_lost = outcome.environment_lost;
    // An invoke takes at least a millisecond (Lambda's billing unit), so virtual time always
    // moves on, even for a handler that fails instantly forever.
    execution.duration_ms = std::max(1.0, simulation.DurationMs +
                                              simulation.PerRecordMs * static_cast<double>(record_count(event)) +
                                              outcome.declared_work_ms + call_ms);
    const double timeout_ms = f.config.Timeout * 1000.0;
    if (execution.result == InvocationResult::Timeout || execution.duration_ms > timeout_ms) {
        execution.duration_ms = timeout_ms;
        execution.result = InvocationResult::Timeout;
        execution.payload.clear();
        execution.error_type = "Sandbox.Timedout";
        execution.error_message = timeout_message(request_id, f.config.Timeout);
    }
    limit_response_size(execution, scenario_.limits.invoke_payload_limit_bytes);
    return execution;
}

void LambdaService::update_function(const ScenarioAction& action) {
    const auto function = function_index(action.FunctionName);
    auto& f = functions_[function];
    if (action.Timeout) f.config.Timeout = *action.Timeout;
    if (action.DurationMs) f.config.simulation.DurationMs = *action.DurationMs;
    if (action.ReservedConcurrentExecutions) set_reserved_concurrency(function, action.ReservedConcurrentExecutions);
}

void LambdaService::update_configuration(const FunctionConfig& config) {
    const auto function = function_index(config.name);
    auto& f = functions_[function];
    f.config.Timeout = config.Timeout;
    f.config.MemorySize = config.MemorySize;
    f.config.simulation.DurationMs = config.simulation.DurationMs;
    f.config.simulation.PerRecordMs = config.simulation.PerRecordMs;
    f.config.simulation.ColdStartMs = config.simulation.ColdStartMs;
    set_reserved_concurrency(function, config.ReservedConcurrentExecutions);
}

// Moves the function between its own reservation and the shared unreserved pool, taking its
// running executions along.
void LambdaService::set_reserved_concurrency(std::uint32_t function, std::optional<int> reserved) {
    auto& f = functions_[function];
    const auto& before = f.config.ReservedConcurrentExecutions;
    unreserved_pool_ += before.value_or(0) - reserved.value_or(0);
    if (!before && reserved) unreserved_in_use_ -= f.in_use;
    if (before && !reserved) unreserved_in_use_ += f.in_use;
    f.config.ReservedConcurrentExecutions = reserved;
}

void describe_throttle(const Admission& admission, InvocationRecord& record, TextPool& texts) {
    record.result = InvocationResult::Throttled;
    record.error_type = texts.keep("TooManyRequestsException");
    record.error_message = texts.keep("Rate Exceeded. Reason: " + admission.throttle_reason);
}

void describe_execution(const Execution& execution, InvocationRecord& record, TextPool& texts) {
    record.result = execution.result;
    record.init_ms = execution.init_ms;
    record.duration_ms = execution.duration_ms;
    record.response_payload = texts.keep(execution.payload);
    record.error_type = texts.keep(execution.error_type);
    record.error_message = texts.keep(execution.error_message);
    record.logs = texts.keep(execution.logs);
    record.max_memory_used_mb = execution.max_memory_used_mb;
}

std::string lambda_log(const InvocationRecord& record, const std::string& request_id, bool measured_memory) {
    char line[256];
    std::string log = "START RequestId: " + request_id + " Version: $LATEST\n";
    log += record.logs.view();
    if (!record.logs.empty() && record.logs.view().back() != '\n') log += '\n';
    log += "END RequestId: " + request_id + "\n";
    std::snprintf(line, sizeof line, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %.0f ms\tMemory Size: %d MB",
                  request_id.c_str(), record.duration_ms, record.billed_ms(), record.memory_mb);
    log += line;
    if (measured_memory && record.max_memory_used_mb > 0) {
        std::snprintf(line, sizeof line, "\tMax Memory Used: %.0f MB", record.max_memory_used_mb);
        log += line;
    }
    if (record.init_ms > 0) {
        std::snprintf(line, sizeof line, "\tInit Duration: %.2f ms", record.init_ms);
        log += line;
    }
    return log + "\n";
}

std::string function_error_of(const InvocationRecord& record) {
    if (record.error_type.empty()) return {};
    if (record.error_type == "InvalidBatchResponse") return record.error_type.str();
    switch (record.result) {
        case InvocationResult::Error:
        case InvocationResult::Timeout:
        case InvocationResult::Crashed: return "Unhandled";
        case InvocationResult::Success:
        case InvocationResult::Partial:
        case InvocationResult::Throttled: return {};
    }
    return {};
}

double invocation_cost_usd(const ServiceLimits& limits, double billed_ms, int memory_mb) {
    const double gb_seconds = (memory_mb / 1024.0) * (billed_ms / 1000.0);
    return gb_seconds * limits.price_per_gb_second + limits.price_per_million_requests / 1e6;
}

}  // namespace queuelab::sim
