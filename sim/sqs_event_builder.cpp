#include "sqs_event_builder.h"

#include <charconv>
#include <string>

#include "overwrite.h"

namespace queuelab::sim {
namespace {

// AWS's sample events use this SenderId for messages sent by an IAM user.
constexpr const char* kSenderId = "AIDAIENQZJOLO23YVJ4VO";

SqsMessageAttribute event_attribute(const nlohmann::json& api_attribute) {
    SqsMessageAttribute attribute;
    attribute.dataType = api_attribute.value("DataType", "String");
    if (api_attribute.contains("StringValue")) attribute.stringValue = api_attribute["StringValue"].get<std::string>();
    if (api_attribute.contains("BinaryValue")) attribute.binaryValue = api_attribute["BinaryValue"].get<std::string>();
    return attribute;
}

// `out` = the decimal digits of `value`, reusing its capacity.
void assign_number(std::string& out, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    overwrite(out, std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void fill_system_attributes(SqsService& sqs, const Message& m, Receipt receipt, SqsMessageSystemAttributes& attributes) {
    assign_number(attributes.ApproximateReceiveCount, receipt.receive_count);
    assign_number(attributes.SentTimestamp, epoch_millis(m.sent_at));
    if (attributes.SenderId.empty()) attributes.SenderId = kSenderId;
    assign_number(attributes.ApproximateFirstReceiveTimestamp, epoch_millis(m.first_received_at));
    const auto& extras = sqs.extras(m);
    const bool fifo = extras.group != kNone;
    attributes.SequenceNumber = fifo ? fifo_sequence_number(extras.sequence_number) : std::string{};
    attributes.MessageGroupId = fifo ? sqs.group_id(m) : std::string{};
    attributes.MessageDeduplicationId = fifo ? sqs.deduplication_id(m) : std::string{};
}

void fill_message_attributes(SqsService& sqs, const Message& m, std::map<std::string, SqsMessageAttribute>& attributes) {
    attributes.clear();
    const auto& extras = sqs.extras(m);
    if (extras.attributes == kNone) return;
    for (const auto& [name, value] : sqs.message_attributes(extras.attributes).items()) {
        attributes.emplace(name, event_attribute(value));
    }
}

// Empties a part, keeping its strings' capacity.
void clear_part(std::string& text) { text.clear(); }
void clear_part(std::map<std::string, SqsMessageAttribute>& attributes) { attributes.clear(); }
void clear_part(SqsMessageSystemAttributes& a) {
    for (std::string* text : {&a.ApproximateReceiveCount, &a.SentTimestamp, &a.SenderId, &a.ApproximateFirstReceiveTimestamp,
                              &a.SequenceNumber, &a.MessageGroupId, &a.MessageDeduplicationId}) {
        text->clear();
    }
}

// Fills `field` when its part is wanted, and empties it otherwise.
template <typename Field, typename Fill>
void fill_or_clear(bool wanted, Field& field, Fill&& fill) {
    if (wanted) {
        fill(field);
    } else {
        clear_part(field);
    }
}

void fill_source(SqsService& sqs, const std::string& region, std::uint32_t queue, SqsMessage& record) {
    if (record.eventSourceARN == sqs.queue_arn(queue)) return;
    record.eventSource = "aws:sqs";
    record.eventSourceARN = sqs.queue_arn(queue);
    record.awsRegion = region;
}

}  // namespace

std::string fifo_sequence_number(std::uint64_t sequence) {
    return std::to_string(10'000'000'000'000'000'000ull + sequence);
}

void fill_sqs_record(SqsService& sqs, const std::string& region, std::uint32_t queue, Receipt receipt,
                     SqsMessage& record, const SqsRecordParts& parts) {
    const Message& m = sqs.message(receipt.message);
    fill_or_clear(parts.messageId, record.messageId, [&](auto& out) { sqs.message_id_into(out, receipt.message); });
    fill_or_clear(parts.receiptHandle, record.receiptHandle, [&](auto& out) { sqs.receipt_handle_into(out, receipt); });
    fill_or_clear(parts.body, record.body, [&](auto& out) { overwrite(out, m.body()); });
    fill_or_clear(parts.attributes, record.attributes, [&](auto& out) { fill_system_attributes(sqs, m, receipt, out); });
    fill_or_clear(parts.messageAttributes, record.messageAttributes, [&](auto& out) { fill_message_attributes(sqs, m, out); });
    fill_or_clear(parts.md5OfBody, record.md5OfBody, [&](auto& out) { sqs.md5_of_body_into(out, receipt.message); });
    if (parts.eventSource) {
        fill_source(sqs, region, queue, record);
    } else {
        for (std::string* text : {&record.eventSource, &record.eventSourceARN, &record.awsRegion}) clear_part(*text);
    }
}

SqsEvent build_sqs_event(SqsService& sqs, const std::string& region, std::uint32_t queue,
                         std::span<const RecordRef> records) {
    SqsEvent event;
    event.Records.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        fill_sqs_record(sqs, region, queue, Receipt{records[i].message, records[i].receive_count}, event.Records[i]);
    }
    return event;
}

}  // namespace queuelab::sim
