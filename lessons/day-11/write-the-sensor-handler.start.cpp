// Day 11, practice: your sensor handler for stream-partial-batch.json. As it stands it reads each
// reading and answers success for every record, so the 140° reading is passed over.
//
// Make it reject readings over 100°: decode each record's data (base64), parse the JSON, and at
// the first reading that is not valid or is too hot, report its kinesis.sequenceNumber in
// batchItemFailures and stop (the records after it are delivered again anyway, so storing a
// reading must be harmless to repeat). Check it with: queuelab check day-11 --work
#include <iostream>

#include "queuelab/handler.h"

queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext&) {
    for (const auto& record : event.Records) {
        const auto data = queuelab::base64_decode(record.kinesis.data);
        std::cout << "reading " << data.value_or("(not base64)") << "\n";
    }
    return queuelab::HandlerResponse::batch({});
}
