// A handler for SQS events. Each message goes through three steps:
//   parse   its body into what your code works on (throw when it is not what you expect),
//   handle  the work for one message (throw when it fails),
//   collect the messages that failed into batchItemFailures.
// With ReportBatchItemFailures on the event source mapping, Lambda deletes the messages that are
// not listed and returns only the listed ones to the queue. Without it, any failure returns the
// whole batch. A message of a FIFO queue that failed must also fail the messages after it in its
// group, or they would be processed out of order.
//
// What you print goes to the invocation's log. context.simulate_work(ms) declares virtual time
// spent; the function's Simulation settings give the rest.
#include <iostream>
#include <stdexcept>

#include "queuelab/handler.h"

namespace {

nlohmann::json parse(const queuelab::SqsMessage& message) {
    nlohmann::json body = nlohmann::json::parse(message.body, nullptr, false);
    if (body.is_discarded()) throw std::invalid_argument("the body is not JSON");
    return body;
}

void handle_one(const nlohmann::json& body, queuelab::InvocationContext& context) {
    (void)context;
    std::cout << "handled " << body.dump() << "\n";
}

}  // namespace

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext& context) {
    queuelab::BatchResponse response;
    for (const auto& message : event.Records) {
        try {
            handle_one(parse(message), context);
        } catch (const std::exception& error) {
            std::cout << "message " << message.messageId << " failed: " << error.what() << "\n";
            response.batchItemFailures.push_back({message.messageId});
        }
    }
    return queuelab::HandlerResponse::batch(response);
}
