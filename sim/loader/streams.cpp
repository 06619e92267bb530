// Kinesis streams (docs/scenario-format.md 4.2; docs/aws-rules.md 3.1-3.6), read after the queues:
// a stream may not take a queue's name, since mappings and traffic name either by its name alone
// (docs/scenario-format.md 3).

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

StreamConfig read_stream(const ScenarioReading& reading, const std::string& name, const json& value,
                         const std::string& path) {
    const auto& r = reading.r;
    const auto entries = entries_of(Resource::Stream);
    r.object(value, path);
    r.check_keys(value, path, ScenarioReading::top_level_keys(entries));
    if (!is_stream_name(name)) {
        r.fail(path, "expected a stream name of 1 to 128 alphanumeric characters, hyphens, underscores or periods, got " +
                         quote(name));
    }
    if (reading.s.queues.count(name) != 0) {
        r.fail(path, "expected a name that no queue of this scenario has (mappings and traffic name a queue or stream by "
                     "its name alone), got " +
                         quote(name) + ", the name of a queue");
    }
    StreamConfig stream;
    stream.name = name;
    reading.read_parameters(value, path, entries, stream);
    return stream;
}

}  // namespace

void read_streams(ScenarioReading& reading, const json& document) {
    const json* streams = JsonReader::member(document, "streams");
    if (streams == nullptr) return;
    reading.r.object(*streams, "streams", "an object of streams by name");
    for (const auto& [name, value] : streams->items()) {
        reading.s.streams[name] = read_stream(reading, name, value, join_path("streams", name));
    }
}

}  // namespace queuelab::sim::loader
