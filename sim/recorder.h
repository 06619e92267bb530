#pragma once
// What happened in a run, for reports and the GUI: every message's history, every invocation,
// and time series sampled at a fixed virtual interval. The engine appends; readers never write.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "chunked_vector.h"
#include "event_source.h"
#include "invocations.h"
#include "sim_time.h"
#include "text_arena.h"

namespace queuelab::sim {

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
    RedriveFailed,      // a StartMessageMoveTask without DestinationArn failed on it: it has no source queue
    ReleasedUnsent,     // received but not sent to the function (payload limit); visible again
    // Stream records (detail of Sent: the shard)
    Checkpointed,       // the mapping checkpointed past the record
    SentToOnFailure,    // detail: 0 RetryAttemptsExhausted, 1 RecordAgeExceeded
    Skipped,            // gone without success: past retention, or discarded without a destination
};

enum class Verdict : std::uint8_t { None, Ok, Failed };

// One entry of a history, as read back (History stores it packed in 8 or 12 bytes).
struct HistoryEntry {
    SimTime time;
    std::uint32_t message;  // the subject: a message, or a stream record
    std::uint32_t detail;
    HistoryKind kind;
    Verdict verdict;
};

// Where a message or stream record sent by a handler came from: the invocation whose handler
// sent it and, when known, the record of that invocation's batch it came from.
struct Origin {
    std::uint32_t invocation = kNone;
    EventSourceKind parent_kind = EventSourceKind::SqsQueue;
    std::uint32_t parent = kNone;  // a message or stream record, by parent_kind
};

// Columnar time series sharing one time axis.
struct TimeSeries {
    std::string name;  // e.g. "orders.visible", "processor.concurrency"
    std::vector<double> values;
};

// The histories of one kind of subject (SQS messages, or stream records), in the order they were
// recorded, each subject's entries linked so one history reads without a scan. An entry is stored
// in 8 bytes, or 12 with its detail: its time as an offset from the base time of the page of
// entries it is in, and its subject only at the subject's first entry (the others link back to the
// previous one). Its detail is stored only when it differs from what its kind implies: the receive
// count for Received (one more than the subject's earlier Received entries) and for Deleted (as
// many), 0 for the other kinds.
class History {
public:
    explicit History(bool keep) : keep_(keep) {}

    // REQUIRES: subjects are registered in index order by add_subject() before their first entry.
    void add_subject();
    // Makes room for `count` more subjects.
    void reserve(std::size_t count);
    void record(SimTime time, std::uint32_t subject, HistoryKind kind, std::uint32_t detail = 0,
                Verdict verdict = Verdict::None);
    // Entries of one subject, oldest first.
    std::vector<HistoryEntry> of(std::uint32_t subject) const;
    // The same into `out`, reusing its capacity.
    void of(std::uint32_t subject, std::vector<HistoryEntry>& out) const;
    // All entries, counted in the order they were recorded (HistoryReader reads them so).
    std::size_t size() const { return entry_count_; }
    std::size_t stored_bytes() const;
    bool kept() const { return keep_; }

private:
    friend class HistoryReader;
    // An entry's words: its head, then its link (at the subject's first entry, the subject), then
    // its detail when stored.
    struct Head {
        std::uint32_t word;  // time offset in the page << 9 | first << 8 | detail stored << 7 | kind << 2 | verdict
        bool first() const { return (word & kFirstBit) != 0; }
        bool detail_stored() const { return (word & kDetailBit) != 0; }
        HistoryKind kind() const { return static_cast<HistoryKind>((word >> 2) & 0x1F); }
        std::size_t words() const { return detail_stored() ? 3 : 2; }
    };
    // Entries from `first` (a word index) on are timed from `base` (until the next page's first).
    struct Page {
        std::uint32_t first;
        SimTime base;
    };
    static constexpr int kTimeShift = 9;
    static constexpr std::uint32_t kFirstBit = 1u << 8;
    static constexpr std::uint32_t kDetailBit = 1u << 7;
    static constexpr SimTime kMaxTimeOffset = (SimTime{1} << (32 - kTimeShift)) - 1;
    // How far back record() counts a subject's Received entries to imply the detail of a Received
    // or Deleted entry; past it, the detail is stored.
    static constexpr int kMaxImpliedWalk = 4;

    static std::uint32_t implied_detail(HistoryKind kind, std::uint32_t receives_before);
    // The subject's Received entries up to and including the entry at `word`, if its history up
    // to there is at most kMaxImpliedWalk entries long.
    std::optional<std::uint32_t> receives_through(std::uint32_t word) const;
    Head head(std::uint32_t word) const { return Head{words_[word]}; }
    std::uint32_t link(std::uint32_t word) const { return words_[word + 1]; }
    using PageIterator = std::vector<Page>::const_iterator;
    // The page of the entry at `word`. REQUIRES: `from` is that page or one before it.
    PageIterator page_of(std::uint32_t word, PageIterator from) const;
    // The entry at `word`, in `page`, given its subject's Received entries before it.
    [[gnu::always_inline]] HistoryEntry entry(std::uint32_t word, const Page& page, std::uint32_t subject, std::uint32_t receives_before) const;

    bool keep_;
    ChunkedVector<std::uint32_t, std::size_t{1} << 18> words_;
    std::size_t entry_count_ = 0;
    std::vector<Page> pages_;
    std::vector<std::uint32_t> last_entry_;  // per subject, the word of its last entry; kNone before its first
};

// Reads a History's entries in the order they were recorded, taking up those appended since the
// last read. It keeps, for each subject's latest entry read, the subject and its Received count,
// since an entry names its subject only through the subject's first entry.
class HistoryReader {
public:
    // The next entry not yet read; nullopt when all have been.
    std::optional<HistoryEntry> next(const History& history);

private:
    struct Latest {
        std::uint32_t subject;
        std::uint32_t receives;
    };
    std::uint32_t word_ = 0;  // where the next entry starts
    absl::flat_hash_map<std::uint32_t, Latest> latest_;  // by the word of the subject's latest entry
};

class Recorder {
public:
    // `seed`: the run's, from which each invocation's request id comes.
    explicit Recorder(bool keep_history = true, std::uint64_t seed = 1)
        : messages_(keep_history), stream_records_(keep_history), seed_(seed) {}

    // SQS messages' histories. REQUIRES: messages are registered in index order by
    // add_message() before their first entry.
    void add_message() { messages_.add_subject(); }
    // Makes room for `count` more messages.
    void reserve_messages(std::size_t count) { messages_.reserve(count); }
    void record(SimTime time, std::uint32_t message, HistoryKind kind, std::uint32_t detail = 0,
                Verdict verdict = Verdict::None) {
        messages_.record(time, message, kind, detail, verdict);
    }
    // Stream records' histories, indexed like KinesisService's records.
    History& stream_history() { return stream_records_; }
    const History& stream_history() const { return stream_records_; }

    // Where a message (Sqs) or stream record (Kinesis) a handler sent came from.
    void set_origin(EventSourceKind kind, std::uint32_t index, Origin origin);
    std::optional<Origin> origin(EventSourceKind kind, std::uint32_t index) const;
    // Every origin of that kind, by message or stream record.
    const std::unordered_map<std::uint32_t, Origin>& origins(EventSourceKind kind) const {
        return kind == EventSourceKind::SqsQueue ? message_origins_ : record_origins_;
    }

    // Stores an invocation (Invocations::add) and returns its index.
    std::uint32_t add_invocation(const InvocationRecord& record, std::vector<CallRecord> calls = {});
    // Stores what settling the invocation changed (Invocations::settle).
    void settle_invocation(std::uint32_t index, const InvocationRecord& record) { invocations_.settle(index, record); }
    // The invocation's id (a UUID from the seed and its index); empty for a throttled attempt.
    std::string request_id(std::uint32_t invocation) const;
    // The same into `out`, reusing its capacity.
    void request_id_into(std::string& out, std::uint32_t invocation) const;
    // Storage for invocations' failures and texts, kept as long as the recorder.
    std::span<const std::uint32_t> keep_failures(std::span<const std::uint32_t> messages) { return failures_.add(messages); }
    TextPool& texts() { return texts_; }
    const Invocations& invocations() const { return invocations_; }

    // Entries of one message, oldest first.
    std::vector<HistoryEntry> history_of(std::uint32_t message) const { return messages_.of(message); }
    const History& history() const { return messages_; }
    bool keeps_history() const { return messages_.kept(); }

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

    // What the run keeps in memory, estimated in bytes for the run's memory budget
    // (docs/aws-rules.md 5.28): the messages and records the services stored (count_subject), the
    // histories, the invocations with their responses, and the samples. The report is streamed
    // (report.h) and adds nothing. Counted, never measured, so it is deterministic.
    // A message or stream record was stored: `own_bytes` of its own, `content_bytes` of its body,
    // or of its key and data.
    void count_subject(std::size_t own_bytes, std::size_t content_bytes);
    std::int64_t stored_bytes() const;

private:
    History messages_;
    History stream_records_;
    std::uint64_t seed_;
    Invocations invocations_;
    Arena<std::uint32_t> failures_;
    TextPool texts_;
    std::unordered_map<std::uint32_t, Origin> message_origins_;
    std::unordered_map<std::uint32_t, Origin> record_origins_;
    std::vector<Tally> tallies_;
    std::vector<SimTime> sample_times_;
    std::vector<TimeSeries> series_;
    std::int64_t stored_bytes_ = 0;  // counted by count_subject
};

}  // namespace queuelab::sim
