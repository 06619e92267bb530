#pragma once
// Every AWS number the simulator uses, in one table, each with its rule of docs/aws-rules.md
// (cited §N.N below). Where AWS changed a value, the current one is the default and the older
// one is kept beside it, so a scenario or lesson can switch to the old behaviour
// ("service_limits": {...} in a scenario, docs/scenario-format.md 8).

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <variant>
#include <vector>

namespace queuelab::sim {

struct ServiceLimits {
    // SQS (§1)
    int max_messages_per_receive = 10;                // §1.11
    std::int64_t max_message_size_bytes = 1'048'576;  // §1.12 [before 2025: 262,144]
    std::int64_t in_flight_limit_standard = 120'000;  // §1.14
    std::int64_t in_flight_limit_fifo = 120'000;      // §1.14 [before: 20,000]
    double fifo_deduplication_window_s = 300;         // §1.21
    int move_task_max_messages_per_s = 500;           // §1.18
    // Short polling samples a subset of servers: each message lives on one of this many
    // simulated servers and a short poll reads each server with probability 1/2 (§1.10, §5.6).
    int short_poll_servers = 4;
    double sqs_price_per_million_requests_standard = 0.40;  // §1.23
    double sqs_price_per_million_requests_fifo = 0.50;      // §1.23
    std::int64_t sqs_billing_chunk_bytes = 65'536;          // §1.23 (not used yet)

    // SQS event source mapping (§2)
    int esm_initial_concurrency = 5;                      // §2.6
    int esm_scale_up_per_minute = 300;                    // §2.6 [before Nov 2023: 60]
    int esm_max_concurrency = 1'250;                      // §2.6 [older docs: 1,000]
    double esm_long_poll_wait_s = 20;                     // pollers always long-poll (§5.4)
    std::int64_t invoke_payload_limit_bytes = 6'291'456;  // §2.8
    // Backoff of a poller that was throttled or whose batch failed; doubled per consecutive
    // failure up to the maximum. AWS does not publish these values (§5.2; streams §5.14).
    double esm_backoff_initial_s = 1;
    double esm_backoff_max_s = 30;

    // Kinesis and its event source mapping (§3)
    std::int64_t shard_write_bytes_per_s = 1'048'576;  // §3.3
    int shard_write_records_per_s = 1'000;             // §3.3
    int shard_get_records_max = 10'000;                // records per GetRecords call (§3.5)
    std::int64_t shard_read_bytes_per_s = 2'097'152;   // §3.5, per mapping (§5.13)
    double stream_poll_interval_s = 1;                 // per shard, about once a second (§3.9)
    int partition_key_max_length = 256;                // §3.1

    // Lambda (§4)
    int account_concurrency = 1'000;               // §4.1
    int minimum_unreserved_concurrency = 100;      // §4.2
    int environments_per_scaling_period = 1'000;   // §4.4 [before Nov 2023: 500 per minute]
    double scaling_period_s = 10;                  // §4.4
    double max_init_s = 10;                        // §4.5
    double idle_environment_lifetime_s = 300;      // not published by AWS (§5.9)
    double price_per_gb_second = 0.0000166667;     // §4.11
    double price_per_million_requests = 0.20;      // §4.11

    // Handlers' service calls (§7; the simulator's choices §5.24, §5.25)
    int sqs_batch_max_entries = 10;                          // §7.5
    int visibility_timeout_max_s = 43'200;                   // §1.4, §7.7: also the total from the receive
    int kinesis_put_records_max = 500;                       // §7.10
    std::int64_t kinesis_put_records_max_bytes = 10'485'760; // §7.10 [before: 5 MiB]
    std::int64_t kinesis_record_max_bytes = 1'048'576;       // §3.4
    // Virtual duration of one call to each service; AWS publishes no latency (§5.24).
    double sqs_call_latency_ms = 10;
    double kinesis_call_latency_ms = 15;
    double dynamodb_call_latency_ms = 5;
    // A downstream call refused at once (outage, rate limit, no free connection) takes this (§5.25).
    double downstream_refusal_ms = 1;
    // The simulator's own bounds, so that a handler calling in a loop ends (§5.17).
    std::int64_t max_handler_calls = 10'000'000;
    std::int64_t max_handler_sends = 10'000'000;

    // The run's resource budget (§5.28): a run that would pass it stops, with end_reason
    // "work_budget" or "memory_budget", instead of hanging or running out of memory.
    std::int64_t max_events_per_instant = 1'000'000;  // events at one virtual instant
    std::int64_t max_stored_bytes = 4'294'967'296;    // what the run and its report keep, estimated (4 GiB)
};

// Each limit under its scenario key ("service_limits": {"esm_scale_up_per_minute": 60}), with
// the range the loader accepts and what it means. Times are at most 30 days (the longest run,
// docs/aws-rules.md 5.17), periods at least 1 µs, so that no value overflows virtual time or
// makes time stand still; counts that size the engine's own tables are bounded too (5.27).
using LimitMember = std::variant<int ServiceLimits::*, std::int64_t ServiceLimits::*, double ServiceLimits::*>;
struct LimitField {
    std::string_view name;
    LimitMember member;
    double min;  // integers: at least min; numbers: at least min, or greater when min_exclusive
    bool min_exclusive;
    std::string_view meaning;
    double max = std::numeric_limits<double>::infinity();  // integers: also at most their type's maximum
};
const std::vector<LimitField>& service_limit_fields();
double limit_value(const ServiceLimits& limits, const LimitField& field);

// The next wait of a backoff that starts at esm_backoff_initial_s and doubles up to
// esm_backoff_max_s; `current` 0 means no backoff yet.
inline double next_backoff_s(const ServiceLimits& limits, double current) {
    return current == 0 ? limits.esm_backoff_initial_s : std::min(limits.esm_backoff_max_s, 2 * current);
}

}  // namespace queuelab::sim
