// order-processor: the basic partial batch response. Each record's body should be a NewOrder;
// a record whose body is not one is reported in batchItemFailures, so only it returns to the
// queue and the rest of the batch is deleted.

#include "batch_failures.h"
#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

RecordOutcome process_order(const SqsMessage& record) {
    const std::optional<NewOrder> order = parse_new_order(record.body);
    if (!order) return RecordOutcome::failed;
    // A real handler would fulfil *order here.
    return RecordOutcome::processed;
}

HandlerResponse handle(const SqsEvent& event, InvocationContext&) {
    return HandlerResponse::batch(collect_failures(event, process_order));
}

}  // namespace

BuiltinHandler order_processor_handler() {
    return {"order-processor",
            "Reports records whose body is not an order {\"orderId\": string} in batchItemFailures",
            "handlers/builtin/order_processor.cpp",
            [](const nlohmann::json& params) {
                expect_no_params(params);
                return SqsHandler(handle);
            },
            /*make_kinesis=*/{},
            /*reads=*/{.sqs = {.messageId = true, .body = true}}};
}

}  // namespace queuelab::builtin
