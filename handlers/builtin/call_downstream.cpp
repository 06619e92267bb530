// call-downstream: the handler that depends on a database or an API. It calls the downstream in
// Params.Downstream once per record (CallDownstream, with Params.Operation as the call's label),
// one record after the other, as a handler holding one connection does. A record whose call
// failed (too many connections, a timeout, an error, an outage, a rate limit) goes in
// batchItemFailures; the others are done. Under load, the calls' virtual time is what makes the
// invocation long: each call adds its latency to the invocation's duration.
//
// Two SQS patterns, as options (stream records have no receipt handle: they ignore them):
// - {"BackoffSeconds": n}: a failed message is made to return later, after n × its receive count
//   seconds (ChangeMessageVisibility), instead of after the queue's visibility timeout.
// - {"DeleteProcessed": true}: the manual delete of the days before ReportBatchItemFailures: each
//   processed message is deleted at once (DeleteMessage), and when a record failed the handler
//   throws, so that the batch fails and only the messages not deleted return.

#include <algorithm>
#include <stdexcept>

#include "builtins.h"
#include "handler_params.h"
#include "service_records.h"

namespace queuelab::builtin {

namespace {

struct Settings {
    std::string downstream;
    std::string operation;
    double backoff_s = 0;          // SQS: 0 leaves a failed message to its visibility timeout
    bool delete_processed = false;  // SQS
};

Settings read_settings(const nlohmann::json& params) {
    const HandlerParams p(params, {"Downstream", "Operation", "BackoffSeconds", "DeleteProcessed"});
    const auto downstream = p.string("Downstream");
    if (!downstream || downstream->empty()) throw HandlerParamError("Downstream", "the name of a downstream of the scenario");
    Settings settings{*downstream, p.string("Operation", "Call")};
    settings.backoff_s = p.number("BackoffSeconds", 0, 0, 43'200);
    settings.delete_processed = p.boolean("DeleteProcessed", false);
    return settings;
}

bool call(const Settings& settings, InvocationContext& context) {
    return context.downstreams().CallDownstream({settings.downstream, settings.operation}).IsSuccess();
}

RecordOutcome process(const SqsMessage& record, const Settings& settings, InvocationContext& context) {
    const std::string queue = queue_url_of_arn(record.eventSourceARN);
    if (call(settings, context)) {
        if (settings.delete_processed) context.sqs().DeleteMessage({queue, record.receiptHandle});
        return RecordOutcome::processed;
    }
    if (settings.backoff_s > 0) {
        const double later = settings.backoff_s * std::stod(record.attributes.ApproximateReceiveCount);
        context.sqs().ChangeMessageVisibility({queue, record.receiptHandle, static_cast<int>(std::min(later, 43'200.0))});
    }
    return RecordOutcome::failed;
}

SqsHandler make_sqs(const nlohmann::json& params) {
    return [settings = read_settings(params)](const SqsEvent& event, InvocationContext& context) {
        HandlerResponse response = process_each(event, context, [&](const SqsMessage& record) {
            return process(record, settings, context);
        });
        if (settings.delete_processed && response.payload != HandlerResponse::batch({}).payload) {
            throw std::runtime_error("a record failed: the batch fails, and the messages not deleted return");
        }
        return response;
    };
}

KinesisHandler make_kinesis(const nlohmann::json& params) {
    return [settings = read_settings(params)](const KinesisEvent& event, InvocationContext& context) {
        return process_each(event, context, [&](const KinesisEventRecord&) {
            return call(settings, context) ? RecordOutcome::processed : RecordOutcome::failed;
        });
    };
}

}  // namespace

BuiltinHandler call_downstream_handler() {
    return {"call-downstream",
            "Calls the downstream in Params.Downstream once per record; failed calls go in batchItemFailures",
            "handlers/builtin/call_downstream.cpp",
            make_sqs,
            make_kinesis,
            /*reads=*/{.sqs = {.messageId = true, .receiptHandle = true, .attributes = true, .eventSource = true},
                        .kinesis = {.sequenceNumber = true}}};
}

}  // namespace queuelab::builtin
