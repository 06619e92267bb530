// fail-attempts: a message that fails its first N receives and then succeeds, the shape of a
// transient error. A record fails while its ApproximateReceiveCount is at most the
// "fail_attempts" number in its JSON body ({"fail_attempts": 2} fails receives 1 and 2). A stream
// record has no receive count: it fails whenever its data is a JSON object with
// "should_fail": true, the poison record that blocks a shard. Failures go in batchItemFailures
// (messageId or sequenceNumber); with {"report": "throw"} they fail the whole batch (a function
// error, returned as a failure: the outcome of a thrown exception without its cost), and with
// {"report": "crash"} the runtime process dies (Runtime.ExitError).

#include "batch_failures.h"
#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

enum class Report { batch_item_failures, throw_error, crash };

Report read_report(const nlohmann::json& params) {
    const std::string report =
        HandlerParams(params, {"report"}).string("report", "batchItemFailures");
    if (report == "batchItemFailures") return Report::batch_item_failures;
    if (report == "throw") return Report::throw_error;
    if (report == "crash") return Report::crash;
    throw HandlerParamError("report", "\"batchItemFailures\", \"throw\" or \"crash\"");
}

RecordOutcome process_message(const SqsMessage& record) {
    // nullopt when the body is not a JSON object with a fail_attempts number: never fail.
    const std::optional<double> failures = number_member(record.body, "fail_attempts");
    const long long receive_count = std::stoll(record.attributes.ApproximateReceiveCount);
    return failures && static_cast<double>(receive_count) <= *failures ? RecordOutcome::failed
                                                                       : RecordOutcome::processed;
}

// True when the data is a JSON object with "should_fail": true.
bool should_fail(const std::string& base64_data) {
    const std::optional<nlohmann::json> data = decode_json_object(base64_data);
    return data && data->contains("should_fail") && data->at("should_fail") == true;
}

RecordOutcome process_stream_record(const KinesisEventRecord& record) {
    return should_fail(record.kinesis.data) ? RecordOutcome::failed : RecordOutcome::processed;
}

HandlerResponse respond(const BatchResponse& failures, Report report) {
    if (report == Report::batch_item_failures || failures.batchItemFailures.empty()) {
        return HandlerResponse::batch(failures);
    }
    const std::string what = std::to_string(failures.batchItemFailures.size()) + " record(s) failed, first " +
                             failures.batchItemFailures.front().itemIdentifier;
    if (report == Report::crash) throw HandlerCrash("exit status 1 (" + what + ")");
    return HandlerResponse::failure(what, "Unhandled");
}

}  // namespace

BuiltinHandler fail_attempts_handler() {
    return {"fail-attempts",
            "Fails a message while its receive count <= the fail_attempts in its body; a stream "
            "record whose data has should_fail: true",
            "handlers/builtin/fail_attempts.cpp",
            [](const nlohmann::json& params) {
                return SqsHandler(
                    [report = read_report(params)](const SqsEvent& event, InvocationContext&) {
                        return respond(collect_failures(event, process_message), report);
                    });
            },
            [](const nlohmann::json& params) {
                return KinesisHandler(
                    [report = read_report(params)](const KinesisEvent& event, InvocationContext&) {
                        return respond(collect_failures(event, process_stream_record), report);
                    });
            },
            /*reads=*/{.sqs = {.messageId = true, .body = true, .attributes = true},
                        .kinesis = {.sequenceNumber = true, .data = true}}};
}

}  // namespace queuelab::builtin
