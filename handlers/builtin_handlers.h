#pragma once
// The handlers that ship with queuelab. Each is a small example of the parse → handle →
// collect-failures split; lessons and examples refer to them by name.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "queuelab/handler.h"

namespace queuelab {

// The parts of an SQS record (SqsMessage) that a handler reads.
struct SqsRecordParts {
    bool messageId = false;
    bool receiptHandle = false;
    bool body = false;
    bool attributes = false;  // all the system attributes: ApproximateReceiveCount, SentTimestamp, ...
    bool messageAttributes = false;
    bool md5OfBody = false;
    bool eventSource = false;  // eventSource, eventSourceARN and awsRegion

    static constexpr SqsRecordParts all() { return {true, true, true, true, true, true, true}; }
};

// The parts of a Kinesis event record (KinesisEventRecord) that a handler reads.
struct KinesisRecordParts {
    bool sequenceNumber = false;
    bool partitionKey = false;
    bool data = false;
    // eventID, kinesis.approximateArrivalTimestamp, invokeIdentityArn, awsRegion and eventSourceARN
    bool metadata = false;

    static constexpr KinesisRecordParts all() { return {true, true, true, true}; }
};

// The record parts a handler reads, of each kind of event. The simulator builds only these for a
// built-in and leaves the others empty; code it cannot see into (a learner's handler, a bootstrap)
// gets every part. tests/sim/event_records_test.cpp checks each built-in's declaration: every
// example's report is the same when every part is built.
struct RecordParts {  // by default, every part
    SqsRecordParts sqs = SqsRecordParts::all();
    KinesisRecordParts kinesis = KinesisRecordParts::all();
};

struct BuiltinHandler {
    std::string name;
    std::string summary;       // one line, for `queuelab handlers`
    std::string source_file;   // path under handlers/, for the GUI's code view
    // Build a fresh handler (with its own state) from Simulation.Params, for SQS events and for
    // Kinesis events. Either may be empty: the handler does not take that kind of event.
    // Throw HandlerParamError for a parameter the handler does not accept.
    std::function<SqsHandler(const nlohmann::json& params)> make_sqs;
    std::function<KinesisHandler(const nlohmann::json& params)> make_kinesis;
    RecordParts reads;  // what its handlers read of their records
};

// In name order.
const std::vector<BuiltinHandler>& builtin_handlers();

// nullptr if there is no handler of that name.
const BuiltinHandler* find_builtin_handler(std::string_view name);

}  // namespace queuelab
