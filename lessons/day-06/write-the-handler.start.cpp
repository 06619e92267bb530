// Day 6, practice: your handler for poison-pill.json's orders. As it stands it throws at the first
// message that is not an order, so the invoke fails and Lambda returns the whole batch to the
// queue: the nine good orders come back with the bad one, again and again.
//
// Make it report the failed messages instead: parse each body, handle it, and collect the
// messageId of every message that failed into batchItemFailures (the SQS template of the
// workspace shows the split). Check it with: queuelab check day-06 --work
#include <stdexcept>

#include "queuelab/handler.h"

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext&) {
    for (const auto& message : event.Records) {
        const nlohmann::json order = nlohmann::json::parse(message.body, nullptr, false);
        if (!order.is_object() || !order.contains("orderId")) {
            throw std::runtime_error("message " + message.messageId + " is not an order");
        }
    }
    return queuelab::HandlerResponse::none();
}
