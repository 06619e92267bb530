// Day 6, practice, a reference solution: parse -> handle -> collect the failures. A message whose
// body is not an order {"orderId": string, "quantity"?: number} fails on its own; the others are
// handled, and the invoke returns normally with the failed messageIds in batchItemFailures, which
// the mapping reads because it has ReportBatchItemFailures.
#include <iostream>
#include <stdexcept>

#include "queuelab/handler.h"

namespace {

nlohmann::json parse(const queuelab::SqsMessage& message) {
    nlohmann::json order = nlohmann::json::parse(message.body, nullptr, false);
    const bool is_order = order.is_object() && order.contains("orderId") && order["orderId"].is_string() &&
                          (!order.contains("quantity") || order["quantity"].is_number());
    if (!is_order) throw std::invalid_argument("not an order");
    return order;
}

void handle_order(const nlohmann::json& order) { std::cout << "order " << order["orderId"].get<std::string>() << " done\n"; }

}  // namespace

queuelab::HandlerResponse handle(const queuelab::SqsEvent& event, queuelab::InvocationContext&) {
    queuelab::BatchResponse response;
    for (const auto& message : event.Records) {
        try {
            handle_order(parse(message));
        } catch (const std::exception& error) {
            std::cout << "message " << message.messageId << " failed: " << error.what() << "\n";
            response.batchItemFailures.push_back({message.messageId});
        }
    }
    return queuelab::HandlerResponse::batch(response);
}
