#pragma once
// The SQS event a Lambda handler receives and the batch response it returns, as C++ types that
// serialise to and from exactly AWS's JSON: the event of docs/aws-rules.md 2.20 and the batch
// response of 2.12 (the keys and types of AWS's sample events). Depends only on the standard
// library and nlohmann/json, so an exported handler carries this header unchanged.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab {

struct SqsMessageAttribute {
    std::optional<std::string> stringValue;
    std::optional<std::string> binaryValue;  // base64
    std::vector<std::string> stringListValues;
    std::vector<std::string> binaryListValues;
    std::string dataType = "String";
};

// attributes: all values are strings, as AWS sends them. The FIFO-only fields are empty (and
// omitted from the JSON) for standard queues.
struct SqsMessageSystemAttributes {
    std::string ApproximateReceiveCount;
    std::string SentTimestamp;
    std::string SenderId;
    std::string ApproximateFirstReceiveTimestamp;
    std::string SequenceNumber;
    std::string MessageGroupId;
    std::string MessageDeduplicationId;
};

struct SqsMessage {
    std::string messageId;
    std::string receiptHandle;
    std::string body;
    SqsMessageSystemAttributes attributes;
    std::map<std::string, SqsMessageAttribute> messageAttributes;
    std::string md5OfBody;
    std::string eventSource = "aws:sqs";
    std::string eventSourceARN;
    std::string awsRegion;
};

struct SqsEvent {
    std::vector<SqsMessage> Records;
};

struct BatchItemFailure {
    std::string itemIdentifier;  // the messageId (SQS) or sequenceNumber (Kinesis) that failed
};

// {"batchItemFailures": [{"itemIdentifier": "..."}]}; an empty list means every record succeeded.
struct BatchResponse {
    std::vector<BatchItemFailure> batchItemFailures;
};

void to_json(nlohmann::json& out, const SqsMessageAttribute& attribute);
void from_json(const nlohmann::json& in, SqsMessageAttribute& attribute);
void to_json(nlohmann::json& out, const SqsMessageSystemAttributes& attributes);
void from_json(const nlohmann::json& in, SqsMessageSystemAttributes& attributes);
void to_json(nlohmann::json& out, const SqsMessage& message);
void from_json(const nlohmann::json& in, SqsMessage& message);
void to_json(nlohmann::json& out, const SqsEvent& event);
void from_json(const nlohmann::json& in, SqsEvent& event);
void to_json(nlohmann::json& out, const BatchItemFailure& failure);
void from_json(const nlohmann::json& in, BatchItemFailure& failure);
void to_json(nlohmann::json& out, const BatchResponse& response);
void from_json(const nlohmann::json& in, BatchResponse& response);

}  // namespace queuelab
