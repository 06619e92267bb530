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

}  // namespace

std::string fifo_sequence_number(std::uint64_t sequence) {
    return std::to_string(10'000'000'000'000'000'000ull + sequence);
}

void fill_sqs_record(SqsService& sqs, const std::string& region, std::uint32_t queue, Receipt receipt,
                     SqsMessage& record, BodyDigest digest) {
    const Message& m = sqs.message(receipt.message);
    sqs.message_id_into(record.messageId, receipt.message);
    sqs.receipt_handle_into(record.receiptHandle, receipt);
    overwrite(record.body, m.body);
    auto& attributes = record.attributes;
    assign_number(attributes.ApproximateReceiveCount, receipt.receive_count);
    assign_number(attributes.SentTimestamp, epoch_millis(m.sent_at));
    if (attributes.SenderId.empty()) attributes.SenderId = kSenderId;
    assign_number(attributes.ApproximateFirstReceiveTimestamp, epoch_millis(m.first_received_at));
    const auto& extras = sqs.extras(m);
    const bool fifo = extras.group != kNone;
    attributes.SequenceNumber = fifo ? fifo_sequence_number(extras.sequence_number) : std::string{};
    attributes.MessageGroupId = fifo ? sqs.group_id(m) : std::string{};
    attributes.MessageDeduplicationId = fifo ? sqs.deduplication_id(m) : std::string{};
    record.messageAttributes.clear();
    if (extras.attributes != kNone) {
        for (const auto& [name, value] : sqs.message_attributes(extras.attributes).items()) {
            record.messageAttributes.emplace(name, event_attribute(value));
        }
    }
    if (digest == BodyDigest::Computed) {
        sqs.md5_of_body_into(record.md5OfBody, receipt.message);
    } else {
        record.md5OfBody.clear();
    }
    if (record.eventSourceARN != sqs.queue_arn(queue)) {
        record.eventSource = "aws:sqs";
        record.eventSourceARN = sqs.queue_arn(queue);
        record.awsRegion = region;
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
