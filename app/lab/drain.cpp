#include "drain.h"

#include <set>

#include "format.h"

namespace queuelab::lab {

std::int64_t unread_messages(const sim::Engine& engine) {
    const auto& sqs = engine.sqs();
    std::set<std::uint32_t> unread;
    for (const auto& entry : engine.scenario().traffic) {
        if (const auto queue = sqs.queue_index(entry.to); queue != sim::kNone) unread.insert(queue);
    }
    for (const auto& mapping : engine.sqs_mappings()) unread.erase(mapping->queue());
    std::int64_t count = 0;
    for (const auto queue : unread) count += sqs.visible_count(queue) + sqs.delayed_count(queue);
    return count;
}

DrainTime time_to_drain(const sim::Engine& engine) {
    using Kind = DrainTime::Kind;
    if (!engine.ended()) return DrainTime{Kind::Running};
    if (engine.end_reason() != "drained") return DrainTime{Kind::NotDrained};
    if (const auto unread = unread_messages(engine); unread > 0) return DrainTime{Kind::Unread, 0, unread};
    return DrainTime{Kind::Drained, engine.now()};
}

std::string drain_text(const DrainTime& drain) {
    switch (drain.kind) {
        case DrainTime::Kind::Running: return "running";
        case DrainTime::Kind::NotDrained: return "not drained";
        case DrainTime::Kind::Unread: return "never: " + format_count(drain.unread) + " unread";
        case DrainTime::Kind::Drained: return format_duration(drain.at);
    }
    return "";
}

sim::Change compare_drain(const DrainTime& a, const DrainTime& b) {
    using Kind = DrainTime::Kind;
    if (a.kind == Kind::Running || b.kind == Kind::Running) return sim::Change::Different;
    if (a.kind == b.kind && a.at == b.at && a.unread == b.unread) return sim::Change::Same;
    if (a.kind == Kind::Drained && b.kind == Kind::Drained) return b.at < a.at ? sim::Change::Better : sim::Change::Worse;
    if (a.kind == Kind::Drained) return sim::Change::Worse;
    if (b.kind == Kind::Drained) return sim::Change::Better;
    return sim::Change::Different;
}

}  // namespace queuelab::lab
