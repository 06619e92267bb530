// docs/aws-rules.md 5.21: identifiers are written as AWS writes them. The hex the ids are made of is
// written 16 digits at a time; these cases hold it to printf's "%016llx" and the UUID to its layout.

#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <string>

#include "engine_test_support.h"
#include "hex.h"
#include "ids.h"
#include "random.h"

using namespace queuelab::sim;

namespace {

std::string printf_hex(std::uint64_t value, int digits) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return std::string(text + 16 - digits);
}

}  // namespace

TEST_CASE("docs/aws-rules.md 5.21 hex digits are printf's lower-case hex, for every nibble in every place and any width", "[ids]") {
    std::vector<std::uint64_t> values = {0, ~std::uint64_t{0}, 0x0123'4567'89ab'cdefull, 0xfedc'ba98'7654'3210ull};
    for (int place = 0; place < 16; ++place) {
        for (std::uint64_t nibble = 0; nibble < 16; ++nibble) values.push_back(nibble << (4 * place));
    }
    for (std::uint64_t i = 0; i < 1000; ++i) values.push_back(mix64(7, i));
    for (const auto value : values) {
        for (const int digits : {16, 12, 8, 2, 1}) {
            char text[16];
            const char* end = put_hex(text, value, digits);
            REQUIRE(end == text + digits);
            REQUIRE(std::string(text, static_cast<std::size_t>(digits)) == printf_hex(value, digits));
        }
    }
}

TEST_CASE("docs/aws-rules.md 5.21 a MessageId or request ID is a version-4 UUID made of its 128 bits", "[ids]") {
    const std::regex layout("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (std::uint64_t i = 0; i < 1000; ++i) {
        const std::uint64_t high = mix64(1, 2 * i);
        const std::uint64_t low = mix64(1, 2 * i + 1);
        const std::string id = format_uuid(high, low);
        REQUIRE(std::regex_match(id, layout));
        const std::string high_hex = printf_hex(high, 16);
        const std::string low_hex = printf_hex(low, 16);
        CHECK(id.substr(0, 8) + id.substr(9, 4) + id.substr(15, 3) == high_hex.substr(0, 12) + high_hex.substr(13, 3));
        CHECK(id.substr(20, 3) + id.substr(24, 12) == low_hex.substr(1, 15));
        CHECK(id[19] == "89ab"[low >> 62]);
    }
}

TEST_CASE("docs/aws-rules.md 5.21 a receipt handle is AQEB and 48 hex digits, new per receive, and a MessageId written in place is the one returned", "[ids]") {
    const auto run = queuelab::sim::test::run_scenario(R"({"name": "ids", "duration_s": 10, "queues": {"q": {}},
        "traffic": [{"to": "q", "at_s": 0, "count": 3, "body": "m"}]})");
    const auto& sqs = run.engine->sqs();
    const std::regex layout("AQEB[0-9a-f]{48}");
    for (std::uint32_t message = 0; message < 3; ++message) {
        char id[kUuidSize];
        CHECK(sqs.put_message_id(id, message) == id + kUuidSize);
        CHECK(std::string(id, kUuidSize) == sqs.message_id(message));
        const std::string first = sqs.receipt_handle(Receipt{message, 1});
        CHECK(std::regex_match(first, layout));
        CHECK(first != sqs.receipt_handle(Receipt{message, 2}));
        char handle[SqsService::kReceiptHandleSize];
        CHECK(sqs.put_receipt_handle(handle, Receipt{message, 1}) == handle + sizeof handle);
        CHECK(std::string(handle, sizeof handle) == first);
    }
}
