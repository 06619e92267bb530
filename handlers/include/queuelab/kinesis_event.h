#pragma once
// The Kinesis event a Lambda handler receives and the response it returns (docs/aws-rules.md 3.23
// for the event, 3.19 for the response, 3.21 for the tumbling window keys), as C++ types that
// serialise to and from exactly AWS's JSON. With a tumbling window
// (TumblingWindowInSeconds > 0) the event also carries the window, the state returned by the
// previous invoke of that window, and whether this is the window's final invoke.
// Depends only on the standard library and nlohmann/json.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqs_event.h"

namespace queuelab {

struct KinesisRecordData {
    std::string kinesisSchemaVersion = "1.0";
    std::string partitionKey;
    std::string sequenceNumber;
    std::string data;                         // base64 of the record's bytes
    double approximateArrivalTimestamp = 0;   // epoch seconds, millisecond precision
};

struct KinesisEventRecord {
    KinesisRecordData kinesis;
    std::string eventSource = "aws:kinesis";
    std::string eventVersion = "1.0";
    std::string eventID;                      // "shardId-000000000000:<sequenceNumber>"
    std::string eventName = "aws:kinesis:record";
    std::string invokeIdentityArn;
    std::string awsRegion;
    std::string eventSourceARN;
};

struct TumblingWindow {
    std::string start;  // ISO 8601, e.g. "2024-01-01T00:05:00Z"
    std::string end;
};

// The keys a tumbling-window invoke adds at the top level of the event.
struct TumblingWindowContext {
    TumblingWindow window;
    nlohmann::json state = nlohmann::json::object();
    std::string shardId;
    std::string eventSourceARN;
    bool isFinalInvokeForWindow = false;
    bool isWindowTerminatedEarly = false;
};

struct KinesisEvent {
    std::vector<KinesisEventRecord> Records;
    std::optional<TumblingWindowContext> tumbling{};  // absent: no tumbling window keys in the JSON
};

// What a tumbling-window handler returns: its state for the next invoke of the window, and
// failures like any stream batch response.
struct TumblingWindowResponse {
    nlohmann::json state = nlohmann::json::object();
    std::vector<BatchItemFailure> batchItemFailures;
};

void to_json(nlohmann::json& out, const KinesisRecordData& data);
void from_json(const nlohmann::json& in, KinesisRecordData& data);
void to_json(nlohmann::json& out, const KinesisEventRecord& record);
void from_json(const nlohmann::json& in, KinesisEventRecord& record);
void to_json(nlohmann::json& out, const KinesisEvent& event);
void from_json(const nlohmann::json& in, KinesisEvent& event);
void to_json(nlohmann::json& out, const TumblingWindowResponse& response);
void from_json(const nlohmann::json& in, TumblingWindowResponse& response);

// Base64 (RFC 4648, with padding), for the records' data.
std::string base64_encode(std::string_view bytes);
// std::nullopt when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace queuelab
