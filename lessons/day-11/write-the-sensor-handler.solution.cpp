// Day 11, practice, a reference solution: each record's data is a reading {"temperature": number}.
// The first record that is not one, or is over 100°, is reported by its sequence number and the
// loop stops: Lambda checkpoints before it and retries from it, the records after it included.
// Storing a reading is keyed by its sequence number, so a repeat stores nothing new.
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>

#include "queuelab/handler.h"

namespace {

constexpr double kMaxTemperature = 100;

double parse_temperature(const queuelab::KinesisEventRecord& record) {
    const auto data = queuelab::base64_decode(record.kinesis.data);
    if (!data) throw std::invalid_argument("the data is not base64");
    const nlohmann::json reading = nlohmann::json::parse(*data, nullptr, false);
    if (!reading.is_object() || !reading.contains("temperature") || !reading["temperature"].is_number()) {
        throw std::invalid_argument("not a reading");
    }
    return reading["temperature"].get<double>();
}

std::set<std::string> stored;  // what a real handler would keep in a table keyed by sequence number

void store(const queuelab::KinesisEventRecord& record, double temperature) {
    if (!stored.insert(record.kinesis.sequenceNumber).second) return;
    std::cout << "stored " << temperature << " from " << record.kinesis.sequenceNumber << "\n";
}

}  // namespace

queuelab::HandlerResponse handle(const queuelab::KinesisEvent& event, queuelab::InvocationContext&) {
    queuelab::BatchResponse response;
    for (const auto& record : event.Records) {
        try {
            const double temperature = parse_temperature(record);
            if (temperature > kMaxTemperature) throw std::invalid_argument("over 100 degrees");
            store(record, temperature);
        } catch (const std::exception& error) {
            std::cout << "record " << record.kinesis.sequenceNumber << " failed: " << error.what() << "\n";
            response.batchItemFailures.push_back({record.kinesis.sequenceNumber});
            break;
        }
    }
    return queuelab::HandlerResponse::batch(response);
}
