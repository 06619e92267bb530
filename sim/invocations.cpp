#include "invocations.h"

#include <algorithm>
#include <bit>

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

const char* to_string(CallService service) {
    switch (service) {
        case CallService::Sqs: return "sqs";
        case CallService::Kinesis: return "kinesis";
        case CallService::DynamoDb: return "dynamodb";
        case CallService::Downstream: return "downstream";
    }
    return "unknown";
}

std::uint32_t Invocations::add(const InvocationRecord& record, std::vector<CallRecord> calls) {
    const auto index = static_cast<std::uint32_t>(size());
    const bool has_extras = !record.failures.empty() || !calls.empty();
    starts_.push_back(record.start);
    slots_.push_back(Slots{keep_records(record.records), intern_shape(record, has_extras), intern_texts(record)});
    if (has_extras) set_extras(index, record, std::move(calls));
    return index;
}

void Invocations::settle(std::uint32_t index, const InvocationRecord& record) {
    if (settled_as_stored(index, record)) return;
    const auto found = extras_.find(index);
    const bool has_calls = found != extras_.end() && !found->second.calls.empty();
    const bool has_extras = has_calls || !record.failures.empty();
    auto& slots = slots_[index];
    slots.shape = intern_shape(record, has_extras);
    slots.texts = intern_texts(record);
    if (found == extras_.end()) {
        if (has_extras) set_extras(index, record, {});
    } else if (has_extras) {
        found->second.failures = record.failures;
    } else {
        extras_.erase(found);
    }
}

bool Invocations::settled_as_stored(std::uint32_t index, const InvocationRecord& record) const {
    const auto stored = (*this)[index];
    return record.result == stored.result && record.failures.data() == stored.failures.data() &&
           record.failures.size() == stored.failures.size() && texts_of(record) == texts_of(stored);
}

InvocationRecord Invocations::operator[](std::size_t index) const {
    const auto& slots = slots_[index];
    const auto& shape = shapes_[slots.shape];
    InvocationRecord record;
    record.source_kind = shape.source_kind;
    record.cold_start = shape.cold_start;
    record.result = shape.result;
    record.mapping = shape.mapping;
    record.function = shape.function;
    record.memory_mb = shape.memory_mb;
    record.start = starts_[index];
    record.init_ms = std::bit_cast<double>(shape.init_ms_bits);
    record.duration_ms = std::bit_cast<double>(shape.duration_ms_bits);
    record.max_memory_used_mb = std::bit_cast<double>(shape.max_memory_used_mb_bits);
    if (shape.record_count > 0) {
        const RecordRef* block = record_blocks_[slots.records / kRecordBlock].get();
        record.records = {block + slots.records % kRecordBlock, shape.record_count};
    }
    if (slots.texts != kNone) {
        const auto& texts = texts_[slots.texts].texts;
        record.response_payload = texts[0];
        record.error_type = texts[1];
        record.error_message = texts[2];
        record.logs = texts[3];
    }
    if (shape.has_extras) {
        const auto& extras = extras_.at(static_cast<std::uint32_t>(index));
        record.failures = extras.failures;
        record.calls = extras.calls;
    }
    return record;
}

std::size_t Invocations::stored_bytes() const {
    return size() * (sizeof(SimTime) + sizeof(Slots)) + shapes_.stored_bytes() + texts_.stored_bytes() +
           records_used_ * sizeof(RecordRef) +
           extras_.size() * (sizeof(std::uint32_t) + sizeof(Extras));
}

std::uint32_t Invocations::keep_records(std::span<const RecordRef> records) {
    if (records.empty()) return 0;
    const std::size_t room = record_blocks_.size() * kRecordBlock - records_used_;
    if (records.size() > room) {
        records_used_ = record_blocks_.size() * kRecordBlock;
        record_blocks_.push_back(std::make_unique_for_overwrite<RecordRef[]>(kRecordBlock));
    }
    const auto first = static_cast<std::uint32_t>(records_used_);
    std::copy(records.begin(), records.end(), record_blocks_.back().get() + first % kRecordBlock);
    records_used_ += records.size();
    return first;
}

std::uint32_t Invocations::intern_shape(const InvocationRecord& record, bool has_extras) {
    const Shape shape{record.source_kind,
                      record.cold_start,
                      record.result,
                      has_extras,
                      record.mapping,
                      record.function,
                      record.memory_mb,
                      static_cast<std::uint32_t>(record.records.size()),
                      std::bit_cast<std::uint64_t>(record.init_ms),
                      std::bit_cast<std::uint64_t>(record.duration_ms),
                      std::bit_cast<std::uint64_t>(record.max_memory_used_mb)};
    return shapes_.intern(shape);
}

Invocations::Texts Invocations::texts_of(const InvocationRecord& record) {
    return Texts{{record.response_payload, record.error_type, record.error_message, record.logs}};
}

std::uint32_t Invocations::intern_texts(const InvocationRecord& record) {
    const Texts texts = texts_of(record);
    if (texts == Texts{}) return kNone;
    return texts_.intern(texts);
}

void Invocations::set_extras(std::uint32_t index, const InvocationRecord& record, std::vector<CallRecord> calls) {
    extras_[index] = Extras{record.failures, std::move(calls)};
}

}  // namespace queuelab::sim
