// slow: a handler whose work takes time. It declares `work_ms` of simulated work per invocation
// and `per_record_ms` per record, and always succeeds, so it shows timeouts, visibility timeouts
// shorter than the work, and concurrency. It takes SQS and Kinesis events alike.

#include "batch_failures.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

struct Workload {
    double work_ms;
    double per_record_ms;
};

Workload read_workload(const nlohmann::json& params) {
    const HandlerParams reader(params, {"work_ms", "per_record_ms"});
    return {reader.number("work_ms", 1000, 0), reader.number("per_record_ms", 0, 0)};
}

// A handler for SqsEvent or KinesisEvent.
auto work_for(const Workload& workload) {
    return [workload](const auto& event, InvocationContext& context) {
        context.simulate_work(workload.work_ms);
        return HandlerResponse::batch(collect_failures(event, [&](const auto& /*record*/) {
            context.simulate_work(workload.per_record_ms);
            return RecordOutcome::processed;
        }));
    };
}

}  // namespace

BuiltinHandler slow_handler() {
    return {
        "slow",
        "Always succeeds after work_ms per invocation plus per_record_ms per record of work",
        "handlers/builtin/slow.cpp",
        [](const nlohmann::json& params) { return SqsHandler(work_for(read_workload(params))); },
        [](const nlohmann::json& params) {
            return KinesisHandler(work_for(read_workload(params)));
        },
        /*reads=*/{.sqs = {}, .kinesis = {}}};
}

}  // namespace queuelab::builtin
