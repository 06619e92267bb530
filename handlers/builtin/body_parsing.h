#pragma once
// The parse step the built-ins share: an SQS record's body or a Kinesis record's data as a JSON
// object, and the order message that several of them expect.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "builtin/checked_json_tree.h"
#include "queuelab/kinesis_event.h"

namespace queuelab::builtin {

// A body nested deeper than this is not read as JSON (the simulator's bound for JSON, docs/aws-rules.md
// 5.27), so the recursive code after the parse (dump, copy) never meets one.
inline constexpr int kMaxBodyDepth = 128;

// False for a body that cannot be a JSON object, refused without the parser: empty, or not
// starting with '{' (the parser skips whitespace and a UTF-8 byte order mark before the value), or
// holding a NUL byte (nlohmann would stop reading at it).
inline bool may_be_object(std::string_view body) {
    const auto start = body.find_first_not_of(" \t\n\r");
    if (start == std::string_view::npos || (body[start] != '{' && body[start] != '\xEF')) return false;
    return body.find('\0') == std::string_view::npos;
}

// True when the body has enough brackets to nest deeper than kMaxBodyDepth; the usual body has
// few, and its parse skips the depth check.
inline bool may_nest_too_deep(std::string_view body) {
    return std::count_if(body.begin(), body.end(), [](char c) { return c == '{' || c == '['; }) > kMaxBodyDepth;
}

namespace detail {

// parse_json_object's depth check: with `check`, an event inside kMaxBodyDepth open containers
// refuses the body. (Without it, the depth is only counted.)
class BodyDepth {
public:
    explicit BodyDepth(bool check) : check_(check) {}
    bool value() const { return !check_ || depth_ < kMaxBodyDepth; }
    bool key(const std::string&) const { return value(); }
    bool open(bool) {
        if (!value()) return false;
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }
    int depth() const { return depth_; }

private:
    bool check_;
    int depth_ = 0;
};

}  // namespace detail

// nullopt when the body is empty, not valid JSON, valid JSON that is not an object, nested deeper
// than kMaxBodyDepth, or holds a NUL byte.
inline std::optional<nlohmann::json> parse_json_object(std::string_view body) {
    if (!may_be_object(body)) return std::nullopt;
    nlohmann::json parsed;
    if (may_nest_too_deep(body)) {
        detail::BodyDepth depth(/*check=*/true);
        CheckedJsonTree<detail::BodyDepth> tree(parsed, depth, /*allow_exceptions=*/false);
        if (!nlohmann::json::sax_parse(body, &tree)) return std::nullopt;
    } else {
        parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    }
    if (!parsed.is_object()) return std::nullopt;
    return parsed;
}

namespace detail {

// Reads a JSON text as parse events (nlohmann's SAX interface), keeping the value that follows
// `key` in the top-level object, and refusing what parse_json_object refuses.
class TopLevelMember {
public:
    TopLevelMember(std::string_view key, bool check_depth) : key_(key), depth_(check_depth) {}
    std::optional<double> number() const { return number_; }

    bool null() { return scalar(std::nullopt); }
    bool boolean(bool) { return scalar(std::nullopt); }
    bool number_integer(nlohmann::json::number_integer_t v) { return scalar(static_cast<double>(v)); }
    bool number_unsigned(nlohmann::json::number_unsigned_t v) { return scalar(static_cast<double>(v)); }
    bool number_float(nlohmann::json::number_float_t v, const nlohmann::json::string_t&) { return scalar(v); }
    bool string(nlohmann::json::string_t&) { return scalar(std::nullopt); }
    bool binary(nlohmann::json::binary_t&) { return scalar(std::nullopt); }
    bool start_object(std::size_t) { return open(); }
    bool start_array(std::size_t) { return open(); }
    bool end_object() { return depth_.close(); }
    bool end_array() { return depth_.close(); }
    bool key(nlohmann::json::string_t& name) {
        if (!depth_.key(name)) return false;
        after_key_ = depth_.depth() == 1 && name == key_;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    bool scalar(std::optional<double> number) {
        if (!depth_.value()) return false;
        take(number);
        return true;
    }
    bool open() {
        if (!depth_.open(false)) return false;
        take(std::nullopt);
        return true;
    }
    // A value: the member's when it follows the key (the last of duplicate keys wins, as in the tree).
    void take(std::optional<double> number) {
        if (after_key_) number_ = number;
        after_key_ = false;
    }

    std::string_view key_;
    BodyDepth depth_;  // parse_json_object's depth check
    bool after_key_ = false;
    std::optional<double> number_;
};

}  // namespace detail

// The number at `key` of a body that is a JSON object: nullopt when parse_json_object refuses the
// body or `key` does not hold a number. The same answer as looking in parse_json_object's tree,
// without building the tree.
inline std::optional<double> number_member(std::string_view body, std::string_view key) {
    if (!may_be_object(body)) return std::nullopt;
    detail::TopLevelMember member(key, may_nest_too_deep(body));
    if (!nlohmann::json::sax_parse(body, &member)) return std::nullopt;
    return member.number();
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
