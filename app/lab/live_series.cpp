#include "live_series.h"

#include <string>

namespace queuelab::lab {

std::optional<double> live_value(const sim::Engine& engine, std::string_view series) {
    const auto dot = series.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string owner(series.substr(0, dot));
    const std::string_view what = series.substr(dot + 1);
    const auto& sqs = engine.sqs();
    if (const auto queue = sqs.queue_index(owner); queue != sim::kNone) {
        if (what == "visible") return static_cast<double>(sqs.visible_count(queue));
        if (what == "in_flight") return static_cast<double>(sqs.in_flight_count(queue));
        if (what == "delayed") return static_cast<double>(sqs.delayed_count(queue));
        return std::nullopt;
    }
    if (what == "concurrency") {
        const auto& lambda = engine.lambda();
        for (std::uint32_t f = 0; f < lambda.function_count(); ++f) {
            if (lambda.config(f).name == owner) return static_cast<double>(lambda.concurrency_in_use(f));
        }
    }
    if (what == "pollers") {
        for (const auto& mapping : engine.sqs_mappings()) {
            const auto& config = mapping->config();
            if (config.EventSourceArn + "->" + config.FunctionName == owner) return static_cast<double>(mapping->target_concurrency());
        }
    }
    return std::nullopt;
}

}  // namespace queuelab::lab
