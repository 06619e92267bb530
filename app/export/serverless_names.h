#pragma once
// serverless.yml's names for the settings a scenario gives under AWS's names (docs/export.md 4),
// for the import and the export alike.

namespace queuelab::exporting {

struct ServerlessName {
    const char* serverless;
    const char* aws;
    bool sqs = true;      // an `sqs` event's setting
    bool kinesis = true;  // a `stream` event's setting
};

// A function's settings (the provider gives runtime, memorySize and timeout to all).
inline constexpr ServerlessName kFunctionNames[] = {
    {"handler", "Handler"},
    {"runtime", "Runtime"},
    {"memorySize", "MemorySize"},
    {"timeout", "Timeout"},
    {"reservedConcurrency", "ReservedConcurrentExecutions"},
};

// An event's settings. Written differently: functionResponseType is one of FunctionResponseTypes,
// maximumConcurrency is ScalingConfig.MaximumConcurrency, filterPatterns are the FilterCriteria's
// patterns as YAML, destinations.onFailure is DestinationConfig.OnFailure.Destination.
inline constexpr ServerlessName kEventNames[] = {
    {"batchSize", "BatchSize"},
    {"maximumBatchingWindow", "MaximumBatchingWindowInSeconds", true, false},
    {"batchWindow", "MaximumBatchingWindowInSeconds", false, true},
    {"functionResponseType", "FunctionResponseTypes"},
    {"maximumConcurrency", "ScalingConfig", true, false},
    {"filterPatterns", "FilterCriteria"},
    {"enabled", "Enabled"},
    {"startingPosition", "StartingPosition", false, true},
    {"startingPositionTimestamp", "StartingPositionTimestamp", false, true},
    {"parallelizationFactor", "ParallelizationFactor", false, true},
    {"bisectBatchOnFunctionError", "BisectBatchOnFunctionError", false, true},
    {"maximumRetryAttempts", "MaximumRetryAttempts", false, true},
    {"maximumRecordAgeInSeconds", "MaximumRecordAgeInSeconds", false, true},
    {"tumblingWindowInSeconds", "TumblingWindowInSeconds", false, true},
    {"destinations", "DestinationConfig", false, true},
};

}  // namespace queuelab::exporting
