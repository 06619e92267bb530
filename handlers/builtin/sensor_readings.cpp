// sensor-readings: the sensor-reading processor of AWS's stream templates. Each record's data is
// a reading {"sensor_id"?: string, "temperature": number}. A record that is not one (data not
// base64, not a JSON object, no numeric temperature) fails to parse, and a reading over
// `max_temperature` (default 100) is rejected; both are reported in batchItemFailures by their
// sequenceNumber, so Lambda retries the batch from the first of them. Kinesis events only.

#include "batch_failures.h"
#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

struct SensorReading {
    std::optional<std::string> sensor_id;
    double temperature;
};

// nullopt when the data is not a SensorReading: not a JSON object, no numeric temperature, or a
// sensor_id that is not a string.
std::optional<SensorReading> parse_reading(std::string_view base64_data) {
    const std::optional<nlohmann::json> data = decode_json_object(base64_data);
    if (!data) return std::nullopt;
    const auto temperature = data->find("temperature");
    if (temperature == data->end() || !temperature->is_number()) return std::nullopt;
    SensorReading reading{std::nullopt, temperature->get<double>()};
    if (const auto sensor_id = data->find("sensor_id"); sensor_id != data->end()) {
        if (!sensor_id->is_string()) return std::nullopt;
        reading.sensor_id = sensor_id->get<std::string>();
    }
    return reading;
}

RecordOutcome process_reading(const KinesisEventRecord& record, double max_temperature) {
    const std::optional<SensorReading> reading = parse_reading(record.kinesis.data);
    if (!reading) return RecordOutcome::failed;
    if (reading->temperature > max_temperature) return RecordOutcome::failed;
    // A real handler would store *reading here.
    return RecordOutcome::processed;
}

double read_max_temperature(const nlohmann::json& params) {
    return HandlerParams(params, {"max_temperature"}).number("max_temperature", 100);
}

}  // namespace

BuiltinHandler sensor_readings_handler() {
    return {"sensor-readings",
            "Reports stream records that are not a reading {\"temperature\": number} or are over "
            "max_temperature in batchItemFailures",
            "handlers/builtin/sensor_readings.cpp",
            /*make_sqs=*/{}, [](const nlohmann::json& params) {
                return KinesisHandler([max_temperature = read_max_temperature(params)](
                                          const KinesisEvent& event, InvocationContext&) {
                    return HandlerResponse::batch(
                        collect_failures(event, [&](const KinesisEventRecord& record) {
                            return process_reading(record, max_temperature);
                        }));
                });
            },
            /*reads=*/{.kinesis = {.sequenceNumber = true, .data = true}}};
}

}  // namespace queuelab::builtin
