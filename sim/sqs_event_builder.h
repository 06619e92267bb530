#pragma once
// Builds the SQS event records a handler receives (docs/aws-rules.md 2.20) from the simulated
// queue's state. A record depends only on the message and which receive it is, so the event of
// any past invocation can be rebuilt exactly for reports and the GUI.

#include <vector>

#include "queuelab/sqs_event.h"
#include "sqs_service.h"

namespace queuelab::sim {

// A FIFO message's SequenceNumber: a 20-digit decimal string (docs/aws-rules.md 5.21).
std::string fifo_sequence_number(std::uint64_t sequence);

enum class BodyDigest { Computed, LeftEmpty };

// Overwrites `record` (reusing its strings' capacity). LeftEmpty leaves md5OfBody empty, for code
// that never reads it (FunctionCode::reads_md5_of_body).
void fill_sqs_record(SqsService& sqs, const std::string& region, std::uint32_t queue, Receipt receipt,
                     SqsMessage& record, BodyDigest digest = BodyDigest::Computed);

SqsEvent build_sqs_event(SqsService& sqs, const std::string& region, std::uint32_t queue,
                         std::span<const RecordRef> records);

}  // namespace queuelab::sim
