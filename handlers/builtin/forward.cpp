// forward: one stage of a pipeline. Each record's body (SQS) or data (Kinesis) is sent on, one
// SendMessage or PutRecord per record, to the queue or stream in Params.Destination: a queue's
// name or ARN, or a stream's ARN (arn:aws:kinesis:<region>:<account>:stream/<name>). A record put
// in a stream keeps its partition key, or takes the messageId of the SQS message it came from, or
// the field of its JSON body named by {"PartitionKey": "body.<field>"}. A record whose send failed
// (the destination refused it, or does not exist) goes in batchItemFailures, so the event source
// mapping retries it; the others are done. With Params.Downstream, each record is first checked
// by a call to that downstream (a validation service; Params.Operation labels the call, "Validate"
// by default), and a record whose call failed is not sent: it goes in batchItemFailures too.

#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"
#include "service_records.h"

namespace queuelab::builtin {

namespace {

struct Destination {
    bool is_stream = false;
    std::string name;  // queue name, or stream ARN
};

struct Settings {
    Destination destination;
    std::string partition_field;  // empty: the record's own key, or its messageId
    std::string downstream;       // empty: no check before sending
    std::string operation;
};

Settings read_settings(const nlohmann::json& params) {
    const HandlerParams p(params, {"Destination", "PartitionKey", "Downstream", "Operation"});
    const auto destination = p.string("Destination");
    const std::string expected = "a queue's name or ARN, or a stream's ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)";
    if (!destination || destination->empty()) throw HandlerParamError("Destination", expected);
    Settings settings;
    if (destination->starts_with("arn:aws:kinesis:")) {
        if (destination->find(":stream/") == std::string::npos) throw HandlerParamError("Destination", expected);
        settings.destination = {true, *destination};
    } else {
        const auto colon = destination->rfind(':');
        const bool queue_arn = destination->starts_with("arn:aws:sqs:");
        if (!queue_arn && colon != std::string::npos) throw HandlerParamError("Destination", expected);
        settings.destination = {false, queue_arn ? destination->substr(colon + 1) : *destination};
    }
    const std::string field = p.string("PartitionKey", "");
    if (!field.empty() && !field.starts_with("body.")) throw HandlerParamError("PartitionKey", "\"body.<field>\"");
    settings.partition_field = field.empty() ? "" : field.substr(5);
    settings.downstream = p.string("Downstream", "");
    settings.operation = p.string("Operation", "Validate");
    return settings;
}

std::string partition_key(const SqsMessage& record) { return record.messageId; }
std::string partition_key(const KinesisEventRecord& record) { return record.kinesis.partitionKey; }

// The field `field` of the JSON payload, or the record's own key when absent.
template <typename Record>
std::string key_for(const Record& record, const std::string& field) {
    if (field.empty()) return partition_key(record);
    const std::optional<nlohmann::json> body = parse_json_object(payload_of(record));
    if (!body || !body->contains(field)) return partition_key(record);
    const nlohmann::json& value = (*body)[field];
    return value.is_string() ? value.get<std::string>() : value.dump();
}

template <typename Record>
RecordOutcome forward(const Record& record, const Settings& settings, InvocationContext& context) {
    if (!settings.downstream.empty() &&
        !context.downstreams().CallDownstream({settings.downstream, settings.operation}).IsSuccess()) {
        return RecordOutcome::failed;
    }
    if (settings.destination.is_stream) {
        PutRecordRequest put;
        put.StreamARN = settings.destination.name;
        put.PartitionKey = key_for(record, settings.partition_field);
        put.Data = payload_of(record);
        return context.kinesis().PutRecord(put).IsSuccess() ? RecordOutcome::processed : RecordOutcome::failed;
    }
    SendMessageRequest send;
    send.QueueUrl = queue_url(context, settings.destination.name);
    send.MessageBody = payload_of(record);
    return context.sqs().SendMessage(send).IsSuccess() ? RecordOutcome::processed : RecordOutcome::failed;
}

template <typename Event>
std::function<HandlerResponse(const Event&, InvocationContext&)> make(const nlohmann::json& params) {
    return [settings = read_settings(params)](const Event& event, InvocationContext& context) {
        return process_each(event, context, [&](const auto& record) { return forward(record, settings, context); });
    };
}

}  // namespace

BuiltinHandler forward_handler() {
    return {"forward",
            "Sends each record on to the queue or stream in Params.Destination; failed sends go in batchItemFailures",
            "handlers/builtin/forward.cpp",
            [](const nlohmann::json& params) { return make<SqsEvent>(params); },
            [](const nlohmann::json& params) { return make<KinesisEvent>(params); },
            /*reads=*/{.sqs = {.messageId = true, .body = true},
                        .kinesis = {.sequenceNumber = true, .partitionKey = true, .data = true}}};
}

}  // namespace queuelab::builtin
