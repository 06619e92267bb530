#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

TEST_CASE("order-processor reports only the records that are not orders", "[handlers]") {
    const SqsEvent event{{make_record("good", R"({"orderId": "a", "quantity": 2})"),
                          make_record("not-json", "not json"), make_record("empty", ""),
                          make_record("no-order-id", R"({"quantity": 2})"),
                          make_record("numeric-id", R"({"orderId": 7})"),
                          make_record("bad-quantity", R"({"orderId": "b", "quantity": "two"})"),
                          make_record("array", R"(["orderId"])"),
                          make_record("no-quantity", R"({"orderId": "c"})")}};

    CHECK(failed_ids(invoke(make_builtin("order-processor"), event)) ==
          Ids{"not-json", "empty", "no-order-id", "numeric-id", "bad-quantity", "array"});
}

TEST_CASE("order-processor returns an empty batchItemFailures when every record is an order",
          "[handlers]") {
    const SqsEvent event{{make_record("a", R"({"orderId": "a"})")}};

    CHECK(invoke(make_builtin("order-processor"), event).payload == R"({"batchItemFailures":[]})");
}
