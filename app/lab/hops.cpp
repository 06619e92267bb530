#include "hops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace queuelab::lab {

std::vector<Hop> hops_before(const sim::Engine& engine, sim::EventSourceKind kind, std::uint32_t index) {
    const auto& recorder = engine.recorder();
    std::vector<Hop> chain;
    Hop hop{kind, index, sim::kNone};
    for (;;) {
        const auto origin = recorder.origin(hop.kind, hop.index);
        hop.sent_by = origin ? origin->invocation : sim::kNone;
        chain.push_back(hop);
        if (!origin || origin->parent == sim::kNone) break;
        hop = Hop{origin->parent_kind, origin->parent, sim::kNone};
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

std::vector<Hop> hops_after(const sim::Engine& engine, sim::EventSourceKind kind, std::uint32_t index) {
    std::vector<Hop> children;
    for (const auto child_kind : {sim::EventSourceKind::SqsQueue, sim::EventSourceKind::KinesisStream}) {
        for (const auto& [child, origin] : engine.recorder().origins(child_kind)) {
            if (origin.parent == index && origin.parent_kind == kind) children.push_back(Hop{child_kind, child, origin.invocation});
        }
    }
    // Created in invocation order, and within one invocation in index order.
    std::sort(children.begin(), children.end(), [](const Hop& a, const Hop& b) {
        return a.sent_by != b.sent_by ? a.sent_by < b.sent_by
                                      : a.kind != b.kind ? a.kind < b.kind : a.index < b.index;
    });
    return children;
}

std::string describe_hop(const sim::Engine& engine, const Hop& hop) {
    switch (hop.kind) {
        case sim::EventSourceKind::SqsQueue:
            return "message #" + std::to_string(hop.index) + " in " + engine.sqs().config(engine.sqs().message(hop.index).queue).name;
        case sim::EventSourceKind::KinesisStream: {
            const auto& record = engine.kinesis().record(hop.index);
            return "record #" + std::to_string(hop.index) + " in " + engine.kinesis().config(record.stream).name;
        }
    }
    return "";
}

std::string describe_call(const sim::CallRecord& call) {
    std::string text = call.operation + (call.target.empty() ? "" : " " + call.target) + ": ";
    if (!call.error_code.empty()) {
        text += call.error_code + (call.error_message.empty() ? "" : " (" + call.error_message + ")");
    } else if (call.failed_entries > 0) {
        text += std::to_string(call.failed_entries) + " of its entries failed";
    } else {
        text += "ok";
    }
    char duration[32];
    std::snprintf(duration, sizeof duration, ", %g ms", std::round(call.duration_ms * 10) / 10);
    text += duration;
    if (!call.created.empty()) {
        const char* what = call.service == sim::CallService::Kinesis ? "record" : "message";
        text += ", created " + std::string(what) + (call.created.size() > 1 ? "s" : "") + " #" + std::to_string(call.created.front());
        if (call.created.size() > 1) text += " to #" + std::to_string(call.created.back());
    }
    return text;
}

}  // namespace queuelab::lab
