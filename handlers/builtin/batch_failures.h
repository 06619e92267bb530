#pragma once
// The collect-failures step the built-ins share, as in AWS's partial batch response templates:
// process every record, and list the ones that failed in the batch response.

#include "sqs_event.h"

namespace queuelab::builtin {

enum class RecordOutcome { processed, failed };

// Calls `process_record(const SqsMessage&) -> RecordOutcome` on every record, in order, and
// returns the messageIds of the records it failed.
template <typename ProcessRecord>
BatchResponse collect_failures(const SqsEvent& event, ProcessRecord&& process_record) {
    BatchResponse response;
    for (const SqsMessage& record : event.Records) {
        if (process_record(record) == RecordOutcome::failed) {
            response.batchItemFailures.push_back({record.messageId});
        }
    }
    return response;
}

}  // namespace queuelab::builtin
