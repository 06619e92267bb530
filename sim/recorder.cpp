#include "recorder.h"

#include <algorithm>

#include "ids.h"

namespace queuelab::sim {
static_assert(static_cast<int>(HistoryKind::Skipped) < 32, "a HistoryKind is stored in 5 bits");

void History::add_subject() {
    if (keep_) last_entry_.push_back(kNone);
}

void History::reserve(std::size_t count) {
    if (keep_) last_entry_.reserve(last_entry_.size() + count);
}

std::uint32_t History::implied_detail(HistoryKind kind, std::uint32_t receives_before) {
    switch (kind) {
        case HistoryKind::Received: return receives_before + 1;
        case HistoryKind::Deleted: return receives_before;
        default: return 0;
    }
}

std::optional<std::uint32_t> History::receives_through(std::uint32_t word) const {
    std::uint32_t receives = 0;
    for (int walked = 0; walked < kMaxImpliedWalk; ++walked) {
        const Head h = head(word);
        receives += h.kind() == HistoryKind::Received ? 1 : 0;
        if (h.first()) return receives;
        word = link(word);
    }
    return std::nullopt;
}

void History::record(SimTime time, std::uint32_t subject, HistoryKind kind, std::uint32_t detail,
                     Verdict verdict) {
    if (!keep_) return;
    const auto at = static_cast<std::uint32_t>(words_.size());
    if (pages_.empty() || time < pages_.back().base || time - pages_.back().base > kMaxTimeOffset) {
        pages_.push_back(Page{at, time});
    }
    const auto offset = static_cast<std::uint32_t>(time - pages_.back().base);
    const std::uint32_t previous = last_entry_[subject];
    const bool first = previous == kNone;
    const bool counted = kind == HistoryKind::Received || kind == HistoryKind::Deleted;
    const auto receives_before = first || !counted ? std::optional<std::uint32_t>(0) : receives_through(previous);
    const bool store_detail = !receives_before || detail != implied_detail(kind, *receives_before);
    const std::uint32_t words[3] = {offset << kTimeShift | (first ? kFirstBit : 0) | (store_detail ? kDetailBit : 0) |
                                        static_cast<std::uint32_t>(kind) << 2 | static_cast<std::uint32_t>(verdict),
                                    first ? subject : previous, detail};
    words_.append(std::span<const std::uint32_t>(words, store_detail ? 3 : 2));
    last_entry_[subject] = at;
    ++entry_count_;
}

History::PageIterator History::page_of(std::uint32_t word, PageIterator from) const {
    const auto next = std::next(from);
    if (next == pages_.end() || next->first > word) return from;
    return std::upper_bound(next, pages_.end(), word, [](std::uint32_t w, const Page& p) { return w < p.first; }) - 1;
}

inline HistoryEntry History::entry(std::uint32_t word, const Page& page, std::uint32_t subject, std::uint32_t receives_before) const {
    const Head h = head(word);
    const std::uint32_t detail = h.detail_stored() ? words_[word + 2] : implied_detail(h.kind(), receives_before);
    return HistoryEntry{page.base + (h.word >> kTimeShift), subject, detail, h.kind(), static_cast<Verdict>(h.word & 3)};
}

std::vector<HistoryEntry> History::of(std::uint32_t subject) const {
    std::vector<HistoryEntry> result;
    of(subject, result);
    return result;
}

void History::of(std::uint32_t subject, std::vector<HistoryEntry>& out) const {
    out.clear();
    if (!keep_ || subject >= last_entry_.size()) return;
    // The words of its entries, newest first by the links (held in `detail` until read), then each
    // entry read oldest first, counting the Received entries on the way.
    for (auto w = last_entry_[subject]; w != kNone; w = head(w).first() ? kNone : link(w)) {
        out.push_back(HistoryEntry{.time = 0, .message = subject, .detail = w, .kind = HistoryKind::Sent, .verdict = Verdict::None});
    }
    std::reverse(out.begin(), out.end());
    std::uint32_t receives = 0;
    auto page = pages_.begin();
    for (auto& e : out) {
        const std::uint32_t word = e.detail;
        page = page_of(word, page);
        e = entry(word, *page, subject, receives);
        receives += e.kind == HistoryKind::Received ? 1 : 0;
    }
}

std::optional<HistoryEntry> HistoryReader::next(const History& history) {
    if (word_ >= history.words_.size()) return std::nullopt;
    const std::uint32_t word = word_;
    const History::Head h = history.head(word);
    Latest latest{history.link(word), 0};
    if (!h.first()) {
        const auto previous = latest_.find(latest.subject);
        latest = previous->second;
        latest_.erase(previous);
    }
    const HistoryEntry entry = history.entry(word, *history.page_of(word, history.pages_.begin()), latest.subject, latest.receives);
    latest.receives += entry.kind == HistoryKind::Received ? 1 : 0;
    latest_.emplace(word, latest);
    word_ += static_cast<std::uint32_t>(h.words());
    return entry;
}

std::size_t History::stored_bytes() const {
    return words_.size() * sizeof(std::uint32_t) + pages_.size() * sizeof(Page) +
           last_entry_.size() * sizeof(std::uint32_t);
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

std::uint32_t Recorder::add_invocation(const InvocationRecord& record, std::vector<CallRecord> calls) {
    return invocations_.add(record, std::move(calls));
}

std::string Recorder::request_id(std::uint32_t invocation) const {
    std::string id;
    request_id_into(id, invocation);
    return id;
}

void Recorder::request_id_into(std::string& out, std::uint32_t invocation) const {
    if (invocations_.result(invocation) == InvocationResult::Throttled) {
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
                                                     invocations_.stored_bytes() + failures_.stored_bytes() + texts_.stored_bytes() +
                                                     samples * sizeof(double));
}

void Recorder::append_sample(SimTime time, const std::vector<double>& row) {
    sample_times_.push_back(time);
    for (std::size_t i = 0; i < series_.size() && i < row.size(); ++i) {
        series_[i].values.push_back(row[i]);
    }
}

}  // namespace queuelab::sim
