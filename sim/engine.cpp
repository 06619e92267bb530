#include "engine.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace queuelab::sim {
namespace {

// About 2,000 samples over the scenario's duration, on a round interval.
SimTime choose_sample_interval(const Scenario& scenario) {
    if (scenario.sample_interval_s > 0) return from_seconds(scenario.sample_interval_s);
    constexpr std::array<double, 13> kIntervals{0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 600, 1800, 3600};
    for (const double interval : kIntervals) {
        if (scenario.duration_s / interval <= 2'000) return from_seconds(interval);
    }
    return from_seconds(kIntervals.back());
}

std::string mapping_name(const MappingConfig& config) {
    return config.EventSourceArn + "->" + config.FunctionName;
}

void expand_optional(std::optional<std::string>& out, const std::optional<TrafficTemplate>& text, std::int64_t index) {
    if (!text) {
        out.reset();
        return;
    }
    if (!out) out.emplace();
    text->expand_into(*out, index);
}

}  // namespace

Engine::Engine(Scenario scenario, EngineOptions options)
    : scenario_(std::move(scenario)),
      recorder_(options.keep_history, scenario_.seed),
      sqs_(scenario_, events_, recorder_),
      kinesis_(scenario_, events_, recorder_),
      handler_services_(scenario_, events_, recorder_, sqs_, kinesis_),
      lambda_(scenario_, *options.catalog),
      end_time_(from_seconds(scenario_.duration_s)),
      sample_interval_(choose_sample_interval(scenario_)) {
    // Mappings exist before the first record is sent (StartingPosition LATEST reads from then on).
    create_mappings();
    for (std::uint32_t i = 0; i < scenario_.traffic.size(); ++i) {
        const auto& entry = scenario_.traffic[i];
        const auto stream = kinesis_.stream_index(entry.to);
        traffic_targets_.push_back(stream != kNone ? TrafficTarget{EventSourceKind::KinesisStream, stream}
                                                   : TrafficTarget{EventSourceKind::SqsQueue, sqs_.queue_index(entry.to)});
        traffic_templates_.push_back(entry.kind == TrafficEntry::Kind::Messages
                                         ? std::nullopt
                                         : std::optional<MessageTemplates>(std::in_place, entry.message_template));
        const double starts = entry.kind == TrafficEntry::Kind::Rate ? entry.from_s : entry.at_s;
        events_.schedule(from_seconds(starts), EventKind::Traffic, i, 0);
        ++pending_traffic_;
    }
    reserve_for_traffic();
    for (std::uint32_t i = 0; i < scenario_.actions.size(); ++i) {
        events_.schedule(from_seconds(scenario_.actions[i].at_s), EventKind::Action, i);
        ++pending_actions_;
    }
    declare_series();
    events_.schedule(0, EventKind::Sample);
}

void Engine::reserve_for_traffic() {
    double messages = 0;
    double records = 0;
    for (std::uint32_t i = 0; i < scenario_.traffic.size(); ++i) {
        const double sends = std::ceil(scenario_.traffic[i].sends(scenario_.duration_s));
        (traffic_targets_[i].kind == EventSourceKind::KinesisStream ? records : messages) += sends;
    }
    sqs_.reserve_messages(static_cast<std::size_t>(messages));
    kinesis_.reserve_records(static_cast<std::size_t>(records));
}

void Engine::create_mappings() {
    queue_has_mapping_.assign(sqs_.queue_count(), false);
    MappingServices services{scenario_, events_, recorder_, sqs_, kinesis_, lambda_, handler_services_};
    for (const auto& config : scenario_.mappings) {
        if (!config.Enabled) {
            running_mappings_.push_back(RunningMapping{config.source_kind, kNone});
            continue;
        }
        if (config.source_kind == EventSourceKind::KinesisStream) {
            const auto index = static_cast<std::uint32_t>(stream_mappings_.size());
            stream_mappings_.push_back(std::make_unique<StreamMapping>(index, config, services));
            running_mappings_.push_back(RunningMapping{EventSourceKind::KinesisStream, index});
            events_.schedule(0, EventKind::StreamMappingStarts, index);
            continue;
        }
        const auto index = static_cast<std::uint32_t>(sqs_mappings_.size());
        sqs_mappings_.push_back(std::make_unique<SqsMapping>(index, config, services));
        running_mappings_.push_back(RunningMapping{EventSourceKind::SqsQueue, index});
        queue_has_mapping_[sqs_mappings_.back()->queue()] = true;
        events_.schedule(0, EventKind::MappingStarts, index);
    }
}

void Engine::update_event_source_mapping(std::size_t index, const MappingConfig& config) {
    const auto running = running_mappings_.at(index);
    if (running.kind == EventSourceKind::KinesisStream) {
        stream_mappings_.at(running.index)->update_configuration(now_, config);
    } else {
        sqs_mappings_.at(running.index)->update_configuration(now_, config);
    }
}

const MappingConfig* Engine::mapping_config(std::size_t index) const {
    if (index >= running_mappings_.size()) return nullptr;
    const auto running = running_mappings_[index];
    if (running.index == kNone) return nullptr;
    return running.kind == EventSourceKind::KinesisStream ? &stream_mappings_[running.index]->config() : &sqs_mappings_[running.index]->config();
}

bool Engine::step() {
    if (ended_) return false;
    if (events_.empty() || events_.top().time > end_time_) {
        finish(end_time_, "duration");
        return false;
    }
    const Event event = events_.pop();
    if (event.time != now_) events_at_instant_ = 0;
    now_ = event.time;
    dispatch(event);
    ++events_processed_;
    ++events_at_instant_;
    max_concurrency_ = std::max(max_concurrency_, lambda_.total_concurrency_in_use());
    if (drained()) {
        finish(now_, "drained");
    } else if (const char* budget = exceeded_budget()) {
        finish(now_, budget);
    }
    return !ended_;
}

void Engine::run_until(SimTime until) {
    while (!ended_ && !events_.empty() && events_.top().time <= until) step();
    if (!ended_ && until >= end_time_) step();
    if (!ended_) now_ = std::max(now_, until);
}

void Engine::run() {
    while (step()) {
    }
}

void Engine::finish(SimTime at, const char* reason) {
    now_ = at;
    ended_ = true;
    end_reason_ = reason;
    on_sample(now_);
}

void Engine::dispatch(const Event& event) {
    switch (event.kind) {
        case EventKind::Traffic: on_traffic(event.time, event.a, event.b); break;
        case EventKind::Action: on_action(event.time, event.a); break;
        case EventKind::DelayEnds: sqs_.on_delay_ends(event.time, event.a, static_cast<std::uint32_t>(event.b)); break;
        case EventKind::VisibilityCheck: sqs_.on_visibility_check(event.time, event.a); break;
        case EventKind::RetentionCheck: sqs_.on_retention_check(event.time, event.a); break;
        case EventKind::MoveTaskTick: sqs_.on_move_task_tick(event.time, event.a); break;
        case EventKind::WakePollers:
            sqs_.on_wake_pollers(event.a);
            for (auto& mapping : sqs_mappings_) {
                if (mapping->queue() == event.a) mapping->on_messages_available(event.time);
            }
            break;
        case EventKind::MappingStarts: sqs_mappings_[event.a]->on_start(event.time); break;
        case EventKind::StreamMappingStarts: stream_mappings_[event.a]->on_start(event.time); break;
        case EventKind::ConsumerTimer: stream_mappings_[event.a]->on_timer(event.time, event.b); break;
        case EventKind::ScalingTick: sqs_mappings_[event.a]->on_scaling_tick(event.time); break;
        case EventKind::PollerTimer: sqs_mappings_[event.a]->on_slot_timer(event.time, event.b); break;
        case EventKind::MessageArrives: sqs_.on_message_arrives(event.time, static_cast<std::uint32_t>(event.b)); break;
        case EventKind::RecordsArrive: kinesis_.on_records_arrive(event.time, event.a, static_cast<std::uint32_t>(event.b)); break;
        case EventKind::HandlerDeletesMessage:
            handler_services_.on_delete_message(event.time, event.a, static_cast<std::uint32_t>(event.b));
            break;
        case EventKind::HandlerChangesVisibility: handler_services_.on_change_visibility(event.time, event.a, event.b); break;
        case EventKind::Sample:
            on_sample(event.time);
            events_.schedule(event.time + sample_interval_, EventKind::Sample);
            break;
    }
}

void Engine::on_traffic(SimTime now, std::uint32_t entry_index, std::uint64_t step) {
    --pending_traffic_;
    const auto& entry = scenario_.traffic[entry_index];
    switch (entry.kind) {
        case TrafficEntry::Kind::Messages:
            for (std::size_t i = 0; i < entry.messages.size(); ++i) {
                send_from(now, entry_index, entry.messages[i], MessageTemplates(entry.messages[i]),
                          static_cast<std::int64_t>(i));
            }
            break;
        case TrafficEntry::Kind::Count:
            for (std::int64_t i = 0; i < entry.count; ++i) {
                send_from(now, entry_index, entry.message_template, *traffic_templates_[entry_index], i);
            }
            break;
        case TrafficEntry::Kind::Rate: {
            send_from(now, entry_index, entry.message_template, *traffic_templates_[entry_index],
                      static_cast<std::int64_t>(step));
            const double next_s = entry.from_s + static_cast<double>(step + 1) / entry.rate_per_s;
            if (next_s < entry.until_s) {
                events_.schedule(from_seconds(next_s), EventKind::Traffic, entry_index, step + 1);
                ++pending_traffic_;
            }
            break;
        }
    }
}

void Engine::send_from(SimTime now, std::uint32_t entry, const MessageSpec& spec, const MessageTemplates& templates,
                       std::int64_t index) {
    const auto target = traffic_targets_[entry];
    if (target.kind == EventSourceKind::KinesisStream) {
        templates.partition_key.expand_into(traffic_partition_key_, index);
        templates.data.expand_into(traffic_data_, index);
        kinesis_.put_record(now, target.index, traffic_partition_key_, traffic_data_, spec.ExplicitHashKey);
        return;
    }
    SendRequest& request = traffic_request_;
    templates.body.expand_into(request.body, index);
    expand_optional(request.MessageGroupId, templates.MessageGroupId, index);
    expand_optional(request.MessageDeduplicationId, templates.MessageDeduplicationId, index);
    request.DelaySeconds = spec.DelaySeconds;
    request.MessageAttributes = spec.MessageAttributes.empty() ? nullptr : &spec.MessageAttributes;
    sqs_.send(now, target.index, request);
}

void Engine::on_action(SimTime now, std::uint32_t index) {
    --pending_actions_;
    const auto& action = scenario_.actions[index];
    switch (action.kind) {
        case ScenarioAction::Kind::UpdateFunctionConfiguration: lambda_.update_function(action); break;
        case ScenarioAction::Kind::StartMessageMoveTask:
            sqs_.start_message_move_task(now, sqs_.queue_index(action.SourceArn),
                                         action.DestinationArn.empty() ? kNone : sqs_.queue_index(action.DestinationArn),
                                         action.MaxNumberOfMessagesPerSecond);
            break;
    }
}

void Engine::declare_series() {
    for (std::uint32_t q = 0; q < sqs_.queue_count(); ++q) {
        const auto& name = sqs_.config(q).name;
        recorder_.add_series(name + ".visible");
        recorder_.add_series(name + ".in_flight");
        recorder_.add_series(name + ".delayed");
    }
    for (std::uint32_t f = 0; f < lambda_.function_count(); ++f) {
        const auto& name = lambda_.config(f).name;
        recorder_.add_series(name + ".concurrency");
        recorder_.add_series(name + ".invocations");
        recorder_.add_series(name + ".errors");
        recorder_.add_series(name + ".throttles");
    }
    for (const auto& mapping : sqs_mappings_) recorder_.add_series(mapping_name(mapping->config()) + ".pollers");
    for (const auto& mapping : stream_mappings_) {
        const auto name = mapping_name(mapping->config());
        recorder_.add_series(name + ".iterator_age_s");
        for (std::uint32_t shard = 0; shard < kinesis_.shard_count(mapping->stream()); ++shard) {
            recorder_.add_series(name + "." + kinesis_.shard_id(shard) + ".iterator_age_s");
        }
    }
    for (std::uint32_t s = 0; s < kinesis_.stream_count(); ++s) {
        recorder_.add_series(kinesis_.config(s).name + ".records");
        recorder_.add_series(kinesis_.config(s).name + ".put_throttled");
    }
    const auto& downstreams = handler_services_.downstreams();
    for (std::uint32_t d = 0; d < downstreams.count(); ++d) {
        const auto& name = downstreams.config(d).name;
        recorder_.add_series(name + ".connections");
        recorder_.add_series(name + ".calls");
        recorder_.add_series(name + ".errors");
        recorder_.add_series(name + ".latency_ms");
    }
}

void Engine::on_sample(SimTime now) {
    std::vector<double> row;
    for (std::uint32_t q = 0; q < sqs_.queue_count(); ++q) {
        row.push_back(static_cast<double>(sqs_.visible_count(q)));
        row.push_back(static_cast<double>(sqs_.in_flight_count(q)));
        row.push_back(static_cast<double>(sqs_.delayed_count(q)));
    }
    const auto tallies = recorder_.take_tallies(lambda_.function_count());
    for (std::uint32_t f = 0; f < lambda_.function_count(); ++f) {
        row.push_back(lambda_.concurrency_in_use(f));
        row.push_back(tallies[f].invocations);
        row.push_back(tallies[f].errors);
        row.push_back(tallies[f].throttles);
    }
    for (const auto& mapping : sqs_mappings_) row.push_back(mapping->target_concurrency());
    for (const auto& mapping : stream_mappings_) {
        std::vector<double> ages;
        for (std::uint32_t shard = 0; shard < kinesis_.shard_count(mapping->stream()); ++shard) {
            ages.push_back(mapping->iterator_age_s(shard, now));
        }
        row.push_back(ages.empty() ? 0.0 : *std::max_element(ages.begin(), ages.end()));
        row.insert(row.end(), ages.begin(), ages.end());
    }
    for (std::uint32_t s = 0; s < kinesis_.stream_count(); ++s) {
        row.push_back(static_cast<double>(kinesis_.put_accepted(s)));
        row.push_back(static_cast<double>(kinesis_.put_throttled(s)));
    }
    auto& downstreams = handler_services_.downstreams();
    for (std::uint32_t d = 0; d < downstreams.count(); ++d) {
        const auto tally = downstreams.take_tally(d, now);
        row.push_back(downstreams.connections_at(d, now));
        row.push_back(tally.calls);
        row.push_back(tally.errors);
        row.push_back(tally.calls == 0 ? 0.0 : tally.latency_ms_sum / tally.calls);
    }
    recorder_.append_sample(now, row);
}

std::int64_t Engine::stored_bytes() const {
    return recorder_.stored_bytes() + static_cast<std::int64_t>(events_.size() * sizeof(Event));
}

// The budget this run has passed (docs/aws-rules.md 5.28), or nullptr.
const char* Engine::exceeded_budget() const {
    if (events_at_instant_ > scenario_.limits.max_events_per_instant) return "work_budget";
    if (stored_bytes() > scenario_.limits.max_stored_bytes) return "memory_budget";
    return nullptr;
}

// Nothing more can happen to any message: no traffic or action to come, nothing delayed or in
// flight, no invoke running, every queue with a mapping empty, every stream mapping caught up.
bool Engine::drained() const {
    if (pending_traffic_ > 0 || pending_actions_ > 0 || sqs_.move_task_active() ||
        lambda_.total_concurrency_in_use() > 0 || handler_services_.pending_effects() > 0) {
        return false;
    }
    for (std::uint32_t q = 0; q < sqs_.queue_count(); ++q) {
        if (sqs_.in_flight_count(q) > 0 || sqs_.delayed_count(q) > 0) return false;
        if (queue_has_mapping_[q] && sqs_.visible_count(q) > 0) return false;
    }
    return std::all_of(stream_mappings_.begin(), stream_mappings_.end(),
                       [&](const auto& mapping) { return mapping->idle(now_); });
}

}  // namespace queuelab::sim
