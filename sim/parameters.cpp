// [SECTION] Access helpers
// [SECTION] Queues
// [SECTION] Streams
// [SECTION] Functions
// [SECTION] Event source mappings
// [SECTION] Lookup
// [SECTION] Text: defaults, ranges, help, docs tables

#include "parameters.h"

#include <cmath>
#include <optional>

namespace queuelab::sim {
namespace {

using json = nlohmann::json;

// [SECTION] Access helpers

template <typename T>
struct MemberOf;
template <typename C, typename T>
struct MemberOf<T C::*> {
    using Config = C;
    using Value = T;
};

template <typename T>
json to_value(const T& value) {
    return json(value);
}
template <typename T>
json to_value(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}
template <typename T>
void from_value(const json& in, T& value) {
    value = in.get<T>();
}
template <typename T>
void from_value(const json& in, std::optional<T>& value) {
    value = in.get<T>();
}

template <auto Member>
json get_member(const typename MemberOf<decltype(Member)>::Config& config) {
    return to_value(config.*Member);
}
template <auto Member>
void set_member(typename MemberOf<decltype(Member)>::Config& config, const json& value) {
    from_value(value, config.*Member);
}

// A member of the resource's configuration.
template <auto Member>
Access<typename MemberOf<decltype(Member)>::Config> field(
    Range (*bounds)(const Scenario&, const typename MemberOf<decltype(Member)>::Config&) = nullptr) {
    return {&get_member<Member>, &set_member<Member>, bounds};
}

template <auto Member>
json get_simulation(const FunctionConfig& config) {
    return to_value(config.simulation.*Member);
}
template <auto Member>
void set_simulation(FunctionConfig& config, const json& value) {
    from_value(value, config.simulation.*Member);
}

// A member of a function's Simulation settings.
template <auto Member>
Access<FunctionConfig> simulation(Range (*bounds)(const Scenario&, const FunctionConfig&) = nullptr) {
    return {&get_simulation<Member>, &set_simulation<Member>, bounds};
}

// Read by the loader's own code; `get` shows it as the file writes it.
template <typename Config>
Access<Config> custom(json (*get)(const Config&)) {
    return {get, nullptr, nullptr};
}

// [SECTION] Queues

std::vector<Parameter> make_queue_parameters() {
    using Q = QueueConfig;
    return {
        {.name = "FifoQueue", .type = ValueType::Boolean,
         .meaning = "A FIFO queue keeps order within each MessageGroupId and deduplicates sends. A queue whose name "
                    "ends in .fifo is FIFO; it cannot change after the queue is created.",
         .live = LiveEdit::OnRestart, .access = field<&Q::FifoQueue>()},
        {.name = "ContentBasedDeduplication", .type = ValueType::Boolean,
         .meaning = "FIFO only: a send without MessageDeduplicationId is deduplicated by the SHA-256 of its body, "
                    "within 5 minutes.",
         .live = LiveEdit::SetQueueAttributes, .access = field<&Q::ContentBasedDeduplication>()},
        {.name = "VisibilityTimeout", .type = ValueType::Integer, .range = {0, 43'200},
         .aws_message = "Invalid value for the parameter VisibilityTimeout",
         .meaning = "Seconds a received message stays hidden (in flight). Not deleted by then, it becomes visible and "
                    "is delivered again. AWS recommends at least 6 times the function's Timeout.",
         .live = LiveEdit::SetQueueAttributes, .access = field<&Q::VisibilityTimeout>()},
        {.name = "DelaySeconds", .type = ValueType::Integer, .range = {0, 900},
         .aws_message = "Invalid value for the parameter DelaySeconds",
         .meaning = "Seconds a new message stays invisible before its first delivery.",
         .live = LiveEdit::SetQueueAttributes, .access = field<&Q::DelaySeconds>()},
        {.name = "MessageRetentionPeriod", .type = ValueType::Integer, .range = {60, 1'209'600},
         .aws_message = "Invalid value for the parameter MessageRetentionPeriod",
         .meaning = "Seconds SQS keeps a message, processed or not; an older message is deleted (expired).",
         .live = LiveEdit::OnRestart, .access = field<&Q::MessageRetentionPeriod>()},
        {.name = "ReceiveMessageWaitTimeSeconds", .type = ValueType::Integer, .range = {0, 20},
         .aws_message = "Invalid value for the parameter ReceiveMessageWaitTimeSeconds",
         .meaning = "Long polling: how long a ReceiveMessage waits for messages. 0 is short polling, which samples "
                    "some servers and can return nothing. Lambda's pollers always long-poll.",
         .live = LiveEdit::SetQueueAttributes, .access = field<&Q::ReceiveMessageWaitTimeSeconds>()},
        {.name = "MaximumMessageSize", .type = ValueType::Integer, .range = {1'024, 1'048'576},
         .aws_message = "Invalid value for the parameter MaximumMessageSize",
         .meaning = "Largest message body the queue accepts, in bytes; a larger send is rejected. The default and "
                    "the highest value follow the service limit max_message_size_bytes.",
         .live = LiveEdit::SetQueueAttributes,
         .access = field<&Q::MaximumMessageSize>([](const Scenario& s, const Q&) {
             return Range{1'024, static_cast<double>(s.limits.max_message_size_bytes)};
         })},
        {.name = "RedrivePolicy", .type = ValueType::Custom,
         .meaning = "Where a message goes after too many receives: {deadLetterTargetArn, maxReceiveCount}, as an "
                    "object or a string holding one (the SQS API's form). Without it a failing message comes back "
                    "until it expires.",
         .values = "{\"deadLetterTargetArn\": queue, \"maxReceiveCount\": n}", .live = LiveEdit::OnRestart,
         .access = custom<Q>([](const Q& q) {
             return q.redrive_policy ? json{{"deadLetterTargetArn", q.redrive_policy->deadLetterTargetArn},
                                            {"maxReceiveCount", q.redrive_policy->maxReceiveCount}}
                                     : json(nullptr);
         })},
        {.name = "RedrivePolicy.deadLetterTargetArn", .type = ValueType::Custom,
         .meaning = "The dead-letter queue (DLQ): another queue of the same type, standard or FIFO, whose own "
                    "dead-letter queues do not lead back (no cycles, unlike AWS). A moved message keeps its MessageId.",
         .values = "a queue's name or ARN", .live = LiveEdit::OnRestart, .required = true,
         .access = custom<Q>([](const Q& q) {
             return q.redrive_policy ? json(q.redrive_policy->deadLetterTargetArn) : json(nullptr);
         })},
        {.name = "RedrivePolicy.maxReceiveCount", .type = ValueType::Integer, .range = {1, 1'000},
         .meaning = "Deliveries before the DLQ: a message is delivered this many times and moved to the DLQ on the "
                    "next receive. AWS recommends at least 5.",
         .live = LiveEdit::SetQueueAttributes, .required = true,
         .access = Access<Q>{[](const Q& q) { return q.redrive_policy ? json(q.redrive_policy->maxReceiveCount) : json(nullptr); },
                             [](Q& q, const json& value) { q.redrive_policy.value().maxReceiveCount = value.get<int>(); },
                             nullptr}},
    };
}

// [SECTION] Streams

std::vector<Parameter> make_stream_parameters() {
    using S = StreamConfig;
    return {
        {.name = "ShardCount", .type = ValueType::Integer, .range = {1, 1'000},
         .meaning = "Shards of the stream. A record goes to the shard whose hash key range holds the MD5 of its "
                    "partition key; each shard takes 1 MB or 1,000 records a second and gives 2 MB a second of reads.",
         .live = LiveEdit::OnRestart, .access = field<&S::ShardCount>()},
        {.name = "RetentionPeriodHours", .type = ValueType::Integer, .range = {24, 8'760},
         .meaning = "Hours a record stays in the stream, read or not; older records are trimmed.",
         .live = LiveEdit::OnRestart, .access = field<&S::RetentionPeriodHours>()},
    };
}

// [SECTION] Functions

std::vector<Parameter> make_function_parameters() {
    using F = FunctionConfig;
    using Sim = FunctionSimulation;
    return {
        {.name = "Handler", .type = ValueType::Custom,
         .meaning = "The built-in handler the function runs (`queuelab handlers` lists them). With "
                    "Simulation.Bootstrap or Simulation.Source it is optional, and only passed to the runtime as "
                    "_HANDLER.",
         .values = "a built-in handler's name", .live = LiveEdit::OnRestart, .required = true,
         .access = custom<F>([](const F& f) { return f.Handler.empty() ? json(nullptr) : json(f.Handler); })},
        {.name = "Runtime", .type = ValueType::Choice, .choices = {"provided.al2023", "provided.al2"},
         .meaning = "The Lambda runtime. C++ runs on an OS-only runtime: Lambda starts the function's bootstrap "
                    "executable, which asks the Runtime API for work.",
         .live = LiveEdit::OnRestart, .access = field<&F::Runtime>()},
        {.name = "Timeout", .type = ValueType::Integer, .range = {1, 900},
         .meaning = "Seconds an invoke may run before Lambda stops it (Sandbox.Timedout, a function error: the whole "
                    "batch comes back). Creating an SQS mapping fails when it exceeds the queue's VisibilityTimeout.",
         .live = LiveEdit::UpdateFunctionConfiguration, .access = field<&F::Timeout>()},
        {.name = "MemorySize", .type = ValueType::Integer, .range = {128, 10'240},
         .meaning = "Memory in MB. Duration is billed per GB-second.",
         .live = LiveEdit::UpdateFunctionConfiguration, .access = field<&F::MemorySize>()},
        {.name = "ReservedConcurrentExecutions", .type = ValueType::Integer, .range = {0, 1'000},
         .meaning = "Both a guarantee and a cap: the function never runs more at once; beyond it invokes are "
                    "throttled, and throttled SQS batches still count receives towards maxReceiveCount. At least 100 "
                    "of the account's concurrency must stay unreserved.",
         .live = LiveEdit::PutFunctionConcurrency,
         .access = field<&F::ReservedConcurrentExecutions>([](const Scenario& s, const F&) {
             return Range{0, static_cast<double>(s.account_concurrency)};
         })},
        {.name = "Simulation.DurationMs", .type = ValueType::Number, .range = {0, kLongestInvokeMs},
         .meaning = "Virtual milliseconds one invoke takes, before the time per record (at most 900,000: no invoke "
                    "outlives the longest Timeout).",
         .live = LiveEdit::Simulation, .access = simulation<&Sim::DurationMs>()},
        {.name = "Simulation.PerRecordMs", .type = ValueType::Number, .range = {0, kLongestInvokeMs},
         .meaning = "Virtual milliseconds added per record in the batch (at most 900,000).",
         .live = LiveEdit::Simulation, .access = simulation<&Sim::PerRecordMs>()},
        {.name = "Simulation.ColdStartMs", .type = ValueType::Number, .range = {0, 10'000},
         .meaning = "The init phase of a new execution environment (a cold start), billed for a custom runtime such "
                    "as C++'s. At most the service limit max_init_s.",
         .live = LiveEdit::Simulation,
         .access = simulation<&Sim::ColdStartMs>([](const Scenario& s, const F&) {
             return Range{0, s.limits.max_init_s * 1'000};
         })},
        {.name = "Simulation.Params", .type = ValueType::Custom,
         .meaning = "The JSON object handed to the handler (which messages fail, how long the work takes). Each "
                    "built-in says what it accepts; a source handler reads it as context.params().",
         .values = "an object", .live = LiveEdit::OnRestart,
         .access = custom<F>([](const F& f) { return f.simulation.Params.empty() ? json(nullptr) : f.simulation.Params; })},
        {.name = "Simulation.Bootstrap", .type = ValueType::Custom,
         .meaning = "An executable that speaks the Lambda Runtime API (a bootstrap built for provided.al2023), run in "
                    "a process of its own per execution environment. Relative to the scenario's folder.",
         .values = "a path", .live = LiveEdit::OnRestart,
         .access = custom<F>([](const F& f) { return f.simulation.Bootstrap.empty() ? json(nullptr) : json(f.simulation.Bootstrap); })},
        {.name = "Simulation.Source", .type = ValueType::Custom,
         .meaning = "A C++ source defining the global function handle(event, context) for SQS and/or Kinesis events "
                    "(#include \"queuelab/handler.h\"); queuelab builds it and runs it like a bootstrap. Relative to "
                    "the scenario's folder.",
         .values = "a path to a .cpp file", .live = LiveEdit::OnRestart,
         .access = custom<F>([](const F& f) { return f.simulation.Source.empty() ? json(nullptr) : json(f.simulation.Source); })},
    };
}

// [SECTION] Event source mappings

Range sqs_batch_size_bounds(const Scenario& s, const MappingConfig& m) {
    const auto queue = s.queues.find(m.EventSourceArn);
    const bool fifo = queue != s.queues.end() && queue->second.FifoQueue;
    return fifo ? Range{1, 10, false, "for a FIFO queue"} : Range{1, 10'000};
}

std::vector<Parameter> make_mapping_parameters() {
    using M = MappingConfig;
    return {
        {.name = "EventSourceArn", .type = ValueType::Custom,
         .meaning = "The queue or stream the mapping reads, by name or ARN.",
         .values = "a queue's or stream's name or ARN", .live = LiveEdit::OnRestart, .required = true,
         .access = custom<M>([](const M& m) { return json(m.EventSourceArn); })},
        {.name = "FunctionName", .type = ValueType::Custom, .meaning = "The function the mapping invokes, by name or ARN.",
         .values = "a function's name or ARN", .live = LiveEdit::OnRestart, .required = true,
         .access = custom<M>([](const M& m) { return json(m.FunctionName); })},
        {.name = "BatchSize", .type = ValueType::Integer, .range = {1, 10'000},
         .meaning = "Most records per invoke. A batch goes when full, when the batching window ends, or at the 6 MB "
                    "payload limit. FIFO queues: 1 to 10.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::SqsQueue,
         .access = field<&M::BatchSize>(&sqs_batch_size_bounds)},
        {.name = "BatchSize", .type = ValueType::Integer, .range = {1, 10'000},
         .meaning = "Most records per invoke, from one shard. A batch goes when full, when the batching window ends, "
                    "or at the 6 MB payload limit.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::KinesisStream, .default_value = 100,
         .access = field<&M::BatchSize>()},
        {.name = "MaximumBatchingWindowInSeconds", .type = ValueType::Integer, .range = {0, 300},
         .meaning = "Seconds the mapping may wait to fill a batch. For SQS it must be at least 1 when BatchSize is "
                    "over 10, and FIFO queues take none.",
         .live = LiveEdit::UpdateEventSourceMapping, .access = field<&M::MaximumBatchingWindowInSeconds>()},
        {.name = "FunctionResponseTypes", .type = ValueType::Custom,
         .meaning = "[\"ReportBatchItemFailures\"]: the handler's {\"batchItemFailures\":[{\"itemIdentifier\": id}]} "
                    "returns only those records. Without it the response is ignored: no error deletes the whole batch "
                    "(failed messages are lost), an error returns all of it. For a stream the ids are sequence "
                    "numbers: Lambda checkpoints before the lowest one and retries from it.",
         .values = "[] or [\"ReportBatchItemFailures\"]", .live = LiveEdit::UpdateEventSourceMapping,
         .access = custom<M>([](const M& m) {
             return m.ReportBatchItemFailures ? json::array({"ReportBatchItemFailures"}) : json::array();
         })},
        {.name = "FilterCriteria", .type = ValueType::Custom,
         .meaning = "Up to 5 event patterns: for SQS on the body, for Kinesis on the data only. A record no pattern "
                    "matches is deleted (a stream record discarded) without an invoke.",
         .values = "{\"Filters\": [{\"Pattern\": \"...\"}]}", .live = LiveEdit::UpdateEventSourceMapping,
         .access = custom<M>([](const M& m) {
             if (m.filter_patterns.empty()) return json(nullptr);
             json filters = json::array();
             for (const auto& pattern : m.filter_patterns) filters.push_back({{"Pattern", pattern.dump()}});
             return json{{"Filters", filters}};
         })},
        {.name = "Enabled", .type = ValueType::Boolean,
         .meaning = "Whether the mapping reads at all. Disabled, it finishes its running batches and stops; enabled "
                    "again, an SQS mapping starts over with 5 pollers and a stream mapping reads on from its place.",
         .live = LiveEdit::UpdateEventSourceMapping, .access = field<&M::Enabled>()},
        {.name = "ScalingConfig.MaximumConcurrency", .type = ValueType::Integer, .range = {2, 1'000},
         .meaning = "The most concurrent invokes this mapping makes, so it is never throttled for it, unlike reserved "
                    "concurrency alone. Without it pollers scale from 5 by up to 300 a minute, to 1,250.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::SqsQueue,
         .access = field<&M::MaximumConcurrency>()},
        {.name = "StartingPosition", .type = ValueType::Custom,
         .choices = {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"},
         .meaning = "Where the mapping starts reading each shard: the oldest record kept, only records put after it "
                    "starts, or from StartingPositionTimestamp.",
         .values = "TRIM_HORIZON, LATEST or AT_TIMESTAMP", .live = LiveEdit::OnRestart,
         .sources = Sources::KinesisStream, .required = true,
         .access = custom<M>([](const M& m) { return json(m.StartingPosition); })},
        {.name = "StartingPositionTimestamp", .type = ValueType::Custom,
         .meaning = "AT_TIMESTAMP only: the virtual second from which records are read.",
         .values = "a non-negative number of virtual seconds", .live = LiveEdit::OnRestart,
         .sources = Sources::KinesisStream,
         .access = custom<M>([](const M& m) {
             return m.StartingPosition == "AT_TIMESTAMP" ? json(m.StartingPositionTimestamp) : json(nullptr);
         })},
        {.name = "ParallelizationFactor", .type = ValueType::Integer, .range = {1, 10},
         .meaning = "Batches processed at once per shard. A partition key always goes to the same one, so order is "
                    "kept per key, and a failed batch blocks only its own.",
         .live = LiveEdit::OnRestart, .sources = Sources::KinesisStream,
         .access = field<&M::ParallelizationFactor>()},
        {.name = "BisectBatchOnFunctionError", .type = ValueType::Boolean,
         .meaning = "On a function error, split the batch in two and retry each half, to corner the bad record. A "
                    "split does not use up a retry attempt.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::KinesisStream,
         .access = field<&M::BisectBatchOnFunctionError>()},
        {.name = "MaximumRetryAttempts", .type = ValueType::IntegerOrInfinite, .range = {0, 10'000},
         .meaning = "Retries of a failed batch before Lambda gives up on it and moves on; until then nothing newer "
                    "from its shard is processed. -1 retries until the records expire.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::KinesisStream,
         .access = field<&M::MaximumRetryAttempts>()},
        {.name = "MaximumRecordAgeInSeconds", .type = ValueType::IntegerOrInfinite, .range = {60, 604'800},
         .meaning = "Records older than this are not sent to the function: they go to the on-failure destination "
                    "(RecordAgeExceeded). -1 means no limit.",
         .live = LiveEdit::UpdateEventSourceMapping, .sources = Sources::KinesisStream,
         .access = field<&M::MaximumRecordAgeInSeconds>()},
        {.name = "TumblingWindowInSeconds", .type = ValueType::Integer, .range = {0, 900},
         .meaning = "Aggregation windows: the handler gets and returns a state object per shard and window, and the "
                    "window's last invoke has isFinalInvokeForWindow. 0 is off.",
         .live = LiveEdit::OnRestart, .sources = Sources::KinesisStream,
         .access = field<&M::TumblingWindowInSeconds>()},
        {.name = "DestinationConfig", .type = ValueType::Custom,
         .meaning = "{\"OnFailure\": {\"Destination\": queue}}: the queue that gets a description of each batch Lambda "
                    "gives up on (its shard and sequence numbers, not the data). Without one those records are skipped.",
         .values = "{\"OnFailure\": {\"Destination\": queue}}", .live = LiveEdit::UpdateEventSourceMapping,
         .sources = Sources::KinesisStream,
         .access = custom<M>([](const M& m) {
             return m.on_failure_destination.empty() ? json(nullptr)
                                                     : json{{"OnFailure", {{"Destination", m.on_failure_destination}}}};
         })},
    };
}

}  // namespace

std::string_view section_name(Resource resource) {
    switch (resource) {
        case Resource::Queue: return "queues";
        case Resource::Stream: return "streams";
        case Resource::Function: return "functions";
        case Resource::Mapping: return "mappings";
    }
    return "";
}

std::string_view live_api_name(LiveEdit live) {
    switch (live) {
        case LiveEdit::OnRestart: return "";
        case LiveEdit::SetQueueAttributes: return "SetQueueAttributes";
        case LiveEdit::UpdateFunctionConfiguration: return "UpdateFunctionConfiguration";
        case LiveEdit::PutFunctionConcurrency: return "PutFunctionConcurrency";
        case LiveEdit::UpdateEventSourceMapping: return "UpdateEventSourceMapping";
        case LiveEdit::Simulation: return "the simulation";
    }
    return "";
}

bool applies_to(Sources sources, EventSourceKind kind) {
    switch (sources) {
        case Sources::Both: return true;
        case Sources::SqsQueue: return kind == EventSourceKind::SqsQueue;
        case Sources::KinesisStream: return kind == EventSourceKind::KinesisStream;
    }
    return false;
}

const std::vector<Parameter>& queue_parameters() {
    static const std::vector<Parameter> table = make_queue_parameters();
    return table;
}

const std::vector<Parameter>& stream_parameters() {
    static const std::vector<Parameter> table = make_stream_parameters();
    return table;
}

const std::vector<Parameter>& function_parameters() {
    static const std::vector<Parameter> table = make_function_parameters();
    return table;
}

const std::vector<Parameter>& mapping_parameters() {
    static const std::vector<Parameter> table = make_mapping_parameters();
    return table;
}

const std::vector<Parameter>& parameters_of(Resource resource) {
    switch (resource) {
        case Resource::Queue: return queue_parameters();
        case Resource::Stream: return stream_parameters();
        case Resource::Function: return function_parameters();
        case Resource::Mapping: return mapping_parameters();
    }
    return queue_parameters();
}

// [SECTION] Lookup

const Parameter* find_parameter(Resource resource, std::string_view name, EventSourceKind kind) {
    for (const Parameter& parameter : parameters_of(resource)) {
        if (parameter.name == name && applies_to(parameter.sources, kind)) return &parameter;
    }
    return nullptr;
}

std::optional<ParameterPath> parameter_at(const Scenario& scenario, const std::string& path) {
    const auto in_section = [&](Resource resource, const auto& names) -> std::optional<ParameterPath> {
        const std::string prefix = std::string(section_name(resource)) + ".";
        if (path.rfind(prefix, 0) != 0) return std::nullopt;
        const std::string rest = path.substr(prefix.size());
        for (const auto& [name, config] : names) {
            if (rest.rfind(name + ".", 0) != 0) continue;
            return ParameterPath{resource, name, find_parameter(resource, rest.substr(name.size() + 1))};
        }
        return std::nullopt;
    };
    if (auto found = in_section(Resource::Queue, scenario.queues)) return found;
    if (auto found = in_section(Resource::Stream, scenario.streams)) return found;
    if (auto found = in_section(Resource::Function, scenario.functions)) return found;
    const std::string prefix = "mappings.";
    if (path.rfind(prefix, 0) != 0) return std::nullopt;
    const auto dot = path.find('.', prefix.size());
    if (dot == std::string::npos) return std::nullopt;
    const std::string index = path.substr(prefix.size(), dot - prefix.size());
    if (index.empty() || index.size() > 6 || index.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const auto position = std::stoul(index);
    if (position >= scenario.mappings.size()) return std::nullopt;
    return ParameterPath{Resource::Mapping, index,
                         find_parameter(Resource::Mapping, path.substr(dot + 1), scenario.mappings[position].source_kind)};
}

// [SECTION] Text: defaults, ranges, help, docs tables

namespace {

// 43200 → "43,200".
std::string with_thousands(double value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(value))));
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return negative ? "-" + digits : digits;
}

std::string number_text(double value) {
    if (value == std::floor(value)) return with_thousands(value);
    std::string text = json(value).dump();
    return text;
}

template <typename Config>
json initial_value(const Access<Config>& access) {
    return access.get == nullptr ? json(nullptr) : access.get(Config{});
}

}  // namespace

std::string value_text(const Parameter& parameter, const json& value) {
    if (value.is_null() || (value.is_string() && value.get<std::string>().empty())) {
        return parameter.required ? "required" : "none";
    }
    if (value.is_number()) return number_text(value.get<double>());
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array() && value.empty()) return "[]";
    return value.dump();
}

std::string default_text(const Parameter& parameter) {
    if (!parameter.default_value.is_null()) return value_text(parameter, parameter.default_value);
    return value_text(parameter, std::visit([](const auto& access) { return initial_value(access); }, parameter.access));
}

json value_at(const Scenario& scenario, const ParameterPath& at) {
    return std::visit(
        [&](const auto& access) -> json {
            using A = std::decay_t<decltype(access)>;
            if constexpr (std::is_same_v<A, Access<QueueConfig>>) return access.get(scenario.queues.at(at.name));
            if constexpr (std::is_same_v<A, Access<StreamConfig>>) return access.get(scenario.streams.at(at.name));
            if constexpr (std::is_same_v<A, Access<FunctionConfig>>) return access.get(scenario.functions.at(at.name));
            if constexpr (std::is_same_v<A, Access<MappingConfig>>) return access.get(scenario.mappings.at(std::stoul(at.name)));
        },
        at.parameter->access);
}

std::string range_text(const Parameter& parameter) {
    const Range& r = parameter.range;
    switch (parameter.type) {
        case ValueType::Boolean: return "true or false";
        case ValueType::Integer: return with_thousands(r.min) + " to " + with_thousands(r.max);
        case ValueType::IntegerOrInfinite: return "-1, or " + with_thousands(r.min) + " to " + with_thousands(r.max);
        case ValueType::Number:
            if (r.max >= kUnbounded) return r.min_exclusive ? "over " + number_text(r.min) : "at least " + number_text(r.min);
            return number_text(r.min) + " to " + number_text(r.max);
        case ValueType::Choice: {
            std::string text;
            for (const auto choice : parameter.choices) text += (text.empty() ? "" : ", ") + std::string(choice);
            return text;
        }
        case ValueType::Custom: return std::string(parameter.values);
    }
    return "";
}

std::string help_text(const Parameter& parameter) {
    std::string text = std::string(parameter.meaning) + "\nDefault: " + default_text(parameter) + ". Values: " +
                       range_text(parameter) + ".";
    const auto api = live_api_name(parameter.live);
    text += api.empty() ? "\nAn edit applies when the run restarts."
                        : "\nAn edit applies at once, as " + std::string(api) + " does.";
    return text;
}

std::string parameters_markdown() {
    std::string out;
    const auto table = [&](Resource resource, const char* title) {
        out += "**" + std::string(title) + "** (`" + std::string(section_name(resource)) + "`)\n\n";
        out += "| parameter | default | values | live edit | meaning |\n| --- | --- | --- | --- | --- |\n";
        for (const Parameter& p : parameters_of(resource)) {
            std::string name = "`" + std::string(p.name) + "`";
            if (resource == Resource::Mapping && p.sources != Sources::Both) {
                name += p.sources == Sources::SqsQueue ? " (SQS)" : " (Kinesis)";
            }
            const auto api = live_api_name(p.live);
            std::string values = range_text(p);
            for (std::size_t at = values.find('|'); at != std::string::npos; at = values.find('|', at + 2)) values.replace(at, 1, "\\|");
            out += "| " + name + " | " + default_text(p) + " | " + values + " | " +
                   (api.empty() ? "restart" : std::string(api)) + " | " + std::string(p.meaning) + " |\n";
        }
        out += "\n";
    };
    table(Resource::Queue, "Queues");
    table(Resource::Stream, "Streams");
    table(Resource::Function, "Functions");
    table(Resource::Mapping, "Event source mappings");
    return out;
}

}  // namespace queuelab::sim
