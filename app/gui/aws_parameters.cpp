#include "aws_parameters.h"

#include <array>
#include <utility>

namespace queuelab::gui {
namespace {

using Entry = std::pair<std::string_view, const char*>;

constexpr std::array kHelp = {
    // Scenario
    Entry{"duration_s", "Virtual seconds the run may last. It ends earlier once nothing more can happen (drained).\n"
                        "Default 3,600. Any positive number."},
    Entry{"ConcurrentExecutions", "account.ConcurrentExecutions: concurrent executions shared by every function of the "
                                  "account. At least 100 must stay unreserved.\nDefault 1,000."},
    Entry{"traffic", "What the producer sends, one JSON entry each (applies on restart):\n"
                     "{\"to\", \"at_s\", \"messages\": [{\"body\"}, ...]}: these messages at at_s;\n"
                     "{\"to\", \"at_s\", \"count\", \"body\"}: count copies of a template, where {i} is the copy's "
                     "number and {i%N} that number modulo N;\n"
                     "{\"to\", \"from_s\", \"until_s\", \"rate_per_s\", \"body\"}: a steady rate.\n"
                     "FIFO queues add MessageGroupId; streams take partition_key and data instead of body."},
    Entry{"actions", "Changes during the run, at at_s (applies on restart):\n"
                     "UpdateFunctionConfiguration {FunctionName, Timeout, ReservedConcurrentExecutions, DurationMs};\n"
                     "StartMessageMoveTask {SourceArn (a DLQ), DestinationArn (default: each message's source "
                     "queue), MaxNumberOfMessagesPerSecond}."},
    // SQS queue
    Entry{"FifoQueue", "A FIFO queue keeps order within each MessageGroupId and deduplicates sends. Set by a queue "
                       "name ending in .fifo; it cannot change after creation."},
    Entry{"ContentBasedDeduplication", "FIFO only: a send without MessageDeduplicationId is deduplicated by the SHA-256 "
                                       "of its body, within 5 minutes.\nDefault false."},
    Entry{"VisibilityTimeout", "Seconds a received message stays hidden (in flight). Not deleted by then, it becomes "
                               "visible again and is delivered again. AWS recommends at least 6 x the function "
                               "Timeout.\nDefault 30. Range 0 to 43,200."},
    Entry{"DelaySeconds", "Seconds a new message stays invisible before its first delivery.\nDefault 0. Range 0 to 900."},
    Entry{"MessageRetentionPeriod", "Seconds SQS keeps a message, processed or not; older messages are deleted "
                                    "(expired).\nDefault 345,600 (4 days). Range 60 to 1,209,600 (14 days)."},
    Entry{"ReceiveMessageWaitTimeSeconds", "Long polling: how long a ReceiveMessage waits for messages. 0 is short "
                                           "polling, which samples some servers and can return nothing. Lambda's "
                                           "pollers always long-poll.\nDefault 0. Range 0 to 20."},
    Entry{"MaximumMessageSize", "Largest message body accepted, in bytes; larger sends are rejected.\nDefault 1,048,576 "
                                "(1 MiB). Range 1,024 to 1,048,576."},
    Entry{"RedrivePolicy", "Where messages go after too many receives: deadLetterTargetArn (a queue of the same type) "
                           "and maxReceiveCount.\nDefault: none (messages come back forever, until they expire)."},
    Entry{"deadLetterTargetArn", "The dead-letter queue (DLQ): a queue of the same type (standard or FIFO) that keeps "
                                 "the message with its MessageId."},
    Entry{"maxReceiveCount", "Deliveries before the DLQ: a message is delivered this many times, and moved to the DLQ "
                             "on the next receive attempt. AWS recommends at least 5.\nRange 1 to 1,000."},
    // Lambda function
    Entry{"Handler", "The built-in handler the function runs (see its source). Each shows the parse, handle, "
                     "collect-failures split."},
    Entry{"Timeout", "Seconds an invoke may run before Lambda stops it (Sandbox.Timedout: a function error, the whole "
                     "batch comes back). Must not exceed the queue's VisibilityTimeout when the mapping is created.\n"
                     "Default 3. Range 1 to 900."},
    Entry{"MemorySize", "Memory in MB; cost is billed per GB-second of duration.\nDefault 128. Range 128 to 10,240."},
    Entry{"ReservedConcurrentExecutions", "Both a guarantee and a cap: this function never runs more at once. Beyond "
                                          "it invokes are throttled (TooManyRequestsException), and throttled SQS "
                                          "batches still count receives towards maxReceiveCount.\nDefault: none (uses "
                                          "the unreserved pool). Range 0 to the account limit minus 100."},
    Entry{"DurationMs", "Simulation: virtual milliseconds one invoke takes, before per-record time.\nDefault 100."},
    Entry{"PerRecordMs", "Simulation: virtual milliseconds added per record in the batch.\nDefault 0."},
    Entry{"ColdStartMs", "Simulation: the init phase of a new execution environment (a cold start), billed for a C++ "
                         "custom runtime.\nDefault 250. Range 0 to 10,000."},
    Entry{"Params", "Simulation.Params: the JSON object handed to the handler (e.g. which messages fail). Each "
                    "built-in handler says what it accepts."},
    // Event source mapping
    Entry{"BatchSize", "Most records per invoke. A batch is sent when full, when the batching window ends, or at the "
                       "6 MB payload limit.\nDefault 10 (streams: 100). Range 1 to 10,000 (FIFO: 1 to 10)."},
    Entry{"MaximumBatchingWindowInSeconds", "Seconds a poller may wait to fill a batch. Must be at least 1 when "
                                            "BatchSize is over 10; not for FIFO queues.\nDefault 0. Range 0 to 300."},
    Entry{"ReportBatchItemFailures", "FunctionResponseTypes: [\"ReportBatchItemFailures\"]. With it, a response "
                                     "{\"batchItemFailures\":[{\"itemIdentifier\":id}]} returns only those messages to "
                                     "the queue. Without it the response is ignored: no error deletes the whole batch "
                                     "(failed messages are lost), an error returns all of it. For a stream, itemIdentifier is a sequence number: "
                                     "Lambda checkpoints before the lowest one reported and retries from it.\nDefault off."},
    Entry{"MaximumConcurrency", "ScalingConfig.MaximumConcurrency: the most concurrent invokes this mapping makes, so "
                                "it is never throttled for it (unlike reserved concurrency alone).\nDefault: none "
                                "(pollers scale from 5 by up to 300 a minute, to 1,250). Range 2 to 1,000."},
    Entry{"Enabled", "Whether the mapping polls at all.\nDefault true."},
    // Kinesis stream and its event source mapping
    Entry{"ShardCount", "Shards of the stream. A record goes to the shard whose hash key range holds the MD5 of its "
                        "partition key. Each shard takes 1 MB/s or 1,000 records/s of writes and gives 2 MB/s of "
                        "reads.\nRange 1 to 1,000 here."},
    Entry{"RetentionPeriodHours", "Hours a record stays in the stream, read or not; older records are trimmed.\n"
                                  "Default 24. Range 24 to 8,760 (365 days)."},
    Entry{"StartingPosition", "Where the mapping starts reading each shard: TRIM_HORIZON (the oldest record kept), "
                              "LATEST (only records put after the mapping starts) or AT_TIMESTAMP.\nRequired for a "
                              "stream."},
    Entry{"StartingPositionTimestamp", "AT_TIMESTAMP only: the virtual second from which to read."},
    Entry{"ParallelizationFactor", "Batches processed at once per shard. Records with the same partition key always "
                                   "go to the same one, so order is kept per key; a failed batch blocks only its "
                                   "own.\nDefault 1. Range 1 to 10."},
    Entry{"BisectBatchOnFunctionError", "On a function error, split the batch in two and retry each half, to corner "
                                        "the bad record. A split does not use up a retry attempt.\nDefault false."},
    Entry{"MaximumRetryAttempts", "Retries of a failed batch before Lambda gives up on it (sends it to the on-failure "
                                  "destination and moves on). Until then nothing newer from the shard is processed.\n"
                                  "Default -1 (retry until the records expire). Range -1, or 0 to 10,000."},
    Entry{"MaximumRecordAgeInSeconds", "Records older than this are not sent to the function: they are skipped and "
                                       "reported to the on-failure destination (RecordAgeExceeded).\nDefault -1 "
                                       "(no limit). Range -1, or 60 to 604,800."},
    Entry{"TumblingWindowInSeconds", "Aggregation windows: the handler gets and returns a state object per shard and "
                                     "window, and the last invoke of a window has isFinalInvokeForWindow.\nDefault 0 "
                                     "(off). Range 0 to 900."},
    Entry{"OnFailure", "DestinationConfig.OnFailure.Destination: the queue that gets a description of each batch "
                       "Lambda gives up on (its shard and sequence numbers, not the data). Without one, those records "
                       "are skipped silently.\nDefault: none."},
    Entry{"FilterCriteria", "{\"Filters\":[{\"Pattern\":\"...\"}]}: up to 5 event patterns on the record: for SQS "
                            "its body, e.g. {\"body\":{\"type\":[\"order\"]}}; for Kinesis its data only, e.g. "
                            "{\"data\":{\"temperature\":[{\"numeric\":[\">\",50]}]}}. A message matching none is deleted "
                            "(a record discarded) without invoking the function.\nDefault: no filter."},
};

}  // namespace

const char* parameter_help(std::string_view name) {
    for (const auto& [key, text] : kHelp) {
        if (key == name) return text;
    }
    return "An AWS parameter of the scenario.";
}

}  // namespace queuelab::gui
