#include "recorder.h"

namespace queuelab::sim {
const char* to_string(InvocationResult result) {
    switch (result) {
        case InvocationResult::Success: return "success";
        case InvocationResult::Partial: return "partial";
        case InvocationResult::Error: return "error";
        case InvocationResult::Timeout: return "timeout";
        case InvocationResult::Throttled: return "throttled";
        case InvocationResult::Crashed: return "crashed";
    }
    return "unknown";
}

void History::add_subject() {
    if (!keep_) return;
    first_entry_.push_back(kNone);
    last_entry_.push_back(kNone);
}

void History::reserve(std::size_t count) {
    if (!keep_) return;
    constexpr std::size_t kEntriesPerSubject = 4;  // e.g. sent, received, invoked, deleted
    first_entry_.reserve(first_entry_.size() + count);
    last_entry_.reserve(last_entry_.size() + count);
    entries_.reserve(entries_.size() + kEntriesPerSubject * count);
}

void History::record(SimTime time, std::uint32_t subject, HistoryKind kind, std::uint32_t detail,
                     Verdict verdict) {
    if (!keep_) return;
    const auto index = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(HistoryEntry{time, subject, kNone, detail, kind, verdict});
    if (last_entry_[subject] == kNone) {
        first_entry_[subject] = index;
    } else {
        entries_[last_entry_[subject]].next_of_message = index;
    }
    last_entry_[subject] = index;
}

std::vector<HistoryEntry> History::of(std::uint32_t subject) const {
    std::vector<HistoryEntry> result;
    if (!keep_ || subject >= first_entry_.size()) return result;
    for (auto i = first_entry_[subject]; i != kNone; i = entries_[i].next_of_message) {
        result.push_back(entries_[i]);
    }
    return result;
}

const char* to_string(CallService service) {
    switch (service) {
        case CallService::Sqs: return "sqs";
        case CallService::Kinesis: return "kinesis";
        case CallService::DynamoDb: return "dynamodb";
        case CallService::Downstream: return "downstream";
    }
    return "unknown";
}

void Recorder::set_origin(EventSourceKind kind, std::uint32_t index, Origin origin) {
    switch (kind) {
        case EventSourceKind::SqsQueue: message_origins_[index] = origin; break;
        case EventSourceKind::KinesisStream: record_origins_[index] = origin; break;
    }
}

std::optional<Origin> Recorder::origin(EventSourceKind kind, std::uint32_t index) const {
    const auto& all = origins(kind);
    const auto found = all.find(index);
    if (found == all.end()) return std::nullopt;
    return found->second;
}

std::uint32_t Recorder::add_invocation(InvocationRecord record) {
    // The failures and an invalid response's error text come later: room for both is counted now.
    // The report is streamed (report.h), so writing it keeps nothing more.
    const std::size_t own = sizeof record + 2 * record.records.size() * sizeof(RecordRef) + record.request_id.size() +
                            record.error_type.size() + record.error_message.size() + 2 * record.response_payload.size();
    stored_bytes_ += static_cast<std::int64_t>(own);
    invocations_.push_back(std::move(record));
    return static_cast<std::uint32_t>(invocations_.size() - 1);
}

void Recorder::tally(std::uint32_t function, InvocationResult result) {
    if (tallies_.size() <= function) tallies_.resize(function + 1);
    auto& t = tallies_[function];
    switch (result) {
        case InvocationResult::Throttled: ++t.throttles; break;
        case InvocationResult::Success:
        case InvocationResult::Partial: ++t.invocations; break;
        case InvocationResult::Error:
        case InvocationResult::Timeout:
        case InvocationResult::Crashed:
            ++t.invocations;
            ++t.errors;
            break;
    }
}

std::vector<Recorder::Tally> Recorder::take_tallies(std::size_t function_count) {
    std::vector<Tally> taken(function_count);
    for (std::size_t i = 0; i < function_count && i < tallies_.size(); ++i) taken[i] = tallies_[i];
    tallies_.assign(function_count, Tally{});
    return taken;
}

std::size_t Recorder::add_series(std::string name) {
    series_.push_back(TimeSeries{std::move(name), {}});
    return series_.size() - 1;
}

void Recorder::count_subject(std::size_t own_bytes, std::size_t content_bytes) {
    stored_bytes_ += static_cast<std::int64_t>(own_bytes + content_bytes);
}

std::int64_t Recorder::stored_bytes() const {
    const std::size_t entries = messages_.entries().size() + stream_records_.entries().size();
    const std::size_t samples = sample_times_.size() * (1 + series_.size());
    return stored_bytes_ + static_cast<std::int64_t>(entries * sizeof(HistoryEntry) + samples * sizeof(double));
}

void Recorder::append_sample(SimTime time, const std::vector<double>& row) {
    sample_times_.push_back(time);
    for (std::size_t i = 0; i < series_.size() && i < row.size(); ++i) {
        series_[i].values.push_back(row[i]);
    }
}

}  // namespace queuelab::sim
