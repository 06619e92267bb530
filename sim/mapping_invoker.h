#pragma once
// The invoke path every event source mapping shares (docs/aws-rules.md 4.1-4.11): ask Lambda
// for a concurrent execution; when there is none, record the throttled attempt with AWS's reason
// and say how long to back off; otherwise run the function's code on the batch, record the
// invocation, and free the execution environment when the invoke ends. What the response means
// for the batch (delete, checkpoint, retry) stays with each mapping.

#include <cstdint>
#include <vector>

#include "event_queue.h"
#include "kinesis_service.h"
#include "lambda_service.h"
#include "recorder.h"
#include "scenario.h"
#include "sqs_service.h"

namespace queuelab::sim {

// The services an event source mapping works with.
struct MappingServices {
    const Scenario& scenario;
    EventQueue& events;
    Recorder& recorder;
    SqsService& sqs;          // SQS event sources, and on-failure destinations
    KinesisService& kinesis;
    LambdaService& lambda;
    HandlerServices& handler_services;  // what handlers call during their invocations
};

class MappingInvoker {
public:
    // `mapping`: the mapping's index among the engine's mappings of its kind (InvocationRecord::mapping).
    MappingInvoker(EventSourceKind kind, std::uint32_t mapping, std::uint32_t function, MappingServices services);

    // An invoke under way.
    struct Running {
        std::uint32_t invocation = kNone;   // the recorder's invocation
        std::uint32_t environment = kNone;
        Execution execution;
    };

    // A concurrent execution for the next invoke, or why it is throttled.
    Admission admit(SimTime now) { return services_.lambda.acquire(now, function_); }
    // Records a throttled attempt over `records` (TooManyRequestsException with the admission's
    // reason, docs/aws-rules.md 4.3) and returns the next throttle backoff after `backoff_s`
    // (5.2 for queues, 5.14 for streams).
    double record_throttle(SimTime now, const Admission& admission, std::span<const RecordRef> records, double backoff_s);
    // Runs the function's code on `event` in the admitted environment and records the
    // invocation over `records` (in the order the handler gets them). The invoke ends at
    // recorder.invocations()[result.invocation].end(). REQUIRES: admission.admitted.
    Running run(SimTime now, const Admission& admission, const InvokeEvent& event, std::span<const RecordRef> records);
    // The invoke ended: frees its execution environment (discarded when the code lost it) and
    // returns its record, for settling the batch.
    InvocationRecord finish(SimTime now, const Running& running);
    // Stores the settled record (result, failures, texts) and counts it in the function's time
    // series.
    void settled(const Running& running, const InvocationRecord& record);

private:
    EventSourceKind kind_;
    std::uint32_t mapping_;
    std::uint32_t function_;
    MappingServices services_;
};

}  // namespace queuelab::sim
