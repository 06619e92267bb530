#pragma once
// The simulation: one scenario, one seed, one virtual clock. Both front ends drive it: the CLI
// runs it to the end, the GUI steps it and reads its state and recorded history. Deterministic:
// the same scenario gives the same run, event for event.
//
// Not thread-safe; one thread drives an Engine.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "event_queue.h"
#include "function_code.h"
#include "handler_services.h"
#include "kinesis_service.h"
#include "lambda_service.h"
#include "recorder.h"
#include "scenario.h"
#include "sqs_mapping.h"
#include "sqs_service.h"
#include "stream_mapping.h"
#include "traffic_template.h"

namespace queuelab::sim {

struct EngineOptions {
    bool keep_history = true;  // per-message histories (the benchmark can turn them off)
    // Where the functions' code comes from. REQUIRES: the scenario was validated with the same
    // catalog, and the catalog outlives the engine.
    const HandlerCatalog* catalog = &default_catalog();
};

class Engine {
public:
    // REQUIRES: `scenario` was validated by the scenario loader.
    explicit Engine(Scenario scenario, EngineOptions options = {});
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Runs the next event. Returns false once the run has ended (drained, or duration_s passed).
    bool step();
    // Runs every event up to and including virtual time `until` (or until the run ends).
    void run_until(SimTime until);
    // Runs to the end.
    void run();

    bool ended() const { return ended_; }
    // "drained", "duration", or a budget the run would have passed (docs/aws-rules.md 5.28):
    // "work_budget" (more than max_events_per_instant events at one virtual instant) or
    // "memory_budget" (more than max_stored_bytes kept); empty while running.
    const std::string& end_reason() const { return end_reason_; }
    // What the run and its report keep in memory, estimated in bytes (Recorder::stored_bytes and
    // the pending events).
    std::int64_t stored_bytes() const;
    SimTime now() const { return now_; }
    SimTime end_time() const { return end_time_; }
    std::uint64_t events_processed() const { return events_processed_; }
    int max_concurrency() const { return max_concurrency_; }

    // A function's settings changed while the run goes on, as UpdateFunctionConfiguration and
    // PutFunctionConcurrency do in AWS (see LambdaService::update_configuration). REQUIRES: the
    // configuration was validated by the scenario loader.
    void update_function_configuration(const FunctionConfig& config) { lambda_.update_configuration(config); }
    // SetQueueAttributes while the run goes on (see SqsService::set_queue_attributes).
    void update_queue_attributes(const QueueConfig& attributes) { sqs_.set_queue_attributes(attributes); }
    // UpdateEventSourceMapping while the run goes on: the mapping at `index` of
    // scenario().mappings takes the settings an update changes from `config` (see
    // SqsMapping::update_configuration, StreamMapping::update_configuration). REQUIRES: `config`
    // was validated by the scenario loader, and mapping_config(index) is not null and has the same
    // EventSourceArn and FunctionName. A mapping disabled this way keeps its queue from counting
    // as drained, since it may be enabled again.
    void update_event_source_mapping(std::size_t index, const MappingConfig& config);
    // The settings the mapping at `index` of scenario().mappings runs with; nullptr when it is
    // not running (disabled from the start).
    const MappingConfig* mapping_config(std::size_t index) const;

    const Scenario& scenario() const { return scenario_; }
    SqsService& sqs() { return sqs_; }
    const SqsService& sqs() const { return sqs_; }
    const KinesisService& kinesis() const { return kinesis_; }
    const LambdaService& lambda() const { return lambda_; }
    // What handlers call: the downstreams, the tables, and which function called what.
    const HandlerServices& handler_services() const { return handler_services_; }
    const Recorder& recorder() const { return recorder_; }
    const std::vector<std::unique_ptr<SqsMapping>>& sqs_mappings() const { return sqs_mappings_; }
    const std::vector<std::unique_ptr<StreamMapping>>& stream_mappings() const { return stream_mappings_; }

private:
    void dispatch(const Event& event);
    void on_traffic(SimTime now, std::uint32_t entry, std::uint64_t step);
    void send_from(SimTime now, std::uint32_t entry, const MessageSpec& spec, const MessageTemplates& templates,
                   std::int64_t index);
    void create_mappings();
    // Makes room for every message and stream record the traffic sends, so the stores grow once.
    void reserve_for_traffic();
    void on_action(SimTime now, std::uint32_t action);
    void on_sample(SimTime now);
    void declare_series();
    bool drained() const;
    const char* exceeded_budget() const;
    void finish(SimTime at, const char* reason);

    Scenario scenario_;
    EventQueue events_;
    Recorder recorder_;
    SqsService sqs_;
    KinesisService kinesis_;
    HandlerServices handler_services_;
    LambdaService lambda_;
    std::vector<std::unique_ptr<SqsMapping>> sqs_mappings_;
    std::vector<std::unique_ptr<StreamMapping>> stream_mappings_;
    struct RunningMapping {
        EventSourceKind kind;
        std::uint32_t index;  // in sqs_mappings_ or stream_mappings_; kNone when disabled
    };
    std::vector<RunningMapping> running_mappings_;  // per scenario mapping
    std::vector<bool> queue_has_mapping_;
    struct TrafficTarget {
        EventSourceKind kind;
        std::uint32_t index;  // queue or stream
    };
    std::vector<TrafficTarget> traffic_targets_;  // per traffic entry
    // Per traffic entry: its message_template parsed (none for a list of messages).
    std::vector<std::optional<MessageTemplates>> traffic_templates_;
    // Reused by each send of traffic, so expanding a template allocates nothing.
    SendRequest traffic_request_;
    std::string traffic_partition_key_;
    std::string traffic_data_;
    SimTime now_ = 0;
    SimTime end_time_;
    SimTime sample_interval_;
    std::int64_t pending_traffic_ = 0;
    std::int64_t pending_actions_ = 0;
    std::uint64_t events_processed_ = 0;
    std::int64_t events_at_instant_ = 0;  // events run at now_ so far
    int max_concurrency_ = 0;
    bool ended_ = false;
    std::string end_reason_;
};


}  // namespace queuelab::sim
