// [SECTION] A call being decided: its request, timing, record and reply
// [SECTION] InvocationCalls
// [SECTION] Dispatch
// [SECTION] SQS
// [SECTION] Kinesis
// [SECTION] DynamoDB tables and downstreams
// [SECTION] Effects at the call's time

#include "handler_services.h"

#include <algorithm>
#include <set>

#include "digest.h"
#include "ids.h"
#include "json_reader.h"
#include "resource_names.h"
#include "sqs_event_builder.h"

namespace queuelab::sim {
namespace {

using nlohmann::json;

constexpr std::uint64_t kDeduplicatedIdStream = 0x4445'4455'5049'4400ull;  // "DEDUPID"

// How each service names an error in "__type" (docs/aws-rules.md 7.1, 7.2).
std::string error_type(CallService service, const std::string& code) {
    switch (service) {
        case CallService::Sqs: return "com.amazonaws.sqs#" + code;
        case CallService::DynamoDb: return "com.amazonaws.dynamodb.v20120810#" + code;
        case CallService::Kinesis:
        case CallService::Downstream: return code;
    }
    return code;
}

// The reply to a call that is not made: the invocation is over (services.h, InvocationStopped).
ServiceReply stopped(const std::string& why) {
    return ServiceReply{400, json{{"__type", "InvocationStopped"}, {"message", why}}, 0, true};
}

ServiceReply sends_bound_reached() {
    return stopped("the run reached the simulator's bound of messages and records sent by handlers (service_limits.max_handler_sends)");
}

bool valid_batch_entry_id(const std::string& id) {
    return !id.empty() && id.size() <= 80 &&
           std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

}  // namespace

// [SECTION] A call being decided: its request, timing, record and reply

struct HandlerServices::Call {
    InvocationCalls& invocation;
    const json& request;
    const CallInfo& info;
    SimTime start;
    double latency_ms;  // the service's; a downstream call sets its own
    CallRecord record;

    SimTime end() const { return start + from_millis(latency_ms); }

    ServiceReply reply(json body) const { return ServiceReply{200, std::move(body), latency_ms, false}; }

    // AWS's error document for `code`, and the call's record of it.
    ServiceReply fail(const std::string& code, const std::string& message, int status = 400) {
        record.error_code = code;
        record.error_message = message;
        return ServiceReply{status, json{{"__type", error_type(record.service, code)}, {"message", message}}, latency_ms, false};
    }

    // A missing required parameter, in each service's words.
    ServiceReply missing(const std::string& name) {
        if (record.service == CallService::Sqs) return fail("MissingParameter", "The request must contain the parameter " + name + ".");
        return fail("ValidationException",
                    "1 validation error detected: Value null at '" + name + "' failed to satisfy constraint: Member must not be null");
    }

    // A member of the request of the JSON type `is`, else nullptr (and `wrong_type` says whether
    // it was there with another type).
    template <typename Is>
    const json* member(const char* name, Is is, bool& wrong_type) const {
        const auto found = request.find(name);
        wrong_type = found != request.end() && !found->is_null() && !is(*found);
        return found == request.end() || found->is_null() || wrong_type ? nullptr : &*found;
    }
    std::optional<std::string> string(const char* name, bool& wrong_type) const {
        const json* value = member(name, [](const json& j) { return j.is_string(); }, wrong_type);
        return value ? std::optional<std::string>(value->get<std::string>()) : std::nullopt;
    }
    ServiceReply wrong_type(const std::string& name) {
        return fail("SerializationException", "Value for " + name + " is not of the expected type");
    }
};

// [SECTION] InvocationCalls

InvocationCalls::InvocationCalls(HandlerServices& services, std::uint32_t invocation, std::uint32_t function,
                                 const InvokeEvent& event, std::span<const RecordRef> records)
    : services_(services), invocation_(invocation), function_(function), event_(event), records_(records) {}

void InvocationCalls::begin(SimTime phase_start, SimTime deadline) {
    phase_start_ = phase_start;
    deadline_ = deadline;
}

ServiceReply InvocationCalls::call(const std::string& target, const nlohmann::json& request, const CallInfo& info) {
    return services_.call(*this, target, request, info);
}

Origin InvocationCalls::origin_of(const CallInfo& info) const {
    Origin origin;
    origin.invocation = invocation_;
    origin.parent_kind = kind_of(event_);
    std::size_t position = records_.size() == 1 ? 0 : records_.size();
    if (!info.current_record.empty()) {
        const auto& ids = std::visit(
            [](const auto* typed) {
                std::vector<std::string> names;
                for (const auto& record : typed->Records) {
                    if constexpr (std::is_same_v<std::decay_t<decltype(*typed)>, SqsEvent>) {
                        names.push_back(record.messageId);
                    } else {
                        names.push_back(record.kinesis.sequenceNumber);
                    }
                }
                return names;
            },
            event_);
        position = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), info.current_record) - ids.begin());
    }
    if (position < records_.size()) origin.parent = records_[position].message;
    return origin;
}

// [SECTION] Dispatch

HandlerServices::HandlerServices(const Scenario& scenario, EventQueue& events, Recorder& recorder, SqsService& sqs,
                                 KinesisService& kinesis)
    : scenario_(scenario), events_(events), recorder_(recorder), sqs_(sqs), kinesis_(kinesis), downstreams_(scenario),
      tables_(scenario) {}

ServiceReply HandlerServices::call(InvocationCalls& invocation, const std::string& target, const json& request,
                                   const CallInfo& info) {
    const SimTime start = invocation.phase_start_ + from_millis(info.declared_work_ms) + invocation.call_time_;
    if (start >= invocation.deadline_) return stopped("the invocation timed out before this call");
    if (calls_made_ >= scenario_.limits.max_handler_calls) {
        return stopped("the run reached the simulator's bound of " + std::to_string(scenario_.limits.max_handler_calls) +
                    " handler calls (service_limits.max_handler_calls)");
    }
    ++calls_made_;
    const auto dot = target.find('.');
    Call call{invocation, request, info, start, 0, {}};
    call.record.operation = dot == std::string::npos ? target : target.substr(dot + 1);
    call.record.start = start;
    ServiceReply reply = dispatch(call, target);
    if (reply.stopped) return reply;
    // Whole microseconds, so that each call starts exactly where the previous one ended.
    const SimTime duration = from_millis(reply.duration_ms);
    reply.duration_ms = static_cast<double>(duration) / kMicrosPerMilli;
    call.record.duration_ms = reply.duration_ms;
    invocation.call_time_ += duration;
    if (!call.record.target.empty()) note_link(invocation.function_, call.record.service, call.record.target);
    invocation.calls_.push_back(std::move(call.record));
    return reply;
}

ServiceReply HandlerServices::dispatch(Call& call, const std::string& target) {
    using H = HandlerServices;
    using enum CallService;
    struct Operation {
        std::string_view target;
        CallService service;
        ServiceReply (HandlerServices::*run)(Call&);
    };
    static const Operation kOperations[] = {
        {"AmazonSQS.GetQueueUrl", Sqs, &H::get_queue_url},
        {"AmazonSQS.SendMessage", Sqs, &H::send_message},
        {"AmazonSQS.SendMessageBatch", Sqs, &H::send_message_batch},
        {"AmazonSQS.DeleteMessage", Sqs, &H::delete_message},
        {"AmazonSQS.ChangeMessageVisibility", Sqs, &H::change_message_visibility},
        {"Kinesis_20131202.PutRecord", Kinesis, &H::put_record},
        {"Kinesis_20131202.PutRecords", Kinesis, &H::put_records},
        {"DynamoDB_20120810.PutItem", DynamoDb, &H::table_call},
        {"DynamoDB_20120810.GetItem", DynamoDb, &H::table_call},
        {"DynamoDB_20120810.DeleteItem", DynamoDb, &H::table_call},
        {"Queuelab.CallDownstream", Downstream, &H::call_downstream},
    };
    const auto& limits = scenario_.limits;
    const auto latency_of = [&](CallService service) {
        switch (service) {
            case Sqs: return limits.sqs_call_latency_ms;
            case Kinesis: return limits.kinesis_call_latency_ms;
            case DynamoDb: return limits.dynamodb_call_latency_ms;
            case Downstream: return limits.downstream_refusal_ms;
        }
        return limits.downstream_refusal_ms;
    };
    for (const Operation& operation : kOperations) {
        if (operation.target != target) continue;
        call.record.service = operation.service;
        call.latency_ms = latency_of(operation.service);
        if (!call.request.is_object()) return call.fail("SerializationException", "The request is not a JSON object");
        return (this->*operation.run)(call);
    }
    call.record.service = target.starts_with("AmazonSQS.") ? Sqs
                          : target.starts_with("Kinesis_20131202.") ? Kinesis
                          : target.starts_with("DynamoDB_20120810.") ? DynamoDb
                                                                     : Downstream;
    call.latency_ms = latency_of(call.record.service);
    return call.fail("UnknownOperationException", "The operation " + target + " is not one the simulator serves");
}

bool HandlerServices::may_send(std::int64_t count) {
    if (sends_made_ + count > scenario_.limits.max_handler_sends) return false;
    sends_made_ += count;
    return true;
}

void HandlerServices::note_link(std::uint32_t function, CallService service, const std::string& target) {
    for (auto& link : links_) {
        if (link.function == function && link.service == service && link.target == target) {
            ++link.calls;
            return;
        }
    }
    links_.push_back(Link{function, service, target, 1});
}

// [SECTION] SQS

// The queue a QueueUrl names: its last path segment, after the account when there is one.
std::uint32_t HandlerServices::queue_of(Call& call) {
    bool wrong_type = false;
    const auto url = call.string("QueueUrl", wrong_type);
    if (!url) return kNone;
    const auto slash = url->rfind('/');
    const std::string name = slash == std::string::npos ? *url : url->substr(slash + 1);
    call.record.target = name;
    if (slash != std::string::npos) {
        const auto previous = url->rfind('/', slash == 0 ? 0 : slash - 1);
        const std::string account = previous == std::string::npos ? std::string() : url->substr(previous + 1, slash - previous - 1);
        if (account != scenario_.account_id) return kNone;
    }
    return scenario_.queues.count(name) != 0 ? sqs_.queue_index(name) : kNone;
}

ServiceReply HandlerServices::get_queue_url(Call& call) {
    bool wrong_type = false;
    const auto name = call.string("QueueName", wrong_type);
    if (wrong_type) return call.wrong_type("QueueName");
    if (!name) return call.missing("QueueName");
    call.record.target = *name;
    if (scenario_.queues.count(*name) == 0) return call.fail("QueueDoesNotExist", "The specified queue does not exist.");
    return call.reply(json{{"QueueUrl", "https://sqs." + scenario_.region + ".amazonaws.com/" + scenario_.account_id + "/" + *name}});
}

namespace {

// A SendMessage request or a SendMessageBatch entry as the queue takes it, or the error that
// makes it invalid before the queue looks at it (code, message).
struct Send {
    SendRequest request;
    std::string error_code;
    std::string error_message;
};

Send read_send(const json& source, bool new_request) {
    Send send;
    send.request.new_request = new_request;
    const auto body = source.find("MessageBody");
    if (body != source.end() && body->is_string()) send.request.body = body->get<std::string>();
    for (const auto& [key, member] : {std::pair{"MessageGroupId", &SendRequest::MessageGroupId},
                                      std::pair{"MessageDeduplicationId", &SendRequest::MessageDeduplicationId}}) {
        const auto value = source.find(key);
        if (value != source.end() && value->is_string()) send.request.*member = value->get<std::string>();
    }
    const auto delay = source.find("DelaySeconds");
    if (delay != source.end() && !delay->is_null()) {
        if (!delay->is_number_integer() || delay->get<std::int64_t>() < 0 || delay->get<std::int64_t>() > 900) {
            send.error_code = "InvalidParameterValue";
            send.error_message = "Value " + delay->dump() + " for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.";
            return send;
        }
        send.request.DelaySeconds = delay->get<int>();
    }
    const auto attributes = source.find("MessageAttributes");
    if (attributes != source.end() && !attributes->is_null()) {
        const bool well_formed = attributes->is_object() && std::all_of(attributes->begin(), attributes->end(), [](const json& a) {
                                     return a.is_object() && a.contains("DataType") && a["DataType"].is_string();
                                 });
        if (!well_formed) {
            send.error_code = "InvalidParameterValue";
            send.error_message = "The message attributes must each be an object with a DataType";
        } else if (attributes->size() > 10) {
            send.error_code = "InvalidParameterValue";
            send.error_message = "Number of message attributes [" + std::to_string(attributes->size()) +
                                 "] exceeds the allowed maximum [10].";
        } else if (!attributes->empty()) {
            send.request.MessageAttributes = &*attributes;
        }
    }
    return send;
}

}  // namespace

ServiceReply HandlerServices::send_message(Call& call) {
    bool wrong_type = false;
    if (!call.string("QueueUrl", wrong_type)) return wrong_type ? call.wrong_type("QueueUrl") : call.missing("QueueUrl");
    const auto queue = queue_of(call);
    if (queue == kNone) return call.fail("QueueDoesNotExist", "The specified queue does not exist.");
    if (!call.string("MessageBody", wrong_type)) return wrong_type ? call.wrong_type("MessageBody") : call.missing("MessageBody");
    Send send = read_send(call.request, true);
    if (send.error_code.empty()) {
        if (const auto refusal = sqs_.check_send(queue, send.request)) {
            send.error_code = refusal->code;
            send.error_message = refusal->message;
        }
    }
    if (!send.error_code.empty()) {
        sqs_.count_refused_send(queue, true);
        return call.fail(send.error_code, send.error_message);
    }
    if (!may_send(1)) {
        return sends_bound_reached();
    }
    const std::string md5 = md5_hex(send.request.body);
    const auto sent = sqs_.send_arriving(now_, queue, send.request, call.end());
    json result{{"MD5OfMessageBody", md5}};
    if (sent.status == SendStatus::Enqueued) {
        result["MessageId"] = sqs_.message_id(sent.message);
        if (sqs_.config(queue).FifoQueue) result["SequenceNumber"] = fifo_sequence_number(sqs_.extras(sqs_.message(sent.message)).sequence_number);
        recorder_.set_origin(EventSourceKind::SqsQueue, sent.message, call.invocation.origin_of(call.info));
        call.record.created.push_back(sent.message);
    } else {
        // Accepted as a duplicate (docs/aws-rules.md 1.21): an id of its own, nothing enqueued.
        const auto n = ++deduplicated_replies_;
        result["MessageId"] = format_uuid(mix64(scenario_.seed, kDeduplicatedIdStream + 2 * n), mix64(scenario_.seed, kDeduplicatedIdStream + 2 * n + 1));
    }
    return call.reply(std::move(result));
}

ServiceReply HandlerServices::send_message_batch(Call& call) {
    const auto& limits = scenario_.limits;
    bool wrong_type = false;
    if (!call.string("QueueUrl", wrong_type)) return wrong_type ? call.wrong_type("QueueUrl") : call.missing("QueueUrl");
    const auto queue = queue_of(call);
    if (queue == kNone) return call.fail("QueueDoesNotExist", "The specified queue does not exist.");
    const json* entries = call.member("Entries", [](const json& j) { return j.is_array(); }, wrong_type);
    if (wrong_type) return call.wrong_type("Entries");
    if (entries == nullptr || entries->empty()) {
        return call.fail("EmptyBatchRequest", "There should be at least one SendMessageBatchRequestEntry in the request.");
    }
    if (static_cast<int>(entries->size()) > limits.sqs_batch_max_entries) {
        return call.fail("TooManyEntriesInBatchRequest", "Maximum number of entries per request are " +
                                                              std::to_string(limits.sqs_batch_max_entries) + ". You have sent " +
                                                              std::to_string(entries->size()) + ".");
    }
    std::set<std::string> ids;
    std::vector<Send> sends;
    std::int64_t total = 0;
    for (const auto& entry : *entries) {
        const std::string id = entry.is_object() && entry.value("Id", json()).is_string() ? entry["Id"].get<std::string>() : "";
        if (!valid_batch_entry_id(id)) {
            return call.fail("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric characters, hyphens and "
                                                    "underscores. It can be at most 80 letters long.");
        }
        if (!ids.insert(id).second) return call.fail("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
        sends.push_back(read_send(entry, false));
        total += message_size(sends.back().request);
    }
    if (total > limits.max_message_size_bytes) {
        return call.fail("BatchRequestTooLong", "Batch requests cannot be longer than " + std::to_string(limits.max_message_size_bytes) +
                                                    " bytes. You have sent " + std::to_string(total) + " bytes.");
    }
    sqs_.count_request(queue);
    json successful = json::array();
    json failed = json::array();
    for (std::size_t i = 0; i < sends.size(); ++i) {
        const std::string id = (*entries)[i]["Id"].get<std::string>();
        Send& send = sends[i];
        if (send.error_code.empty()) {
            if (const auto refusal = sqs_.check_send(queue, send.request)) {
                send.error_code = refusal->code;
                send.error_message = refusal->message;
            }
        }
        if (!send.error_code.empty()) {
            sqs_.count_refused_send(queue, false);
            failed.push_back(json{{"Id", id}, {"SenderFault", true}, {"Code", send.error_code}, {"Message", send.error_message}});
            continue;
        }
        if (!may_send(1)) {
            return sends_bound_reached();
        }
        const std::string md5 = md5_hex(send.request.body);
        const auto sent = sqs_.send_arriving(now_, queue, send.request, call.end());
        json entry{{"Id", id}, {"MD5OfMessageBody", md5}};
        if (sent.status == SendStatus::Enqueued) {
            entry["MessageId"] = sqs_.message_id(sent.message);
            if (sqs_.config(queue).FifoQueue) entry["SequenceNumber"] = fifo_sequence_number(sqs_.extras(sqs_.message(sent.message)).sequence_number);
            recorder_.set_origin(EventSourceKind::SqsQueue, sent.message, call.invocation.origin_of(call.info));
            call.record.created.push_back(sent.message);
        } else {
            const auto n = ++deduplicated_replies_;
            entry["MessageId"] = format_uuid(mix64(scenario_.seed, kDeduplicatedIdStream + 2 * n), mix64(scenario_.seed, kDeduplicatedIdStream + 2 * n + 1));
        }
        successful.push_back(std::move(entry));
    }
    call.record.failed_entries = static_cast<int>(failed.size());
    return call.reply(json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}});
}

ServiceReply HandlerServices::delete_message(Call& call) {
    bool wrong_type = false;
    if (!call.string("QueueUrl", wrong_type)) return wrong_type ? call.wrong_type("QueueUrl") : call.missing("QueueUrl");
    const auto queue = queue_of(call);
    if (queue == kNone) return call.fail("QueueDoesNotExist", "The specified queue does not exist.");
    const auto handle = call.string("ReceiptHandle", wrong_type);
    if (!handle) return wrong_type ? call.wrong_type("ReceiptHandle") : call.missing("ReceiptHandle");
    const auto receipt = sqs_.receipt_of(*handle);
    if (!receipt || sqs_.message(receipt->message).last_receive_queue != queue) {
        return call.fail("ReceiptHandleIsInvalid", "The input receipt handle \"" + *handle + "\" is not a valid receipt handle.");
    }
    ++pending_changes_;
    events_.schedule(call.end(), EventKind::HandlerDeletesMessage, receipt->message, receipt->receive_count);
    return call.reply(json::object());
}

ServiceReply HandlerServices::change_message_visibility(Call& call) {
    const int max_s = scenario_.limits.visibility_timeout_max_s;
    bool wrong_type = false;
    if (!call.string("QueueUrl", wrong_type)) return wrong_type ? call.wrong_type("QueueUrl") : call.missing("QueueUrl");
    const auto queue = queue_of(call);
    if (queue == kNone) return call.fail("QueueDoesNotExist", "The specified queue does not exist.");
    const auto handle = call.string("ReceiptHandle", wrong_type);
    if (!handle) return wrong_type ? call.wrong_type("ReceiptHandle") : call.missing("ReceiptHandle");
    const json* timeout = call.member("VisibilityTimeout", [](const json& j) { return j.is_number_integer(); }, wrong_type);
    if (wrong_type) return call.wrong_type("VisibilityTimeout");
    if (timeout == nullptr) return call.missing("VisibilityTimeout");
    const auto seconds = timeout->get<std::int64_t>();
    if (seconds < 0 || seconds > max_s) {
        return call.fail("InvalidParameterValue", "Value " + std::to_string(seconds) + " for parameter VisibilityTimeout is invalid. "
                                                  "Reason: Must be between 0 and " + std::to_string(max_s) + ", if provided.");
    }
    const auto receipt = sqs_.receipt_of(*handle);
    if (!receipt || sqs_.message(receipt->message).last_receive_queue != queue) {
        return call.fail("ReceiptHandleIsInvalid", "The input receipt handle \"" + *handle + "\" is not a valid receipt handle.");
    }
    const Message& m = sqs_.message(receipt->message);
    const bool current = m.receive_count == receipt->receive_count && m.queue == m.last_receive_queue &&
                         (m.state == MessageState::InFlight || m.state == MessageState::Visible);
    if (!current) {
        return call.fail("InvalidParameterValue", "Value " + *handle + " for parameter ReceiptHandle is invalid. Reason: The receipt "
                                                  "handle has expired.");
    }
    if (m.state != MessageState::InFlight || m.visible_at <= call.end()) {
        return call.fail("MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
    }
    if (call.end() + from_seconds(static_cast<double>(seconds)) - m.received_at > from_seconds(max_s)) {
        return call.fail("InvalidParameterValue", "Value " + std::to_string(seconds) + " for parameter VisibilityTimeout is invalid. "
                                                  "Reason: Total VisibilityTimeout for the message is beyond the limit [" +
                                                  std::to_string(max_s) + " seconds]");
    }
    ++pending_changes_;
    events_.schedule(call.end(), EventKind::HandlerChangesVisibility, receipt->message,
                     (std::uint64_t{receipt->receive_count} << 32) | static_cast<std::uint64_t>(seconds));
    return call.reply(json::object());
}

// [SECTION] Kinesis

std::uint32_t HandlerServices::stream_of(Call& call) {
    bool wrong_type = false;
    const auto name = call.string("StreamName", wrong_type);
    const auto arn = call.string("StreamARN", wrong_type);
    const std::optional<std::string> stream = name ? name : arn ? stream_name_from_reference(*arn) : std::nullopt;
    if (!stream) return kNone;
    call.record.target = *stream;
    return kinesis_.stream_index(*stream);
}

namespace {

// A record of a PutRecord or PutRecords request, checked as Kinesis checks it.
struct Put {
    std::string partition_key;
    std::string data;
    std::optional<std::string> explicit_hash_key;
    std::string error_code;
    std::string error_message;
};

Put read_put(const json& source, const ServiceLimits& limits) {
    Put put;
    const auto fail = [&](const char* code, std::string message) {
        put.error_code = code;
        put.error_message = std::move(message);
        return put;
    };
    const auto key = source.find("PartitionKey");
    if (key == source.end() || !key->is_string()) {
        return fail("ValidationException", "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null");
    }
    put.partition_key = key->get<std::string>();
    if (put.partition_key.empty() || static_cast<int>(put.partition_key.size()) > limits.partition_key_max_length) {
        return fail("ValidationException", "1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must "
                                           "have length between 1 and " + std::to_string(limits.partition_key_max_length));
    }
    const auto data = source.find("Data");
    if (data == source.end() || !data->is_string()) {
        return fail("ValidationException", "1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null");
    }
    auto bytes = base64_decode(data->get<std::string>());
    if (!bytes) return fail("SerializationException", "Base64 decoding of Data failed");
    put.data = std::move(*bytes);
    if (static_cast<std::int64_t>(put.data.size()) > limits.kinesis_record_max_bytes) {
        return fail("ValidationException", "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have "
                                           "length less than or equal to " + std::to_string(limits.kinesis_record_max_bytes));
    }
    const auto hash = source.find("ExplicitHashKey");
    if (hash != source.end() && !hash->is_null()) {
        if (!hash->is_string() || !parse_hash_key(hash->get<std::string>())) {
            return fail("InvalidArgumentException", "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                                                    "Specified value was " + hash->dump());
        }
        put.explicit_hash_key = hash->get<std::string>();
    }
    return put;
}

}  // namespace

ServiceReply HandlerServices::put_record(Call& call) {
    const auto stream = stream_of(call);
    if (stream == kNone) {
        return call.fail("ResourceNotFoundException", "Stream " + call.record.target + " under account " + scenario_.account_id + " not found.");
    }
    Put put = read_put(call.request, scenario_.limits);
    if (!put.error_code.empty()) return call.fail(put.error_code, put.error_message);
    if (!may_send(1)) {
        return sends_bound_reached();
    }
    const auto result = kinesis_.put_record(now_, stream, std::move(put.partition_key), std::move(put.data), put.explicit_hash_key, call.end());
    if (!result.accepted) {
        return call.fail("ProvisionedThroughputExceededException", "Rate exceeded for shard " + kinesis_.shard_id(result.shard) +
                                                                       " in stream " + call.record.target + " under account " +
                                                                       scenario_.account_id + ".");
    }
    recorder_.set_origin(EventSourceKind::KinesisStream, result.record, call.invocation.origin_of(call.info));
    call.record.created.push_back(result.record);
    return call.reply(json{{"ShardId", kinesis_.shard_id(result.shard)},
                           {"SequenceNumber", kinesis_.sequence_number(result.record)},
                           {"EncryptionType", "NONE"}});
}

ServiceReply HandlerServices::put_records(Call& call) {
    const auto& limits = scenario_.limits;
    const auto stream = stream_of(call);
    if (stream == kNone) {
        return call.fail("ResourceNotFoundException", "Stream " + call.record.target + " under account " + scenario_.account_id + " not found.");
    }
    bool wrong_type = false;
    const json* records = call.member("Records", [](const json& j) { return j.is_array(); }, wrong_type);
    if (wrong_type) return call.wrong_type("Records");
    if (records == nullptr) return call.missing("records");
    if (records->empty() || static_cast<int>(records->size()) > limits.kinesis_put_records_max) {
        return call.fail("ValidationException", "1 validation error detected: Value at 'records' failed to satisfy constraint: Member "
                                                "must have length between 1 and " + std::to_string(limits.kinesis_put_records_max) +
                                                " (got " + std::to_string(records->size()) + ")");
    }
    std::vector<Put> puts;
    std::int64_t total = 0;
    for (const auto& record : *records) {
        puts.push_back(read_put(record.is_object() ? record : json::object(), limits));
        if (!puts.back().error_code.empty()) return call.fail(puts.back().error_code, puts.back().error_message);
        total += static_cast<std::int64_t>(puts.back().data.size() + puts.back().partition_key.size());
    }
    if (total > limits.kinesis_put_records_max_bytes) {
        return call.fail("InvalidArgumentException", "Records size exceeds " + std::to_string(limits.kinesis_put_records_max_bytes) +
                                                         " bytes (got " + std::to_string(total) + ")");
    }
    if (!may_send(static_cast<std::int64_t>(puts.size()))) {
        return sends_bound_reached();
    }
    json results = json::array();
    int failed = 0;
    for (auto& put : puts) {
        const auto result = kinesis_.put_record(now_, stream, std::move(put.partition_key), std::move(put.data), put.explicit_hash_key, call.end());
        if (!result.accepted) {
            ++failed;
            results.push_back(json{{"ErrorCode", "ProvisionedThroughputExceededException"},
                                   {"ErrorMessage", "Rate exceeded for shard " + kinesis_.shard_id(result.shard) + " in stream " +
                                                        call.record.target + " under account " + scenario_.account_id + "."}});
            continue;
        }
        recorder_.set_origin(EventSourceKind::KinesisStream, result.record, call.invocation.origin_of(call.info));
        call.record.created.push_back(result.record);
        results.push_back(json{{"SequenceNumber", kinesis_.sequence_number(result.record)}, {"ShardId", kinesis_.shard_id(result.shard)}});
    }
    call.record.failed_entries = failed;
    return call.reply(json{{"FailedRecordCount", failed}, {"Records", std::move(results)}, {"EncryptionType", "NONE"}});
}

// [SECTION] DynamoDB tables and downstreams

ServiceReply HandlerServices::table_call(Call& call) {
    bool wrong_type = false;
    const auto name = call.string("TableName", wrong_type);
    if (wrong_type) return call.wrong_type("TableName");
    if (!name) return call.missing("tableName");
    call.record.target = *name;
    const auto table = tables_.index(*name);
    if (table == kNone) return call.fail("ResourceNotFoundException", "Requested resource not found: Table: " + *name + " not found");
    const auto& operation = call.record.operation;
    const char* document_key = operation == "PutItem" ? "Item" : "Key";
    const json* document = call.member(document_key, [](const json& j) { return j.is_object(); }, wrong_type);
    if (wrong_type) return call.wrong_type(document_key);
    if (document == nullptr) return call.missing(operation == "PutItem" ? "item" : "key");
    TableResult result;
    if (operation == "PutItem") {
        const auto condition = call.string("ConditionExpression", wrong_type);
        if (wrong_type) return call.wrong_type("ConditionExpression");
        std::map<std::string, std::string> names;
        const json* aliases = call.member("ExpressionAttributeNames", [](const json& j) { return j.is_object(); }, wrong_type);
        if (wrong_type) return call.wrong_type("ExpressionAttributeNames");
        if (aliases != nullptr) {
            for (const auto& [alias, value] : aliases->items()) {
                if (!value.is_string()) return call.wrong_type("ExpressionAttributeNames");
                names[alias] = value.get<std::string>();
            }
        }
        result = tables_.put_item(table, *document, condition, names);
    } else if (operation == "GetItem") {
        result = tables_.get_item(table, *document);
    } else {
        result = tables_.delete_item(table, *document);
    }
    if (!result.error_code.empty()) return call.fail(result.error_code, result.error_message);
    json body = json::object();
    if (result.item) body["Item"] = *result.item;
    return call.reply(std::move(body));
}

ServiceReply HandlerServices::call_downstream(Call& call) {
    bool wrong_type = false;
    const auto name = call.string("Downstream", wrong_type);
    if (wrong_type) return call.wrong_type("Downstream");
    if (!name) return call.missing("Downstream");
    const auto label = call.string("Operation", wrong_type);
    if (wrong_type) return call.wrong_type("Operation");
    if (label && !label->empty()) call.record.operation = *label;
    call.record.target = *name;
    const auto downstream = downstreams_.index(*name);
    if (downstream == kNone) {
        std::vector<std::string> names;
        for (const auto& [known, config] : scenario_.downstreams) names.push_back(known);
        return call.fail("ResourceNotFoundException", "no downstream named " + *name + " in this scenario (" +
                                                          (names.empty() ? "it has none" : "one of: " + join_list(names)) + ")");
    }
    const DownstreamCall result = downstreams_.call(now_, downstream, call.start);
    call.latency_ms = result.duration_ms;
    if (!result.error_code.empty()) return call.fail(result.error_code, result.error_message, result.status);
    return call.reply(json{{"LatencyMs", result.duration_ms}});
}

// [SECTION] Effects at the call's time

void HandlerServices::on_delete_message(SimTime now, std::uint32_t message, std::uint32_t receive_count) {
    --pending_changes_;
    sqs_.delete_message(now, Receipt{message, receive_count});
}

void HandlerServices::on_change_visibility(SimTime now, std::uint32_t message, std::uint64_t packed) {
    --pending_changes_;
    sqs_.change_message_visibility(now, Receipt{message, static_cast<std::uint32_t>(packed >> 32)},
                                   static_cast<int>(packed & 0xFFFF'FFFFu));
}

std::int64_t HandlerServices::pending_effects() const {
    return pending_changes_ + sqs_.sending_count() + kinesis_.arriving_count();
}

}  // namespace queuelab::sim
