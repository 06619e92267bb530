#include <catch2/catch.hpp>

#include "builtin/builtins.h"
#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

TEST_CASE("idempotent processes each messageId once across invocations", "[handlers]") {
    const auto processed = std::make_shared<builtin::ProcessedKeys>();
    const SqsHandler handler = builtin::make_idempotent_handler({}, processed);
    const SqsEvent first{{make_record("m-1", "{}"), make_record("m-2", "{}")}};
    const SqsEvent redelivered{{make_record("m-2", "{}", 2), make_record("m-3", "{}")}};

    CHECK(failed_ids(invoke(handler, first)).empty());
    CHECK(failed_ids(invoke(handler, redelivered)).empty());

    CHECK(*processed == builtin::ProcessedKeys{"m-1", "m-2", "m-3"});
}

TEST_CASE("idempotent keyed on a body field treats two sends of one order as one", "[handlers]") {
    const auto processed = std::make_shared<builtin::ProcessedKeys>();
    const SqsHandler handler =
        builtin::make_idempotent_handler({{"key", "body.orderId"}}, processed);
    const SqsEvent event{{make_record("m-1", R"({"orderId": "o-1"})"),
                          make_record("m-2", R"({"orderId": "o-1"})"),
                          make_record("m-3", R"({"orderId": 42})")}};

    CHECK(failed_ids(invoke(handler, event)).empty());
    CHECK(*processed == builtin::ProcessedKeys{"42", "o-1"});
}

TEST_CASE("idempotent fails records whose body does not parse or lacks the key field",
          "[handlers]") {
    const SqsEvent event{{make_record("not-json", "oops"), make_record("empty", ""),
                          make_record("no-key", R"({"other": 1})"),
                          make_record("good", R"({"orderId": "o-1"})")}};

    CHECK(failed_ids(invoke(make_builtin("idempotent"), event)) == Ids{"not-json", "empty"});
    CHECK(failed_ids(invoke(make_builtin("idempotent", {{"key", "body.orderId"}}), event)) ==
          Ids{"not-json", "empty", "no-key"});
}

TEST_CASE("idempotent rejects a key that is neither messageId nor body.<field>", "[handlers]") {
    CHECK(rejected_field("idempotent", {{"key", "receiptHandle"}}) == "key");
    CHECK(rejected_field("idempotent", {{"key", "body."}}) == "key");
    CHECK(rejected_field("idempotent", {{"key", 1}}) == "key");
}

TEST_CASE("a body nested past 128 levels, or holding a NUL byte, is not JSON to the built-ins (issue 15)",
          "[handlers]") {
    // Keyed on a field, idempotent prints that field: 100,000 levels would overflow the stack.
    const std::string deep = R"({"orderId": )" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
    const std::string at_bound = R"({"orderId": )" + std::string(127, '[') + std::string(127, ']') + "}";
    const SqsEvent event{{make_record("deep", deep), make_record("nul", std::string(R"({"orderId": "o-1"})") + '\0' + "junk"),
                          make_record("at-bound", at_bound)}};
    CHECK(failed_ids(invoke(make_builtin("idempotent", {{"key", "body.orderId"}}), event)) == Ids{"deep", "nul"});
}
