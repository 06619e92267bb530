#include "service_limits.h"

#include "sim_time.h"

namespace queuelab::sim {
namespace {

constexpr double kThirtyDays = kMaxVirtualSeconds;
constexpr double kOneMicrosecond = kMinPeriodSeconds;
constexpr double kThirtyDaysMs = kMaxVirtualSeconds * 1000;
constexpr double kMostPollers = 10'000;  // poller slots are allocated up front (docs/aws-rules.md 5.27)

}  // namespace

const std::vector<LimitField>& service_limit_fields() {
    using L = ServiceLimits;
    static const std::vector<LimitField> fields = {
        {"max_messages_per_receive", &L::max_messages_per_receive, 1, false, "Most messages one ReceiveMessage returns (AWS: 10)."},
        {"max_message_size_bytes", &L::max_message_size_bytes, 1'024, false,
         "Largest message SQS accepts (AWS: 1 MiB; 256 KiB before 2025)."},
        {"in_flight_limit_standard", &L::in_flight_limit_standard, 1, false,
         "Most in-flight messages of a standard queue; beyond it receives return nothing (AWS: 120,000)."},
        {"in_flight_limit_fifo", &L::in_flight_limit_fifo, 1, false,
         "Most in-flight messages of a FIFO queue (AWS: 120,000; 20,000 before)."},
        {"fifo_deduplication_window_s", &L::fifo_deduplication_window_s, 0, false, "FIFO deduplication interval (AWS: 5 minutes).",
         kThirtyDays},
        {"move_task_max_messages_per_s", &L::move_task_max_messages_per_s, 1, false,
         "Highest MaxNumberOfMessagesPerSecond of a StartMessageMoveTask (AWS: 500)."},
        {"short_poll_servers", &L::short_poll_servers, 1, false,
         "Simulated servers a short poll samples (AWS does not publish it; the simulator uses 4).", 32},
        {"sqs_price_per_million_requests_standard", &L::sqs_price_per_million_requests_standard, 0, false,
         "SQS price per million standard requests, USD (AWS: 0.40)."},
        {"sqs_price_per_million_requests_fifo", &L::sqs_price_per_million_requests_fifo, 0, false,
         "SQS price per million FIFO requests, USD (AWS: 0.50)."},
        {"sqs_billing_chunk_bytes", &L::sqs_billing_chunk_bytes, 1, false, "Each chunk of a request bills as one request (AWS: 64 KiB)."},
        {"esm_initial_concurrency", &L::esm_initial_concurrency, 1, false,
         "Pollers an SQS mapping starts with (AWS: 5); at most esm_max_concurrency.", kMostPollers},
        {"esm_scale_up_per_minute", &L::esm_scale_up_per_minute, 0, false,
         "Pollers an SQS mapping adds per minute while messages wait (AWS: 300; 60 before Nov 2023)."},
        {"esm_max_concurrency", &L::esm_max_concurrency, 1, false, "Most pollers of an SQS mapping (AWS: 1,250; older docs 1,000).",
         kMostPollers},
        {"esm_long_poll_wait_s", &L::esm_long_poll_wait_s, 1, false,
         "How long Lambda's pollers long-poll (AWS: 20 s; a long poll waits 1 to 20 s).", 20},
        {"invoke_payload_limit_bytes", &L::invoke_payload_limit_bytes, 1, false, "Largest synchronous invoke payload (AWS: 6 MB)."},
        {"esm_backoff_initial_s", &L::esm_backoff_initial_s, kOneMicrosecond, false,
         "First backoff of a poller after a throttle or failed batch (not published; the simulator uses 1 s).", kThirtyDays},
        {"esm_backoff_max_s", &L::esm_backoff_max_s, kOneMicrosecond, false,
         "Longest poller backoff, doubling up to it (not published; the simulator uses 30 s).", kThirtyDays},
        {"shard_write_bytes_per_s", &L::shard_write_bytes_per_s, 1, false, "Writes per shard per second (AWS: 1 MB)."},
        {"shard_write_records_per_s", &L::shard_write_records_per_s, 1, false, "Records written per shard per second (AWS: 1,000)."},
        {"shard_get_records_max", &L::shard_get_records_max, 1, false, "Most records one GetRecords returns (AWS: 10,000)."},
        {"shard_read_bytes_per_s", &L::shard_read_bytes_per_s, 1, false, "Reads per shard per second (AWS: 2 MB)."},
        {"stream_poll_interval_s", &L::stream_poll_interval_s, 0.2, false,
         "How often a stream mapping polls each shard (AWS: about 1 s; GetRecords allows 5 calls a second per shard).",
         kThirtyDays},
        {"partition_key_max_length", &L::partition_key_max_length, 1, false, "Longest partition key (AWS: 256 characters)."},
        {"account_concurrency", &L::account_concurrency, 1, false,
         "Concurrent executions of the account (AWS: 1,000 by default; account.ConcurrentExecutions sets it too)."},
        {"minimum_unreserved_concurrency", &L::minimum_unreserved_concurrency, 0, false,
         "Concurrency that must stay unreserved (AWS: 100)."},
        {"environments_per_scaling_period", &L::environments_per_scaling_period, 1, false,
         "Execution environments a function may add per scaling period (AWS: 1,000 every 10 s)."},
        {"scaling_period_s", &L::scaling_period_s, kOneMicrosecond, false, "The scaling period (AWS: 10 s).", kThirtyDays},
        {"max_init_s", &L::max_init_s, 0, true, "Longest init phase of a new execution environment (AWS: 10 s).", kThirtyDays},
        {"idle_environment_lifetime_s", &L::idle_environment_lifetime_s, 0, false,
         "How long an idle environment stays warm (not published; the simulator uses 300 s).", kThirtyDays},
        {"price_per_gb_second", &L::price_per_gb_second, 0, false, "Lambda duration price per GB-second, USD (x86, us-east-1)."},
        {"price_per_million_requests", &L::price_per_million_requests, 0, false, "Lambda price per million requests, USD (AWS: 0.20)."},
        {"sqs_batch_max_entries", &L::sqs_batch_max_entries, 1, false, "Most entries of a SendMessageBatch (AWS: 10)."},
        {"visibility_timeout_max_s", &L::visibility_timeout_max_s, 0, false,
         "Longest visibility timeout, also in total from a receive with ChangeMessageVisibility (AWS: 12 hours).", kThirtyDays},
        {"kinesis_put_records_max", &L::kinesis_put_records_max, 1, false, "Most records of a PutRecords call (AWS: 500)."},
        {"kinesis_put_records_max_bytes", &L::kinesis_put_records_max_bytes, 1, false,
         "Largest PutRecords request, partition keys included (AWS: 10 MiB; 5 MiB before)."},
        {"kinesis_record_max_bytes", &L::kinesis_record_max_bytes, 1, false, "Largest record a handler can put (AWS: 1 MiB by default)."},
        {"sqs_call_latency_ms", &L::sqs_call_latency_ms, 0, false,
         "Virtual duration of a handler's SQS call (not published; the simulator uses 10 ms).", kThirtyDaysMs},
        {"kinesis_call_latency_ms", &L::kinesis_call_latency_ms, 0, false,
         "Virtual duration of a handler's Kinesis call (not published; the simulator uses 15 ms).", kThirtyDaysMs},
        {"dynamodb_call_latency_ms", &L::dynamodb_call_latency_ms, 0, false,
         "Virtual duration of a handler's DynamoDB call (not published; the simulator uses 5 ms).", kThirtyDaysMs},
        {"downstream_refusal_ms", &L::downstream_refusal_ms, 0, false,
         "How long a downstream takes to refuse a call (outage, rate limit, no free connection); the simulator uses 1 ms.", kThirtyDaysMs},
        {"max_handler_calls", &L::max_handler_calls, 1, false,
         "Most service calls handlers may make in one run (the simulator's bound: 10,000,000)."},
        {"max_handler_sends", &L::max_handler_sends, 1, false,
         "Most messages and records handlers may send in one run (the simulator's bound: 10,000,000)."},
        {"max_events_per_instant", &L::max_events_per_instant, 1, false,
         "The run's work budget: most events at one virtual instant before the run stops (the simulator's choice: "
         "1,000,000)."},
        {"max_stored_bytes", &L::max_stored_bytes, 1, false,
         "The run's memory budget: most bytes of messages, records, histories, invocations and samples the run "
         "and its report keep, estimated, before the run stops (the simulator's choice: 4 GiB)."},
    };
    return fields;
}

double limit_value(const ServiceLimits& limits, const LimitField& field) {
    return std::visit([&](auto member) { return static_cast<double>(limits.*member); }, field.member);
}

}  // namespace queuelab::sim
