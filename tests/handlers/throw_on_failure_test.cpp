#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

TEST_CASE("throw-on-failure returns nothing when every record is an order", "[handlers]") {
    const SqsEvent event{{make_record("a", R"({"orderId": "a"})"),
                          make_record("b", R"({"orderId": "b", "quantity": 1})")}};

    CHECK(invoke(make_builtin("throw-on-failure"), event).payload.empty());
}

TEST_CASE("throw-on-failure throws on a record that is not an order, naming it", "[handlers]") {
    const SqsEvent event{{make_record("a", R"({"orderId": "a"})"), make_record("bad", "oops"),
                          make_record("c", R"({"orderId": "c"})")}};

    CHECK_THROWS_WITH(invoke(make_builtin("throw-on-failure"), event), Catch::Contains("bad"));
}
