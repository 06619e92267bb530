#include "mapping_invoker.h"

#include "ids.h"

namespace queuelab::sim {

MappingInvoker::MappingInvoker(EventSourceKind kind, std::uint32_t mapping, std::uint32_t function,
                               MappingServices services)
    : kind_(kind), mapping_(mapping), function_(function), services_(services) {}

double MappingInvoker::record_throttle(SimTime now, const Admission& admission, std::span<const RecordRef> records,
                                       double backoff_s) {
    InvocationRecord record;
    record.source_kind = kind_;
    record.mapping = mapping_;
    record.function = function_;
    record.start = now;
    record.memory_mb = services_.lambda.config(function_).MemorySize;
    record.records = records;
    describe_throttle(admission, record, services_.recorder.texts());
    services_.recorder.add_invocation(record);
    services_.recorder.tally(function_, InvocationResult::Throttled);
    return next_backoff_s(services_.scenario.limits, backoff_s);
}

MappingInvoker::Running MappingInvoker::run(SimTime now, const Admission& admission, const InvokeEvent& event,
                                            std::span<const RecordRef> records) {
    InvocationRecord record;
    record.source_kind = kind_;
    record.mapping = mapping_;
    record.function = function_;
    record.start = now;
    record.memory_mb = services_.lambda.config(function_).MemorySize;
    record.records = records;
    const auto invocation = static_cast<std::uint32_t>(services_.recorder.invocations().size());
    const auto request_id = invocation_request_id(services_.scenario.seed, invocation);
    record.cold_start = admission.cold_start;
    Running running;
    running.environment = admission.environment;
    services_.handler_services.set_now(now);
    InvocationCalls calls(services_.handler_services, invocation, function_, event, records);
    running.execution = services_.lambda.execute(function_, admission.environment, admission.cold_start, event,
                                                 request_id, now, &calls);
    describe_execution(running.execution, record, services_.recorder.texts());
    running.invocation = services_.recorder.add_invocation(record, std::move(running.execution.calls));
    return running;
}

InvocationRecord MappingInvoker::finish(SimTime now, const Running& running) {
    services_.lambda.release(now, function_, running.environment, running.execution);
    return services_.recorder.invocations()[running.invocation];
}

void MappingInvoker::settled(const Running& running, const InvocationRecord& record) {
    services_.recorder.settle_invocation(running.invocation, record);
    services_.recorder.tally(function_, record.result);
}

}  // namespace queuelab::sim
