// Traffic (docs/scenario-format.md 5): explicit messages, counted copies of a template or
// a steady rate, to a queue or a stream, with SendMessage's and PutRecord's checks.

#include <cmath>
#include <cstdlib>

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

const std::string kNotValidForQueueType = "The request include parameter that is not valid for this queue type";

// Traffic keys: the entry's shape, then what a queue's message or a stream's record holds.
const Keys kTrafficShapeKeys = {"to", "at_s", "messages", "count", "rate_per_s", "from_s", "until_s"};
const Keys kMessageKeys = {"body", "MessageGroupId", "MessageDeduplicationId", "DelaySeconds", "MessageAttributes"};
const Keys kRecordKeys = {"partition_key", "data", "ExplicitHashKey"};
constexpr std::size_t kRecordDataMaxBytes = 1'048'576;  // PutRecord's Data, before base64
// The simulator's own bound (not AWS's), so that a run fits in memory.
constexpr double kMaxSendsPerScenario = 10'000'000;
// The least the engine keeps for each message or record besides its bytes: a stream record
// (88 bytes; a message takes 104, and histories more when kept), so that the memory budget
// refuses at load only traffic that cannot fit (docs/aws-rules.md 5.28).
constexpr double kStoredBytesPerSend = 88;

Keys concat(std::initializer_list<Keys> lists) {
    Keys all;
    for (const Keys& list : lists) all.insert(all.end(), list.begin(), list.end());
    return all;
}

class TrafficReader {
public:
    explicit TrafficReader(ScenarioReading& reading) : reading_(reading), r_(reading.r), s_(reading.s) {}

    void read_traffic(const json& document) {
        const json* traffic = JsonReader::member(document, "traffic");
        if (traffic == nullptr) return;
        r_.array(*traffic, "traffic", "an array of traffic entries");
        double total = 0;
        double bytes = 0;
        for (std::size_t i = 0; i < traffic->size(); ++i) {
            s_.traffic.push_back(
                read_traffic_entry((*traffic)[i], join_path("traffic", std::to_string(i))));
            total += s_.traffic.back().sends(s_.duration_s);
            bytes += bytes_of(s_.traffic.back());
        }
        // The simulator's own bounds (not AWS's), so that a run fits in memory (docs/aws-rules.md 5.28).
        if (total > kMaxSendsPerScenario) {
            r_.fail("traffic", "expected at most " + format_number(kMaxSendsPerScenario) +
                                   " messages and records in all (the simulator's limit), got about " +
                                   format_number(std::floor(total)));
        }
        if (bytes > static_cast<double>(s_.limits.max_stored_bytes)) {
            r_.fail("traffic", "expected at most " + format_number(static_cast<double>(s_.limits.max_stored_bytes)) +
                                   " bytes of messages and records in all (the run's memory budget, service limit "
                                   "max_stored_bytes), got about " + format_number(std::floor(bytes)));
        }
    }

    // What the engine will keep for the messages or records an entry sends, in bytes.
    double bytes_of(const TrafficEntry& entry) const {
        const auto size = [](const MessageSpec& m) {
            return static_cast<double>(m.body.size() + m.partition_key.size() + m.data.size());
        };
        if (entry.kind != TrafficEntry::Kind::Messages) {
            return entry.sends(s_.duration_s) * (kStoredBytesPerSend + size(entry.message_template));
        }
        double bytes = 0;
        for (const MessageSpec& message : entry.messages) bytes += kStoredBytesPerSend + size(message);
        return bytes;
    }

    TrafficEntry read_traffic_entry(const json& value, const std::string& path) const {
        r_.object(value, path);
        r_.check_keys(value, path, concat({kTrafficShapeKeys, kMessageKeys, kRecordKeys}));
        TrafficEntry entry;
        const SourceRef target = source_reference(
            r_.required(value, path, "to", "the name of a queue or stream"), join_path(path, "to"),
            true);
        entry.to = target.name;
        reject_content_keys(value, path, target);
        entry.kind = traffic_kind(value, path, target);
        read_traffic_shape(value, path, entry);
        if ((target.kind == EventSourceKind::KinesisStream)) {
            read_stream_traffic(value, path, entry);
        } else {
            read_queue_traffic(value, path, s_.queues.at(entry.to), entry);
        }
        return entry;
    }

    // A message's keys sent to a stream, or a record's sent to a queue.
    void reject_content_keys(const json& value, const std::string& path,
                             const SourceRef& target) const {
        if ((target.kind == EventSourceKind::KinesisStream)) {
            reject_keys(value, path, kMessageKeys, "the Kinesis stream " + quote(target.name),
                        "SQS queues");
        } else {
            reject_keys(value, path, kRecordKeys, "the SQS queue " + quote(target.name),
                        "Kinesis streams");
        }
    }

    // When the entry sends: at_s, or rate_per_s between from_s and until_s; and how many.
    void read_traffic_shape(const json& value, const std::string& path, TrafficEntry& entry) const {
        switch (entry.kind) {
            case TrafficEntry::Kind::Messages:
                entry.at_s = r_.read_number(value, path, "at_s", kTimeRange, 0);
                break;
            case TrafficEntry::Kind::Count:
                entry.at_s = r_.read_number(value, path, "at_s", kTimeRange, 0);
                entry.count = *r_.optional_int(value, path, "count", 0, kNoMax);
                break;
            case TrafficEntry::Kind::Rate:
                entry.rate_per_s = *r_.optional_number(value, path, "rate_per_s", {0, true});
                entry.from_s = r_.read_number(value, path, "from_s", kTimeRange, 0);
                entry.until_s = r_.read_number(value, path, "until_s", kTimeRange, s_.duration_s);
                if (entry.until_s <= entry.from_s) {
                    r_.fail(join_path(path, "until_s"), "expected a number greater than from_s (" +
                                                       format_number(entry.from_s) + "), got " +
                                                       format_number(entry.until_s));
                }
                break;
        }
    }

    void read_queue_traffic(const json& value, const std::string& path, const QueueConfig& queue,
                            TrafficEntry& entry) const {
        check_send_parameters(value, path, queue);
        const bool is_template = entry.kind != TrafficEntry::Kind::Messages;
        entry.message_template = read_message(value, path, {}, is_template);
        if (is_template) {
            check_fifo_ids(entry.message_template, path, queue);
            return;
        }
        entry.messages = read_explicit_messages(
            value, path, {entry.to, EventSourceKind::SqsQueue}, [&](const json& message, const std::string& at) {
                check_send_parameters(message, at, queue);
                MessageSpec result = read_message(message, at, entry.message_template, true);
                check_fifo_ids(result, at, queue);
                return result;
            });
        entry.message_template = {};
    }

    void read_stream_traffic(const json& value, const std::string& path,
                             TrafficEntry& entry) const {
        const bool is_template = entry.kind != TrafficEntry::Kind::Messages;
        entry.message_template = read_record(value, path, {}, is_template);
        if (is_template) return;
        entry.messages = read_explicit_messages(
            value, path, {entry.to, EventSourceKind::KinesisStream}, [&](const json& record, const std::string& at) {
                return read_record(record, at, entry.message_template, true);
            });
        entry.message_template = {};
    }

    // An entry's "messages", each read by `read_one(message, path)`; the entry's own send
    // parameters are their defaults.
    template <typename ReadOne>
    std::vector<MessageSpec> read_explicit_messages(const json& entry, const std::string& path,
                                                    const SourceRef& target,
                                                    ReadOne&& read_one) const {
        const std::string messages_path = join_path(path, "messages");
        const json& messages = r_.array(*JsonReader::member(entry, "messages"), messages_path,
                                        "an array of messages");
        const std::string what = (target.kind == EventSourceKind::KinesisStream)
                                     ? "a record {\"partition_key\": \"...\", \"data\": \"...\"}"
                                     : "a message {\"body\": \"...\"}";
        std::vector<MessageSpec> result;
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const std::string message_path = join_path(messages_path, std::to_string(i));
            r_.object(messages[i], message_path, what);
            r_.check_keys(messages[i], message_path, concat({kMessageKeys, kRecordKeys}));
            reject_content_keys(messages[i], message_path, target);
            result.push_back(read_one(messages[i], message_path));
        }
        return result;
    }

    // Exactly one of messages, count, rate_per_s, and only the keys of that kind.
    TrafficEntry::Kind traffic_kind(const json& value, const std::string& path,
                                    const SourceRef& target) const {
        struct KindKeys {
            std::string_view key;
            TrafficEntry::Kind kind;
            std::vector<std::string_view> only_for_others;
        };
        static const KindKeys kinds[] = {
            {"messages", TrafficEntry::Kind::Messages, {"body", "data", "from_s", "until_s"}},
            {"count", TrafficEntry::Kind::Count, {"from_s", "until_s"}},
            {"rate_per_s", TrafficEntry::Kind::Rate, {"at_s"}},
        };
        const std::string content = (target.kind == EventSourceKind::KinesisStream) ? "partition_key, data" : "body";
        const KindKeys* found = nullptr;
        for (const KindKeys& kind : kinds) {
            if (JsonReader::member(value, kind.key) == nullptr) continue;
            if (found != nullptr) {
                r_.fail(join_path(path, kind.key),
                        "expected only one of \"messages\", \"count\" or "
                        "\"rate_per_s\", but \"" +
                            std::string(found->key) + "\" is also set");
            }
            found = &kind;
        }
        if (found == nullptr) {
            r_.fail(path, "expected one of \"messages\" (with at_s), \"count\" (with " + content +
                              " and at_s) or \"rate_per_s\" (with " + content +
                              ", from_s and until_s)");
        }
        for (const std::string_view key : found->only_for_others) {
            if (JsonReader::member(value, key) == nullptr) continue;
            if (key == "body" || key == "data") {
                r_.fail(join_path(path, key), "not used with \"messages\"; expected each message's " +
                                             std::string(key) + " in \"messages\"");
            }
            r_.fail(join_path(path, key), "not used with \"" + std::string(found->key) +
                                         "\"; expected \"messages\" or \"count\" with at_s, "
                                         "\"rate_per_s\" with " + content +
                                         ", from_s and until_s");
        }
        return found->kind;
    }

    // A record's partition key, hash key and data; `defaults` holds the entry's own. A
    // `complete` record (a template, or one of "messages") must end up with a partition key and
    // data; an entry with "messages" only gives its records a default partition key and hash key.
    MessageSpec read_record(const json& value, const std::string& path,
                            const MessageSpec& defaults, bool complete) const {
        MessageSpec record = defaults;
        const std::string key_path = join_path(path, "partition_key");
        const std::string key_expected = "a partition key of 1 to " +
                                         std::to_string(s_.limits.partition_key_max_length) +
                                         " characters";
        if (auto key = r_.optional_string(value, path, "partition_key", key_expected)) {
            const std::size_t length = utf8_length(*key);
            if (length == 0 ||
                length > static_cast<std::size_t>(s_.limits.partition_key_max_length)) {
                r_.fail(key_path, "expected " + key_expected + ", got " +
                                      (length == 0 ? std::string("\"\"")
                                                   : std::to_string(length) + " characters"));
            }
            record.partition_key = *key;
        } else if (complete && record.partition_key.empty()) {
            r_.fail_missing(key_path, key_expected);
        }
        if (auto hash_key = r_.optional_string(value, path, "ExplicitHashKey",
                                               "a decimal integer in a string")) {
            if (!is_hash_key(*hash_key)) {
                r_.fail(join_path(path, "ExplicitHashKey"),
                        "expected a decimal integer from 0 to 2^128 - 1 in a string, got " +
                            quote(*hash_key));
            }
            record.ExplicitHashKey = *hash_key;
        }
        if (complete) {
            record.data = r_.required_string(value, path, "data",
                                             "a string (the record's data, e.g. a JSON text)");
            if (record.data.size() > kRecordDataMaxBytes) {
                r_.fail(join_path(path, "data"),
                        "expected at most " + std::to_string(kRecordDataMaxBytes) +
                            " bytes (the most a Kinesis record holds), got " +
                            std::to_string(record.data.size()) + " bytes");
            }
        }
        return record;
    }

    // Parameters SendMessage rejects on this type of queue.
    void check_send_parameters(const json& value, const std::string& path,
                               const QueueConfig& queue) const {
        if (queue.FifoQueue && JsonReader::member(value, "DelaySeconds") != nullptr) {
            r_.fail(join_path(path, "DelaySeconds"),
                    kNotValidForQueueType + " (FIFO queues take DelaySeconds per queue only)");
        }
        if (!queue.FifoQueue && JsonReader::member(value, "MessageDeduplicationId") != nullptr) {
            r_.fail(join_path(path, "MessageDeduplicationId"),
                    kNotValidForQueueType + " (MessageDeduplicationId is for FIFO queues only)");
        }
    }

    void check_fifo_ids(const MessageSpec& message, const std::string& path,
                        const QueueConfig& queue) const {
        if (!queue.FifoQueue) return;
        if (!message.MessageGroupId) {
            r_.fail_missing(join_path(path, "MessageGroupId"),
                            "a MessageGroupId for the FIFO queue " + quote(queue.name) +
                                " (The request must contain the parameter MessageGroupId.)");
        }
        if (!message.MessageDeduplicationId && !queue.ContentBasedDeduplication) {
            r_.fail_missing(join_path(path, "MessageDeduplicationId"),
                            "a MessageDeduplicationId for the FIFO queue " + quote(queue.name) +
                                " (The queue should either have ContentBasedDeduplication "
                                "enabled or MessageDeduplicationId provided explicitly)");
        }
    }

    // The send parameters of a message or template; `defaults` holds the entry's own.
    MessageSpec read_message(const json& value, const std::string& path,
                             const MessageSpec& defaults, bool body_required) const {
        MessageSpec message = defaults;
        if (body_required) {
            message.body = r_.required_string(value, path, "body", "a string (the message body)");
        }
        if (auto id = r_.optional_string(value, path, "MessageGroupId")) {
            check_message_id(*id, join_path(path, "MessageGroupId"));
            message.MessageGroupId = *id;
        }
        if (auto id = r_.optional_string(value, path, "MessageDeduplicationId")) {
            check_message_id(*id, join_path(path, "MessageDeduplicationId"));
            message.MessageDeduplicationId = *id;
        }
        if (auto delay = r_.optional_int(value, path, "DelaySeconds", 0, 900)) {
            message.DelaySeconds = static_cast<int>(*delay);
        }
        if (const json* attributes = JsonReader::member(value, "MessageAttributes")) {
            message.MessageAttributes =
                read_message_attributes(*attributes, join_path(path, "MessageAttributes"));
        }
        return message;
    }

    void check_message_id(const std::string& id, const std::string& path) const {
        const bool valid =
            !id.empty() && id.size() <= 128 &&
            std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 127; });
        if (!valid) {
            r_.fail(path,
                    "expected 1 to 128 alphanumeric or punctuation characters, got " + quote(id));
        }
    }

    json read_message_attributes(const json& value, const std::string& path) const {
        r_.object(value, path,
                  "an object {\"<name>\": {\"DataType\": \"String\", \"StringValue\": \"...\"}}");
        if (value.size() > 10) {
            r_.fail(path,
                    "expected at most 10 message attributes, got " + std::to_string(value.size()));
        }
        for (const auto& [name, attribute] : value.items()) {
            const std::string attribute_path = join_path(path, name);
            const bool valid_name = !name.empty() && name.size() <= 256 &&
                                    std::all_of(name.begin(), name.end(), [](char c) {
                                        return is_name_character(c) || c == '.';
                                    });
            if (!valid_name) {
                r_.fail(attribute_path,
                        "expected an attribute name of 1 to 256 alphanumeric "
                        "characters, hyphens, underscores or periods");
            }
            read_message_attribute(attribute, attribute_path);
        }
        return value;
    }

    void read_message_attribute(const json& value, const std::string& path) const {
        r_.object(value, path, "an object {\"DataType\": \"String\", \"StringValue\": \"...\"}");
        r_.check_keys(value, path, {"DataType", "StringValue", "BinaryValue"});
        const std::string type =
            r_.required_string(value, path, "DataType", "\"String\", \"Number\" or \"Binary\"");
        const auto is_type = [&](std::string_view base) {
            return type == base || starts_with(type, std::string(base) + ".");
        };
        if (!is_type("String") && !is_type("Number") && !is_type("Binary")) {
            r_.fail(join_path(path, "DataType"),
                    "expected \"String\", \"Number\" or \"Binary\" (optionally followed by "
                    "\".<custom type>\"), got " +
                        quote(type));
        }
        const bool binary = is_type("Binary");
        const std::string_view wanted = binary ? "BinaryValue" : "StringValue";
        const std::string_view unwanted = binary ? "StringValue" : "BinaryValue";
        if (JsonReader::member(value, unwanted) != nullptr) {
            r_.fail(join_path(path, unwanted),
                    "not used with DataType " + quote(type) + "; expected " + std::string(wanted));
        }
        const std::string text =
            r_.required_string(value, path, wanted, binary ? "a base64 string" : "a string");
        if (is_type("Number")) {
            char* end = nullptr;
            std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size()) {
                r_.fail(join_path(path, "StringValue"),
                        "expected a number in a string for DataType Number, got " + quote(text));
            }
        }
    }

private:
    SourceRef source_reference(const json& value, const std::string& path, bool streams_too) const {
        return reading_.source_reference(value, path, streams_too);
    }
    void reject_keys(const json& object, const std::string& path, const Keys& keys, const std::string& here,
                     std::string_view belongs_to) const {
        reading_.reject_keys(object, path, keys, here, belongs_to);
    }

    ScenarioReading& reading_;
    const JsonReader& r_;
    Scenario& s_;
};

}  // namespace

void read_traffic(ScenarioReading& reading, const json& document) {
    TrafficReader(reading).read_traffic(document);
}

}  // namespace queuelab::sim::loader
