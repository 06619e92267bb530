// The built-ins' parse step (handlers/builtin/body_parsing.h): number_member reads one number of a
// JSON object body as parse events, and must give the answer the parsed tree gives.

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "builtin/body_parsing.h"

using queuelab::builtin::kMaxBodyDepth;
using queuelab::builtin::number_member;
using queuelab::builtin::parse_json_object;

namespace {

std::optional<double> number_in_tree(const std::string& body, const std::string& key) {
    const auto object = parse_json_object(body);
    if (!object) return std::nullopt;
    const auto member = object->find(key);
    if (member == object->end() || !member->is_number()) return std::nullopt;
    return member->get<double>();
}

std::string nested(int depth, const std::string& inner) {
    return std::string(static_cast<std::size_t>(depth), '[') + inner + std::string(static_cast<std::size_t>(depth), ']');
}

}  // namespace

TEST_CASE("number_member finds a top-level number as the parsed tree does", "[handlers]") {
    CHECK(number_member(R"({"fail_attempts": 2, "job": 7})", "fail_attempts") == 2.0);
    CHECK(number_member(R"({"job": {"fail_attempts": 2}})", "fail_attempts") == std::nullopt);
    CHECK(number_member(R"({"fail_attempts": 1, "fail_attempts": "x"})", "fail_attempts") == std::nullopt);
    CHECK(number_member(R"({"fail_attempts": "x", "fail_attempts": 3.5})", "fail_attempts") == 3.5);
    CHECK(number_member(R"({"fail_attempts": 2} trailing)", "fail_attempts") == std::nullopt);
    // Nesting (kMaxBodyDepth): a body of up to that many brackets is read; deeper, it is refused.
    CHECK(number_member(R"({"fail_attempts": 2, "deep": )" + nested(kMaxBodyDepth - 1, "1") + "}", "fail_attempts") == 2.0);
    CHECK(number_member(R"({"fail_attempts": 2, "deep": )" + nested(kMaxBodyDepth, "1") + "}", "fail_attempts") == std::nullopt);

    const std::vector<std::string> bodies{
        "", "   ", "x", "42", "[]", R"(["fail_attempts", 2])", "{}", R"({"fail_attempts": 2})",
        R"(  {"fail_attempts":-4})", R"({"fail_attempts": 18446744073709551615})", R"({"fail_attempts": 1e3})",
        R"({"fail_attempts": 1e400})", R"({"fail_attempts": null})", R"({"fail_attempts": true})",
        R"({"fail_attempts": [2]})", R"({"fail_attempts": {"n": 2}})", R"({"fail\u005fattempts": 5})",
        R"({"a": [1, {"fail_attempts": 9}], "fail_attempts": 2})", R"({"fail_attempts": 2,})",
        R"({"fail_attempts": 2)", "\xEF\xBB\xBF{\"fail_attempts\": 6}", "\xEF\xBB\xBF[6]",
        std::string(R"({"fail_attempts": 2, "x": "a)") + '\0' + R"("})", R"({"fail_attempts": "\ud800"})",
        R"({"fail_attempts": 2, "deep": )" + nested(kMaxBodyDepth - 1, "1") + "}",
        R"({"fail_attempts": 2, "deep": )" + nested(kMaxBodyDepth, "1") + "}",
        R"({"fail_attempts": 2, "deep": )" + nested(kMaxBodyDepth + 1, "") + "}",
        R"({"fail_attempts": 2, "deep": )" + nested(100'000, "") + "}",
    };
    for (const auto& body : bodies) {
        INFO("body: " << body.substr(0, 80));
        CHECK(number_member(body, "fail_attempts") == number_in_tree(body, "fail_attempts"));
    }
}

TEST_CASE("a body with more brackets than kMaxBodyDepth but shallow is read whole, as nlohmann reads it", "[handlers]") {
    std::string wide = R"({"fail_attempts": 3)";
    for (int i = 0; i < 20'000; ++i) wide += ",\"k" + std::to_string(i) + R"(": {"n": [)" + std::to_string(i) + "]}";
    wide += "}";
    const auto object = parse_json_object(wide);
    REQUIRE(object);
    CHECK(*object == nlohmann::json::parse(wide));
    CHECK((*object)["k19999"]["n"][0] == 19'999);
    CHECK(number_member(wide, "fail_attempts") == 3.0);
    // The same width with one member nested past the bound is refused whole.
    CHECK_FALSE(parse_json_object(wide.substr(0, wide.size() - 1) + R"(, "deep": )" + nested(kMaxBodyDepth, "1") + "}"));
}
