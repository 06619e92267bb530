#pragma once
// Fuzz targets: each takes any bytes and must neither crash, hang, leak nor trip a sanitizer
// (docs/aws-rules.md 5.27, 5.28). libFuzzer drives them (scripts/fuzz, built with clang and
// QUEUELAB_FUZZ=ON); the normal test suite replays every input kept in
// tests/fuzz/regressions/<target>/ through the same functions (replay_test.cpp), so what once
// crashed stays fixed without running the fuzzer. Bad input is an expected outcome (InputError);
// any other exception escapes and counts as a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace queuelab::fuzz {

// Scenario text, optionally followed by a line "--set" and one KEY=VALUE override per line: loaded
// as `queuelab run --set` loads it; when valid, run for at most 20,000 events under a small
// budget (64 MB, 100,000 events at one instant) and its report built.
void scenario_loader(const std::uint8_t* data, std::size_t size);

// First byte: bit 0 is ReportBatchItemFailures; the rest is a function's response to a batch of
// three SQS messages, read by the batch response rules.
void batch_response_rules(const std::uint8_t* data, std::size_t size);

// A filter pattern's JSON text, a newline, then a record: JSON text, or plain text taken as a
// string. A well-formed pattern is matched against the record.
void event_filter(const std::uint8_t* data, std::size_t size);

// Any text: the line of a few paths in it, and the bounded parse of it.
void json_locator(const std::uint8_t* data, std::size_t size);

// Any text as a record body: the built-ins' number_member must give the number the parsed tree
// gives for the key "n" (a difference throws, and counts as a crash).
void body_number(const std::uint8_t* data, std::size_t size);

struct Target {
    std::string_view name;  // also the folder of its regressions and seeds
    void (*run)(const std::uint8_t* data, std::size_t size);
};
const std::vector<Target>& targets();

}  // namespace queuelab::fuzz
