// [SECTION] Consumers and timers
// [SECTION] Reading batches: retention, record age, tumbling windows
// [SECTION] Invoking
// [SECTION] Settling a batch: checkpoints, retries, bisection, on-failure destination
// [SECTION] Views

#include "stream_mapping.h"

#include <algorithm>
#include <ctime>

#include "batch_response_rules.h"
#include "digest.h"
#include "event_filter.h"
#include "json_text.h"

namespace queuelab::sim {
namespace {

// Bytes a record adds to the invoke payload besides its data (base64 grows data by a third).
constexpr std::int64_t kRecordOverheadBytes = 500;

}  // namespace

std::string iso8601(SimTime t) {
    const std::int64_t millis = epoch_millis(t);
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis % 1000));
    return text;
}

// [SECTION] Consumers and timers

StreamMapping::StreamMapping(std::uint32_t index, const MappingConfig& config, MappingServices services)
    : index_(index),
      config_(config),
      services_(services),
      stream_(services.kinesis.stream_index(config.EventSourceArn)),
      function_(services.lambda.function_index(config.FunctionName)),
      invoker_(EventSourceKind::KinesisStream, index, function_, services),
      invoke_identity_arn_("arn:aws:iam::" + services.scenario.account_id + ":role/lambda-role") {
    take_settings(config);
    for (std::uint32_t shard = 0; shard < services.kinesis.shard_count(stream_); ++shard) {
        for (int lane = 0; lane < config.ParallelizationFactor; ++lane) {
            Consumer c;
            c.shard = shard;
            c.lane = static_cast<std::uint32_t>(lane);
            consumers_.push_back(std::move(c));
        }
    }
    shard_reads_.resize(services.kinesis.shard_count(stream_));
    lane_index_.resize(services.kinesis.shard_count(stream_));
}

void StreamMapping::update_configuration(SimTime now, const MappingConfig& next) {
    take_settings(next);
    config_.Enabled = next.Enabled;
    if (!config_.Enabled) return;
    for (std::uint32_t i = 0; i < consumers_.size(); ++i) {
        if (!consumers_[i].parked) continue;
        consumers_[i].parked = false;
        poll(now, i);
    }
}

void StreamMapping::take_settings(const MappingConfig& next) {
    update_common_mapping_settings(config_, next);
    config_.BisectBatchOnFunctionError = next.BisectBatchOnFunctionError;
    config_.MaximumRetryAttempts = next.MaximumRetryAttempts;
    config_.MaximumRecordAgeInSeconds = next.MaximumRecordAgeInSeconds;
    config_.on_failure_destination = next.on_failure_destination;
    destination_ = next.on_failure_destination.empty() ? kNone : services_.sqs.queue_index(next.on_failure_destination);
}

void StreamMapping::on_start(SimTime now) {
    if (config_.StartingPosition == "LATEST") {
        latest_start_.resize(shard_reads_.size());
        for (std::uint32_t shard = 0; shard < latest_start_.size(); ++shard) {
            latest_start_[shard] = services_.kinesis.shard_records(stream_, shard).size();
        }
    }
    for (std::uint32_t i = 0; i < consumers_.size(); ++i) {
        auto& c = consumers_[i];
        if (!latest_start_.empty()) c.position = latest_start_[c.shard];
        poll(now, i);
    }
}

bool StreamMapping::before_starting_position(std::uint32_t shard, std::size_t position) const {
    if (config_.StartingPosition == "LATEST") return position < (latest_start_.empty() ? 0 : latest_start_[shard]);
    if (config_.StartingPosition != "AT_TIMESTAMP") return false;
    const auto& kinesis = services_.kinesis;
    return kinesis.record(kinesis.shard_records(stream_, shard)[position]).arrival <
           from_seconds(config_.StartingPositionTimestamp);
}

void StreamMapping::schedule(SimTime at, std::uint32_t consumer, State state, ConsumerTimer timer) {
    auto& c = consumers_[consumer];
    c.state = state;
    ++c.token;
    services_.events.schedule(at, EventKind::ConsumerTimer, index_,
                              (std::uint64_t{c.token} << 32) | (std::uint64_t{consumer} << 8) | static_cast<std::uint8_t>(timer));
}

// A disabled mapping's consumer stops with no timer, where it is, until Enabled is set again.
void StreamMapping::park(Consumer& c) {
    c.state = State::Waiting;
    c.parked = true;
    ++c.token;
}

void StreamMapping::on_timer(SimTime now, std::uint64_t timer) {
    const auto consumer = static_cast<std::uint32_t>((timer & 0xFFFF'FFFFu) >> 8);
    if (consumers_[consumer].token != static_cast<std::uint32_t>(timer >> 32)) return;
    const auto kind = static_cast<ConsumerTimer>(timer & 0xFFu);
    if (!config_.Enabled && kind == ConsumerTimer::InvokeRetry) {
        park(consumers_[consumer]);
        return;
    }
    switch (kind) {
        case ConsumerTimer::Poll: poll(now, consumer); break;
        case ConsumerTimer::InvokeRetry: invoke(now, consumer); break;
        case ConsumerTimer::InvocationEnds: finish_invocation(now, consumer); break;
    }
}

// [SECTION] Reading batches: retention, record age, tumbling windows

std::uint32_t StreamMapping::lane_of(std::uint32_t record) const {
    return static_cast<std::uint32_t>(services_.kinesis.record(record).key_hash %
                                      static_cast<std::uint64_t>(config_.ParallelizationFactor));
}

std::int64_t StreamMapping::tumbling_window_of(std::uint32_t record) const {
    return services_.kinesis.record(record).arrival / from_seconds(config_.TumblingWindowInSeconds);
}

std::size_t StreamMapping::next_lane_position(const Consumer& c, std::size_t from) const {
    const auto& records = services_.kinesis.shard_records(stream_, c.shard);
    auto& index = lane_index_[c.shard];
    if (index.positions.empty()) index.positions.resize(static_cast<std::size_t>(config_.ParallelizationFactor));
    for (; index.indexed < records.size(); ++index.indexed) {
        index.positions[lane_of(records[index.indexed])].push_back(static_cast<std::uint32_t>(index.indexed));
    }
    const auto& positions = index.positions[c.lane];
    const auto next = std::lower_bound(positions.begin(), positions.end(), from);
    return next == positions.end() ? std::max(from, records.size()) : *next;
}

void StreamMapping::poll(SimTime now, std::uint32_t consumer) {
    auto& c = consumers_[consumer];
    if (!config_.Enabled) {
        park(c);
        return;
    }
    c.state = State::Waiting;
    while (true) {
        skip_unreadable_records(now, c);
        if (c.pending.empty()) {
            if (due_final_invoke(now, c)) {
                c.final_invoke = true;
                c.pending.push_back(Batch{});
                invoke(now, consumer);
                return;
            }
            if (!take_batch(now, c)) {
                const SimTime next_poll = now + from_seconds(services_.scenario.limits.stream_poll_interval_s);
                const SimTime window_ends = c.batching_window_opened < 0
                                                ? next_poll
                                                : c.batching_window_opened + from_seconds(config_.MaximumBatchingWindowInSeconds);
                schedule(std::max(now, std::min(next_poll, window_ends)), consumer, State::Waiting, ConsumerTimer::Poll);
                return;
            }
        }
        drop_old_records(now, c);
        if (!c.pending.empty()) {
            invoke(now, consumer);
            return;
        }
    }
}

// Takes the next batch of the consumer's lane into `pending`. False when there is nothing to
// read yet, or the batching window is still gathering records.
bool StreamMapping::take_batch(SimTime now, Consumer& c) {
    const auto& kinesis = services_.kinesis;
    const auto& shard_records = kinesis.shard_records(stream_, c.shard);
    const auto& limits = services_.scenario.limits;
    const auto max_records = static_cast<std::size_t>(std::min(config_.BatchSize, limits.shard_get_records_max));
    // The shard's read throughput (per second, shared by its lanes) bounds what can be read now.
    auto& reads = shard_reads_[c.shard];
    if (reads.second != now / kMicrosPerSecond) reads = ShardReads{now / kMicrosPerSecond, 0};
    const std::int64_t readable_bytes = limits.shard_read_bytes_per_s - reads.bytes;
    std::vector<std::uint32_t> records;
    std::vector<std::uint32_t> filtered;  // read, matched no filter: discarded once the read is kept
    std::int64_t payload_bytes = 0;
    std::int64_t read_bytes = 0;
    std::size_t last_taken = 0;
    bool full = false;  // a limit other than BatchSize ends the batch: send it without waiting
    for (auto p = next_lane_position(c, c.position); p < shard_records.size(); p = next_lane_position(c, p + 1)) {
        const auto record = shard_records[p];
        if (config_.TumblingWindowInSeconds > 0 && !records.empty() &&
            tumbling_window_of(record) != tumbling_window_of(records.front())) {
            full = true;  // a batch never spans two tumbling windows
            break;
        }
        const auto& r = kinesis.record(record);
        const auto record_read = static_cast<std::int64_t>(r.data.size() + r.partition_key.size());
        const auto record_payload = kRecordOverheadBytes + static_cast<std::int64_t>(r.data.size()) * 4 / 3;
        if (records.size() >= max_records || read_bytes + record_read > readable_bytes ||
            (!records.empty() && payload_bytes + record_payload > limits.invoke_payload_limit_bytes)) {
            full = true;
            break;
        }
        read_bytes += record_read;
        last_taken = p;
        if (!passes_filters(record)) {
            filtered.push_back(record);
            continue;
        }
        payload_bytes += record_payload;
        records.push_back(record);
    }
    const auto commit_read = [&] {
        reads.bytes += read_bytes;
        c.position = last_taken + 1;
        for (const auto record : filtered) discard_filtered(now, record);
    };
    if (records.empty()) {
        if (!filtered.empty()) commit_read();
        return false;
    }
    if (!full && config_.MaximumBatchingWindowInSeconds > 0) {
        if (c.batching_window_opened < 0) c.batching_window_opened = now;
        if (now < c.batching_window_opened + from_seconds(config_.MaximumBatchingWindowInSeconds)) return false;
    }
    commit_read();
    c.batching_window_opened = -1;
    if (config_.TumblingWindowInSeconds > 0) c.tumbling_window = tumbling_window_of(records.front());
    c.pending.push_back(Batch{std::move(records), 0, 0});
    return true;
}

// FilterCriteria for Kinesis match on "data" only: the record's data parsed as JSON, or the plain
// string when it is not JSON.
bool StreamMapping::passes_filters(std::uint32_t record) const {
    if (config_.filter_patterns.empty()) return true;
    const auto& data = services_.kinesis.record(record).data;
    auto parsed = parse_json_text(data, DuplicateKeys::KeepLast);
    return matches_any(config_.filter_patterns, nlohmann::json{{"data", parsed ? std::move(*parsed) : nlohmann::json(data)}});
}

void StreamMapping::discard_filtered(SimTime now, std::uint32_t index) {
    auto& record = services_.kinesis.record(index);
    record.outcome = RecordOutcome::Filtered;
    record.ended_at = now;
    services_.recorder.stream_history().record(now, index, HistoryKind::Filtered);
}

// A tumbling window ends with one more invoke, without records, once its end has passed and the
// consumer has read all its records.
bool StreamMapping::due_final_invoke(SimTime now, const Consumer& c) const {
    if (config_.TumblingWindowInSeconds == 0 || c.tumbling_window < 0) return false;
    const auto& records = services_.kinesis.shard_records(stream_, c.shard);
    const auto next = next_lane_position(c, c.position);
    if (next < records.size()) return tumbling_window_of(records[next]) != c.tumbling_window;
    return now >= (c.tumbling_window + 1) * from_seconds(config_.TumblingWindowInSeconds);
}

// Records older than the stream's retention are gone, read or not. With AT_TIMESTAMP, records
// that arrived before the timestamp are never read (whenever they arrive).
void StreamMapping::skip_unreadable_records(SimTime now, Consumer& c) {
    auto& kinesis = services_.kinesis;
    const auto horizon = kinesis.trim_horizon(stream_, c.shard, now);
    const auto& shard_records = kinesis.shard_records(stream_, c.shard);
    if (config_.StartingPosition == "AT_TIMESTAMP") {
        const SimTime from = from_seconds(config_.StartingPositionTimestamp);
        while (c.position < shard_records.size() && kinesis.record(shard_records[c.position]).arrival < from) {
            ++c.position;
        }
    }
    auto skip = [&](std::uint32_t record) {
        auto& r = kinesis.record(record);
        r.outcome = RecordOutcome::Skipped;
        r.ended_at = now;
        services_.recorder.stream_history().record(now, record, HistoryKind::Skipped);
    };
    for (auto p = next_lane_position(c, c.position); p < horizon; p = next_lane_position(c, p + 1)) skip(shard_records[p]);
    c.position = std::max(c.position, horizon);
    const SimTime retention = from_seconds(3600.0 * kinesis.config(stream_).RetentionPeriodHours);
    for (auto& batch : c.pending) {
        std::erase_if(batch.records, [&](std::uint32_t record) {
            const bool gone = now - kinesis.record(record).arrival >= retention;
            if (gone) skip(record);
            return gone;
        });
    }
    std::erase_if(c.pending, [&](const Batch& batch) { return batch.records.empty() && !c.final_invoke; });
}

// MaximumRecordAgeInSeconds: records older than that are not sent to the function again; they
// go to the on-failure destination with condition RecordAgeExceeded.
void StreamMapping::drop_old_records(SimTime now, Consumer& c) {
    if (config_.MaximumRecordAgeInSeconds < 0 || c.pending.empty()) return;
    auto& batch = c.pending.front();
    const SimTime max_age = from_seconds(config_.MaximumRecordAgeInSeconds);
    const auto first_young = std::find_if(batch.records.begin(), batch.records.end(), [&](std::uint32_t record) {
        return now - services_.kinesis.record(record).arrival <= max_age;
    });
    if (first_young == batch.records.begin()) return;
    Batch expired{std::vector<std::uint32_t>(batch.records.begin(), first_young), batch.retries, batch.invokes};
    batch.records.erase(batch.records.begin(), first_young);
    const bool invoked = expired.invokes > 0 && c.invoke.invocation != kNone;
    send_to_on_failure(now, c, expired, "RecordAgeExceeded", invoked ? c.invoke.invocation : kNone);
    if (batch.records.empty()) c.pending.pop_front();
}

// [SECTION] Invoking

void StreamMapping::fill_event_record(std::uint32_t index, KinesisEventRecord& r, const KinesisRecordParts& parts) const {
    const auto& kinesis = services_.kinesis;
    const auto& record = kinesis.record(index);
    r.kinesis.partitionKey.clear();
    r.kinesis.sequenceNumber.clear();
    r.kinesis.data.clear();
    if (parts.partitionKey) r.kinesis.partitionKey = record.partition_key;
    if (parts.sequenceNumber || parts.metadata) kinesis.sequence_number_into(r.kinesis.sequenceNumber, index);
    if (parts.data) base64_into(r.kinesis.data, record.data);
    if (parts.metadata) {
        r.kinesis.approximateArrivalTimestamp = static_cast<double>(epoch_millis(record.arrival)) / 1000.0;
        kinesis.event_id_into(r.eventID, index, r.kinesis.sequenceNumber);
        r.invokeIdentityArn = invoke_identity_arn_;
        r.awsRegion = services_.scenario.region;
        r.eventSourceARN = kinesis.stream_arn(stream_);
    } else {
        r.kinesis.approximateArrivalTimestamp = 0;
        for (std::string* text : {&r.eventID, &r.invokeIdentityArn, &r.awsRegion, &r.eventSourceARN}) text->clear();
    }
}

KinesisEvent StreamMapping::event_of(std::uint32_t invocation) const {
    const auto records = services_.recorder.invocations()[invocation].records;
    KinesisEvent event;
    event.Records.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) fill_event_record(records[i].message, event.Records[i]);
    if (const auto tumbling = tumbling_by_invocation_.find(invocation); tumbling != tumbling_by_invocation_.end()) {
        event.tumbling = tumbling->second;
    }
    return event;
}

void StreamMapping::fill_event(const Consumer& c, const Batch& batch, KinesisEvent& event) const {
    const auto& kinesis = services_.kinesis;
    const KinesisRecordParts parts = services_.lambda.record_parts(function_).kinesis;
    for (std::size_t i = 0; i < batch.records.size(); ++i) fill_event_record(batch.records[i], event.Records[i], parts);
    event.tumbling.reset();
    if (config_.TumblingWindowInSeconds > 0) {
        const SimTime width = from_seconds(config_.TumblingWindowInSeconds);
        TumblingWindowContext tumbling;
        tumbling.window = TumblingWindow{iso8601(c.tumbling_window * width), iso8601((c.tumbling_window + 1) * width)};
        tumbling.state = c.tumbling_state;
        tumbling.shardId = kinesis.shard_id(c.shard);
        tumbling.eventSourceARN = kinesis.stream_arn(stream_);
        tumbling.isFinalInvokeForWindow = c.final_invoke;
        event.tumbling = std::move(tumbling);
    }
}

void StreamMapping::invoke(SimTime now, std::uint32_t consumer) {
    auto& c = consumers_[consumer];
    auto& batch = c.pending.front();
    auto& kinesis = services_.kinesis;
    const auto admission = invoker_.admit(now);
    std::vector<RecordRef> refs;
    refs.reserve(batch.records.size());
    if (!admission.admitted) {
        // Throttled invokes are retried with backoff; they do not count against MaximumRetryAttempts.
        for (const auto r : batch.records) refs.push_back(RecordRef{r, kinesis.record(r).deliveries});
        c.throttle_backoff_s = invoker_.record_throttle(now, admission, std::move(refs), c.throttle_backoff_s);
        schedule(now + from_seconds(c.throttle_backoff_s), consumer, State::Throttled, ConsumerTimer::InvokeRetry);
        return;
    }
    c.throttle_backoff_s = 0;
    ++batch.invokes;
    for (const auto r : batch.records) refs.push_back(RecordRef{r, ++kinesis.record(r).deliveries});
    KinesisEvent& event = event_.with_records(batch.records.size());
    fill_event(c, batch, event);
    c.invoke = invoker_.run(now, admission, &event, std::move(refs));
    if (event.tumbling) tumbling_by_invocation_.emplace(c.invoke.invocation, *event.tumbling);
    schedule(services_.recorder.invocations()[c.invoke.invocation].end(), consumer, State::Invoking, ConsumerTimer::InvocationEnds);
}

// [SECTION] Settling a batch: checkpoints, retries, bisection, on-failure destination

void StreamMapping::finish_invocation(SimTime now, std::uint32_t consumer) {
    auto& c = consumers_[consumer];
    auto record = invoker_.finish(now, c.invoke);
    const bool failed = settle(now, c, record);
    invoker_.settled(c.invoke, record);
    c.invoke.execution = Execution{};
    if (!failed) {
        c.error_backoff_s = 0;
        poll(now, consumer);
        return;
    }
    const auto& limits = services_.scenario.limits;
    c.error_backoff_s = next_backoff_s(limits, c.error_backoff_s);
    schedule(now + from_seconds(c.error_backoff_s), consumer, State::BackingOff, ConsumerTimer::Poll);
}

// Applies the function's result to the batch at the front of `pending`. Returns true when the
// batch (or part of it) failed and is to be retried or given up.
bool StreamMapping::settle(SimTime now, Consumer& c, InvocationRecord& record) {
    Batch batch = std::move(c.pending.front());
    c.pending.pop_front();
    const auto count = batch.records.size();
    const bool returned = c.invoke.execution.result == InvocationResult::Success;
    std::vector<std::string> ids(count);
    if (returned && !names_no_records(c.invoke.execution.payload)) {
        for (std::size_t i = 0; i < count; ++i) ids[i] = services_.kinesis.sequence_number(batch.records[i]);
    }
    const auto verdict = read_invocation_result(record, ids, config_.ReportBatchItemFailures, services_.recorder);
    const auto handler_failed = handler_failures(verdict, returned, count);
    if (returned && verdict.kind != ResponseVerdict::Kind::FunctionError && config_.TumblingWindowInSeconds > 0) {
        const auto response = parse_json_text(c.invoke.execution.payload, DuplicateKeys::KeepLast);
        if (response && response->is_object() && response->contains("state")) c.tumbling_state = (*response)["state"];
    }
    for (std::size_t i = 0; i < count; ++i) {
        auto& r = services_.kinesis.record(batch.records[i]);
        const auto verdict_of_record = handler_failed[i] ? Verdict::Failed : Verdict::Ok;
        (handler_failed[i] ? r.handler_failed : r.handler_ok) += 1;
        r.last_verdict = verdict_of_record;
        services_.recorder.stream_history().record(now, batch.records[i], HistoryKind::Invoked, c.invoke.invocation,
                                                   verdict_of_record);
    }

    if (c.final_invoke) {
        c.final_invoke = verdict.kind == ResponseVerdict::Kind::FunctionError;
        if (!c.final_invoke) {
            c.tumbling_window = -1;
            c.tumbling_state = nlohmann::json::object();
            return false;
        }
        ++batch.retries;
        retry_or_give_up(now, c, std::move(batch));
        return true;
    }
    switch (verdict.kind) {
        case ResponseVerdict::Kind::AllSucceeded:
            checkpoint(now, batch.records);
            return false;
        case ResponseVerdict::Kind::PartialFailure: {
            // Checkpoint just before the lowest failed sequence number; retry from there on.
            const auto lowest = verdict.failed.front();
            checkpoint(now, std::vector<std::uint32_t>(batch.records.begin(), batch.records.begin() + lowest));
            batch.records.erase(batch.records.begin(), batch.records.begin() + lowest);
            ++batch.retries;
            retry_or_give_up(now, c, std::move(batch));
            return true;
        }
        case ResponseVerdict::Kind::FunctionError:
            if (config_.BisectBatchOnFunctionError && count > 1) {
                // Splitting does not count as a retry attempt.
                const auto middle = batch.records.begin() + static_cast<std::ptrdiff_t>(count / 2);
                c.pending.push_front(Batch{std::vector<std::uint32_t>(middle, batch.records.end()), batch.retries, batch.invokes});
                c.pending.push_front(Batch{std::vector<std::uint32_t>(batch.records.begin(), middle), batch.retries, batch.invokes});
                return true;
            }
            ++batch.retries;
            retry_or_give_up(now, c, std::move(batch));
            return true;
    }
    return true;
}

void StreamMapping::retry_or_give_up(SimTime now, Consumer& c, Batch failed) {
    if (config_.MaximumRetryAttempts >= 0 && failed.retries > config_.MaximumRetryAttempts) {
        send_to_on_failure(now, c, failed, "RetryAttemptsExhausted", c.invoke.invocation);
        if (c.final_invoke) {
            c.final_invoke = false;
            c.tumbling_window = -1;
            c.tumbling_state = nlohmann::json::object();
        }
        return;
    }
    c.pending.push_front(std::move(failed));
}

void StreamMapping::checkpoint(SimTime now, const std::vector<std::uint32_t>& records) {
    for (const auto index : records) {
        auto& record = services_.kinesis.record(index);
        record.outcome = RecordOutcome::Checkpointed;
        record.ended_at = now;
        services_.recorder.stream_history().record(now, index, HistoryKind::Checkpointed);
    }
}

// Without a destination the records are discarded (skipped). With one, a failure record
// describing the batch (not its data) is sent to the destination queue.
void StreamMapping::send_to_on_failure(SimTime now, const Consumer& c, const Batch& batch, const char* condition,
                                       std::uint32_t last_invoke) {
    if (batch.records.empty()) return;
    auto& kinesis = services_.kinesis;
    const bool age = std::string_view(condition) == "RecordAgeExceeded";
    for (const auto index : batch.records) {
        auto& record = kinesis.record(index);
        record.outcome = destination_ == kNone ? RecordOutcome::Skipped : RecordOutcome::SentToOnFailure;
        record.ended_at = now;
        services_.recorder.stream_history().record(
            now, index, destination_ == kNone ? HistoryKind::Skipped : HistoryKind::SentToOnFailure, age ? 1 : 0);
    }
    if (destination_ == kNone) return;
    const auto& first = kinesis.record(batch.records.front());
    const auto& last = kinesis.record(batch.records.back());
    nlohmann::ordered_json failure{
        {"requestContext",
         {{"requestId", last_invoke != kNone ? services_.recorder.request_id(last_invoke) : std::string{}},
          {"functionArn", services_.lambda.function_arn(function_)},
          {"condition", condition},
          {"approximateInvokeCount", batch.invokes}}}};
    if (last_invoke != kNone) {
        nlohmann::ordered_json response{{"statusCode", 200}, {"executedVersion", "$LATEST"}};
        if (auto error = function_error_of(services_.recorder.invocations()[last_invoke]); !error.empty()) response["functionError"] = std::move(error);
        failure["responseContext"] = std::move(response);
    }
    failure["version"] = "1.0";
    failure["timestamp"] = iso8601(now);
    failure["KinesisBatchInfo"] = {{"shardId", kinesis.shard_id(c.shard)},
                                   {"startSequenceNumber", kinesis.sequence_number(batch.records.front())},
                                   {"endSequenceNumber", kinesis.sequence_number(batch.records.back())},
                                   {"approximateArrivalOfFirstRecord", iso8601(first.arrival)},
                                   {"approximateArrivalOfLastRecord", iso8601(last.arrival)},
                                   {"batchSize", batch.records.size()},
                                   {"streamArn", kinesis.stream_arn(stream_)}};
    SendRequest request;
    request.body = failure.dump();
    services_.sqs.send(now, destination_, request);
}

// [SECTION] Views

double StreamMapping::iterator_age_s(std::uint32_t shard, SimTime now) const {
    SimTime oldest = now;
    const auto& records = services_.kinesis.shard_records(stream_, shard);
    const auto horizon = services_.kinesis.trim_horizon(stream_, shard, now);
    for (const auto& c : consumers_) {
        if (c.shard != shard) continue;
        if (!c.pending.empty() && !c.pending.front().records.empty()) {
            oldest = std::min(oldest, services_.kinesis.record(c.pending.front().records.front()).arrival);
            continue;
        }
        const auto next = next_lane_position(c, std::max(c.position, horizon));
        if (next < records.size()) oldest = std::min(oldest, services_.kinesis.record(records[next]).arrival);
    }
    return to_seconds(now - oldest);
}

std::vector<StreamMapping::ConsumerView> StreamMapping::consumers() const {
    std::vector<ConsumerView> views;
    for (const auto& c : consumers_) {
        ConsumerActivity activity = ConsumerActivity::Waiting;
        switch (c.state) {
            case State::Waiting: activity = ConsumerActivity::Waiting; break;
            case State::Throttled: activity = ConsumerActivity::Throttled; break;
            case State::Invoking: activity = ConsumerActivity::Invoking; break;
            case State::BackingOff: activity = ConsumerActivity::BackingOff; break;
        }
        if (c.parked) activity = ConsumerActivity::Disabled;
        const bool holds = !c.pending.empty();
        views.push_back(ConsumerView{c.shard, c.lane, activity, holds ? c.pending.front().records : std::vector<std::uint32_t>{},
                                     holds ? c.pending.front().retries : 0,
                                     c.state == State::Invoking ? c.invoke.invocation : kNone});
    }
    return views;
}

bool StreamMapping::idle(SimTime now) const {
    for (const auto& c : consumers_) {
        if (!c.pending.empty() || c.state == State::Invoking || c.state == State::Throttled || c.tumbling_window >= 0) {
            return false;
        }
        const auto horizon = services_.kinesis.trim_horizon(stream_, c.shard, now);
        if (next_lane_position(c, std::max(c.position, horizon)) < services_.kinesis.shard_records(stream_, c.shard).size()) {
            return false;
        }
    }
    return true;
}

}  // namespace queuelab::sim
