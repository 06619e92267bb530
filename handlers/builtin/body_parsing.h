#pragma once
// The parse step the built-ins share: a record's body as a JSON object, and the order message
// that several of them expect.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace queuelab::builtin {

// nullopt when the body is empty, not valid JSON, or valid JSON that is not an object.
inline std::optional<nlohmann::json> parse_json_object(std::string_view body) {
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) return std::nullopt;
    return parsed;
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
