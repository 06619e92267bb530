#include <catch2/catch.hpp>

#include "handler_test_support.h"

using namespace queuelab;
using namespace queuelab::test;

namespace {

const SqsEvent three_records{
    {make_record("a", R"({"orderId": "a"})"), make_record("b", "x"), make_record("c", "")}};

}  // namespace

TEST_CASE("slow declares work_ms plus per_record_ms per record and succeeds", "[handlers]") {
    const SqsHandler handler = make_builtin("slow", {{"work_ms", 200}, {"per_record_ms", 10.5}});
    InvocationContext context = make_context();

    const HandlerResponse response = handler(three_records, context);

    CHECK(context.extra_work_ms() == Approx(231.5));
    CHECK(context.remaining_time_ms() == 3000 - 231);
    CHECK(response.payload == R"({"batchItemFailures":[]})");
}

TEST_CASE("slow defaults to 1000 ms per invocation and nothing per record", "[handlers]") {
    InvocationContext context = make_context();

    make_builtin("slow")(three_records, context);

    CHECK(context.extra_work_ms() == Approx(1000));
}

TEST_CASE("slow rejects negative or non-numeric durations", "[handlers]") {
    CHECK_THROWS_MATCHES(make_builtin("slow", {{"work_ms", -1}}), HandlerParamError,
                         Catch::Message("work_ms: expected a number >= 0"));
    CHECK(rejected_field("slow", {{"per_record_ms", "5"}}) == "per_record_ms");
}

TEST_CASE("slow declares the same work for a Kinesis batch", "[handlers]") {
    const KinesisHandler handler =
        make_stream_builtin("slow", {{"work_ms", 200}, {"per_record_ms", 10}});
    const KinesisEvent two_records{{make_stream_record("1", "x"), make_stream_record("2", "")},
                                   std::nullopt};
    InvocationContext context = make_context();

    const HandlerResponse response = handler(two_records, context);

    CHECK(context.extra_work_ms() == Approx(220));
    CHECK(response.payload == R"({"batchItemFailures":[]})");
}
