#pragma once
// The kinds of event source a Lambda event source mapping reads (docs/aws-rules.md 2 and 3).
// Adding a kind (DynamoDB Streams, say) starts here: docs/architecture.md lists what else it
// touches.

#include <cstdint>
#include <string_view>

namespace queuelab::sim {

enum class EventSourceKind : std::uint8_t {
    SqsQueue,       // records are messages, identified by messageId; the mapping deletes them
    KinesisStream,  // records are stream records, identified by sequenceNumber; the mapping checkpoints
};

// "SQS" or "Kinesis", as the AWS documentation names the service in prose.
constexpr std::string_view service_name(EventSourceKind kind) {
    switch (kind) {
        case EventSourceKind::SqsQueue: return "SQS";
        case EventSourceKind::KinesisStream: return "Kinesis";
    }
    return "";
}

// "queue" or "stream": what a scenario calls the resource.
constexpr std::string_view resource_noun(EventSourceKind kind) {
    switch (kind) {
        case EventSourceKind::SqsQueue: return "queue";
        case EventSourceKind::KinesisStream: return "stream";
    }
    return "";
}

}  // namespace queuelab::sim
