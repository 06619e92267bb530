// [SECTION] Construction and identity
// [SECTION] SendMessage
// [SECTION] ReceiveMessage
// [SECTION] DeleteMessage and ChangeMessageVisibility
// [SECTION] Dead-letter queues and StartMessageMoveTask
// [SECTION] Timed transitions: delay, visibility, retention
// [SECTION] State bookkeeping

#include "sqs_service.h"

#include <algorithm>
#include <cstring>

#include "digest.h"
#include "hex.h"
#include "ids.h"
#include "overwrite.h"

namespace queuelab::sim {

static_assert(sizeof(void*) != 8 || sizeof(Message) == 72, "a Message stays 72 bytes");
namespace {

constexpr std::uint64_t kShortPollStream = 0x5351'5350'4F4C'4C00ull;  // "SQSPOLL"

// Stale visibility deadlines a queue keeps before it drops them, besides two per message in flight.
constexpr std::size_t kStaleDeadlineSlack = 1024;

// Whether a visibility deadline can still fire: its receive of the message is still in flight in
// `queue` and due then (not deleted, not given a new timeout, not received again). A template, as
// Deadline is private to SqsService.
template <class Deadline>
bool deadline_due(const Message& m, std::uint32_t queue, const Deadline& deadline) {
    return m.state == MessageState::InFlight && m.queue == queue && m.receive_count == deadline.receive_count &&
           m.visible_at == deadline.time;
}

}  // namespace

std::int64_t message_size(const SendRequest& request) {
    auto size = static_cast<std::int64_t>(request.body.size());
    if (request.MessageAttributes == nullptr) return size;
    for (const auto& [name, attribute] : request.MessageAttributes->items()) {
        size += static_cast<std::int64_t>(name.size());
        for (const auto& [key, value] : attribute.items()) {
            size += static_cast<std::int64_t>(value.is_string() ? value.get_ref<const std::string&>().size()
                                                                : value.dump().size());
        }
    }
    return size;
}

// [SECTION] Construction and identity

SqsService::SqsService(const Scenario& scenario, EventQueue& events, Recorder& recorder)
    : scenario_(scenario),
      events_(events),
      recorder_(recorder),
      short_poll_random_(mix64(scenario.seed, kShortPollStream)),
      run_end_(from_seconds(scenario.duration_s)) {
    for (const auto& [name, config] : scenario.queues) {
        Queue q;
        q.config = config;
        q.arn = "arn:aws:sqs:" + scenario.region + ":" + scenario.account_id + ":" + name;
        queues_.push_back(std::move(q));
    }
    for (auto& q : queues_) {
        if (!q.config.redrive_policy) continue;
        q.dead_letter = queue_index(q.config.redrive_policy->deadLetterTargetArn);
        queues_[q.dead_letter].is_dead_letter = true;
    }
}

std::uint32_t SqsService::queue_index(const std::string& name) const {
    for (std::uint32_t i = 0; i < queues_.size(); ++i) {
        if (queues_[i].config.name == name) return i;
    }
    return kNone;
}

std::string SqsService::message_id(std::uint32_t message) const {
    std::string id;
    message_id_into(id, message);
    return id;
}

void SqsService::message_id_into(std::string& out, std::uint32_t message) const {
    format_uuid_into(out, id_high(message), id_low(message));
}

char* SqsService::put_message_id(char* out, std::uint32_t message) const {
    return put_uuid(out, id_high(message), id_low(message));
}

std::uint64_t SqsService::id_high(std::uint32_t message) const { return mix64(scenario_.seed, 2 * std::uint64_t{message}); }
std::uint64_t SqsService::id_low(std::uint32_t message) const { return mix64(scenario_.seed, 2 * std::uint64_t{message} + 1); }

std::string SqsService::receipt_handle(Receipt receipt) const {
    std::string handle;
    receipt_handle_into(handle, receipt);
    return handle;
}

void SqsService::receipt_handle_into(std::string& out, Receipt receipt) const {
    char handle[kReceiptHandleSize];
    put_receipt_handle(handle, receipt);
    overwrite(out, std::string_view(handle, sizeof handle));
}

char* SqsService::put_receipt_handle(char* out, Receipt receipt) const {
    std::memcpy(out, "AQEB", 4);
    char* p = put_hex(out + 4, mix64(id_high(receipt.message), receipt.receive_count), 16);
    p = put_hex(p, mix64(id_low(receipt.message), receipt.receive_count), 16);
    return put_hex(p, mix64(scenario_.seed, (std::uint64_t{receipt.message} << 32) | receipt.receive_count), 16);
}

void SqsService::md5_of_body_into(std::string& out, std::uint32_t message) {
    if (md5_cache_.size() < messages_.size()) md5_cache_.resize(messages_.size());
    auto& digest = md5_cache_[message];
    if (digest == std::array<unsigned char, 16>{}) digest = md5(messages_[message].body());
    char hex[32];
    put_hex(hex, digest);
    overwrite(out, std::string_view(hex, sizeof hex));
}

void SqsService::reserve_messages(std::size_t count) {
    messages_.reserve(messages_.size() + count);
    recorder_.reserve_messages(count);
}

const std::string& SqsService::group_id(const Message& message) const {
    return queues_[message.queue].groups[extras(message).group].id;
}

SqsService::GroupView SqsService::group(std::uint32_t queue, std::uint32_t group) const {
    const auto& g = queues_[queue].groups[group];
    return GroupView{g.id, g.visible, g.in_flight};
}

const std::string& SqsService::deduplication_id(const Message& message) const {
    static const std::string kEmpty;
    const auto id = extras(message).deduplication_id;
    return id == kNone ? kEmpty : deduplication_ids_[id];
}

void SqsService::set_queue_attributes(const QueueConfig& attributes) {
    auto& config = queues_[queue_index(attributes.name)].config;
    config.VisibilityTimeout = attributes.VisibilityTimeout;
    config.DelaySeconds = attributes.DelaySeconds;
    config.ReceiveMessageWaitTimeSeconds = attributes.ReceiveMessageWaitTimeSeconds;
    config.MaximumMessageSize = attributes.MaximumMessageSize;
    config.ContentBasedDeduplication = attributes.ContentBasedDeduplication;
    if (config.redrive_policy && attributes.redrive_policy &&
        config.redrive_policy->deadLetterTargetArn == attributes.redrive_policy->deadLetterTargetArn) {
        config.redrive_policy->maxReceiveCount = attributes.redrive_policy->maxReceiveCount;
    }
}

bool SqsService::is_current(Receipt receipt) const {
    const auto& m = messages_[receipt.message];
    return m.state == MessageState::InFlight && m.receive_count == receipt.receive_count;
}

// [SECTION] SendMessage

SendResult SqsService::send(SimTime now, std::uint32_t queue, const SendRequest& request) {
    auto& q = queues_[queue];
    if (request.new_request) ++q.requests;
    if (request.body.empty()) {
        ++rejected_sends_;
        return {SendStatus::RejectedEmpty};
    }
    if (message_size(request) > std::min(q.config.MaximumMessageSize,
                                         scenario_.limits.max_message_size_bytes)) {
        ++rejected_sends_;
        return {SendStatus::RejectedTooLarge};
    }
    auto key = deduplication_key(q, request);
    if (deduplicate(q, key, request, now)) return {SendStatus::Deduplicated};
    const SimTime visible_at = now + from_seconds(request.DelaySeconds.value_or(q.config.DelaySeconds));
    const auto message = create_message(now, queue, request, std::move(key));
    enter_queue(now, message, visible_at);
    return {SendStatus::Enqueued, message};
}

SendResult SqsService::send_arriving(SimTime now, std::uint32_t queue, const SendRequest& request, SimTime arrives_at) {
    auto& q = queues_[queue];
    if (request.new_request) ++q.requests;
    auto key = deduplication_key(q, request);
    if (deduplicate(q, key, request, arrives_at)) return {SendStatus::Deduplicated};
    const SimTime visible_at = arrives_at + from_seconds(request.DelaySeconds.value_or(q.config.DelaySeconds));
    const auto message = create_message(now, queue, request, std::move(key));
    auto& m = messages_[message];
    m.state = MessageState::Sending;
    m.sent_at = arrives_at;
    m.visible_at = visible_at;
    ++sending_;
    events_.schedule(arrives_at, EventKind::MessageArrives, queue, message);
    return {SendStatus::Enqueued, message};
}

void SqsService::count_refused_send(std::uint32_t queue, bool new_request) {
    if (new_request) ++queues_[queue].requests;
    ++rejected_sends_;
}

void SqsService::on_message_arrives(SimTime now, std::uint32_t message) {
    --sending_;
    enter_queue(now, message, messages_[message].visible_at);
}

void SqsService::enter_queue(SimTime now, std::uint32_t message, SimTime visible_at) {
    auto& m = messages_[message];
    auto& q = queues_[m.queue];
    recorder_.record(now, message, HistoryKind::Sent, m.queue);
    if (visible_at > now) {
        m.state = MessageState::Delayed;
        m.visible_at = visible_at;
        ++q.delayed;
        events_.schedule(m.visible_at, EventKind::DelayEnds, m.queue, message);
    } else {
        make_visible(now, message);
    }
    track_retention(m.queue, message);
}

std::optional<std::string> SqsService::deduplication_key(const Queue& q, const SendRequest& request) const {
    if (!q.config.FifoQueue) return std::nullopt;
    if (request.MessageDeduplicationId) return request.MessageDeduplicationId;
    if (q.config.ContentBasedDeduplication) return sha256_hex(request.body);
    return std::nullopt;
}

// A FIFO send whose deduplication id was seen in the window before `at` is a duplicate (counted);
// otherwise the window of the id starts at `at`.
bool SqsService::deduplicate(Queue& q, const std::optional<std::string>& key, const SendRequest& request, SimTime at) {
    if (!key || request.skip_deduplication) return false;
    auto [slot, inserted] = q.deduplication.try_emplace(*key, 0);
    if (!inserted && slot->second > at) {
        ++deduplicated_sends_;
        return true;
    }
    slot->second = at + from_seconds(scenario_.limits.fifo_deduplication_window_s);
    return false;
}

std::optional<SqsService::SendRefusal> SqsService::check_send(std::uint32_t queue, const SendRequest& request) const {
    const auto& q = queues_[queue];
    if (request.body.empty()) return SendRefusal{"MissingParameter", "The request must contain the parameter MessageBody."};
    const auto limit = std::min(q.config.MaximumMessageSize, scenario_.limits.max_message_size_bytes);
    if (message_size(request) > limit) {
        return SendRefusal{"InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than " +
                                                        std::to_string(limit) + " bytes."};
    }
    if (!q.config.FifoQueue) return std::nullopt;
    if (request.DelaySeconds) {
        return SendRefusal{"InvalidParameterValue", "Value " + std::to_string(*request.DelaySeconds) +
                                                        " for parameter DelaySeconds is invalid. Reason: The request include "
                                                        "parameter that is not valid for this queue type."};
    }
    if (!request.MessageGroupId || request.MessageGroupId->empty()) {
        return SendRefusal{"MissingParameter", "The request must contain the parameter MessageGroupId."};
    }
    if (!request.MessageDeduplicationId && !q.config.ContentBasedDeduplication) {
        return SendRefusal{"InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or "
                                                    "MessageDeduplicationId provided explicitly"};
    }
    return std::nullopt;
}

std::uint32_t SqsService::create_message(SimTime now, std::uint32_t queue, const SendRequest& request,
                                         std::optional<std::string> deduplication_key) {
    const auto index = static_cast<std::uint32_t>(messages_.size());
    auto& q = queues_[queue];
    Message m;
    const std::string_view body = bodies_.add(request.body);
    m.body_start = body.data();
    m.body_size = static_cast<std::uint32_t>(body.size());
    m.queue = m.source_queue = queue;
    m.sent_at = now;
    m.server = static_cast<std::uint8_t>(id_low(index) % scenario_.limits.short_poll_servers);
    if (request.MessageAttributes != nullptr && !request.MessageAttributes->empty()) {
        extras_of(m).attributes = keep_attributes(*request.MessageAttributes);
    }
    if (q.config.FifoQueue) {
        auto& extras = extras_of(m);
        extras.group = group_index(q, request.MessageGroupId.value_or(""));
        extras.sequence_number = ++q.next_sequence_number;
        if (deduplication_key) {
            extras.deduplication_id = static_cast<std::uint32_t>(deduplication_ids_.size());
            deduplication_ids_.push_back(std::move(*deduplication_key));
        }
        q.groups[extras.group].messages.push_back(index);
    }
    recorder_.count_subject(sizeof m + (m.extras == kNone ? 0 : sizeof(MessageExtras)), m.body_size);
    messages_.push_back(std::move(m));
    recorder_.add_message();
    return index;
}

MessageExtras& SqsService::extras_of(Message& message) {
    if (message.extras == kNone) {
        message.extras = static_cast<std::uint32_t>(extras_.size());
        extras_.emplace_back();
    }
    return extras_[message.extras];
}

// Messages sent from one traffic entry carry equal attributes: consecutive equal sets are kept once.
std::uint32_t SqsService::keep_attributes(const nlohmann::json& attributes) {
    if (attribute_sets_.empty() || attribute_sets_.back() != attributes) attribute_sets_.push_back(attributes);
    return static_cast<std::uint32_t>(attribute_sets_.size() - 1);
}

std::uint32_t SqsService::group_index(Queue& q, const std::string& group_id) {
    auto [slot, inserted] = q.group_by_id.try_emplace(group_id, static_cast<std::uint32_t>(q.groups.size()));
    if (inserted) q.groups.push_back(Group{group_id, {}, 0, false});
    return slot->second;
}

// [SECTION] ReceiveMessage

std::vector<Receipt> SqsService::receive(SimTime now, std::uint32_t queue, int max,
                                         int wait_seconds, bool new_request) {
    auto& q = queues_[queue];
    if (new_request) ++q.requests;
    std::vector<Receipt> received;
    max = std::min(max, scenario_.limits.max_messages_per_receive);
    received.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>(q.visible, 0, max)));
    if (q.config.FifoQueue) {
        receive_fifo(now, queue, max, received);
    } else {
        receive_standard(now, queue, max, wait_seconds == 0, received);
    }
    return received;
}

void SqsService::receive_standard(SimTime now, std::uint32_t queue, int max, bool short_poll,
                                  std::vector<Receipt>& out) {
    auto& q = queues_[queue];
    auto is_stale = [&](const VisibleEntry& e) {
        const auto& m = messages_[e.message];
        return m.state != MessageState::Visible || m.queue != queue ||
               m.visible_generation != e.generation;
    };
    while (!q.visible_order.empty() && is_stale(q.visible_order.front())) q.visible_order.pop_front();

    const auto in_flight_limit = scenario_.limits.in_flight_limit_standard;
    if (!short_poll) {
        while (static_cast<int>(out.size()) < max && !q.visible_order.empty() &&
               q.in_flight < in_flight_limit) {
            const auto entry = q.visible_order.front();
            q.visible_order.pop_front();
            if (!is_stale(entry)) receive_one(now, queue, entry.message, out);
        }
        return;
    }
    // Short polling reads a random subset of the servers; each message lives on one of them.
    std::uint32_t sampled_servers = 0;
    for (int s = 0; s < scenario_.limits.short_poll_servers; ++s) {
        if (short_poll_random_.chance(0.5)) sampled_servers |= 1u << s;
    }
    for (std::size_t i = 0; i < q.visible_order.size() && static_cast<int>(out.size()) < max &&
                            q.in_flight < in_flight_limit;
         ++i) {
        const auto entry = q.visible_order[i];
        if (!is_stale(entry) && (sampled_servers >> messages_[entry.message].server & 1u)) {
            receive_one(now, queue, entry.message, out);
        }
    }
}

void SqsService::receive_fifo(SimTime now, std::uint32_t queue, int max, std::vector<Receipt>& out) {
    auto& q = queues_[queue];
    while (static_cast<int>(out.size()) < max && !q.available_groups.empty() &&
           q.in_flight < scenario_.limits.in_flight_limit_fifo) {
        const auto group = q.available_groups.front();
        q.available_groups.pop_front();
        q.groups[group].queued_as_available = false;
        if (q.groups[group].in_flight > 0) continue;
        // As many messages of one group as possible, in order, before the next group.
        for (std::size_t i = 0; i < q.groups[group].messages.size() &&
                                static_cast<int>(out.size()) < max;
             ++i) {
            const auto message = q.groups[group].messages[i];
            const auto& m = messages_[message];
            if (m.queue != queue || m.ended()) continue;
            if (m.state != MessageState::Visible) break;
            receive_one(now, queue, message, out);
        }
        refresh_group_availability(q, group);
    }
}

bool SqsService::has_receivable(std::uint32_t queue) {
    auto& q = queues_[queue];
    if (!q.config.FifoQueue) return q.visible > 0;
    while (!q.available_groups.empty()) {
        const auto group = q.available_groups.front();
        refresh_group_availability(q, group);
        if (q.groups[group].queued_as_available) return true;
    }
    return false;
}

bool SqsService::receive_one(SimTime now, std::uint32_t queue, std::uint32_t message,
                             std::vector<Receipt>& out) {
    auto& q = queues_[queue];
    auto& m = messages_[message];
    const auto& redrive = q.config.redrive_policy;
    if (redrive && static_cast<int>(m.receive_count) + 1 > redrive->maxReceiveCount) {
        move_to_dead_letter_queue(now, message);
        return false;
    }
    leave_current_state(message);
    m.state = MessageState::InFlight;
    ++m.receive_count;
    m.last_receive_queue = queue;
    if (m.first_received_at < 0) m.first_received_at = now;
    m.received_at = now;
    m.visible_at = now + from_seconds(q.config.VisibilityTimeout);
    ++q.in_flight;
    if (const auto group = extras(m).group; group != kNone) ++q.groups[group].in_flight;
    recorder_.record(now, message, HistoryKind::Received, m.receive_count);
    track_visibility_deadline(queue, Deadline{m.visible_at, message, m.receive_count});
    out.push_back(Receipt{message, m.receive_count});
    return true;
}

// [SECTION] DeleteMessage and ChangeMessageVisibility

bool SqsService::delete_message(SimTime now, Receipt receipt) {
    auto& m = messages_[receipt.message];
    ++queues_[m.queue].requests;
    // Deleting a message that a delete already removed succeeds and changes nothing.
    if (m.state == MessageState::Deleted && extras(m).redriven_to == kNone && m.receive_count == receipt.receive_count) return true;
    // The newest receipt handle deletes while the message is in flight, and also after its
    // visibility timeout until someone receives it again.
    const bool current = m.receive_count == receipt.receive_count && m.queue == m.last_receive_queue &&
                         (m.state == MessageState::InFlight || m.state == MessageState::Visible);
    if (!current) {
        recorder_.record(now, receipt.message, HistoryKind::StaleDeleteIgnored, receipt.receive_count);
        return false;
    }
    end_message(now, receipt.message, MessageState::Deleted);
    recorder_.record(now, receipt.message, HistoryKind::Deleted, receipt.receive_count);
    return true;
}

std::optional<Receipt> SqsService::receipt_of(const std::string& handle) const {
    constexpr std::size_t kHexDigits = 16;
    if (handle.size() != 4 + 3 * kHexDigits || handle.compare(0, 4, "AQEB") != 0) return std::nullopt;
    std::uint64_t last = 0;
    for (std::size_t i = 4 + 2 * kHexDigits; i < handle.size(); ++i) {
        const char c = handle[i];
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return std::nullopt;
        last = (last << 4) | static_cast<std::uint64_t>(digit);
    }
    // The last 16 digits are mix64(seed, message << 32 | receive count): undo the mixing.
    const std::uint64_t key = unmix64(unmix64(last) ^ scenario_.seed);
    const Receipt receipt{static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key & 0xFFFF'FFFFu)};
    if (receipt.message >= messages_.size() || receipt.receive_count == 0 ||
        receipt.receive_count > messages_[receipt.message].receive_count || receipt_handle(receipt) != handle) {
        return std::nullopt;
    }
    return receipt;
}

bool SqsService::change_message_visibility(SimTime now, Receipt receipt, int visibility_timeout_s) {
    auto& m = messages_[receipt.message];
    ++queues_[m.queue].requests;
    if (!is_current(receipt)) return false;
    m.visible_at = now + from_seconds(visibility_timeout_s);
    recorder_.record(now, receipt.message, HistoryKind::VisibilityChanged,
                     static_cast<std::uint32_t>(visibility_timeout_s));
    track_visibility_deadline(m.queue, Deadline{m.visible_at, receipt.message, m.receive_count});
    return true;
}

void SqsService::filter_out(SimTime now, Receipt receipt) {
    end_message(now, receipt.message, MessageState::Filtered);
    recorder_.record(now, receipt.message, HistoryKind::Filtered);
}

// [SECTION] Dead-letter queues and StartMessageMoveTask

void SqsService::move_to_dead_letter_queue(SimTime now, std::uint32_t message) {
    auto& m = messages_[message];
    const auto dead_letter = queues_[m.queue].dead_letter;
    const std::string group = extras(m).group == kNone ? std::string{} : group_id(m);
    // The source group drops the message when its availability is next refreshed.
    leave_current_state(message);
    recorder_.record(now, message, HistoryKind::DeadLettered, dead_letter);
    m.dead_lettered = true;
    m.queue = dead_letter;
    auto& dlq = queues_[dead_letter];
    // Standard queues keep the original enqueue time for retention; FIFO queues reset it.
    if (dlq.config.FifoQueue) {
        auto& extras = extras_of(m);
        extras.enqueued_at = now;
        extras.group = group_index(dlq, group);
        extras.sequence_number = ++dlq.next_sequence_number;
        dlq.groups[extras.group].messages.push_back(message);
    }
    make_visible(now, message);
    track_retention(dead_letter, message);
}

void SqsService::start_message_move_task(SimTime now, std::uint32_t source,
                                         std::uint32_t destination, int rate) {
    for (const auto& task : move_tasks_) {
        if (task.active && task.source == source) return;  // one active task per queue
    }
    move_tasks_.push_back(MoveTask{source, destination, rate, true});
    events_.schedule(now, EventKind::MoveTaskTick, static_cast<std::uint32_t>(move_tasks_.size() - 1));
}

bool SqsService::has_source_queue(const Message& m, std::uint32_t dead_letter_queue) {
    return m.dead_lettered && m.source_queue != dead_letter_queue;
}

bool SqsService::move_task_active() const {
    for (const auto& task : move_tasks_) {
        if (task.active) return true;
    }
    return false;
}

void SqsService::on_move_task_tick(SimTime now, std::uint32_t task_index) {
    auto& task = move_tasks_[task_index];
    auto& q = queues_[task.source];
    int moved = 0;
    // Moving takes the messages a receive would take, in the same order, without counting a
    // receive: reuse the queue's own ordering by scanning its visible messages.
    for (std::uint32_t index = 0; index < messages_.size() && moved < task.rate; ++index) {
        auto& m = messages_[index];
        if (m.queue != task.source || m.state != MessageState::Visible) continue;
        if (task.destination == kNone && !has_source_queue(m, task.source)) {
            recorder_.record(now, index, HistoryKind::RedriveFailed);
            task.active = false;
            return;
        }
        const auto destination = task.destination == kNone ? m.source_queue : task.destination;
        const auto& extras = this->extras(m);
        SendRequest copy{std::string(m.body()), std::nullopt, std::nullopt, 0,
                         extras.attributes == kNone ? nullptr : &attribute_sets_[extras.attributes]};
        if (extras.group != kNone) copy.MessageGroupId = group_id(m);
        if (extras.deduplication_id != kNone) copy.MessageDeduplicationId = deduplication_id(m);
        copy.skip_deduplication = true;
        end_message(now, index, MessageState::Deleted);
        const auto result = send(now, destination, std::move(copy));
        extras_of(messages_[index]).redriven_to = result.message;
        recorder_.record(now, index, HistoryKind::RedrivenOut, result.message);
        if (result.message != kNone) {
            extras_of(messages_[result.message]).redriven_from = index;
            recorder_.record(now, result.message, HistoryKind::RedrivenIn, index);
        }
        ++moved;
    }
    task.active = q.visible > 0;
    if (task.active) events_.schedule(now + kMicrosPerSecond, EventKind::MoveTaskTick, task_index);
}

// [SECTION] Timed transitions: delay, visibility, retention

void SqsService::on_delay_ends(SimTime now, std::uint32_t queue, std::uint32_t message) {
    const auto& m = messages_[message];
    if (m.state != MessageState::Delayed || m.queue != queue || m.visible_at != now) return;
    leave_current_state(message);
    recorder_.record(now, message, HistoryKind::DelayEnded);
    make_visible(now, message);
}

// A deadline stays in the heap when its message is deleted; once stale ones outnumber those in
// flight, the heap is rebuilt with the deadlines that can still fire, which pop in the same order.
void SqsService::track_visibility_deadline(std::uint32_t queue, Deadline deadline) {
    auto& q = queues_[queue];
    if (q.visibility_deadlines.size() > 2 * static_cast<std::size_t>(q.in_flight) + kStaleDeadlineSlack) {
        q.visibility_deadlines.keep_only([&](const Deadline& d) { return deadline_due(messages_[d.message], queue, d); });
    }
    q.visibility_deadlines.push(deadline);
    if (q.visibility_check_at < 0 || deadline.time < q.visibility_check_at) {
        q.visibility_check_at = deadline.time;
        events_.schedule(deadline.time, EventKind::VisibilityCheck, queue);
    }
}

void SqsService::on_visibility_check(SimTime now, std::uint32_t queue) {
    auto& q = queues_[queue];
    if (now != q.visibility_check_at) return;  // superseded by an earlier check
    q.visibility_check_at = -1;
    while (!q.visibility_deadlines.empty() && q.visibility_deadlines.top().time <= now) {
        const auto due = q.visibility_deadlines.top();
        q.visibility_deadlines.pop();
        if (!deadline_due(messages_[due.message], queue, due)) continue;
        leave_current_state(due.message);
        recorder_.record(now, due.message, HistoryKind::VisibilityExpired);
        make_visible(now, due.message);
    }
    if (!q.visibility_deadlines.empty()) {
        q.visibility_check_at = q.visibility_deadlines.top().time;
        events_.schedule(q.visibility_check_at, EventKind::VisibilityCheck, queue);
    }
}

void SqsService::track_retention(std::uint32_t queue, std::uint32_t message) {
    auto& q = queues_[queue];
    const SimTime expires_at = enqueued_at(messages_[message]) + from_seconds(q.config.MessageRetentionPeriod);
    if (expires_at > run_end_) return;  // cannot expire within the run
    q.retention_deadlines.push(Deadline{expires_at, message, 0});
    if (q.retention_check_at < 0 || expires_at < q.retention_check_at) {
        q.retention_check_at = expires_at;
        events_.schedule(expires_at, EventKind::RetentionCheck, queue);
    }
}

void SqsService::on_retention_check(SimTime now, std::uint32_t queue) {
    auto& q = queues_[queue];
    if (now != q.retention_check_at) return;
    q.retention_check_at = -1;
    const SimTime retention = from_seconds(q.config.MessageRetentionPeriod);
    while (!q.retention_deadlines.empty() && q.retention_deadlines.top().time <= now) {
        const auto due = q.retention_deadlines.top();
        q.retention_deadlines.pop();
        const auto& m = messages_[due.message];
        const bool still_here = m.queue == queue && (m.state == MessageState::Delayed ||
                                                     m.state == MessageState::Visible ||
                                                     m.state == MessageState::InFlight);
        if (!still_here || enqueued_at(m) + retention != due.time) continue;
        end_message(now, due.message, MessageState::Expired);
        recorder_.record(now, due.message, HistoryKind::Expired);
    }
    if (!q.retention_deadlines.empty()) {
        q.retention_check_at = q.retention_deadlines.top().time;
        events_.schedule(q.retention_check_at, EventKind::RetentionCheck, queue);
    }
}

// [SECTION] State bookkeeping

void SqsService::make_visible(SimTime now, std::uint32_t message) {
    auto& m = messages_[message];
    auto& q = queues_[m.queue];
    m.state = MessageState::Visible;
    ++m.visible_generation;
    ++q.visible;
    if (q.config.FifoQueue) {
        const auto group = extras(m).group;
        ++q.groups[group].visible;
        refresh_group_availability(q, group);
    } else {
        q.visible_order.push_back(VisibleEntry{message, m.visible_generation});
    }
    announce_available(now, m.queue);
}

void SqsService::leave_current_state(std::uint32_t message) {
    auto& m = messages_[message];
    auto& q = queues_[m.queue];
    switch (m.state) {
        case MessageState::Delayed: --q.delayed; break;
        case MessageState::Visible:
            --q.visible;
            if (const auto group = extras(m).group; group != kNone) --q.groups[group].visible;
            break;
        case MessageState::InFlight:
            --q.in_flight;
            if (const auto group = extras(m).group; group != kNone) --q.groups[group].in_flight;
            break;
        case MessageState::Sending:
        case MessageState::Deleted:
        case MessageState::Expired:
        case MessageState::Filtered: break;
    }
}

void SqsService::end_message(SimTime now, std::uint32_t message, MessageState final_state) {
    leave_current_state(message);
    auto& m = messages_[message];
    m.state = final_state;
    m.visible_at = now;  // Message::ended_at
    // The group's next message may now be receivable: wake the pollers waiting for it.
    if (const auto group = extras(m).group; group != kNone && refresh_group_availability(queues_[m.queue], group)) {
        announce_available(now, m.queue);
    }
}

// A FIFO group can be received from when none of its messages is in flight and its oldest
// remaining message is visible. Returns true if the group has just become available.
bool SqsService::refresh_group_availability(Queue& q, std::uint32_t group) {
    auto& g = q.groups[group];
    while (!g.messages.empty()) {
        const auto& head = messages_[g.messages.front()];
        const bool gone = &queues_[head.queue] != &q || head.ended();
        if (!gone) break;
        g.messages.pop_front();
    }
    const bool available = g.in_flight == 0 && !g.messages.empty() &&
                           messages_[g.messages.front()].state == MessageState::Visible;
    if (available && !g.queued_as_available) {
        g.queued_as_available = true;
        q.available_groups.push_back(group);
        return true;
    }
    if (!available && g.queued_as_available && !q.available_groups.empty() &&
        q.available_groups.front() == group) {
        g.queued_as_available = false;
        q.available_groups.pop_front();
    }
    return false;
}

void SqsService::announce_available(SimTime now, std::uint32_t queue) {
    auto& q = queues_[queue];
    if (q.wake_scheduled) return;
    q.wake_scheduled = true;
    events_.schedule(now, EventKind::WakePollers, queue);
}

}  // namespace queuelab::sim
