#pragma once
// Builds the SQS event records a handler receives (docs/aws-rules.md 2.20) from the simulated
// queue's state. A record depends only on the message and which receive it is, so the event of
// any past invocation can be rebuilt exactly for reports and the GUI.

#include <vector>

#include "builtin_handlers.h"
#include "queuelab/sqs_event.h"
#include "sqs_service.h"

namespace queuelab::sim {

// A FIFO message's SequenceNumber: a 20-digit decimal string (docs/aws-rules.md 5.21).
std::string fifo_sequence_number(std::uint64_t sequence);

// Overwrites the `parts` of `record` (reusing its strings' capacity) and leaves the others empty,
// for code that never reads them (FunctionCode::record_parts).
void fill_sqs_record(SqsService& sqs, const std::string& region, std::uint32_t queue, Receipt receipt,
                     SqsMessage& record, const SqsRecordParts& parts = SqsRecordParts::all());

SqsEvent build_sqs_event(SqsService& sqs, const std::string& region, std::uint32_t queue,
                         std::span<const RecordRef> records);

}  // namespace queuelab::sim
