#pragma once
// The run report (docs/report-format.md): totals, every message, every invocation and the time
// series, as JSON whose contract field names other tools rely on (its section 1). Deterministic
// for a given run (its section 8).

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "atomic_file.h"
#include "engine.h"
#include "json_writer.h"
#include "totals.h"

namespace queuelab::sim {

// Where an SQS message ended (docs/report-format.md "outcome").
enum class MessageOutcome : std::uint8_t { Deleted, DeadLettered, Expired, Filtered, InQueue, InFlight };
MessageOutcome message_outcome(const Engine& engine, std::uint32_t message);
// "deleted", "dead_lettered", "expired", "filtered", "in_queue" or "in_flight".
const JsonLiteral& outcome_name(MessageOutcome outcome);
// "in_stream", "checkpointed", "filtered", "sent_to_on_failure" or "skipped".
const JsonLiteral& record_outcome_name(RecordOutcome outcome);

// Past this many messages (or invocations), the report is written by two threads.
constexpr std::uint32_t kParallelReportBatch = 4096;

// The whole report, written as a stream (docs/report-format.md 8): the text is produced message by
// message, never built as one tree. The messages and invocations are written by two threads in
// batches of `parallel_batch` (0: by this thread alone); the text is the same either way.
// REQUIRES: the engine has ended (or the report describes a run in progress).
void write_report(JsonWriter& out, Engine& engine, std::uint32_t parallel_batch = kParallelReportBatch);
// The report into `path`, atomically: compact, or indented with two spaces when `pretty`, and a
// final newline. Throws std::runtime_error "cannot write <path>: <reason>".
void write_report_file(const std::string& path, Engine& engine, bool pretty);
// The whole report as a tree, for code that reads its facts (lessons' checks, tests). Its dump() is
// the text write_report writes.
nlohmann::ordered_json build_report(Engine& engine);

nlohmann::ordered_json totals_json(const Totals& totals);

}  // namespace queuelab::sim
