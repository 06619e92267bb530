// Event source mappings (docs/scenario-format.md 4.4; docs/aws-rules.md 2.1-2.21 for queues,
// 3.7-3.22 for streams): the keys of their kind of event source, the settings from the parameter
// table, and CreateEventSourceMapping's own checks with AWS's wording (2.2, 2.4).

#include "event_filter.h"
#include "loader/scenario_reading.h"

namespace queuelab::sim::loader {
namespace {

// Keys that only the other kind of event source takes.
Keys keys_only_for_others(EventSourceKind kind) {
    Keys mine = ScenarioReading::top_level_keys(entries_of(Resource::Mapping, kind));
    Keys others;
    for (const auto key : ScenarioReading::top_level_keys(entries_of(Resource::Mapping))) {
        if (std::find(mine.begin(), mine.end(), key) == mine.end()) others.push_back(key);
    }
    return others;
}

// Lambda would fail every invoke of code that cannot read the event; say so now.
void check_code_takes_events(const ScenarioReading& reading, const MappingConfig& mapping, const std::string& path) {
    const FunctionConfig& function = reading.s.functions.at(mapping.FunctionName);
    if (reading.code.at(function.name)->handles(mapping.source_kind)) return;
    const std::string wanted(service_name(mapping.source_kind));
    const std::string other(service_name(mapping.source_kind == EventSourceKind::KinesisStream ? EventSourceKind::SqsQueue
                                                                                               : EventSourceKind::KinesisStream));
    const std::string code = function.simulation.Source.empty() ? function.Handler : function.simulation.Source;
    reading.r.fail(path, "expected a function whose handler takes " + wanted + " events, but " + quote(function.name) +
                             " runs " + quote(code) + ", which takes " + other + " events only");
}

bool read_response_types(const ScenarioReading& reading, const json& mapping, const std::string& path) {
    const json* types = JsonReader::member(mapping, "FunctionResponseTypes");
    if (types == nullptr) return false;
    const std::string types_path = join_path(path, "FunctionResponseTypes");
    reading.r.array(*types, types_path, "[] or [\"ReportBatchItemFailures\"]");
    for (std::size_t i = 0; i < types->size(); ++i) {
        const json& type = (*types)[i];
        if (type != "ReportBatchItemFailures") {
            reading.r.fail(join_path(types_path, std::to_string(i)), "expected \"ReportBatchItemFailures\", got " + describe(type));
        }
    }
    return !types->empty();
}

// Kinesis event source mappings filter on the record's data only.
void check_stream_pattern_keys(const ScenarioReading& reading, const json& pattern, const std::string& path) {
    for (const auto& [key, condition] : pattern.items()) {
        if (key == "$or") {
            for (const auto& alternative : condition) check_stream_pattern_keys(reading, alternative, path);
        } else if (key != "data") {
            reading.r.fail(path, "Kinesis event source mappings filter only on the \"data\" key, got a pattern on " + quote(key));
        }
    }
}

json read_filter_pattern(const ScenarioReading& reading, const json& value, const std::string& path, bool stream) {
    const std::string example = stream ? "{\\\"data\\\": {\\\"type\\\": [\\\"order\\\"]}}" : "{\\\"body\\\": {\\\"type\\\": [\\\"order\\\"]}}";
    const std::string expected = "expected a string holding a JSON object, e.g. \"" + example + "\"";
    const json pattern = reading.r.embedded_json(value, path, expected);
    if (!pattern.is_object()) reading.r.fail(path, expected + ", got " + describe(value));
    if (const auto error = pattern_error(pattern); !error.empty()) {
        reading.r.fail(path, "Invalid filter pattern definition: " + error);
    }
    if (stream) check_stream_pattern_keys(reading, pattern, path);
    return pattern;
}

std::vector<json> read_filter_criteria(const ScenarioReading& reading, const json& value, const std::string& path,
                                       bool stream) {
    const auto& r = reading.r;
    r.object(value, path, "an object {\"Filters\": [{\"Pattern\": \"...\"}]}");
    r.check_keys(value, path, {"Filters"});
    const json* filters = JsonReader::member(value, "Filters");
    if (filters == nullptr) return {};
    const std::string filters_path = join_path(path, "Filters");
    r.array(*filters, filters_path, "an array of {\"Pattern\": \"...\"}");
    if (filters->size() > 5) {
        r.fail(filters_path, "expected at most 5 filters (the default quota), got " + std::to_string(filters->size()));
    }
    std::vector<json> patterns;
    for (std::size_t i = 0; i < filters->size(); ++i) {
        const std::string filter_path = join_path(filters_path, std::to_string(i));
        const json& filter = r.object((*filters)[i], filter_path);
        r.check_keys(filter, filter_path, {"Pattern"});
        patterns.push_back(read_filter_pattern(reading, r.required(filter, filter_path, "Pattern", "a string holding a JSON object"),
                                               join_path(filter_path, "Pattern"), stream));
    }
    return patterns;
}

// CreateEventSourceMapping's checks for an SQS queue.
void check_queue_mapping(const ScenarioReading& reading, const std::string& path, const MappingConfig& mapping) {
    const auto& r = reading.r;
    const QueueConfig& queue = reading.s.queues.at(mapping.EventSourceArn);
    const std::string window_path = join_path(path, "MaximumBatchingWindowInSeconds");
    if (queue.FifoQueue && mapping.MaximumBatchingWindowInSeconds != 0) {
        r.fail(window_path, "expected 0 or no MaximumBatchingWindowInSeconds for the FIFO queue " + quote(queue.name) +
                                " (Batching window is not supported for FIFO queues), got " +
                                std::to_string(mapping.MaximumBatchingWindowInSeconds));
    }
    if (mapping.BatchSize > 10 && mapping.MaximumBatchingWindowInSeconds < 1) {
        r.fail(window_path, "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than "
                            "10 (BatchSize " +
                                std::to_string(mapping.BatchSize) + "), got " +
                                std::to_string(mapping.MaximumBatchingWindowInSeconds));
    }
    // The timeout can still be raised later, which is how real systems get double deliveries.
    // The lab's live edits (overrides without an origin) are SetQueueAttributes and
    // UpdateFunctionConfiguration on a mapping that exists: neither checks it (aws-rules 2.22).
    const FunctionConfig& function = reading.s.functions.at(mapping.FunctionName);
    const std::string visibility_path = "queues." + queue.name + ".VisibilityTimeout";
    const std::string timeout_path = "functions." + mapping.FunctionName + ".Timeout";
    const auto live_edit = [&](const std::string& field) {
        const OverriddenPath* set = r.override_of(field);
        return set != nullptr && set->origin.empty();
    };
    if (function.Timeout > queue.VisibilityTimeout && !live_edit(visibility_path) && !live_edit(timeout_path)) {
        r.fail(r.override_of(visibility_path) != nullptr ? visibility_path : join_path(path, "FunctionName"),
               "Queue visibility timeout: " + std::to_string(queue.VisibilityTimeout) +
                   " seconds is less than Function timeout: " + std::to_string(function.Timeout) + " seconds");
    }
}

void read_starting_position(const ScenarioReading& reading, const json& value, const std::string& path,
                            MappingConfig& mapping) {
    const auto& r = reading.r;
    const Parameter& parameter = *find_parameter(Resource::Mapping, "StartingPosition", EventSourceKind::KinesisStream);
    const std::string positions = "one of " + join_list(parameter.choices);
    const std::string position =
        r.required_string(value, path, "StartingPosition", positions + " (StartingPosition is required for a stream)");
    if (std::find(parameter.choices.begin(), parameter.choices.end(), position) == parameter.choices.end()) {
        r.fail(join_path(path, "StartingPosition"), "expected " + positions + ", got " + quote(position));
    }
    mapping.StartingPosition = position;
    const std::string timestamp_path = join_path(path, "StartingPositionTimestamp");
    const json* timestamp = JsonReader::member(value, "StartingPositionTimestamp");
    if (position == "AT_TIMESTAMP") {
        if (timestamp == nullptr) {
            r.fail_missing(timestamp_path, "a non-negative number of virtual seconds (StartingPositionTimestamp is required "
                                           "with AT_TIMESTAMP)");
        }
        mapping.StartingPositionTimestamp = r.number_value(*timestamp, timestamp_path, kTimeRange);
    } else if (timestamp != nullptr) {
        r.fail(timestamp_path, "expected no StartingPositionTimestamp with StartingPosition " + quote(position) +
                                   " (it is for AT_TIMESTAMP only)");
    }
}

// {"OnFailure": {"Destination": "<queue>"}} → the queue's name.
std::string read_on_failure_destination(const ScenarioReading& reading, const json& value, const std::string& path) {
    const auto& r = reading.r;
    r.object(value, path, "an object {\"OnFailure\": {\"Destination\": \"<queue>\"}}");
    r.check_keys(value, path, {"OnFailure"});
    const json* on_failure = JsonReader::member(value, "OnFailure");
    if (on_failure == nullptr) return {};
    const std::string on_failure_path = join_path(path, "OnFailure");
    r.object(*on_failure, on_failure_path, "an object {\"Destination\": \"<queue>\"}");
    r.check_keys(*on_failure, on_failure_path, {"Destination"});
    return reading.queue_reference(r.required(*on_failure, on_failure_path, "Destination", "the name or ARN of a queue"),
                                   join_path(on_failure_path, "Destination"),
                                   "AWS also takes an SNS topic or an S3 bucket, but the simulator has only SQS queues");
}

void read_stream_settings(const ScenarioReading& reading, const json& value, const std::string& path,
                          MappingConfig& mapping) {
    read_starting_position(reading, value, path, mapping);
    if (const json* destination = JsonReader::member(value, "DestinationConfig")) {
        mapping.on_failure_destination = read_on_failure_destination(reading, *destination, join_path(path, "DestinationConfig"));
    }
}

MappingConfig read_mapping(const ScenarioReading& reading, const json& value, const std::string& path) {
    const auto& r = reading.r;
    r.object(value, path);
    r.check_keys(value, path, ScenarioReading::top_level_keys(entries_of(Resource::Mapping)));
    MappingConfig mapping;
    const SourceRef source = reading.source_reference(
        r.required(value, path, "EventSourceArn", "the name or ARN of a queue or stream"), join_path(path, "EventSourceArn"), true);
    mapping.EventSourceArn = source.name;
    mapping.source_kind = source.kind;
    const bool stream = source.kind == EventSourceKind::KinesisStream;
    mapping.FunctionName =
        reading.function_reference(r.required(value, path, "FunctionName", "the name of a function"), join_path(path, "FunctionName"));
    check_code_takes_events(reading, mapping, join_path(path, "FunctionName"));
    const std::string here = stream ? "a Kinesis event source" : "an SQS event source";
    reading.reject_keys(value, path, keys_only_for_others(source.kind), here, stream ? "SQS queues" : "Kinesis streams");

    mapping.ReportBatchItemFailures = read_response_types(reading, value, path);
    if (const json* criteria = JsonReader::member(value, "FilterCriteria")) {
        mapping.filter_patterns = read_filter_criteria(reading, *criteria, join_path(path, "FilterCriteria"), stream);
    }
    reading.read_parameters(value, path, entries_of(Resource::Mapping, source.kind), mapping);
    switch (source.kind) {
        case EventSourceKind::SqsQueue: check_queue_mapping(reading, path, mapping); break;
        case EventSourceKind::KinesisStream: read_stream_settings(reading, value, path, mapping); break;
    }
    return mapping;
}

}  // namespace

void read_mappings(ScenarioReading& reading, const json& document) {
    const json* mappings = JsonReader::member(document, "mappings");
    if (mappings == nullptr) return;
    reading.r.array(*mappings, "mappings", "an array of event source mappings");
    auto& all = reading.s.mappings;
    for (std::size_t i = 0; i < mappings->size(); ++i) {
        const std::string path = join_path("mappings", std::to_string(i));
        all.push_back(read_mapping(reading, (*mappings)[i], path));
        for (std::size_t j = 0; j < i; ++j) {
            if (all[j].EventSourceArn == all[i].EventSourceArn && all[j].FunctionName == all[i].FunctionName) {
                reading.r.fail(join_path(path, "FunctionName"),
                               "expected a " + std::string(resource_noun(all[i].source_kind)) +
                                   " and function not mapped yet, but mappings." + std::to_string(j) + " already maps " +
                                   quote(all[i].EventSourceArn) + " to " + quote(all[i].FunctionName));
            }
        }
    }
}

}  // namespace queuelab::sim::loader
