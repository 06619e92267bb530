#pragma once
// A scenario (docs/scenario-format.md): the resources, the traffic and the timed actions of
// one run, validated. Field names are AWS's own (CloudFormation / API); defaults are AWS's
// defaults. Produced by load_scenario() (scenario_loader.h); the engine trusts it.

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_source.h"
#include "service_limits.h"

namespace queuelab::sim {

struct RedrivePolicy {
    std::string deadLetterTargetArn;  // a queue name of the scenario
    int maxReceiveCount = 0;          // 1 to 1,000
};

struct QueueConfig {
    std::string name;
    bool FifoQueue = false;                   // also true when the name ends in ".fifo"
    bool ContentBasedDeduplication = false;
    int VisibilityTimeout = 30;               // 0 to 43,200 s
    int DelaySeconds = 0;                     // 0 to 900 s
    int MessageRetentionPeriod = 345'600;     // 60 to 1,209,600 s
    int ReceiveMessageWaitTimeSeconds = 0;    // 0 to 20 s
    std::int64_t MaximumMessageSize = 1'048'576;  // 1,024 to 1,048,576 bytes
    std::optional<RedrivePolicy> redrive_policy;
};

struct StreamConfig {
    std::string name;
    int ShardCount = 1;                   // 1 to 1,000 here
    int RetentionPeriodHours = 24;        // 24 to 8,760
};

struct FunctionSimulation {
    double DurationMs = 100;     // time of one invoke, before per-record time
    double PerRecordMs = 0;      // added per record in the batch
    double ColdStartMs = 250;    // init phase of a new execution environment (at most 10 s)
    nlohmann::json Params = nlohmann::json::object();  // handed to the handler
    std::string Bootstrap;       // an executable speaking the Lambda Runtime API, resolved against Scenario::directory
    std::string Source;          // a learner's C++ handler source, resolved against Scenario::directory
};

struct FunctionConfig {
    std::string name{};
    std::string Handler{};                // a built-in handler's name (or _HANDLER for a bootstrap)
    std::string Runtime = "provided.al2023";
    int Timeout = 3;                      // 1 to 900 s
    int MemorySize = 128;                 // 128 to 10,240 MB
    std::optional<int> ReservedConcurrentExecutions{};
    FunctionSimulation simulation{};
};

struct MappingConfig {
    std::string EventSourceArn;           // a queue or stream name of the scenario
    EventSourceKind source_kind = EventSourceKind::SqsQueue;  // what EventSourceArn names
    std::string FunctionName;
    int BatchSize = 10;                   // standard 1 to 10,000; FIFO 1 to 10; streams 1 to 10,000 (100)
    int MaximumBatchingWindowInSeconds = 0;  // 0 to 300
    bool ReportBatchItemFailures = false;    // FunctionResponseTypes: ["ReportBatchItemFailures"]
    std::optional<int> MaximumConcurrency;   // ScalingConfig.MaximumConcurrency, 2 to 1,000
    std::vector<nlohmann::json> filter_patterns;  // FilterCriteria.Filters[].Pattern, parsed
    bool Enabled = true;
    // Streams only (docs/aws-rules.md 3.7-3.21; docs/scenario-format.md 4.4).
    std::string StartingPosition;         // TRIM_HORIZON, LATEST or AT_TIMESTAMP (required)
    double StartingPositionTimestamp = 0; // AT_TIMESTAMP: virtual seconds
    int ParallelizationFactor = 1;        // 1 to 10
    bool BisectBatchOnFunctionError = false;
    int MaximumRetryAttempts = -1;        // -1 (infinite) or 0 to 10,000
    int MaximumRecordAgeInSeconds = -1;   // -1 (infinite) or 60 to 604,800
    int TumblingWindowInSeconds = 0;      // 0 to 900
    std::string on_failure_destination;   // DestinationConfig.OnFailure.Destination: a queue name
};

// What UpdateEventSourceMapping changes for every kind of event source: BatchSize,
// MaximumBatchingWindowInSeconds, FunctionResponseTypes and FilterCriteria, from `next`.
inline void update_common_mapping_settings(MappingConfig& running, const MappingConfig& next) {
    running.BatchSize = next.BatchSize;
    running.MaximumBatchingWindowInSeconds = next.MaximumBatchingWindowInSeconds;
    running.ReportBatchItemFailures = next.ReportBatchItemFailures;
    running.filter_patterns = next.filter_patterns;
}

// A downstream call's latency before load (docs/scenario-format.md 4.5): a fixed number of
// milliseconds or a distribution drawn from its own seeded stream.
struct LatencySpec {
    enum class Distribution { Fixed, Uniform, Exponential, LogNormal };
    Distribution distribution = Distribution::Fixed;
    double FixedMs = 10;      // Fixed
    double MinMs = 0;         // Uniform: from MinMs to MaxMs
    double MaxMs = 0;
    double MeanMs = 0;        // Exponential
    double MedianMs = 0;      // LogNormal: the median and the 99th percentile
    double P99Ms = 0;
    std::optional<std::uint64_t> Seed;  // default: from the scenario's seed and the downstream's name
};

struct Outage {
    double from_s = 0;
    double until_s = 0;
};

// A time when a downstream answers slower (or faster): its calls started from from_s until
// until_s take LatencyMs before load instead of the downstream's own.
struct SlowPeriod {
    double from_s = 0;
    double until_s = 0;
    LatencySpec LatencyMs;
};

// A dependency handlers call (a database, an API) with the limits that make it fail under load
// (docs/aws-rules.md 5.25).
struct DownstreamConfig {
    std::string name;
    int MaxConnections = 100;             // calls open at once; one more is refused
    LatencySpec LatencyMs;
    double ErrorRate = 0;                 // share of calls that fail (InternalError), 0 to 1
    std::vector<Outage> Outages;          // while one lasts, every call is refused
    std::vector<SlowPeriod> SlowPeriods;  // while one lasts, calls take its latency
    std::optional<double> RequestsPerSecond;  // calls started per second beyond it are refused
    std::optional<double> TimeoutMs;      // the caller gives up after this (Timeout)
    double SaturationSlowdown = 1;        // times slower with every connection in use (linear in between)
};

// A DynamoDB table handlers use as a key-value store (docs/aws-rules.md 7.11-7.13).
struct TableConfig {
    std::string name;
    std::string partition_key = "id";     // KeySchema's HASH attribute
};

// One message (SQS) or record (Kinesis) to send. Templates may use "{i}" and "{i%N}".
struct MessageSpec {
    std::string body;                     // SQS
    std::string partition_key;            // Kinesis: 1 to 256 characters
    std::string data;                     // Kinesis: the record's bytes (base64-encoded in events)
    std::optional<std::string> ExplicitHashKey;  // Kinesis: a decimal 128-bit hash overriding the key's
    std::optional<std::string> MessageGroupId;
    std::optional<std::string> MessageDeduplicationId;
    std::optional<int> DelaySeconds;
    nlohmann::json MessageAttributes = nlohmann::json::object();  // SQS API shape
};

// One traffic entry: explicit messages at at_s, `count` copies of a template at at_s, or
// rate_per_s copies per second between from_s and until_s. Templates expand "{i}" to the index
// of the copy (0-based) and "{i%N}" to that index modulo N.
struct TrafficEntry {
    enum class Kind { Messages, Count, Rate };
    Kind kind = Kind::Messages;
    std::string to;                       // queue or stream name
    double at_s = 0;
    double from_s = 0;
    double until_s = 0;
    double rate_per_s = 0;
    std::int64_t count = 0;
    std::vector<MessageSpec> messages;    // Kind::Messages
    MessageSpec message_template;         // Kind::Count and Kind::Rate

    // How many messages or records the entry sends in a run of `duration_s` (a rate's, about).
    double sends(double duration_s) const {
        switch (kind) {
            case Kind::Messages: return static_cast<double>(messages.size());
            case Kind::Count: return static_cast<double>(count);
            case Kind::Rate: return rate_per_s * std::max(0.0, std::min(until_s, duration_s) - from_s);
        }
        return 0;
    }
};

// A timed API call, under AWS's name for it.
struct ScenarioAction {
    enum class Kind { UpdateFunctionConfiguration, StartMessageMoveTask };
    Kind kind = Kind::UpdateFunctionConfiguration;
    double at_s = 0;
    // UpdateFunctionConfiguration (applied without the mapping's validation, as in AWS)
    std::string FunctionName;
    std::optional<int> Timeout;
    std::optional<int> ReservedConcurrentExecutions;
    std::optional<double> DurationMs;     // Simulation.DurationMs: "the code got slower"
    // StartMessageMoveTask
    std::string SourceArn;                // a dead-letter queue
    std::string DestinationArn;           // empty: back to each message's source queue
    int MaxNumberOfMessagesPerSecond = 500;  // 1 to 500
};

// The most queues a scenario may declare: a message keeps its queue indexes in 16 bits.
constexpr std::size_t kMaxQueues = 65'535;

struct Scenario {
    std::string name;
    std::string description;              // what the scenario shows, for people
    std::string directory = ".";          // the scenario file's folder: relative paths start here
    std::uint64_t seed = 1;
    double duration_s = 3'600;
    std::string region = "us-east-1";
    std::string account_id = "123456789012";
    int account_concurrency = 1'000;      // account.ConcurrentExecutions
    double sample_interval_s = 0;         // 0: chosen from duration_s
    std::map<std::string, QueueConfig> queues;  // at most kMaxQueues
    std::map<std::string, StreamConfig> streams;
    std::map<std::string, FunctionConfig> functions;
    std::vector<MappingConfig> mappings;
    std::map<std::string, DownstreamConfig> downstreams;
    std::map<std::string, TableConfig> tables;
    std::vector<TrafficEntry> traffic;
    std::vector<ScenarioAction> actions;
    ServiceLimits limits;
};

}  // namespace queuelab::sim
