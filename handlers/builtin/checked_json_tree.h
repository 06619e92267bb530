#pragma once
// Builds a JSON tree with nlohmann's own document builder while a check sees each parse event
// first and may stop the parse. nlohmann's parse callback offers the same, but its callback parser
// scans an object's members at the end of each object inside it: quadratic in a wide document (a
// 1 MB body of 85,000 small objects took a minute).

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace queuelab::builtin {

// `Check` has value(), open(), close() and key(const std::string&), each returning false to stop
// the parse; it sees every event before the tree does.
template <class Check>
class CheckedJsonTree : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
public:
    using json = nlohmann::json;

    CheckedJsonTree(json& result, Check& check, bool allow_exceptions)
        : json_sax_dom_parser(result, allow_exceptions), check_(check) {}

    bool null() { return check_.value() && json_sax_dom_parser::null(); }
    bool boolean(bool value) { return check_.value() && json_sax_dom_parser::boolean(value); }
    bool number_integer(json::number_integer_t value) {
        return check_.value() && json_sax_dom_parser::number_integer(value);
    }
    bool number_unsigned(json::number_unsigned_t value) {
        return check_.value() && json_sax_dom_parser::number_unsigned(value);
    }
    bool number_float(json::number_float_t value, const json::string_t& text) {
        return check_.value() && json_sax_dom_parser::number_float(value, text);
    }
    bool string(json::string_t& value) { return check_.value() && json_sax_dom_parser::string(value); }
    bool binary(json::binary_t& value) { return check_.value() && json_sax_dom_parser::binary(value); }
    bool start_object(std::size_t size) { return check_.open(false) && json_sax_dom_parser::start_object(size); }
    bool start_array(std::size_t size) { return check_.open(true) && json_sax_dom_parser::start_array(size); }
    bool end_object() { return check_.close() && json_sax_dom_parser::end_object(); }
    bool end_array() { return check_.close() && json_sax_dom_parser::end_array(); }
    bool key(json::string_t& name) { return check_.key(name) && json_sax_dom_parser::key(name); }

private:
    Check& check_;
};

}  // namespace queuelab::builtin
