#include "kinesis_service.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>

#include "digest.h"
#include "overwrite.h"

namespace queuelab::sim {

HashKey partition_key_hash(std::string_view partition_key) {
    HashKey hash = 0;
    for (const unsigned char byte : md5(partition_key)) hash = (hash << 8) | byte;
    return hash;
}

std::optional<HashKey> parse_hash_key(const std::string& decimal) {
    if (decimal.empty() || decimal.size() > 39) return std::nullopt;
    HashKey value = 0;
    const HashKey max = ~static_cast<HashKey>(0);
    for (const char c : decimal) {
        if (c < '0' || c > '9') return std::nullopt;
        const unsigned digit = static_cast<unsigned>(c - '0');
        if (value > (max - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

KinesisService::KinesisService(const Scenario& scenario, EventQueue& events, Recorder& recorder)
    : scenario_(scenario), events_(events), recorder_(recorder) {
    for (const auto& [name, config] : scenario.streams) {
        Stream stream;
        stream.config = config;
        stream.arn = "arn:aws:kinesis:" + scenario.region + ":" + scenario.account_id + ":stream/" + name;
        // Shards split the hash space evenly, as CreateStream does: 2^128 / ShardCount each.
        const HashKey all = ~static_cast<HashKey>(0);
        const unsigned count = static_cast<unsigned>(config.ShardCount);
        const HashKey width = all / count + (all % count + 1 == count ? 1 : 0);
        for (unsigned i = 0; i < count; ++i) {
            Shard shard;
            shard.hash_start = width * i;
            stream.shards.push_back(std::move(shard));
        }
        streams_.push_back(std::move(stream));
    }
}

std::uint32_t KinesisService::stream_index(const std::string& name) const {
    for (std::uint32_t i = 0; i < streams_.size(); ++i) {
        if (streams_[i].config.name == name) return i;
    }
    return kNone;
}

std::uint32_t KinesisService::shard_for(std::uint32_t stream, const std::string& partition_key,
                                        const std::optional<std::string>& explicit_hash_key) const {
    return shard_of_hash(stream, explicit_hash_key ? parse_hash_key(*explicit_hash_key).value_or(0)
                                                   : partition_key_hash(partition_key));
}

std::uint32_t KinesisService::shard_of_hash(std::uint32_t stream, HashKey hash) const {
    const auto& shards = streams_[stream].shards;
    const auto after = std::upper_bound(shards.begin() + 1, shards.end(), hash,
                                        [](HashKey h, const Shard& shard) { return h < shard.hash_start; });
    return static_cast<std::uint32_t>(after - shards.begin() - 1);
}

bool KinesisService::within_write_limits(Shard& shard, SimTime now, std::int64_t bytes) const {
    const auto second = now / kMicrosPerSecond;
    if (second != shard.write_second) {
        shard.write_second = second;
        shard.bytes_this_second = 0;
        shard.records_this_second = 0;
    }
    if (shard.records_this_second + 1 > scenario_.limits.shard_write_records_per_s ||
        shard.bytes_this_second + bytes > scenario_.limits.shard_write_bytes_per_s) {
        return false;
    }
    ++shard.records_this_second;
    shard.bytes_this_second += bytes;
    return true;
}

void KinesisService::reserve_records(std::size_t count) {
    records_.reserve(records_.size() + count);
    recorder_.stream_history().reserve(count);
}

PutResult KinesisService::put_record(SimTime now, std::uint32_t stream_index, std::string_view partition_key,
                                     std::string_view data, const std::optional<std::string>& explicit_hash_key,
                                     SimTime arrives_at) {
    auto& stream = streams_[stream_index];
    PutResult result;
    const HashKey key_hash = partition_key_hash(partition_key);  // once per put
    result.shard = shard_of_hash(stream_index, explicit_hash_key ? parse_hash_key(*explicit_hash_key).value_or(0) : key_hash);
    auto& shard = stream.shards[result.shard];
    const SimTime arrival = std::max({now, arrives_at, shard.last_arrival});
    // The partition key counts towards the shard's write throughput, as the data does.
    if (!within_write_limits(shard, arrival, static_cast<std::int64_t>(data.size() + partition_key.size()))) {
        ++stream.put_throttled;
        return result;
    }
    ++stream.put_accepted;
    StreamRecord record;
    record.partition_key = texts_.add(partition_key);
    record.data = texts_.add(data);
    record.stream = stream_index;
    record.shard = result.shard;
    record.sequence = shard.records.size() + shard.arriving.size() + 1;
    record.key_hash = static_cast<std::uint64_t>(key_hash >> 64);
    record.arrival = arrival;
    result.accepted = true;
    result.record = static_cast<std::uint32_t>(records_.size());
    recorder_.count_subject(sizeof record, record.data.size() + record.partition_key.size());
    records_.push_back(std::move(record));
    recorder_.stream_history().add_subject();
    shard.last_arrival = arrival;
    if (arrival > now) {
        shard.arriving.push_back(result.record);
        ++arriving_;
        events_.schedule(arrival, EventKind::RecordsArrive, stream_index, result.shard);
        return result;
    }
    shard.records.push_back(result.record);
    recorder_.stream_history().record(now, result.record, HistoryKind::Sent, result.shard);
    return result;
}

void KinesisService::on_records_arrive(SimTime now, std::uint32_t stream, std::uint32_t shard_index) {
    auto& shard = streams_[stream].shards[shard_index];
    while (!shard.arriving.empty() && records_[shard.arriving.front()].arrival <= now) {
        const auto record = shard.arriving.front();
        shard.arriving.pop_front();
        --arriving_;
        shard.records.push_back(record);
        recorder_.stream_history().record(now, record, HistoryKind::Sent, shard_index);
    }
}

std::size_t KinesisService::trim_horizon(std::uint32_t stream, std::uint32_t shard, SimTime now) const {
    const auto& records = streams_[stream].shards[shard].records;
    const SimTime retention = from_seconds(3600.0 * streams_[stream].config.RetentionPeriodHours);
    std::size_t first = 0;
    std::size_t last = records.size();
    while (first < last) {  // records are in arrival order: binary search the first one kept
        const std::size_t middle = (first + last) / 2;
        if (now - records_[records[middle]].arrival >= retention) {
            first = middle + 1;
        } else {
            last = middle;
        }
    }
    return first;
}

namespace {

// `value` as `width` decimal digits, zero-padded, at `out`; returns the end. REQUIRES: it fits.
char* put_padded(char* out, std::uint64_t value, int width) {
    char digits[20];
    const auto length = static_cast<int>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
    std::fill(out, out + width - length, '0');
    std::copy(digits, digits + length, out + width - length);
    return out + width;
}

constexpr std::size_t kShardIdLength = 20;

// "shardId-" and the shard's index on 12 digits.
char* put_shard_id(char* out, std::uint32_t shard) {
    std::memcpy(out, "shardId-", 8);
    return put_padded(out + 8, shard, 12);
}

}  // namespace

char* KinesisService::put_sequence_number(char* out, std::uint32_t index) const {
    const auto& record = records_[index];
    std::memcpy(out, "4959", 4);
    return put_padded(put_padded(out + 4, record.shard, 4), record.sequence, 48);
}

std::string KinesisService::sequence_number(std::uint32_t index) const {
    std::string number;
    sequence_number_into(number, index);
    return number;
}

void KinesisService::sequence_number_into(std::string& out, std::uint32_t index) const {
    char text[kSequenceNumberSize];
    put_sequence_number(text, index);
    overwrite(out, std::string_view(text, sizeof text));
}

void KinesisService::event_id_into(std::string& out, std::uint32_t index, std::string_view sequence_number) const {
    char text[kShardIdLength + 1 + kSequenceNumberSize];
    char* colon = put_shard_id(text, records_[index].shard);
    *colon = ':';
    assert(sequence_number.size() == kSequenceNumberSize);
    std::memcpy(colon + 1, sequence_number.data(), kSequenceNumberSize);
    overwrite(out, std::string_view(text, sizeof text));
}

std::string KinesisService::shard_id(std::uint32_t shard) const {
    char text[kShardIdLength];
    put_shard_id(text, shard);
    return std::string(text, sizeof text);
}

}  // namespace queuelab::sim
