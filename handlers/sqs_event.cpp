#include "queuelab/sqs_event.h"

namespace queuelab {

using nlohmann::json;

namespace {

void put_if_not_empty(json& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}

bool is_absent(const json& in, const char* key) {
    const auto found = in.find(key);
    return found == in.end() || found->is_null();
}

std::optional<std::string> optional_string(const json& in, const char* key) {
    if (is_absent(in, key)) return std::nullopt;
    return in.at(key).get<std::string>();
}

template <typename T>
T value_or_default(const json& in, const char* key) {
    return is_absent(in, key) ? T{} : in.at(key).get<T>();
}

}  // namespace

void to_json(json& out, const SqsMessageAttribute& attribute) {
    out = json::object();
    if (attribute.stringValue) out["stringValue"] = *attribute.stringValue;
    if (attribute.binaryValue) out["binaryValue"] = *attribute.binaryValue;
    out["stringListValues"] = attribute.stringListValues;
    out["binaryListValues"] = attribute.binaryListValues;
    out["dataType"] = attribute.dataType;
}

void from_json(const json& in, SqsMessageAttribute& attribute) {
    attribute.stringValue = optional_string(in, "stringValue");
    attribute.binaryValue = optional_string(in, "binaryValue");
    attribute.stringListValues = value_or_default<std::vector<std::string>>(in, "stringListValues");
    attribute.binaryListValues = value_or_default<std::vector<std::string>>(in, "binaryListValues");
    attribute.dataType = in.at("dataType").get<std::string>();
}

void to_json(json& out, const SqsMessageSystemAttributes& attributes) {
    out = json{{"ApproximateReceiveCount", attributes.ApproximateReceiveCount},
               {"SentTimestamp", attributes.SentTimestamp},
               {"SenderId", attributes.SenderId},
               {"ApproximateFirstReceiveTimestamp", attributes.ApproximateFirstReceiveTimestamp}};
    put_if_not_empty(out, "SequenceNumber", attributes.SequenceNumber);
    put_if_not_empty(out, "MessageGroupId", attributes.MessageGroupId);
    put_if_not_empty(out, "MessageDeduplicationId", attributes.MessageDeduplicationId);
}

void from_json(const json& in, SqsMessageSystemAttributes& attributes) {
    attributes.ApproximateReceiveCount = in.at("ApproximateReceiveCount").get<std::string>();
    attributes.SentTimestamp = in.at("SentTimestamp").get<std::string>();
    attributes.SenderId = in.at("SenderId").get<std::string>();
    attributes.ApproximateFirstReceiveTimestamp =
        in.at("ApproximateFirstReceiveTimestamp").get<std::string>();
    attributes.SequenceNumber = value_or_default<std::string>(in, "SequenceNumber");
    attributes.MessageGroupId = value_or_default<std::string>(in, "MessageGroupId");
    attributes.MessageDeduplicationId = value_or_default<std::string>(in, "MessageDeduplicationId");
}

void to_json(json& out, const SqsMessage& message) {
    out = json{{"messageId", message.messageId},
               {"receiptHandle", message.receiptHandle},
               {"body", message.body},
               {"attributes", message.attributes},
               {"messageAttributes", message.messageAttributes},
               {"md5OfBody", message.md5OfBody},
               {"eventSource", message.eventSource},
               {"eventSourceARN", message.eventSourceARN},
               {"awsRegion", message.awsRegion}};
}

void from_json(const json& in, SqsMessage& message) {
    message.messageId = in.at("messageId").get<std::string>();
    message.receiptHandle = in.at("receiptHandle").get<std::string>();
    message.body = in.at("body").get<std::string>();
    message.attributes = in.at("attributes").get<SqsMessageSystemAttributes>();
    message.messageAttributes =
        value_or_default<std::map<std::string, SqsMessageAttribute>>(in, "messageAttributes");
    message.md5OfBody = in.at("md5OfBody").get<std::string>();
    message.eventSource = in.at("eventSource").get<std::string>();
    message.eventSourceARN = in.at("eventSourceARN").get<std::string>();
    message.awsRegion = in.at("awsRegion").get<std::string>();
}

void to_json(json& out, const SqsEvent& event) {
    out = json{{"Records", event.Records}};
}

void from_json(const json& in, SqsEvent& event) {
    event.Records = in.at("Records").get<std::vector<SqsMessage>>();
}

void to_json(json& out, const BatchItemFailure& failure) {
    out = json{{"itemIdentifier", failure.itemIdentifier}};
}

void from_json(const json& in, BatchItemFailure& failure) {
    failure.itemIdentifier = in.at("itemIdentifier").get<std::string>();
}

void to_json(json& out, const BatchResponse& response) {
    out = json{{"batchItemFailures", response.batchItemFailures}};
}

void from_json(const json& in, BatchResponse& response) {
    response.batchItemFailures =
        value_or_default<std::vector<BatchItemFailure>>(in, "batchItemFailures");
}

}  // namespace queuelab
