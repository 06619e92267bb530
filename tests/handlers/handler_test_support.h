#pragma once
// Small events, contexts and response readers for the handler tests.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builtin_handlers.h"
#include "queuelab/handler.h"

namespace queuelab::test {

inline SqsMessage make_record(std::string message_id, std::string body, int receive_count = 1) {
    SqsMessage record;
    record.messageId = std::move(message_id);
    record.receiptHandle = "handle-" + record.messageId;
    record.body = std::move(body);
    record.attributes.ApproximateReceiveCount = std::to_string(receive_count);
    record.attributes.SentTimestamp = "1545082649183";
    record.attributes.SenderId = "AIDAIENQZJOLO23YVJ4VO";
    record.attributes.ApproximateFirstReceiveTimestamp = "1545082649185";
    record.eventSourceARN = "arn:aws:sqs:us-east-1:123456789012:orders";
    record.awsRegion = "us-east-1";
    return record;
}

// A stream record whose data is the base64 of `data_bytes`.
inline KinesisEventRecord make_stream_record(std::string sequence_number, std::string data_bytes) {
    KinesisEventRecord record;
    record.kinesis.partitionKey = "sensor-1";
    record.kinesis.sequenceNumber = std::move(sequence_number);
    record.kinesis.data = base64_encode(data_bytes);
    record.kinesis.approximateArrivalTimestamp = 1545084650.987;
    record.eventID = "shardId-000000000000:" + record.kinesis.sequenceNumber;
    record.invokeIdentityArn = "arn:aws:iam::123456789012:role/lambda-role";
    record.awsRegion = "us-east-1";
    record.eventSourceARN = "arn:aws:kinesis:us-east-1:123456789012:stream/readings";
    return record;
}

inline InvocationContext make_context() {
    return InvocationContext("request-1", "processor",
                             "arn:aws:lambda:us-east-1:123456789012:function:processor", 128,
                             /*deadline_epoch_ms=*/3000, /*start_epoch_ms=*/0);
}

// REQUIRES: a built-in of that name exists.
inline SqsHandler make_builtin(const std::string& name,
                               const nlohmann::json& params = nlohmann::json::object()) {
    return find_builtin_handler(name)->make_sqs(params);
}

// REQUIRES: a built-in of that name exists and takes Kinesis events.
inline KinesisHandler make_stream_builtin(const std::string& name,
                                          const nlohmann::json& params = nlohmann::json::object()) {
    return find_builtin_handler(name)->make_kinesis(params);
}

inline HandlerResponse invoke(const SqsHandler& handler, const SqsEvent& event) {
    InvocationContext context = make_context();
    return handler(event, context);
}

inline HandlerResponse invoke(const KinesisHandler& handler, const KinesisEvent& event) {
    InvocationContext context = make_context();
    return handler(event, context);
}

// The field of the HandlerParamError that building the built-in `name` with `params` throws, or
// "<accepted>" if it accepts them. Builds it for SQS or, if it takes no SQS events, for Kinesis.
inline std::string rejected_field(const std::string& name, const nlohmann::json& params) {
    const BuiltinHandler& handler = *find_builtin_handler(name);
    try {
        if (handler.make_sqs) {
            handler.make_sqs(params);
        } else {
            handler.make_kinesis(params);
        }
    } catch (const HandlerParamError& error) {
        return error.field;
    }
    return "<accepted>";
}

// The itemIdentifiers of a batch response payload (messageIds or sequenceNumbers).
inline std::vector<std::string> failed_ids(const HandlerResponse& response) {
    std::vector<std::string> ids;
    for (const BatchItemFailure& failure :
         nlohmann::json::parse(response.payload).get<BatchResponse>().batchItemFailures) {
        ids.push_back(failure.itemIdentifier);
    }
    return ids;
}

using Ids = std::vector<std::string>;

}  // namespace queuelab::test
