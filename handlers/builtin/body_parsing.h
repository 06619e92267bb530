#pragma once
// The parse step the built-ins share: an SQS record's body or a Kinesis record's data as a JSON
// object, and the order message that several of them expect.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "queuelab/kinesis_event.h"

namespace queuelab::builtin {

// A body nested deeper than this is not read as JSON (the simulator's bound for JSON, docs/aws-rules.md
// 5.27), so the recursive code after the parse (dump, copy) never meets one.
inline constexpr int kMaxBodyDepth = 128;

// nullopt when the body is empty, not valid JSON, valid JSON that is not an object, nested deeper
// than kMaxBodyDepth, or holds a NUL byte (nlohmann would stop reading at it).
inline std::optional<nlohmann::json> parse_json_object(std::string_view body) {
    // A body that cannot be an object ("x", 42, []) is refused without the parser. The parser skips
    // whitespace and a UTF-8 byte order mark before the value.
    const auto start = body.find_first_not_of(" \t\n\r");
    if (start == std::string_view::npos || (body[start] != '{' && body[start] != '\xEF')) return std::nullopt;
    if (body.find('\0') != std::string_view::npos) return std::nullopt;
    struct TooDeep {};
    const auto within_depth = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth >= kMaxBodyDepth) throw TooDeep{};
        return true;
    };
    // Few brackets cannot nest too deep: the usual body skips the depth check.
    const auto brackets = std::count_if(body.begin(), body.end(), [](char c) { return c == '{' || c == '['; });
    try {
        nlohmann::json parsed = brackets <= kMaxBodyDepth ? nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false)
                                                          : nlohmann::json::parse(body, within_depth, false);
        if (!parsed.is_object()) return std::nullopt;
        return parsed;
    } catch (const TooDeep&) {
        return std::nullopt;
    }
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
