#pragma once
// The parse step the built-ins share: an SQS record's body or a Kinesis record's data as a JSON
// object, and the order message that several of them expect.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "queuelab/kinesis_event.h"

namespace queuelab::builtin {

// nullopt when the body is empty, not valid JSON, or valid JSON that is not an object.
inline std::optional<nlohmann::json> parse_json_object(std::string_view body) {
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) return std::nullopt;
    return parsed;
}

// A Kinesis record's data (base64) as a JSON object: nullopt when it is not valid base64, or the
// bytes it encodes are not a JSON object.
inline std::optional<nlohmann::json> decode_json_object(std::string_view base64_data) {
    const std::optional<std::string> bytes = base64_decode(base64_data);
    if (!bytes) return std::nullopt;
    return parse_json_object(*bytes);
}

// {"orderId": string, "quantity"?: number}
struct NewOrder {
    std::string orderId;
    std::optional<double> quantity;
};

// nullopt when the body is not a NewOrder: not a JSON object, no string orderId, or a quantity
// that is not a number.
inline std::optional<NewOrder> parse_new_order(std::string_view body) {
    const std::optional<nlohmann::json> object = parse_json_object(body);
    if (!object) return std::nullopt;
    const auto order_id = object->find("orderId");
    if (order_id == object->end() || !order_id->is_string()) return std::nullopt;
    NewOrder order{order_id->get<std::string>(), std::nullopt};
    if (const auto quantity = object->find("quantity"); quantity != object->end()) {
        if (!quantity->is_number()) return std::nullopt;
        order.quantity = quantity->get<double>();
    }
    return order;
}

}  // namespace queuelab::builtin
