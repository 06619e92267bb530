// slow: a handler whose work takes time. It declares `work_ms` of simulated work per invocation
// and `per_record_ms` per record, and always succeeds, so it shows timeouts, visibility timeouts
// shorter than the work, and concurrency.

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

}  // namespace

BuiltinHandler slow_handler() {
    return {"slow",
            "Always succeeds after work_ms per invocation plus per_record_ms per record of work",
            "handlers/builtin/slow.cpp", [](const nlohmann::json& params) {
                const Workload workload = read_workload(params);
                return SqsHandler([workload](const SqsEvent& event, InvocationContext& context) {
                    context.simulate_work(workload.work_ms);
                    return HandlerResponse::batch(collect_failures(event, [&](const SqsMessage&) {
                        context.simulate_work(workload.per_record_ms);
                        return RecordOutcome::processed;
                    }));
                });
            }};
}

}  // namespace queuelab::builtin
