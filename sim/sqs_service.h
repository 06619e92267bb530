#pragma once
// Simulated SQS (docs/aws-rules.md 1.1-1.21, with the simulator's choices 5.5-5.7 and 5.22):
// standard and FIFO queues, visibility timeouts and receipt handles, receive counts, delays,
// retention, long and short polling, the size and in-flight limits, redrive to a dead-letter
// queue, FIFO groups and deduplication, and StartMessageMoveTask. All queues share one message
// store, so a message keeps its index (and MessageId) when it moves to a dead-letter queue.

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_queue.h"
#include "random.h"
#include "recorder.h"
#include "scenario.h"
#include "text_arena.h"

namespace queuelab::sim {

// Sending: a handler's SendMessage was decided and its message arrives in the queue at sent_at
// (docs/aws-rules.md 5.24); until then no receive sees it.
enum class MessageState : std::uint8_t { Sending, Delayed, Visible, InFlight, Deleted, Expired, Filtered };

// 80 bytes (the body's size apart from its pointer, so the small fields fill the gap before the
// times). The time it ended shares visible_at, which means nothing once it has ended.
struct Message {
    std::string_view body() const { return {body_start, body_size}; }
    bool ended() const {
        return state == MessageState::Deleted || state == MessageState::Expired || state == MessageState::Filtered;
    }
    SimTime ended_at() const { return ended() ? visible_at : -1; }

    // Queue indexes are 16 bits: a scenario has at most kMaxQueues queues (scenario.h).
    static constexpr std::uint16_t kNoQueue = 0xFFFF;

    const char* body_start = nullptr;       // in SqsService's arena (the MessageId comes from the seed and the index: SqsService::message_id)
    std::uint32_t body_size : 23 = 0;       // at most 1 MiB (MaximumMessageSize)
    std::uint32_t server : 8 = 0;           // short polling: which simulated server holds it
    bool dead_lettered : 1 = false;
    std::uint16_t queue = 0;                // where it is now
    std::uint16_t source_queue = 0;         // where it was sent
    std::uint16_t last_receive_queue = kNoQueue;  // kNoQueue: never received
    MessageState state = MessageState::Delayed;
    Verdict last_verdict = Verdict::None;
    std::uint32_t extras = kNone;           // index into SqsService's MessageExtras (SqsService::extras)
    std::uint32_t receive_count = 0;
    std::uint32_t visible_generation = 0;   // bumped on each entry into Visible
    std::uint32_t handler_ok = 0;
    std::uint32_t handler_failed = 0;
    SimTime sent_at = 0;                    // SentTimestamp; retention counts from here (but see MessageExtras)
    SimTime first_received_at = -1;         // ApproximateFirstReceiveTimestamp
    SimTime received_at = -1;               // the latest receive (ChangeMessageVisibility's 12 hours)
    SimTime visible_at = 0;                 // delay end, visibility deadline while in flight, or (ended) its end
};

// What only some messages have, kept apart so that the common message stays small: FIFO order
// and deduplication, message attributes, and the links of a message move task's copy.
struct MessageExtras {
    std::uint64_t sequence_number = 0;      // FIFO
    std::uint32_t group = kNone;            // FIFO: index into its queue's groups
    std::uint32_t deduplication_id = kNone; // FIFO: index into SqsService's deduplication ids
    std::uint32_t attributes = kNone;       // index into SqsService::message_attributes()
    std::uint32_t redriven_to = kNone;      // the copy a message move task sent
    std::uint32_t redriven_from = kNone;    // the message this one is a copy of
    SimTime enqueued_at = -1;               // moved to a FIFO dead-letter queue: retention counts from the move
};

// A receipt handle names one receive of one message.
struct Receipt {
    std::uint32_t message;
    std::uint32_t receive_count;
};

enum class SendStatus { Enqueued, Deduplicated, RejectedTooLarge, RejectedEmpty };

struct SendRequest {
    std::string body;
    std::optional<std::string> MessageGroupId;
    std::optional<std::string> MessageDeduplicationId;
    std::optional<int> DelaySeconds;
    const nlohmann::json* MessageAttributes = nullptr;  // SQS API shape; may be null
    bool skip_deduplication = false;  // a redriven FIFO message is not a new send
    bool new_request = true;          // false: one entry of a SendMessageBatch (one request for all)
};

struct SendResult {
    SendStatus status;
    std::uint32_t message = kNone;  // the enqueued (or, deduplicated, the original) message
};

// The size SQS counts against MaximumMessageSize: the body, and each message attribute's name,
// type and value.
std::int64_t message_size(const SendRequest& request);

class SqsService {
public:
    // on_available(queue) is called (through an event at the current time) when messages may
    // have become receivable on a queue, so waiting pollers can be woken.
    SqsService(const Scenario& scenario, EventQueue& events, Recorder& recorder);

    std::uint32_t queue_count() const { return static_cast<std::uint32_t>(queues_.size()); }
    std::uint32_t queue_index(const std::string& name) const;  // REQUIRES: the queue exists
    const QueueConfig& config(std::uint32_t queue) const { return queues_[queue].config; }
    // SetQueueAttributes while the run goes on, for the attributes that act when a message is
    // sent or received (VisibilityTimeout, DelaySeconds, ReceiveMessageWaitTimeSeconds,
    // MaximumMessageSize, ContentBasedDeduplication, the redrive policy's maxReceiveCount): they
    // apply from the next send or receive; messages already in flight keep their timeout. The
    // other attributes are left as they are. REQUIRES: `attributes` names one of the queues.
    void set_queue_attributes(const QueueConfig& attributes);

    SendResult send(SimTime now, std::uint32_t queue, const SendRequest& request);
    // A handler's send, decided now and arriving at `arrives_at` (docs/aws-rules.md 5.24): the
    // message gets its MessageId, FIFO sequence number and place in its group now, and the
    // deduplication window counts from its arrival; it enters the queue (history `sent`) at
    // `arrives_at`. REQUIRES: arrives_at > now.
    SendResult send_arriving(SimTime now, std::uint32_t queue, const SendRequest& request, SimTime arrives_at);
    // One request that sends several messages (SendMessageBatch: its entries count none).
    void count_request(std::uint32_t queue) { ++queues_[queue].requests; }
    // A send check_send refused: it still counts as a request (unless an entry of a batch) and in
    // rejected_sends().
    void count_refused_send(std::uint32_t queue, bool new_request);
    // The checks SendMessage makes before it accepts a message, with AWS's error code and
    // message: empty body, size, FIFO parameters. nullopt when the send is valid.
    struct SendRefusal {
        std::string code;
        std::string message;
    };
    std::optional<SendRefusal> check_send(std::uint32_t queue, const SendRequest& request) const;
    // Makes room for `count` more messages, so the store grows once.
    void reserve_messages(std::size_t count);

    // ReceiveMessage with MaxNumberOfMessages `max` (at most 10): returns the receipts received,
    // oldest first (FIFO: group by group, in order). Messages that would exceed maxReceiveCount
    // move to the dead-letter queue instead. `wait_seconds` 0 is a short poll, which samples
    // servers and may return fewer messages than are visible. Counts one API request unless
    // `new_request` is false (a long poll that was waiting returns). An empty result under long
    // polling means the caller should wait (see has_receivable()).
    std::vector<Receipt> receive(SimTime now, std::uint32_t queue, int max, int wait_seconds,
                                 bool new_request = true);

    // True when a long-polling receive would return at least one message now.
    bool has_receivable(std::uint32_t queue);

    // DeleteMessage: true if the message was deleted; false for an out-of-date receipt handle
    // (which SQS reports as success, but does not act on).
    bool delete_message(SimTime now, Receipt receipt);

    // The receipt a receipt handle names, if it is one this run issued.
    std::optional<Receipt> receipt_of(const std::string& receipt_handle) const;

    // ChangeMessageVisibility: the new timeout counts from now. Ignored for an out-of-date handle.
    bool change_message_visibility(SimTime now, Receipt receipt, int visibility_timeout_s);

    // Deletes a received message because it matched no FilterCriteria filter.
    void filter_out(SimTime now, Receipt receipt);

    // StartMessageMoveTask from a dead-letter queue: to `destination` (kNone: each message's
    // source queue) at `rate` messages per second. Without a destination, the task fails at the
    // first message that has no source queue (sent to the dead-letter queue directly): that
    // message and those after it stay (history redrive_failed on it; docs/aws-rules.md 1.18).
    void start_message_move_task(SimTime now, std::uint32_t source, std::uint32_t destination,
                                 int rate);

    // Event handlers, called by the engine.
    void on_wake_pollers(std::uint32_t queue) { queues_[queue].wake_scheduled = false; }
    void on_delay_ends(SimTime now, std::uint32_t queue, std::uint32_t message);
    void on_message_arrives(SimTime now, std::uint32_t message);
    void on_visibility_check(SimTime now, std::uint32_t queue);
    void on_retention_check(SimTime now, std::uint32_t queue);
    void on_move_task_tick(SimTime now, std::uint32_t task);

    // Counts, for sampling and for knowing when a run has drained.
    std::int64_t visible_count(std::uint32_t queue) const { return queues_[queue].visible; }
    std::int64_t in_flight_count(std::uint32_t queue) const { return queues_[queue].in_flight; }
    std::int64_t delayed_count(std::uint32_t queue) const { return queues_[queue].delayed; }
    std::int64_t request_count(std::uint32_t queue) const { return queues_[queue].requests; }
    std::int64_t rejected_sends() const { return rejected_sends_; }
    std::int64_t deduplicated_sends() const { return deduplicated_sends_; }
    // Handlers' messages decided and not yet arrived in their queue.
    std::int64_t sending_count() const { return sending_; }
    bool move_task_active() const;
    // StartMessageMoveTask's tasks, in the order they started (the lab draws them).
    struct MoveTask {
        std::uint32_t source;
        std::uint32_t destination;  // kNone: each message's source queue
        int rate;                   // MaxNumberOfMessagesPerSecond
        bool active;
    };
    const std::vector<MoveTask>& move_tasks() const { return move_tasks_; }
    bool is_dead_letter_queue(std::uint32_t queue) const { return queues_[queue].is_dead_letter; }

    const std::vector<Message>& messages() const { return messages_; }
    Message& message(std::uint32_t index) { return messages_[index]; }
    const Message& message(std::uint32_t index) const { return messages_[index]; }
    const nlohmann::json& message_attributes(std::uint32_t index) const {
        return attribute_sets_[index];
    }
    // The message's FIFO, attribute and redrive fields (all unset for most messages).
    const MessageExtras& extras(const Message& message) const {
        static const MessageExtras kUnset;
        return message.extras == kNone ? kUnset : extras_[message.extras];
    }
    // FIFO only: the message's MessageGroupId and MessageDeduplicationId.
    const std::string& group_id(const Message& message) const;
    // FIFO only: the queue's message groups, in the order their first message arrived.
    struct GroupView {
        const std::string& id;
        int visible;    // waiting to be received
        int in_flight;  // received and not yet deleted or visible again; the rest of the group waits
    };
    std::uint32_t group_count(std::uint32_t queue) const {
        return static_cast<std::uint32_t>(queues_[queue].groups.size());
    }
    GroupView group(std::uint32_t queue, std::uint32_t group) const;
    const std::string& deduplication_id(const Message& message) const;

    std::string message_id(std::uint32_t message) const;
    void message_id_into(std::string& out, std::uint32_t message) const;
    // The MessageId, its kUuidSize characters written at `out`; returns the end.
    char* put_message_id(char* out, std::uint32_t message) const;
    static constexpr std::size_t kReceiptHandleSize = 52;
    std::string receipt_handle(Receipt receipt) const;
    void receipt_handle_into(std::string& out, Receipt receipt) const;
    // The receipt handle, its kReceiptHandleSize characters written at `out`; returns the end.
    char* put_receipt_handle(char* out, Receipt receipt) const;
    const std::string& queue_arn(std::uint32_t queue) const { return queues_[queue].arn; }
    // MD5 of the body as hex, written into `out`; computed once per message.
    void md5_of_body_into(std::string& out, std::uint32_t message);

    // True if the receipt is the message's current one and it is still in flight.
    bool is_current(Receipt receipt) const;

private:
    struct Group {
        std::string id;
        std::deque<std::uint32_t> messages;  // not yet gone, in send order
        int visible = 0;
        int in_flight = 0;
        bool queued_as_available = false;
    };
    struct VisibleEntry {
        std::uint32_t message;
        std::uint32_t generation;
    };
    struct Deadline {
        SimTime time;
        std::uint32_t message;
        std::uint32_t receive_count;
        bool operator>(const Deadline& other) const {
            return time != other.time ? time > other.time : message > other.message;
        }
    };
    // Deadlines, earliest first; keep_only drops those `keep` refuses in one pass.
    struct DeadlineHeap : std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> {
        template <class Keep>
        void keep_only(Keep keep) {
            std::erase_if(c, [&](const Deadline& d) { return !keep(d); });
            std::make_heap(c.begin(), c.end(), comp);
        }
    };
    struct Queue {
        QueueConfig config;
        std::string arn;
        std::uint32_t dead_letter = kNone;
        bool is_dead_letter = false;
        std::int64_t visible = 0, in_flight = 0, delayed = 0, requests = 0;
        std::deque<VisibleEntry> visible_order;      // standard queues
        std::vector<Group> groups;                   // FIFO queues
        std::unordered_map<std::string, std::uint32_t> group_by_id;
        std::deque<std::uint32_t> available_groups;  // FIFO: groups whose head can be received
        std::unordered_map<std::string, SimTime> deduplication;  // id -> window end
        std::uint64_t next_sequence_number = 0;
        DeadlineHeap visibility_deadlines;
        SimTime visibility_check_at = -1;
        DeadlineHeap retention_deadlines;            // only messages that can expire in the run
        SimTime retention_check_at = -1;
        bool wake_scheduled = false;
    };
    // The 128 bits of a message's MessageId (a version-4 UUID), from the seed and its index.
    std::uint64_t id_high(std::uint32_t message) const;
    std::uint64_t id_low(std::uint32_t message) const;
    std::uint32_t create_message(SimTime now, std::uint32_t queue, const SendRequest& request,
                                 std::optional<std::string> deduplication_key);
    // A FIFO send's deduplication id (explicit, or the body's SHA-256 with content-based
    // deduplication); nullopt for standard queues.
    std::optional<std::string> deduplication_key(const Queue& q, const SendRequest& request) const;
    bool deduplicate(Queue& q, const std::optional<std::string>& key, const SendRequest& request, SimTime at);
    // The message is in its queue from now: visible, or delayed until `visible_at`.
    void enter_queue(SimTime now, std::uint32_t message, SimTime visible_at);
    void make_visible(SimTime now, std::uint32_t message);
    void leave_current_state(std::uint32_t message);
    void end_message(SimTime now, std::uint32_t message, MessageState final_state);
    void move_to_dead_letter_queue(SimTime now, std::uint32_t message);
    static bool has_source_queue(const Message& m, std::uint32_t dead_letter_queue);
    MessageExtras& extras_of(Message& message);  // created on first use
    // When its retention began: its send, or its move to a FIFO dead-letter queue.
    SimTime enqueued_at(const Message& message) const {
        const SimTime moved_at = extras(message).enqueued_at;
        return moved_at >= 0 ? moved_at : message.sent_at;
    }
    std::uint32_t keep_attributes(const nlohmann::json& attributes);  // index into attribute_sets_
    std::uint32_t group_index(Queue& q, const std::string& group_id);
    bool refresh_group_availability(Queue& q, std::uint32_t group);
    bool receive_one(SimTime now, std::uint32_t queue, std::uint32_t message,
                     std::vector<Receipt>& out);
    void receive_standard(SimTime now, std::uint32_t queue, int max, bool short_poll,
                          std::vector<Receipt>& out);
    void receive_fifo(SimTime now, std::uint32_t queue, int max, std::vector<Receipt>& out);
    void track_visibility_deadline(std::uint32_t queue, Deadline deadline);
    void track_retention(std::uint32_t queue, std::uint32_t message);
    void announce_available(SimTime now, std::uint32_t queue);

    const Scenario& scenario_;
    EventQueue& events_;
    Recorder& recorder_;
    Random short_poll_random_;
    SimTime run_end_;
    std::vector<Queue> queues_;
    TextArena bodies_;
    std::vector<Message> messages_;
    std::vector<std::array<unsigned char, 16>> md5_cache_;  // all zero: not computed yet
    std::vector<MessageExtras> extras_;
    std::vector<nlohmann::json> attribute_sets_;
    std::vector<std::string> deduplication_ids_;
    std::vector<MoveTask> move_tasks_;
    std::int64_t rejected_sends_ = 0;
    std::int64_t deduplicated_sends_ = 0;
    std::int64_t sending_ = 0;
};

}  // namespace queuelab::sim
