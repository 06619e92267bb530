// A handler for Kinesis stream events. Each record goes through three steps:
//   parse   its data (base64 in the event) into what your code works on (throw when it is not
//           what you expect),
//   handle  the work for one record (throw when it fails),
//   collect the first record that failed into batchItemFailures, by its sequence number.
// With ReportBatchItemFailures on the event source mapping, Lambda checkpoints up to that record
// and retries the batch from it, so the records after it are sent again anyway: stop at the first
// failure. Without it, any failure retries the whole batch, and the shard waits.
//
// What you print goes to the invocation's log. context.simulate_work(ms) declares virtual time
// spent; the function's Simulation settings give the rest.
#include <iostream>
#include <stdexcept>

#include "queuelab/handler.h"

namespace {

nlohmann::json parse(const queuelab::KinesisEventRecord& record) {
    const auto data = queuelab::base64_decode(record.kinesis.data);
    if (!data) throw std::invalid_argument("the data is not base64");
    nlohmann::json value = nlohmann::json::parse(*data, nullptr, false);
    if (value.is_discarded()) throw std::invalid_argument("the data is not JSON");
    return value;
}

void handle_one(const nlohmann::json& value, queuelab::InvocationContext& context) {
    (void)context;
    std::cout << "handled " << value.dump() << "\n";
}

}  // namespace

queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext& context) {
    queuelab::BatchResponse response;
    for (const auto& record : event.Records) {
        try {
            handle_one(parse(record), context);
        } catch (const std::exception& error) {
            std::cout << "record " << record.kinesis.sequenceNumber << " failed: " << error.what() << "\n";
            response.batchItemFailures.push_back({record.kinesis.sequenceNumber});
            break;
        }
    }
    return queuelab::HandlerResponse::batch(response);
}
