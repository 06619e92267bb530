#pragma once
// How Lambda reads a function's response to a batch (docs/aws-rules.md 2.11-2.14, 3.19 for
// streams, whose identifiers are sequence numbers, and 5.12 for the shapes AWS does not
// describe). Pure: no engine state.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recorder.h"

namespace queuelab::sim {

struct ResponseVerdict {
    enum class Kind { AllSucceeded, PartialFailure, FunctionError };
    Kind kind = Kind::AllSucceeded;
    // PartialFailure: positions (in the batch) of the records Lambda treats as failed.
    std::vector<std::uint32_t> failed;
    // Positions the handler itself named in a well-formed batchItemFailures list, whether or
    // not the mapping reads it (the handler's own view, for handler_ok / handler_failed).
    std::vector<std::uint32_t> reported_failed;
    // FunctionError: why the response counts as a failure of the whole batch.
    std::string error;
};

// True when the response names no record whatever the mapping's settings: blank, or exactly what a
// handler's empty BatchResponse gives, {"batchItemFailures":[]}. Such a response is read without the
// batch's item ids, and without parsing.
bool names_no_records(std::string_view payload);

// `payload` is what the function returned (the invocation itself succeeded); `item_ids` are the
// batch's record identifiers in order.
//
// Without ReportBatchItemFailures the response is ignored: AllSucceeded.
// With it: an empty payload, null, [], {}, an object without batchItemFailures, or a null or
// empty batchItemFailures is full success. Invalid JSON, an itemIdentifier that is missing, null,
// not a string, empty, or not an id of the batch is a FunctionError. Valid JSON that is neither
// an object, null nor [] (a number, a string, a non-empty array) and a batchItemFailures that is
// not a list are FunctionErrors too: AWS does not document them, and a response Lambda cannot
// read as a batch response fails the batch.
ResponseVerdict apply_response_rules(std::string_view payload,
                                     const std::vector<std::string>& item_ids,
                                     bool report_batch_item_failures);

// A finished invoke as Lambda reads it. When the function returned (record.result is Success),
// the response rules apply to record.response_payload, and the record's result becomes partial,
// or error with the reason, accordingly; otherwise (error, timeout, crash) the whole batch failed.
// record.failures gets the records the handler named. `item_ids` are the batch's identifiers in
// order; only read when the payload names records (names_no_records is false). The failures and
// an error's text are kept by `recorder`.
ResponseVerdict read_invocation_result(InvocationRecord& record, const std::vector<std::string>& item_ids,
                                       bool report_batch_item_failures, Recorder& recorder);

// What the handler itself reported for each record (docs/report-format.md 4.1 handler_ok /
// handler_failed): failed when the invoke failed, when its response failed the whole batch, or when
// the response named the record.
std::vector<bool> handler_failures(const ResponseVerdict& verdict, bool returned, std::size_t count);

}  // namespace queuelab::sim
