#pragma once
// A run's invocations: what each one was given, what it returned, what it cost
// (docs/report-format.md 5). Stored compactly by Invocations, read back as InvocationRecords.

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <absl/container/node_hash_map.h>

#include "chunked_vector.h"
#include "event_source.h"
#include "index_iterator.h"
#include "interned.h"
#include "sim_time.h"
#include "text_arena.h"

namespace queuelab::sim {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

enum class InvocationResult : std::uint8_t { Success, Partial, Error, Timeout, Throttled, Crashed };
const char* to_string(InvocationResult result);

// A record of a batch: which message, and which receive of it (the receipt handle). For a
// stream record: which record, and which delivery of it.
struct RecordRef {
    std::uint32_t message;
    std::uint32_t receive_count;
};

// The services a handler calls (docs/aws-rules.md 7; downstreams 5.25).
enum class CallService : std::uint8_t { Sqs, Kinesis, DynamoDb, Downstream };
const char* to_string(CallService service);

// One service call a handler made during an invocation (docs/report-format.md 5).
struct CallRecord {
    CallService service = CallService::Sqs;
    std::string operation;       // AWS's operation name; for a downstream, the request's Operation
    std::string target;          // the queue, stream, table or downstream it named ("" when none)
    SimTime start = 0;           // virtual time the call started
    double duration_ms = 0;      // its virtual duration, added to the invocation's
    std::string error_code;      // empty: it succeeded
    std::string error_message;
    int failed_entries = 0;      // SendMessageBatch's Failed, PutRecords' FailedRecordCount
    // What it created: messages (Sqs) or stream records (Kinesis), in request order.
    std::vector<std::uint32_t> created;
};

// One invocation, or one throttled attempt: built for Invocations::add, and read back from it as
// a value whose spans and texts point into the store (valid as long as it). Its request id comes
// from Recorder::request_id.
struct InvocationRecord {
    EventSourceKind source_kind = EventSourceKind::SqsQueue;  // what the records are
    bool cold_start = false;
    InvocationResult result = InvocationResult::Success;
    std::uint32_t mapping = 0;             // index among the engine's mappings of that kind
    std::uint32_t function = 0;
    int memory_mb = 128;
    SimTime start = 0;
    std::span<const RecordRef> records;    // in the order the handler received them
    std::span<const std::uint32_t> failures;  // messages the handler reported failed
    KeptText response_payload;             // the bytes the function returned
    KeptText error_type;                   // e.g. "Sandbox.Timedout", empty on success
    KeptText error_message;
    KeptText logs;                         // what the handler printed (START/END/REPORT: lambda_log)
    double max_memory_used_mb = 0;         // measured for a process of its own; 0: unknown
    double init_ms = 0;                    // cold start
    double duration_ms = 0;                // the invoke phase
    std::span<const CallRecord> calls;     // the handler's service calls, in the order it made them

    // docs/aws-rules.md 4.11: init + invoke, rounded up to 1 ms.
    double billed_ms() const { return std::ceil(init_ms + duration_ms); }
    // When the invoke ends: after init and invoke (a throttled attempt has neither).
    SimTime end() const { return start + from_millis(init_ms + duration_ms); }
};

// The invocations of a run, in the order they started, by the million: each is stored in 20
// bytes (its start, where its records are, its shape, its texts). What many invocations share is
// stored once: the shape (function, mapping, result, cold start, record count, durations) and the
// four texts. The rare rest (reported failures, service calls) is kept apart, by invocation.
class Invocations {
public:
    Invocations() = default;
    Invocations(const Invocations&) = delete;
    Invocations& operator=(const Invocations&) = delete;

    // Stores `record` (its records copied in; its end derived) with the handler's `calls`, and
    // returns its index. REQUIRES: record.records.size() <= 10,000 (the largest BatchSize);
    // record.failures points into storage that outlives this store.
    std::uint32_t add(const InvocationRecord& record, std::vector<CallRecord> calls = {});
    // Stores what settling the invocation changed: its result, failures and texts.
    void settle(std::uint32_t index, const InvocationRecord& record);

    std::size_t size() const { return starts_.size(); }
    bool empty() const { return starts_.empty(); }
    InvocationRecord operator[](std::size_t index) const;
    InvocationRecord back() const { return (*this)[size() - 1]; }
    InvocationResult result(std::size_t index) const { return shapes_[slots_[index].shape].result; }
    // What the store holds, in bytes: counted, never measured, so it is deterministic.
    std::size_t stored_bytes() const;

    using const_iterator = IndexIterator<Invocations>;
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    // What an invocation shares with others like it. Doubles compare by their bits, so a stored
    // value reads back exactly.
    struct Shape {
        EventSourceKind source_kind;
        bool cold_start;
        InvocationResult result;
        bool has_extras;
        std::uint32_t mapping;
        std::uint32_t function;
        std::int32_t memory_mb;
        std::uint32_t record_count;
        std::uint64_t init_ms_bits;
        std::uint64_t duration_ms_bits;
        std::uint64_t max_memory_used_mb_bits;

        friend bool operator==(const Shape&, const Shape&) = default;
        template <class H>
        friend H AbslHashValue(H h, const Shape& s) {
            return H::combine(std::move(h), s.source_kind, s.cold_start, s.result, s.has_extras, s.mapping, s.function,
                              s.memory_mb, s.record_count, s.init_ms_bits, s.duration_ms_bits,
                              s.max_memory_used_mb_bits);
        }
    };
    // The four texts: the response payload, error type, error message and logs. Pooled texts
    // are kept once each, so they compare by address.
    struct Texts {
        std::array<KeptText, 4> texts;
        friend bool operator==(const Texts& a, const Texts& b) {
            for (std::size_t i = 0; i < a.texts.size(); ++i) {
                if (a.texts[i].view().data() != b.texts[i].view().data()) return false;
            }
            return true;
        }
        template <class H>
        friend H AbslHashValue(H h, const Texts& t) {
            for (const auto& text : t.texts) h = H::combine(std::move(h), text.view().data());
            return h;
        }
    };
    struct Extras {
        std::span<const std::uint32_t> failures;
        std::vector<CallRecord> calls;
    };
    struct Slots {
        std::uint32_t records;  // the first of its records in records_
        std::uint32_t shape;
        std::uint32_t texts;    // kNone: all four are empty
    };
    // Record lists live in blocks of kRecordBlock; a list never crosses a block's end, so its
    // first record's index finds it.
    static constexpr std::size_t kRecordBlock = std::size_t{1} << 16;

    // Whether settling left the invocation's result, failures and texts as they were stored.
    bool settled_as_stored(std::uint32_t index, const InvocationRecord& record) const;
    std::uint32_t keep_records(std::span<const RecordRef> records);
    std::uint32_t intern_shape(const InvocationRecord& record, bool has_extras);
    static Texts texts_of(const InvocationRecord& record);
    std::uint32_t intern_texts(const InvocationRecord& record);
    void set_extras(std::uint32_t index, const InvocationRecord& record, std::vector<CallRecord> calls);

    ChunkedVector<SimTime, std::size_t{1} << 16> starts_;
    ChunkedVector<Slots, std::size_t{1} << 16> slots_;
    Interned<Shape> shapes_;
    Interned<Texts> texts_;
    std::vector<std::unique_ptr<RecordRef[]>> record_blocks_;
    std::size_t records_used_ = 0;  // records_ index of the next record
    absl::node_hash_map<std::uint32_t, Extras> extras_;  // nodes never move: calls stay put
};

}  // namespace queuelab::sim
