#pragma once
// What the built-ins that call services share: a record's payload as text (an SQS body, a Kinesis
// record's decoded data), and running a batch record by record while telling the context which
// record each call belongs to (InvocationContext::set_current_record), so that what a call sends
// names that record as its parent.

#include <string>

#include "batch_failures.h"
#include "queuelab/handler.h"

namespace queuelab::builtin {

inline std::string payload_of(const SqsMessage& record) { return record.body; }
inline std::string payload_of(const KinesisEventRecord& record) {
    return base64_decode(record.kinesis.data).value_or(record.kinesis.data);
}

// AWS's templates: an SQS batch goes on after a failed record; a stream batch stops there, since
// Lambda retries it from the lowest failed record on (docs/aws-rules.md 3.19).
inline AfterFailure after_failure_for(const SqsEvent&) { return AfterFailure::go_on; }
inline AfterFailure after_failure_for(const KinesisEvent&) { return AfterFailure::stop; }

// collect_failures with the context's current record set to each record in turn.
template <typename Event, typename ProcessRecord>
HandlerResponse process_each(const Event& event, InvocationContext& context, ProcessRecord&& process_record) {
    return HandlerResponse::batch(collect_failures(
        event,
        [&](const auto& record) {
            context.set_current_record(item_identifier(record));
            return process_record(record);
        },
        after_failure_for(event)));
}

}  // namespace queuelab::builtin
