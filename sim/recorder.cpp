#include "recorder.h"

#include <algorithm>

#include "ids.h"

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

static_assert(static_cast<int>(HistoryKind::Skipped) < 32, "a HistoryKind is stored in 5 bits");
static_assert(sizeof(void*) != 8 || sizeof(InvocationRecord) == 128, "an invocation record stays 128 bytes");

void History::add_subject() {
    if (keep_) last_entry_.push_back(kNone);
}

void History::reserve(std::size_t count) {
    if (keep_) last_entry_.reserve(last_entry_.size() + count);
}

void History::record(SimTime time, std::uint32_t subject, HistoryKind kind, std::uint32_t detail,
                     Verdict verdict) {
    if (!keep_) return;
    const auto index = static_cast<std::uint32_t>(entries_.size());
    if (pages_.empty() || time < pages_.back().base || time - pages_.back().base > kMaxTimeOffset) {
        pages_.push_back(Page{index, time});
    }
    const auto offset = static_cast<std::uint32_t>(time - pages_.back().base);
    const bool first = last_entry_[subject] == kNone;
    const auto packed = offset << kTimeShift | (first ? kFirstBit : 0) | static_cast<std::uint32_t>(kind) << 2 |
                        static_cast<std::uint32_t>(verdict);
    entries_.push_back(StoredEntry{detail, first ? subject : last_entry_[subject], packed});
    last_entry_[subject] = index;
}

HistoryEntry History::entry(std::size_t index, std::uint32_t subject) const {
    const auto page = std::upper_bound(pages_.begin(), pages_.end(), index,
                                       [](std::size_t i, const Page& p) { return i < p.first; }) - 1;
    const StoredEntry& stored = entries_[index];
    return HistoryEntry{page->base + (stored.packed >> kTimeShift), subject, stored.detail,
                        static_cast<HistoryKind>((stored.packed >> 2) & 0x1F), static_cast<Verdict>(stored.packed & 3)};
}

std::vector<HistoryEntry> History::of(std::uint32_t subject) const {
    std::vector<HistoryEntry> result;
    of(subject, result);
    return result;
}

void History::of(std::uint32_t subject, std::vector<HistoryEntry>& out) const {
    out.clear();
    if (!keep_ || subject >= last_entry_.size()) return;
    for (auto i = last_entry_[subject]; i != kNone; i = entries_[i].first() ? kNone : entries_[i].link) {
        out.push_back(entry(i, subject));
    }
    std::reverse(out.begin(), out.end());
}

std::optional<HistoryEntry> HistoryReader::next(const History& history) {
    const std::size_t index = subjects_.size();
    if (index >= history.size()) return std::nullopt;
    const History::StoredEntry& stored = history.entries_[index];
    subjects_.push_back(stored.first() ? stored.link : subjects_[stored.link]);
    return history.entry(index, subjects_.back());
}

std::size_t History::stored_bytes() const {
    return entries_.size() * sizeof(StoredEntry) + pages_.size() * sizeof(Page) + last_entry_.size() * sizeof(std::uint32_t);
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
    // The failures come later: room for them is counted now. The texts and record lists are
    // counted with their pools (stored_bytes).
    const std::size_t own = sizeof record + record.records.size() * sizeof(std::uint32_t);
    stored_bytes_ += static_cast<std::int64_t>(own);
    invocations_.push_back(std::move(record));
    return static_cast<std::uint32_t>(invocations_.size() - 1);
}

std::string Recorder::request_id(std::uint32_t invocation) const {
    std::string id;
    request_id_into(id, invocation);
    return id;
}

void Recorder::request_id_into(std::string& out, std::uint32_t invocation) const {
    if (invocations_[invocation].result == InvocationResult::Throttled) {
        out.clear();
    } else {
        invocation_request_id_into(out, seed_, invocation);
    }
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
    const std::size_t samples = sample_times_.size() * (1 + series_.size());
    return stored_bytes_ + static_cast<std::int64_t>(messages_.stored_bytes() + stream_records_.stored_bytes() +
                                                     record_refs_.stored_bytes() + failures_.stored_bytes() + texts_.stored_bytes() +
                                                     samples * sizeof(double));
}

void Recorder::append_sample(SimTime time, const std::vector<double>& row) {
    sample_times_.push_back(time);
    for (std::size_t i = 0; i < series_.size() && i < row.size(); ++i) {
        series_[i].values.push_back(row[i]);
    }
}

}  // namespace queuelab::sim
