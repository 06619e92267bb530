// [SECTION] The context's calls
// [SECTION] Clients
// [SECTION] Wire shapes

#include "queuelab/handler.h"

namespace queuelab {
namespace {

using nlohmann::json;

template <typename T>
void put_optional(json& out, const char* key, const std::optional<T>& value) {
    if (value) out[key] = *value;
}

template <typename T>
void get_optional(const json& in, const char* key, std::optional<T>& value) {
    const auto found = in.find(key);
    if (found != in.end() && !found->is_null()) value = found->get<T>();
}

std::string string_or_empty(const json& in, const char* key) {
    const auto found = in.find(key);
    return found != in.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Sends `request` and reads the reply as a Result, or as the error it carries.
template <typename Result>
Outcome<Result> exchange(InvocationContext& context, const std::string& target, const json& request) {
    const ServiceReply reply = context.call_service(target, request);
    if (reply.status != 200) return error_from_reply(reply);
    Result result;
    from_json(reply.body, result);
    return result;
}

// Operations whose result has no fields.
template <typename Result>
Outcome<Result> exchange_empty(InvocationContext& context, const std::string& target, const json& request) {
    const ServiceReply reply = context.call_service(target, request);
    if (reply.status != 200) return error_from_reply(reply);
    return Result{};
}

void put_attributes(json& out, const MessageAttributeMap& attributes) {
    if (!attributes.empty()) out["MessageAttributes"] = attributes;
}

}  // namespace

// [SECTION] The context's calls

ServiceReply InvocationContext::call_service(const std::string& target, const nlohmann::json& request) {
    if (services_ == nullptr) {
        return ServiceReply{400,
                            {{"__type", "NoEndpoint"},
                             {"message", "this InvocationContext has no services: the handler runs outside the simulator"}},
                            0,
                            false};
    }
    ServiceReply reply = services_->call(target, request, CallInfo{extra_work_ms_, current_record_});
    if (reply.stopped) throw InvocationStopped{error_from_reply(reply).Message};
    call_time_ms_ += reply.duration_ms;
    return reply;
}

namespace {

// The fields of an ARN ("arn:aws:<service>:<region>:<account>:<resource>").
std::vector<std::string> arn_fields(const std::string& arn) {
    std::vector<std::string> fields;
    std::size_t from = 0;
    for (std::size_t colon = arn.find(':'); colon != std::string::npos && fields.size() < 5; colon = arn.find(':', from)) {
        fields.push_back(arn.substr(from, colon - from));
        from = colon + 1;
    }
    fields.push_back(arn.substr(from));
    return fields;
}

std::string url_of(const std::string& region, const std::string& account, const std::string& queue_name) {
    return "https://sqs." + region + ".amazonaws.com/" + account + "/" + queue_name;
}

}  // namespace

std::string queue_url(const InvocationContext& context, const std::string& queue_name) {
    const auto fields = arn_fields(context.invoked_function_arn);  // arn:aws:lambda:<region>:<account>:function:<name>
    return url_of(fields.size() > 3 ? fields[3] : "us-east-1", fields.size() > 4 ? fields[4] : "123456789012", queue_name);
}

std::string queue_url_of_arn(const std::string& queue_arn) {
    const auto fields = arn_fields(queue_arn);
    if (fields.size() != 6) return queue_arn;
    return url_of(fields[3], fields[4], fields[5]);
}

AwsError error_from_reply(const ServiceReply& reply) {
    AwsError error;
    error.StatusCode = reply.status;
    const std::string type = string_or_empty(reply.body, "__type");
    error.Code = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
    error.Message = string_or_empty(reply.body, "message");
    if (error.Message.empty()) error.Message = string_or_empty(reply.body, "Message");
    if (error.Code.empty()) error.Code = reply.status >= 500 ? "InternalFailure" : "UnknownError";
    return error;
}

// [SECTION] Clients

Outcome<GetQueueUrlResult> SqsClient::GetQueueUrl(const GetQueueUrlRequest& request) {
    return exchange<GetQueueUrlResult>(context_, "AmazonSQS.GetQueueUrl", request);
}

Outcome<SendMessageResult> SqsClient::SendMessage(const SendMessageRequest& request) {
    return exchange<SendMessageResult>(context_, "AmazonSQS.SendMessage", request);
}

Outcome<SendMessageBatchResult> SqsClient::SendMessageBatch(const SendMessageBatchRequest& request) {
    return exchange<SendMessageBatchResult>(context_, "AmazonSQS.SendMessageBatch", request);
}

Outcome<DeleteMessageResult> SqsClient::DeleteMessage(const DeleteMessageRequest& request) {
    return exchange_empty<DeleteMessageResult>(context_, "AmazonSQS.DeleteMessage", request);
}

Outcome<ChangeMessageVisibilityResult> SqsClient::ChangeMessageVisibility(const ChangeMessageVisibilityRequest& request) {
    return exchange_empty<ChangeMessageVisibilityResult>(context_, "AmazonSQS.ChangeMessageVisibility", request);
}

Outcome<PutRecordResult> KinesisClient::PutRecord(const PutRecordRequest& request) {
    return exchange<PutRecordResult>(context_, "Kinesis_20131202.PutRecord", request);
}

Outcome<PutRecordsResult> KinesisClient::PutRecords(const PutRecordsRequest& request) {
    return exchange<PutRecordsResult>(context_, "Kinesis_20131202.PutRecords", request);
}

Outcome<PutItemResult> DynamoDbClient::PutItem(const PutItemRequest& request) {
    return exchange_empty<PutItemResult>(context_, "DynamoDB_20120810.PutItem", request);
}

Outcome<GetItemResult> DynamoDbClient::GetItem(const GetItemRequest& request) {
    return exchange<GetItemResult>(context_, "DynamoDB_20120810.GetItem", request);
}

Outcome<DeleteItemResult> DynamoDbClient::DeleteItem(const DeleteItemRequest& request) {
    return exchange_empty<DeleteItemResult>(context_, "DynamoDB_20120810.DeleteItem", request);
}

Outcome<CallDownstreamResult> DownstreamClient::CallDownstream(const CallDownstreamRequest& request) {
    return exchange<CallDownstreamResult>(context_, "Queuelab.CallDownstream", request);
}

// [SECTION] Wire shapes

void to_json(json& out, const MessageAttributeValue& value) {
    out = json{{"DataType", value.DataType}};
    put_optional(out, "StringValue", value.StringValue);
    put_optional(out, "BinaryValue", value.BinaryValue);
}

void from_json(const json& in, MessageAttributeValue& value) {
    value.DataType = string_or_empty(in, "DataType");
    get_optional(in, "StringValue", value.StringValue);
    get_optional(in, "BinaryValue", value.BinaryValue);
}

void to_json(json& out, const GetQueueUrlRequest& request) { out = json{{"QueueName", request.QueueName}}; }

void from_json(const json& in, GetQueueUrlResult& result) { result.QueueUrl = string_or_empty(in, "QueueUrl"); }

void to_json(json& out, const SendMessageRequest& request) {
    out = json{{"QueueUrl", request.QueueUrl}, {"MessageBody", request.MessageBody}};
    put_optional(out, "DelaySeconds", request.DelaySeconds);
    put_attributes(out, request.MessageAttributes);
    put_optional(out, "MessageGroupId", request.MessageGroupId);
    put_optional(out, "MessageDeduplicationId", request.MessageDeduplicationId);
}

void from_json(const json& in, SendMessageResult& result) {
    result.MessageId = string_or_empty(in, "MessageId");
    result.MD5OfMessageBody = string_or_empty(in, "MD5OfMessageBody");
    get_optional(in, "SequenceNumber", result.SequenceNumber);
}

void to_json(json& out, const SendMessageBatchRequest& request) {
    json entries = json::array();
    for (const auto& entry : request.Entries) {
        json e{{"Id", entry.Id}, {"MessageBody", entry.MessageBody}};
        put_optional(e, "DelaySeconds", entry.DelaySeconds);
        put_attributes(e, entry.MessageAttributes);
        put_optional(e, "MessageGroupId", entry.MessageGroupId);
        put_optional(e, "MessageDeduplicationId", entry.MessageDeduplicationId);
        entries.push_back(std::move(e));
    }
    out = json{{"QueueUrl", request.QueueUrl}, {"Entries", std::move(entries)}};
}

void from_json(const json& in, SendMessageBatchResult& result) {
    for (const auto& entry : in.value("Successful", json::array())) {
        SendMessageBatchResultEntry ok;
        ok.Id = string_or_empty(entry, "Id");
        ok.MessageId = string_or_empty(entry, "MessageId");
        ok.MD5OfMessageBody = string_or_empty(entry, "MD5OfMessageBody");
        get_optional(entry, "SequenceNumber", ok.SequenceNumber);
        result.Successful.push_back(std::move(ok));
    }
    for (const auto& entry : in.value("Failed", json::array())) {
        result.Failed.push_back(BatchResultErrorEntry{string_or_empty(entry, "Id"), string_or_empty(entry, "Code"),
                                                      entry.value("SenderFault", true), string_or_empty(entry, "Message")});
    }
}

void to_json(json& out, const DeleteMessageRequest& request) {
    out = json{{"QueueUrl", request.QueueUrl}, {"ReceiptHandle", request.ReceiptHandle}};
}

void to_json(json& out, const ChangeMessageVisibilityRequest& request) {
    out = json{{"QueueUrl", request.QueueUrl},
               {"ReceiptHandle", request.ReceiptHandle},
               {"VisibilityTimeout", request.VisibilityTimeout}};
}

namespace {

void put_stream(json& out, const std::optional<std::string>& name, const std::optional<std::string>& arn) {
    put_optional(out, "StreamName", name);
    put_optional(out, "StreamARN", arn);
}

json record_json(const std::string& data, const std::string& partition_key, const std::optional<std::string>& hash_key) {
    json record{{"Data", base64_encode(data)}, {"PartitionKey", partition_key}};
    put_optional(record, "ExplicitHashKey", hash_key);
    return record;
}

}  // namespace

void to_json(json& out, const PutRecordRequest& request) {
    out = record_json(request.Data, request.PartitionKey, request.ExplicitHashKey);
    put_stream(out, request.StreamName, request.StreamARN);
}

void from_json(const json& in, PutRecordResult& result) {
    result.ShardId = string_or_empty(in, "ShardId");
    result.SequenceNumber = string_or_empty(in, "SequenceNumber");
}

void to_json(json& out, const PutRecordsRequest& request) {
    json records = json::array();
    for (const auto& record : request.Records) records.push_back(record_json(record.Data, record.PartitionKey, record.ExplicitHashKey));
    out = json{{"Records", std::move(records)}};
    put_stream(out, request.StreamName, request.StreamARN);
}

void from_json(const json& in, PutRecordsResult& result) {
    result.FailedRecordCount = in.value("FailedRecordCount", 0);
    for (const auto& entry : in.value("Records", json::array())) {
        PutRecordsResultEntry record;
        get_optional(entry, "SequenceNumber", record.SequenceNumber);
        get_optional(entry, "ShardId", record.ShardId);
        get_optional(entry, "ErrorCode", record.ErrorCode);
        get_optional(entry, "ErrorMessage", record.ErrorMessage);
        result.Records.push_back(std::move(record));
    }
}

void to_json(json& out, const PutItemRequest& request) {
    out = json{{"TableName", request.TableName}, {"Item", request.Item}};
    put_optional(out, "ConditionExpression", request.ConditionExpression);
    if (!request.ExpressionAttributeNames.empty()) out["ExpressionAttributeNames"] = request.ExpressionAttributeNames;
}

void to_json(json& out, const GetItemRequest& request) {
    out = json{{"TableName", request.TableName}, {"Key", request.Key}};
}

void from_json(const json& in, GetItemResult& result) {
    const auto item = in.find("Item");
    if (item != in.end() && item->is_object()) result.Item = *item;
}

void to_json(json& out, const DeleteItemRequest& request) {
    out = json{{"TableName", request.TableName}, {"Key", request.Key}};
}

void to_json(json& out, const CallDownstreamRequest& request) {
    out = json{{"Downstream", request.Downstream}, {"Operation", request.Operation}};
}

void from_json(const json& in, CallDownstreamResult& result) { result.LatencyMs = in.value("LatencyMs", 0.0); }

}  // namespace queuelab
