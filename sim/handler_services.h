#pragma once
// The services handlers call during an invocation (docs/aws-rules.md 7, with the simulator's
// choices 5.24 and 5.25): SQS (GetQueueUrl, SendMessage, SendMessageBatch, DeleteMessage,
// ChangeMessageVisibility), Kinesis (PutRecord, PutRecords), DynamoDB tables (PutItem, GetItem,
// DeleteItem) and the scenario's downstreams (CallDownstream). Requests and replies are the
// services' JSON, as AWS's JSON protocols carry them, so the in-process clients and a handler
// process calling over HTTP reach the same code.
//
// How a call takes virtual time (5.24): a handler runs when its invocation starts, so its calls
// are decided then, in the order it makes them. A call starts after the work the handler declared
// before it and the calls it made before (the invoke phase's own clock); it lasts the service's
// latency (a downstream's: drawn, 5.25). Its result is decided against the simulation's state and
// the calls decided before it; what it changes happens at its end: a sent message arrives in its
// queue, a record in its shard, a delete or a visibility change applies. The invocation lasts
// the time of its calls too. A call that would start at or after the invocation's deadline is not
// made.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "downstreams.h"
#include "event_queue.h"
#include "function_code.h"
#include "kinesis_service.h"
#include "queuelab/services.h"
#include "recorder.h"
#include "scenario.h"
#include "sqs_service.h"
#include "tables.h"

namespace queuelab::sim {

class HandlerServices;

// One invocation's way to the services: the in-process ServiceEndpoint its InvocationContext
// holds. It knows the invocation's clock and batch, and keeps the calls made, for its record.
class InvocationCalls : public ServiceEndpoint {
public:
    // `records`: the batch, in the order of `event`'s records (their parents, 5.24).
    InvocationCalls(HandlerServices& services, std::uint32_t invocation, std::uint32_t function, const InvokeEvent& event,
                    std::span<const RecordRef> records);

    // The invoke phase starts at `phase_start` (after a cold start's init); Timeout ends it at
    // `deadline`. REQUIRES: called before the handler runs.
    void begin(SimTime phase_start, SimTime deadline);

    ServiceReply call(const std::string& target, const nlohmann::json& request, const CallInfo& info) override;

    // Virtual time the calls took, added to the invocation's duration.
    double call_time_ms() const { return static_cast<double>(call_time_) / kMicrosPerMilli; }
    std::vector<CallRecord> take_calls() { return std::move(calls_); }

private:
    friend class HandlerServices;
    // The record of the batch a call's messages come from (CallInfo::current_record, or the only
    // record), as an origin.
    Origin origin_of(const CallInfo& info) const;

    HandlerServices& services_;
    std::uint32_t invocation_;
    std::uint32_t function_;
    const InvokeEvent& event_;
    std::span<const RecordRef> records_;
    SimTime phase_start_ = 0;
    SimTime deadline_ = 0;
    SimTime call_time_ = 0;
    std::vector<CallRecord> calls_;
};

class HandlerServices {
public:
    HandlerServices(const Scenario& scenario, EventQueue& events, Recorder& recorder, SqsService& sqs,
                    KinesisService& kinesis);

    // The engine's virtual time, when calls are decided.
    void set_now(SimTime now) { now_ = now; }

    // Decides one call of `invocation` (see the file comment).
    ServiceReply call(InvocationCalls& invocation, const std::string& target, const nlohmann::json& request,
                      const CallInfo& info);

    // The effects of DeleteMessage and ChangeMessageVisibility, at their time.
    void on_delete_message(SimTime now, std::uint32_t message, std::uint32_t receive_count);
    void on_change_visibility(SimTime now, std::uint32_t message, std::uint64_t packed);
    // Effects decided and not applied yet: arriving messages and records, deletes, visibility changes.
    std::int64_t pending_effects() const;

    const Downstreams& downstreams() const { return downstreams_; }
    Downstreams& downstreams() { return downstreams_; }
    const Tables& tables() const { return tables_; }

    // Which function called which queue, stream, table or downstream, and how often: the arrows of
    // the lab's topology.
    struct Link {
        std::uint32_t function;
        CallService service;
        std::string target;
        std::int64_t calls;
    };
    const std::vector<Link>& links() const { return links_; }

private:
    struct Call;  // one call being decided (handler_services.cpp)

    ServiceReply dispatch(Call& call, const std::string& target);
    // SQS
    ServiceReply get_queue_url(Call& call);
    ServiceReply send_message(Call& call);
    ServiceReply send_message_batch(Call& call);
    ServiceReply delete_message(Call& call);
    ServiceReply change_message_visibility(Call& call);
    // Kinesis
    ServiceReply put_record(Call& call);
    ServiceReply put_records(Call& call);
    // DynamoDB and downstreams
    ServiceReply table_call(Call& call);
    ServiceReply call_downstream(Call& call);

    std::uint32_t queue_of(Call& call);
    std::uint32_t stream_of(Call& call);
    // Counts `count` more sends against max_handler_sends; false when the bound is reached.
    bool may_send(std::int64_t count);
    void note_link(std::uint32_t function, CallService service, const std::string& target);

    const Scenario& scenario_;
    EventQueue& events_;
    Recorder& recorder_;
    SqsService& sqs_;
    KinesisService& kinesis_;
    Downstreams downstreams_;
    Tables tables_;
    SimTime now_ = 0;
    std::int64_t calls_made_ = 0;
    std::int64_t sends_made_ = 0;
    std::int64_t pending_changes_ = 0;
    std::uint64_t deduplicated_replies_ = 0;
    std::vector<Link> links_;
};

}  // namespace queuelab::sim
