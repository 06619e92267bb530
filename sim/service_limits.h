#pragma once
// Every AWS number the simulator uses, in one table (aws-semantics.md). Where AWS changed a
// value, the current one is the default and the older one is kept beside it, so a scenario or
// lesson can switch to the old behaviour ("service_limits": {...} in a scenario).

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

namespace queuelab::sim {

struct ServiceLimits {
    // §1 SQS
    int max_messages_per_receive = 10;
    std::int64_t max_message_size_bytes = 1'048'576;  // [before 2025: 262,144]
    std::int64_t in_flight_limit_standard = 120'000;
    std::int64_t in_flight_limit_fifo = 120'000;     // [before: 20,000]
    double fifo_deduplication_window_s = 300;
    int move_task_max_messages_per_s = 500;
    // Short polling samples a subset of servers: each message lives on one of this many
    // simulated servers and a short poll reads each server with probability 1/2.
    int short_poll_servers = 4;
    double sqs_price_per_million_requests_standard = 0.40;
    double sqs_price_per_million_requests_fifo = 0.50;
    std::int64_t sqs_billing_chunk_bytes = 65'536;

    // §2 SQS event source mapping
    int esm_initial_concurrency = 5;
    int esm_scale_up_per_minute = 300;             // [before Nov 2023: 60]
    int esm_max_concurrency = 1'250;               // [older docs: 1,000]
    double esm_long_poll_wait_s = 20;              // Lambda's pollers always long-poll
    std::int64_t invoke_payload_limit_bytes = 6'291'456;
    // Backoff of a poller that was throttled or whose batch failed; doubled per consecutive
    // failure up to the maximum. AWS does not publish these values.
    double esm_backoff_initial_s = 1;
    double esm_backoff_max_s = 30;

    // §3 Kinesis and its event source mapping
    std::int64_t shard_write_bytes_per_s = 1'048'576;
    int shard_write_records_per_s = 1'000;
    int shard_get_records_max = 10'000;             // records per GetRecords call
    std::int64_t shard_read_bytes_per_s = 2'097'152;
    double stream_poll_interval_s = 1;              // each shard is polled about once a second
    int partition_key_max_length = 256;

    // §4 Lambda
    int account_concurrency = 1'000;
    int minimum_unreserved_concurrency = 100;
    int environments_per_scaling_period = 1'000;   // [before Nov 2023: 500 per minute]
    double scaling_period_s = 10;
    double max_init_s = 10;
    double idle_environment_lifetime_s = 300;      // not published by AWS
    double price_per_gb_second = 0.0000166667;
    double price_per_million_requests = 0.20;
};

// Each limit under its scenario key ("service_limits": {"esm_scale_up_per_minute": 60}), with
// the least value the loader accepts and what it means.
using LimitMember = std::variant<int ServiceLimits::*, std::int64_t ServiceLimits::*, double ServiceLimits::*>;
struct LimitField {
    std::string_view name;
    LimitMember member;
    double min;  // integers: at least min; numbers: at least min, or greater when min_exclusive
    bool min_exclusive;
    std::string_view meaning;
};
const std::vector<LimitField>& service_limit_fields();
double limit_value(const ServiceLimits& limits, const LimitField& field);

// The next wait of a backoff that starts at esm_backoff_initial_s and doubles up to
// esm_backoff_max_s; `current` 0 means no backoff yet.
inline double next_backoff_s(const ServiceLimits& limits, double current) {
    return current == 0 ? limits.esm_backoff_initial_s : std::min(limits.esm_backoff_max_s, 2 * current);
}

}  // namespace queuelab::sim
