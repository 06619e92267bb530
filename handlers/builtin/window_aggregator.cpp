// window-aggregator: a tumbling-window aggregation (TumblingWindowInSeconds > 0). Each invoke of a
// window gets the state the previous invoke returned, adds its records to it, and returns it:
// {"count": n, "sum": s} of the numeric `field` (default "temperature") of each record's data;
// other keys of the state are carried forward as they are. The window's final invoke
// (isFinalInvokeForWindow) returns the result, with "average" added. A record whose data is not a
// JSON object with a numeric field fails: as in AWS's stream template the handler stops there and
// reports it, because Lambda delivers that record and the ones after it again. Kinesis events
// only; without a tumbling window each invoke starts from an empty state.

#include <cstdint>

#include "batch_failures.h"
#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

std::string read_field(const nlohmann::json& params) {
    const std::string field = HandlerParams(params, {"field"}).string("field", "temperature");
    if (field.empty()) throw HandlerParamError("field", "a non-empty string");
    return field;
}

// nullopt when the data is not a JSON object with a number in `field`.
std::optional<double> parse_value(std::string_view base64_data, const std::string& field) {
    const std::optional<std::string> data = base64_decode(base64_data);
    if (!data) return std::nullopt;
    return number_member(*data, field);
}

// 0 when the state has no number at `key`.
double number_in(const nlohmann::json& state, const char* key) {
    const auto found = state.find(key);
    return found != state.end() && found->is_number() ? found->get<double>() : 0;
}

nlohmann::json incoming_state(const KinesisEvent& event) {
    if (!event.tumbling || !event.tumbling->state.is_object()) return nlohmann::json::object();
    return event.tumbling->state;
}

HandlerResponse aggregate(const KinesisEvent& event, const std::string& field) {
    TumblingWindowResponse response{incoming_state(event), {}};
    auto count = static_cast<std::int64_t>(number_in(response.state, "count"));
    double sum = number_in(response.state, "sum");

    const BatchResponse failures =
        collect_failures(
            event,
            [&](const KinesisEventRecord& record) {
                const std::optional<double> value = parse_value(record.kinesis.data, field);
                if (!value) return RecordOutcome::failed;
                count += 1;
                sum += *value;
                return RecordOutcome::processed;
            },
            AfterFailure::stop);

    response.state["count"] = count;
    response.state["sum"] = sum;
    if (event.tumbling && event.tumbling->isFinalInvokeForWindow && count > 0) {
        response.state["average"] = sum / static_cast<double>(count);
    }
    response.batchItemFailures = failures.batchItemFailures;
    return HandlerResponse::json(nlohmann::json(response));
}

}  // namespace

BuiltinHandler window_aggregator_handler() {
    return {"window-aggregator",
            "Counts and sums a field of the records of a tumbling window in its state, with the "
            "average on the final invoke",
            "handlers/builtin/window_aggregator.cpp",
            /*make_sqs=*/{}, [](const nlohmann::json& params) {
                return KinesisHandler(
                    [field = read_field(params)](const KinesisEvent& event, InvocationContext&) {
                        return aggregate(event, field);
                    });
            },
            /*reads=*/{.kinesis = {.sequenceNumber = true, .data = true}}};
}

}  // namespace queuelab::builtin
