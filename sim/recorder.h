#pragma once
// What happened in a run, for reports and the GUI: every message's history, every invocation,
// and time series sampled at a fixed virtual interval. The engine appends; readers never write.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim_time.h"

namespace queuelab::sim {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

enum class HistoryKind : std::uint8_t {
    Sent,               // detail: queue
    DelayEnded,         // the DelaySeconds ended: the message became visible
    Received,           // detail: the receive count after this receive (names the receipt handle)
    Invoked,            // detail: invocation index; verdict: the handler's verdict on this record
    VisibilityExpired,  // not deleted in time: visible again
    VisibilityChanged,  // ChangeMessageVisibility; detail: new timeout in seconds
    Deleted,            // detail: receive count of the receipt handle used
    StaleDeleteIgnored, // DeleteMessage with an out-of-date receipt handle: reported success, not deleted
    DeadLettered,       // detail: dead-letter queue
    Expired,            // MessageRetentionPeriod passed
    Filtered,           // matched no FilterCriteria filter: deleted without an invoke
    RedrivenOut,        // StartMessageMoveTask moved it; detail: the new message
    RedrivenIn,         // created by StartMessageMoveTask; detail: the message it came from
    ReleasedUnsent,     // received but not sent to the function (payload limit); visible again
};

enum class Verdict : std::uint8_t { None, Ok, Failed };

struct HistoryEntry {
    SimTime time;
    std::uint32_t message;
    std::uint32_t next_of_message;  // index of the message's next entry, kNone at its last
    std::uint32_t detail;
    HistoryKind kind;
    Verdict verdict;
};

enum class InvocationResult : std::uint8_t { Success, Partial, Error, Timeout, Throttled, Crashed };
const char* to_string(InvocationResult result);

// A record of a batch: which message, and which receive of it (the receipt handle).
struct RecordRef {
    std::uint32_t message;
    std::uint32_t receive_count;
};

struct InvocationRecord {
    std::uint32_t mapping = 0;
    std::uint32_t function = 0;
    std::string request_id;                // the invocation's id; empty for a throttled attempt
    SimTime start = 0;
    SimTime end = 0;
    bool cold_start = false;
    InvocationResult result = InvocationResult::Success;
    std::vector<RecordRef> records;        // in the order the handler received them
    std::vector<std::uint32_t> failures;   // messages the handler reported failed
    std::string response_payload;          // the bytes the function returned
    std::string error_type;                // e.g. "Sandbox.Timedout", empty on success
    std::string error_message;
    double init_ms = 0;                    // cold start
    double duration_ms = 0;                // the invoke phase
    double billed_ms = 0;                  // init + invoke, rounded up to 1 ms
    int memory_mb = 128;
};

// Columnar time series sharing one time axis.
struct TimeSeries {
    std::string name;  // e.g. "orders.visible", "processor.concurrency"
    std::vector<double> values;
};

class Recorder {
public:
    explicit Recorder(bool keep_history = true) : keep_history_(keep_history) {}

    // Appends to a message's history. REQUIRES: messages are registered in index order by
    // add_message() before their first entry.
    void add_message();
    // Makes room for `count` more messages and their usual few entries each.
    void reserve_messages(std::size_t count);
    void record(SimTime time, std::uint32_t message, HistoryKind kind, std::uint32_t detail = 0,
                Verdict verdict = Verdict::None);

    std::uint32_t add_invocation(InvocationRecord record);
    InvocationRecord& invocation(std::uint32_t index) { return invocations_[index]; }
    const std::vector<InvocationRecord>& invocations() const { return invocations_; }

    // Entries of one message, oldest first.
    std::vector<HistoryEntry> history_of(std::uint32_t message) const;
    const std::vector<HistoryEntry>& history() const { return history_; }
    bool keeps_history() const { return keep_history_; }

    // Per-function counts since the last sample, for the invocation/error/throttle series.
    struct Tally {
        int invocations = 0;
        int errors = 0;
        int throttles = 0;
    };
    void tally(std::uint32_t function, InvocationResult result);
    // Returns the counts since the last call and starts new ones.
    std::vector<Tally> take_tallies(std::size_t function_count);

    // Time series: declare the names once, then append one row per sample.
    std::size_t add_series(std::string name);
    void append_sample(SimTime time, const std::vector<double>& row);
    const std::vector<SimTime>& sample_times() const { return sample_times_; }
    const std::vector<TimeSeries>& series() const { return series_; }

private:
    bool keep_history_;
    std::vector<HistoryEntry> history_;
    std::vector<std::uint32_t> first_entry_;  // per message
    std::vector<std::uint32_t> last_entry_;   // per message
    std::vector<InvocationRecord> invocations_;
    std::vector<Tally> tallies_;
    std::vector<SimTime> sample_times_;
    std::vector<TimeSeries> series_;
};

}  // namespace queuelab::sim
