#pragma once
// Calling services from a handler: SQS, Kinesis, a DynamoDB table used as an idempotency store,
// and the scenario's downstream dependencies (a database, an API), with AWS's operation names and
// request and response shapes (docs/aws-rules.md 7). A call returns an Outcome, as the AWS SDK for
// C++ does: the result, or the error the service returned (AWS's error code and message), and the
// handler decides what to do with it.
//
// Each client turns a request into the service's JSON wire shape and hands it to a
// ServiceEndpoint: in the simulator, the simulated services themselves; in a handler process run
// through the Lambda Runtime API, HTTP to AWS_ENDPOINT_URL. Both sides read the same JSON, so a
// handler makes the same calls in process and out of process.
//
// Time is virtual: a call starts after the work the handler declared so far and the calls it made
// before (InvocationContext::simulate_work), and its virtual duration is added to the invocation's
// (docs/aws-rules.md 5.24). A call that would start at or after the invocation's deadline is
// not made: it throws InvocationStopped, which a handler should let through.
//
// A request's optional members are initialised with {}, so a request written in braces with only
// its required members, SendMessage({url, body}), compiles without -Wextra's missing-initializer
// warning.
//
// Depends only on the standard library and nlohmann/json.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab {

class InvocationContext;

// [SECTION] Outcomes

// An error a service returned. `Code` is AWS's error code as the SDKs name the exception
// ("QueueDoesNotExist", "ProvisionedThroughputExceededException", "ConditionalCheckFailedException");
// `StatusCode` the HTTP status (400 for the caller's mistakes, 5xx for the service's).
struct AwsError {
    std::string Code;
    std::string Message;
    int StatusCode = 400;
};

template <typename Result>
class Outcome {
public:
    Outcome(Result result) : value_(std::move(result)) {}
    Outcome(AwsError error) : value_(std::move(error)) {}

    bool IsSuccess() const { return std::holds_alternative<Result>(value_); }
    // REQUIRES: IsSuccess().
    const Result& GetResult() const { return std::get<Result>(value_); }
    // REQUIRES: !IsSuccess().
    const AwsError& GetError() const { return std::get<AwsError>(value_); }

private:
    std::variant<Result, AwsError> value_;
};

// Thrown by a call that cannot happen because the invocation is over: its deadline passed, so
// Lambda has stopped it (docs/aws-rules.md 4.6), or the run reached the simulator's bound on
// handlers' calls (5.17). Not a std::exception, so that handlers which catch std::exception to
// report a failure let it through.
struct InvocationStopped {
    std::string reason;
};

// [SECTION] SQS (docs/aws-rules.md 7.4-7.7)

struct MessageAttributeValue {
    std::string DataType = "String";          // String, Number or Binary, optionally ".custom"
    std::optional<std::string> StringValue;
    std::optional<std::string> BinaryValue;   // base64, as on the wire
};
using MessageAttributeMap = std::map<std::string, MessageAttributeValue>;

// The QueueUrl of a queue in the region and account of `context`'s function
// ("https://sqs.us-east-1.amazonaws.com/123456789012/orders").
std::string queue_url(const InvocationContext& context, const std::string& queue_name);

// The QueueUrl of the queue an ARN names ("arn:aws:sqs:us-east-1:123456789012:orders"), such as
// an SQS record's eventSourceARN.
std::string queue_url_of_arn(const std::string& queue_arn);

struct GetQueueUrlRequest {
    std::string QueueName;
};
struct GetQueueUrlResult {
    std::string QueueUrl;
};

struct SendMessageRequest {
    std::string QueueUrl;
    std::string MessageBody;
    std::optional<int> DelaySeconds{};
    MessageAttributeMap MessageAttributes{};
    std::optional<std::string> MessageGroupId{};          // FIFO queues: required
    std::optional<std::string> MessageDeduplicationId{};  // FIFO queues
};
struct SendMessageResult {
    std::string MessageId;
    std::string MD5OfMessageBody;
    std::optional<std::string> SequenceNumber;  // FIFO queues
};

struct SendMessageBatchRequestEntry {
    std::string Id;  // unique in the request: up to 80 letters, digits, '-' and '_'
    std::string MessageBody;
    std::optional<int> DelaySeconds{};
    MessageAttributeMap MessageAttributes{};
    std::optional<std::string> MessageGroupId{};
    std::optional<std::string> MessageDeduplicationId{};
};
struct SendMessageBatchRequest {
    std::string QueueUrl;
    std::vector<SendMessageBatchRequestEntry> Entries;  // 1 to 10
};
struct SendMessageBatchResultEntry {
    std::string Id;
    std::string MessageId;
    std::string MD5OfMessageBody;
    std::optional<std::string> SequenceNumber;
};
struct BatchResultErrorEntry {
    std::string Id;
    std::string Code;
    bool SenderFault = true;
    std::string Message;
};
// A 200 reply can still hold failed entries.
struct SendMessageBatchResult {
    std::vector<SendMessageBatchResultEntry> Successful;
    std::vector<BatchResultErrorEntry> Failed;
};

struct DeleteMessageRequest {
    std::string QueueUrl;
    std::string ReceiptHandle;
};
struct DeleteMessageResult {};

struct ChangeMessageVisibilityRequest {
    std::string QueueUrl;
    std::string ReceiptHandle;
    int VisibilityTimeout = 0;  // 0 to 43,200 s, counted from the call
};
struct ChangeMessageVisibilityResult {};

// [SECTION] Kinesis (docs/aws-rules.md 7.9-7.10)

struct PutRecordRequest {
    std::optional<std::string> StreamName{};  // StreamName or StreamARN
    std::optional<std::string> StreamARN{};
    std::string PartitionKey;
    std::string Data;  // the record's bytes (base64 on the wire)
    std::optional<std::string> ExplicitHashKey{};
};
struct PutRecordResult {
    std::string ShardId;
    std::string SequenceNumber;
};

struct PutRecordsRequestEntry {
    std::string Data;
    std::string PartitionKey;
    std::optional<std::string> ExplicitHashKey{};
};
struct PutRecordsRequest {
    std::optional<std::string> StreamName{};
    std::optional<std::string> StreamARN{};
    std::vector<PutRecordsRequestEntry> Records;  // 1 to 500
};
// A success has SequenceNumber and ShardId, a failure ErrorCode and ErrorMessage.
struct PutRecordsResultEntry {
    std::optional<std::string> SequenceNumber;
    std::optional<std::string> ShardId;
    std::optional<std::string> ErrorCode;
    std::optional<std::string> ErrorMessage;
};
struct PutRecordsResult {
    int FailedRecordCount = 0;
    std::vector<PutRecordsResultEntry> Records;  // in request order
};

// [SECTION] DynamoDB tables (docs/aws-rules.md 7.11-7.13)

// Items and keys in DynamoDB's JSON ({"id": {"S": "order-7"}, "count": {"N": "3"}}).
struct PutItemRequest {
    std::string TableName;
    nlohmann::json Item = nlohmann::json::object();
    // The simulator reads "attribute_not_exists(<key>)" only, the idempotency pattern.
    std::optional<std::string> ConditionExpression{};
    std::map<std::string, std::string> ExpressionAttributeNames{};  // "#id" -> "id"
};
struct PutItemResult {};

struct GetItemRequest {
    std::string TableName;
    nlohmann::json Key = nlohmann::json::object();
};
struct GetItemResult {
    std::optional<nlohmann::json> Item;  // absent when there is none
};

struct DeleteItemRequest {
    std::string TableName;
    nlohmann::json Key = nlohmann::json::object();
};
struct DeleteItemResult {};

// [SECTION] Downstream dependencies (docs/aws-rules.md 5.25)

struct CallDownstreamRequest {
    std::string Downstream;          // a downstream of the scenario ("orders-db")
    std::string Operation = "Call";  // a label for the report ("INSERT order")
};
struct CallDownstreamResult {
    double LatencyMs = 0;
};

// [SECTION] The endpoint behind the clients

// What a call carries besides its request: the virtual time the handler declared before it, and
// the record of the batch the handler said it is working on (the parent of what the call sends).
struct CallInfo {
    double declared_work_ms = 0;
    std::string current_record;
};

// A service's reply: the HTTP status, the JSON body (the result, or AWS's error document
// {"__type": ..., "message": ...}) and how long the call took in virtual time.
struct ServiceReply {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    double duration_ms = 0;
    // The call was not made: the invocation is over (the body's "message" says why).
    bool stopped = false;
};

class ServiceEndpoint {
public:
    virtual ~ServiceEndpoint() = default;
    // `target` is the request's X-Amz-Target ("AmazonSQS.SendMessage",
    // "Kinesis_20131202.PutRecords", "DynamoDB_20120810.PutItem", "Queuelab.CallDownstream").
    virtual ServiceReply call(const std::string& target, const nlohmann::json& request, const CallInfo& info) = 0;
};

// [SECTION] Clients

class SqsClient {
public:
    explicit SqsClient(InvocationContext& context) : context_(context) {}
    Outcome<GetQueueUrlResult> GetQueueUrl(const GetQueueUrlRequest& request);
    Outcome<SendMessageResult> SendMessage(const SendMessageRequest& request);
    Outcome<SendMessageBatchResult> SendMessageBatch(const SendMessageBatchRequest& request);
    Outcome<DeleteMessageResult> DeleteMessage(const DeleteMessageRequest& request);
    Outcome<ChangeMessageVisibilityResult> ChangeMessageVisibility(const ChangeMessageVisibilityRequest& request);

private:
    InvocationContext& context_;
};

class KinesisClient {
public:
    explicit KinesisClient(InvocationContext& context) : context_(context) {}
    Outcome<PutRecordResult> PutRecord(const PutRecordRequest& request);
    Outcome<PutRecordsResult> PutRecords(const PutRecordsRequest& request);

private:
    InvocationContext& context_;
};

class DynamoDbClient {
public:
    explicit DynamoDbClient(InvocationContext& context) : context_(context) {}
    Outcome<PutItemResult> PutItem(const PutItemRequest& request);
    Outcome<GetItemResult> GetItem(const GetItemRequest& request);
    Outcome<DeleteItemResult> DeleteItem(const DeleteItemRequest& request);

private:
    InvocationContext& context_;
};

class DownstreamClient {
public:
    explicit DownstreamClient(InvocationContext& context) : context_(context) {}
    Outcome<CallDownstreamResult> CallDownstream(const CallDownstreamRequest& request);

private:
    InvocationContext& context_;
};

// [SECTION] Wire shapes: the JSON of each request and result, as AWS's JSON protocols carry them

void to_json(nlohmann::json& out, const MessageAttributeValue& value);
void from_json(const nlohmann::json& in, MessageAttributeValue& value);
void to_json(nlohmann::json& out, const GetQueueUrlRequest& request);
void from_json(const nlohmann::json& in, GetQueueUrlResult& result);
void to_json(nlohmann::json& out, const SendMessageRequest& request);
void from_json(const nlohmann::json& in, SendMessageResult& result);
void to_json(nlohmann::json& out, const SendMessageBatchRequest& request);
void from_json(const nlohmann::json& in, SendMessageBatchResult& result);
void to_json(nlohmann::json& out, const DeleteMessageRequest& request);
void to_json(nlohmann::json& out, const ChangeMessageVisibilityRequest& request);
void to_json(nlohmann::json& out, const PutRecordRequest& request);
void from_json(const nlohmann::json& in, PutRecordResult& result);
void to_json(nlohmann::json& out, const PutRecordsRequest& request);
void from_json(const nlohmann::json& in, PutRecordsResult& result);
void to_json(nlohmann::json& out, const PutItemRequest& request);
void to_json(nlohmann::json& out, const GetItemRequest& request);
void from_json(const nlohmann::json& in, GetItemResult& result);
void to_json(nlohmann::json& out, const DeleteItemRequest& request);
void to_json(nlohmann::json& out, const CallDownstreamRequest& request);
void from_json(const nlohmann::json& in, CallDownstreamResult& result);

// The error in an error document: the part of "__type" after '#' ("com.amazonaws.sqs#QueueDoesNotExist"
// gives QueueDoesNotExist) and "message" (or "Message").
AwsError error_from_reply(const ServiceReply& reply);

}  // namespace queuelab
