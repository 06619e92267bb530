#pragma once
// The run report (docs/report-format.md): totals, every message, every invocation and the time
// series, as JSON whose contract field names other tools rely on (its section 1). Deterministic
// for a given run (its section 8).

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "engine.h"

namespace queuelab::sim {

struct Totals {
    std::int64_t sent = 0;               // messages accepted by SendMessage (redrives excluded)
    std::int64_t deleted = 0;
    std::int64_t dead_lettered = 0;      // messages moved to a dead-letter queue (ever)
    std::int64_t expired = 0;
    std::int64_t filtered = 0;           // messages and stream records no FilterCriteria filter matched
    std::int64_t lost = 0;               // deleted although the handler last reported them failed
    std::int64_t in_queue = 0;
    std::int64_t in_flight = 0;
    std::int64_t invocations = 0;        // invokes that ran the handler
    std::int64_t invocation_errors = 0;  // error, timeout or crashed
    std::int64_t throttles = 0;
    std::int64_t timeouts = 0;
    std::int64_t records_delivered = 0;
    std::int64_t processed_ok = 0;       // messages and records the handler reported done at least once
    std::int64_t processed_more_than_once = 0;
    std::int64_t max_concurrency = 0;
    std::int64_t sqs_requests = 0;
    std::int64_t rejected_sends = 0;
    std::int64_t deduplicated_sends = 0;
    std::int64_t redriven = 0;
    std::int64_t records_put = 0;        // stream records accepted by PutRecord
    std::int64_t put_throttled = 0;      // ProvisionedThroughputExceededException
    std::int64_t checkpointed = 0;
    std::int64_t sent_to_on_failure = 0;
    std::int64_t skipped = 0;            // past retention, or given up without a destination
    std::int64_t in_stream = 0;          // not read yet at the end
    double gb_seconds = 0;
    double lambda_cost_usd = 0;
    double sqs_cost_usd = 0;
    double cost_usd = 0;
};

Totals compute_totals(const Engine& engine);

// "deleted", "dead_lettered", "expired", "filtered", "in_queue" or "in_flight".
const char* message_outcome(const Engine& engine, std::uint32_t message);
// "in_stream", "checkpointed", "filtered", "sent_to_on_failure" or "skipped".
const char* record_outcome_name(RecordOutcome outcome);

// The whole report. REQUIRES: the engine has ended (or the report describes a run in progress).
nlohmann::ordered_json build_report(Engine& engine);

nlohmann::ordered_json totals_json(const Totals& totals);

// Writes `text` to `path` atomically (a temporary file, then rename). Throws std::runtime_error.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace queuelab::sim
