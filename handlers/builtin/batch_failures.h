#pragma once
// The collect-failures step the built-ins share, as in AWS's partial batch response templates:
// process the records, and list the ones that failed in the batch response. A failure is named by
// the record's messageId (SQS) or kinesis.sequenceNumber (Kinesis).

#include <string>

#include "queuelab/kinesis_event.h"
#include "queuelab/sqs_event.h"

namespace queuelab::builtin {

enum class RecordOutcome { processed, failed };

// The batchItemFailures itemIdentifier of a record.
inline const std::string& item_identifier(const SqsMessage& record) {
    return record.messageId;
}
inline const std::string& item_identifier(const KinesisEventRecord& record) {
    return record.kinesis.sequenceNumber;
}

// What to do after a failed record: go on with the batch, or stop there (AWS's template for
// streams: Lambda retries a stream batch from its lowest failed record on, so the records after it
// come again anyway, and a handler that keeps state must not count them twice).
enum class AfterFailure { go_on, stop };

// Calls `process_record(const Record&) -> RecordOutcome` on the records of an SqsEvent or a
// KinesisEvent, in order, and returns the identifiers of the records it failed.
template <typename Event, typename ProcessRecord>
BatchResponse collect_failures(const Event& event, ProcessRecord&& process_record,
                               AfterFailure after_failure = AfterFailure::go_on) {
    BatchResponse response;
    for (const auto& record : event.Records) {
        if (process_record(record) != RecordOutcome::failed) continue;
        response.batchItemFailures.push_back({item_identifier(record)});
        if (after_failure == AfterFailure::stop) break;
    }
    return response;
}

}  // namespace queuelab::builtin
