#pragma once
// Small events, contexts and response readers for the handler tests.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builtin_handlers.h"
#include "handler.h"

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

inline HandlerResponse invoke(const SqsHandler& handler, const SqsEvent& event) {
    InvocationContext context = make_context();
    return handler(event, context);
}

// The field of the HandlerParamError that building the built-in `name` with `params` throws, or
// "<accepted>" if it accepts them.
inline std::string rejected_field(const std::string& name, const nlohmann::json& params) {
    try {
        make_builtin(name, params);
    } catch (const HandlerParamError& error) {
        return error.field;
    }
    return "<accepted>";
}

// The itemIdentifiers of a batch response payload.
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
