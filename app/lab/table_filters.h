#pragma once
// Which messages, stream records and invocations the Messages view's tables list under each of
// their filters.

#include <cstdint>

#include "engine.h"

namespace queuelab::lab {

enum class MessageFilter { All, InFlight, ReceivedMoreThanOnce, DeadLettered, Lost };
enum class RecordFilter { All, DeliveredMoreThanOnce, GivenUp, Filtered };
enum class InvocationFilter { All, Failed, Throttled, ColdStarts };

// The function failed: an error, a timeout or a crash (a partial batch response is not one).
bool invocation_failed(sim::InvocationResult result);

// Lost: deleted, and not by a redrive, although the handler last reported it failed.
bool matches(MessageFilter filter, const sim::SqsService& sqs, const sim::Message& message);
// Given up: sent to the on-failure destination or skipped.
bool matches(RecordFilter filter, const sim::StreamRecord& record);
// Failed: settled (see invocation_settled) as a failure or a partial batch response.
bool matches(InvocationFilter filter, const sim::Engine& engine, std::uint32_t invocation);

}  // namespace queuelab::lab
