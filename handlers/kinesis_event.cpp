#include "queuelab/kinesis_event.h"

#include <algorithm>
#include <cstdint>

namespace queuelab {

using nlohmann::json;

namespace {

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of a base64 digit, or -1 for any other character (including '=').
int base64_digit(char c) {
    const std::size_t found = base64_alphabet.find(c);
    return found == std::string_view::npos ? -1 : static_cast<int>(found);
}

bool is_absent(const json& in, const char* key) {
    const auto found = in.find(key);
    return found == in.end() || found->is_null();
}

}  // namespace

void to_json(json& out, const KinesisRecordData& data) {
    out = json{{"kinesisSchemaVersion", data.kinesisSchemaVersion},
               {"partitionKey", data.partitionKey},
               {"sequenceNumber", data.sequenceNumber},
               {"data", data.data},
               {"approximateArrivalTimestamp", data.approximateArrivalTimestamp}};
}

void from_json(const json& in, KinesisRecordData& data) {
    data.kinesisSchemaVersion = in.at("kinesisSchemaVersion").get<std::string>();
    data.partitionKey = in.at("partitionKey").get<std::string>();
    data.sequenceNumber = in.at("sequenceNumber").get<std::string>();
    data.data = in.at("data").get<std::string>();
    data.approximateArrivalTimestamp = in.at("approximateArrivalTimestamp").get<double>();
}

void to_json(json& out, const KinesisEventRecord& record) {
    out = json{{"kinesis", record.kinesis},
               {"eventSource", record.eventSource},
               {"eventVersion", record.eventVersion},
               {"eventID", record.eventID},
               {"eventName", record.eventName},
               {"invokeIdentityArn", record.invokeIdentityArn},
               {"awsRegion", record.awsRegion},
               {"eventSourceARN", record.eventSourceARN}};
}

void from_json(const json& in, KinesisEventRecord& record) {
    record.kinesis = in.at("kinesis").get<KinesisRecordData>();
    record.eventSource = in.at("eventSource").get<std::string>();
    record.eventVersion = in.at("eventVersion").get<std::string>();
    record.eventID = in.at("eventID").get<std::string>();
    record.eventName = in.at("eventName").get<std::string>();
    record.invokeIdentityArn = in.at("invokeIdentityArn").get<std::string>();
    record.awsRegion = in.at("awsRegion").get<std::string>();
    record.eventSourceARN = in.at("eventSourceARN").get<std::string>();
}

void to_json(json& out, const KinesisEvent& event) {
    out = json{{"Records", event.Records}};
    if (!event.tumbling) return;
    const TumblingWindowContext& tumbling = *event.tumbling;
    out["window"] = json{{"start", tumbling.window.start}, {"end", tumbling.window.end}};
    out["state"] = tumbling.state;
    out["shardId"] = tumbling.shardId;
    out["eventSourceARN"] = tumbling.eventSourceARN;
    out["isFinalInvokeForWindow"] = tumbling.isFinalInvokeForWindow;
    out["isWindowTerminatedEarly"] = tumbling.isWindowTerminatedEarly;
}

void from_json(const json& in, KinesisEvent& event) {
    event.Records = in.at("Records").get<std::vector<KinesisEventRecord>>();
    event.tumbling.reset();
    if (is_absent(in, "window")) return;
    TumblingWindowContext tumbling;
    tumbling.window.start = in.at("window").at("start").get<std::string>();
    tumbling.window.end = in.at("window").at("end").get<std::string>();
    tumbling.state = is_absent(in, "state") ? json::object() : in.at("state");
    tumbling.shardId = in.at("shardId").get<std::string>();
    tumbling.eventSourceARN = in.at("eventSourceARN").get<std::string>();
    tumbling.isFinalInvokeForWindow = in.at("isFinalInvokeForWindow").get<bool>();
    tumbling.isWindowTerminatedEarly = in.at("isWindowTerminatedEarly").get<bool>();
    event.tumbling = std::move(tumbling);
}

void to_json(json& out, const TumblingWindowResponse& response) {
    out = json{{"state", response.state}, {"batchItemFailures", response.batchItemFailures}};
}

// The failures read as in a BatchResponse: a missing or null list is no failures.
void from_json(const json& in, TumblingWindowResponse& response) {
    response.state = is_absent(in, "state") ? json::object() : in.at("state");
    response.batchItemFailures = in.get<BatchResponse>().batchItemFailures;
}

// Every 3 bytes become 4 digits; a last group of n < 3 bytes becomes n + 1 digits and padding.
std::string base64_encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 3; ++j) {
            group = group << 8 | (j < count ? static_cast<unsigned char>(bytes[i + j]) : 0U);
        }
        for (std::size_t j = 0; j < 4; ++j) {
            text += j <= count ? base64_alphabet[group >> (18 - 6 * j) & 0x3F] : '=';
        }
    }
    return text;
}

// Strict: whole groups of 4, padding only at the end, and zero in the bits the padding leaves
// over, so that every byte string has exactly one encoding.
std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    std::string bytes;
    bytes.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const std::size_t digits = i + 4 == text.size() ? 4 - padding : 4;
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const int value = j < digits ? base64_digit(text[i + j]) : 0;
            if (value < 0) return std::nullopt;
            group = group << 6 | static_cast<std::uint32_t>(value);
        }
        const std::size_t count = digits - 1;
        const std::uint32_t leftover_bits = (1U << (8 * (3 - count))) - 1;
        if ((group & leftover_bits) != 0) return std::nullopt;
        for (std::size_t j = 0; j < count; ++j) {
            bytes += static_cast<char>(group >> (16 - 8 * j) & 0xFF);
        }
    }
    return bytes;
}

}  // namespace queuelab
