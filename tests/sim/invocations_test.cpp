// A run's invocations (sim/invocations.h, docs/report-format.md 5) read back exactly as they were
// recorded, whatever they share with others: their records, shape, texts, failures and calls; an
// invocation's end is its start plus init and invoke (docs/aws-rules.md 4.11), its start for a
// throttled attempt; settling replaces its result, failures and texts and keeps its calls.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "interned.h"
#include "invocations.h"

using namespace queuelab::sim;

namespace {

InvocationRecord warm_error(SimTime start, std::span<const RecordRef> records, TextPool& texts, const std::string& message) {
    InvocationRecord record;
    record.function = 2;
    record.mapping = 1;
    record.memory_mb = 512;
    record.result = InvocationResult::Error;
    record.start = start;
    record.duration_ms = 20.25;
    record.records = records;
    record.error_type = texts.keep("Unhandled");
    record.error_message = texts.keep(message);
    return record;
}

}  // namespace

TEST_CASE("interned values are stored once each, and each index reads back its value", "[invocations]") {
    Interned<std::string> values;
    const auto a = values.intern("alpha");
    const auto b = values.intern("beta");
    CHECK(values.intern("alpha") == a);
    CHECK(values.intern("beta") == b);
    CHECK(a != b);
    CHECK(values.size() == 2);
    for (int i = 0; i < 5000; ++i) values.intern("value " + std::to_string(i % 2500));  // crosses a chunk
    CHECK(values.size() == 2502);
    CHECK(values[a] == "alpha");
    CHECK(values[values.intern("value 2499")] == "value 2499");
}

TEST_CASE("an invocation reads back as recorded: its shape, records, texts, end, failures and calls", "[invocations]") {
    TextPool texts;
    Invocations invocations;
    const std::vector<RecordRef> batch = {{7, 1}, {8, 3}};
    auto cold = warm_error(from_seconds(1.5), batch, texts, "first");
    cold.source_kind = EventSourceKind::KinesisStream;
    cold.cold_start = true;
    cold.init_ms = 200.5;
    cold.logs = texts.keep("printed\n");
    CallRecord call;
    call.operation = "SendMessage";
    call.created = {42};
    REQUIRE(invocations.add(cold, {call}) == 0);

    InvocationRecord throttled;
    throttled.result = InvocationResult::Throttled;
    throttled.start = from_seconds(3);
    throttled.records = batch;
    throttled.error_type = texts.keep("TooManyRequestsException");
    REQUIRE(invocations.add(throttled) == 1);

    const auto read = invocations[0];
    CHECK(read.source_kind == EventSourceKind::KinesisStream);
    CHECK(read.cold_start);
    CHECK(read.result == InvocationResult::Error);
    CHECK(read.function == 2);
    CHECK(read.mapping == 1);
    CHECK(read.memory_mb == 512);
    CHECK(read.start == from_seconds(1.5));
    CHECK(read.init_ms == 200.5);
    CHECK(read.duration_ms == 20.25);
    CHECK(read.end() == from_seconds(1.5) + from_millis(200.5 + 20.25));
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[1].message == 8);
    CHECK(read.records[1].receive_count == 3);
    CHECK(read.error_type == "Unhandled");
    CHECK(read.error_message == "first");
    CHECK(read.logs == "printed\n");
    CHECK(read.response_payload.empty());
    REQUIRE(read.calls.size() == 1);
    CHECK(read.calls[0].operation == "SendMessage");
    CHECK(read.calls[0].created == std::vector<std::uint32_t>{42});
    CHECK(read.failures.empty());

    const auto attempt = invocations[1];
    CHECK(attempt.result == InvocationResult::Throttled);
    CHECK(attempt.end() == attempt.start);
    CHECK(attempt.error_type == "TooManyRequestsException");
    CHECK(attempt.error_message.empty());
    CHECK(invocations.result(1) == InvocationResult::Throttled);
}

TEST_CASE("settling an invocation replaces its result, failures and texts and keeps its records and calls",
          "[invocations]") {
    TextPool texts;
    Invocations invocations;
    const std::vector<RecordRef> batch = {{1, 1}, {2, 1}, {3, 1}};
    auto record = warm_error(0, batch, texts, "boom");
    record.result = InvocationResult::Success;
    record.error_type = {};
    record.error_message = {};
    CallRecord call;
    call.operation = "PutItem";
    const auto index = invocations.add(record, {call});

    auto settled = invocations[index];
    const std::vector<std::uint32_t> failed = {2, 3};
    settled.result = InvocationResult::Partial;
    settled.failures = failed;
    settled.response_payload = texts.keep(R"({"batchItemFailures":[]})");
    invocations.settle(index, settled);

    const auto read = invocations[index];
    CHECK(read.result == InvocationResult::Partial);
    CHECK(std::vector<std::uint32_t>(read.failures.begin(), read.failures.end()) == failed);
    CHECK(read.response_payload == R"({"batchItemFailures":[]})");
    REQUIRE(read.records.size() == 3);
    CHECK(read.records[2].message == 3);
    REQUIRE(read.calls.size() == 1);
    CHECK(read.calls[0].operation == "PutItem");
}

TEST_CASE("invocations alike share their shape and texts: each costs 20 bytes and its records", "[invocations]") {
    TextPool texts;
    Invocations invocations;
    const std::vector<RecordRef> one = {{0, 1}};
    invocations.add(warm_error(0, one, texts, "same"));
    const auto first = invocations.stored_bytes();
    for (int i = 1; i <= 100; ++i) invocations.add(warm_error(from_seconds(i), one, texts, "same"));
    CHECK(invocations.stored_bytes() - first == 100 * (20 + sizeof(RecordRef)));
    CHECK(invocations[100].start == from_seconds(100));
    CHECK(invocations[100].error_message == "same");
}

TEST_CASE("record lists read back whole when the store of records fills a block", "[invocations]") {
    TextPool texts;
    Invocations invocations;
    std::vector<RecordRef> batch(10'000);
    std::uint32_t next = 0;
    for (int i = 0; i < 15; ++i) {  // 150,000 records: lists that would straddle a 65,536-record block
        for (auto& r : batch) r = RecordRef{next++, static_cast<std::uint32_t>(i)};
        invocations.add(warm_error(from_seconds(i), batch, texts, "x"));
    }
    std::uint32_t expected = 0;
    for (const auto& record : invocations) {
        REQUIRE(record.records.size() == 10'000);
        for (const auto& r : record.records) CHECK(r.message == expected++);
    }
    CHECK(expected == 150'000);
}
