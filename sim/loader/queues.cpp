// Queues (docs/scenario-format.md 4.1; docs/aws-rules.md 1.1-1.21): their attributes from the
// parameter table, the FIFO naming rules (1.19), and RedrivePolicy (1.15), read after every queue
// so a dead-letter queue may come later.

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

void check_queue_name(const ScenarioReading& reading, const std::string& name, const std::string& path) {
    const std::string_view base = ends_with(name, ".fifo") ? std::string_view(name).substr(0, name.size() - 5) : name;
    if (base.empty() || name.size() > 80 || !all_name_characters(base)) {
        reading.r.fail(path, "expected a queue name of 1 to 80 alphanumeric characters, hyphens or underscores (a FIFO "
                             "queue's ending in .fifo), got " +
                                 quote(name));
    }
}

QueueConfig read_queue(const ScenarioReading& reading, const std::string& name, const json& value,
                       const std::string& path) {
    const auto& r = reading.r;
    const auto entries = entries_of(Resource::Queue);
    r.object(value, path);
    r.check_keys(value, path, ScenarioReading::top_level_keys(entries));
    check_queue_name(reading, name, path);
    QueueConfig queue;
    queue.name = name;
    const bool named_fifo = ends_with(name, ".fifo");
    queue.FifoQueue = named_fifo;
    reading.read_parameters(value, path, entries, queue);
    if (queue.FifoQueue != named_fifo) {
        r.fail(join_path(path, "FifoQueue"),
               std::string(queue.FifoQueue ? "expected a queue name ending in .fifo for a FIFO queue"
                                           : "expected true (or no FifoQueue) for a queue named .fifo") +
                   " (The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must "
                   "end with .fifo suffix), got " +
                   (queue.FifoQueue ? "true for the name " + quote(name) : "false"));
    }
    if (queue.ContentBasedDeduplication && !queue.FifoQueue) {
        r.fail(join_path(path, "ContentBasedDeduplication"),
               "expected false or no ContentBasedDeduplication on a standard queue (it is a FIFO queue attribute), got true");
    }
    return queue;
}

// CloudFormation takes an object, the SQS API a string holding one: both are accepted.
RedrivePolicy read_redrive_policy(const ScenarioReading& reading, const QueueConfig& queue, const json& value,
                                  const std::string& path) {
    const auto& r = reading.r;
    json parsed;
    const json* policy = &value;
    if (value.is_string()) {
        parsed = r.embedded_json(value, path, "expected an object {deadLetterTargetArn, maxReceiveCount}");
        policy = &parsed;
    }
    r.object(*policy, path, "an object {deadLetterTargetArn, maxReceiveCount}");
    r.check_keys(*policy, path, {"deadLetterTargetArn", "maxReceiveCount"});
    RedrivePolicy result;
    const std::string target_path = join_path(path, "deadLetterTargetArn");
    result.deadLetterTargetArn = reading.queue_reference(
        r.required(*policy, path, "deadLetterTargetArn", "the name or ARN of a queue"), target_path);
    const Parameter& max_receive_count = *find_parameter(Resource::Queue, "RedrivePolicy.maxReceiveCount");
    const auto min = static_cast<std::int64_t>(max_receive_count.range.min);
    const auto max = static_cast<std::int64_t>(max_receive_count.range.max);
    r.required(*policy, path, "maxReceiveCount", int_range_text(min, max));
    result.maxReceiveCount = static_cast<int>(*r.optional_int(*policy, path, "maxReceiveCount", min, max));
    const QueueConfig& target = reading.s.queues.at(result.deadLetterTargetArn);
    if (target.name == queue.name) {
        r.fail(target_path, "expected another queue than " + quote(queue.name) +
                                " itself (a queue cannot be its own dead-letter queue)");
    }
    if (target.FifoQueue != queue.FifoQueue) {
        r.fail(target_path, std::string("expected a ") + (queue.FifoQueue ? "FIFO" : "standard") +
                                " queue (Dead-letter queue must be same type of queue as the source.), got the " +
                                (target.FifoQueue ? "FIFO" : "standard") + " queue " + quote(target.name));
    }
    return result;
}

// A message past every maxReceiveCount of a cycle would move on at each receive without being
// delivered, so a cycle is refused, named from the first of its queues by name (5.29).
void refuse_dead_letter_cycle(const ScenarioReading& reading, const std::string& name) {
    const auto& queues = reading.s.queues;
    std::string chain = name;
    std::string current = name;
    for (std::size_t step = 0; step < queues.size(); ++step) {
        const auto& policy = queues.at(current).redrive_policy;
        if (!policy) return;
        current = policy->deadLetterTargetArn;
        chain += " -> " + current;
        if (current == name) {
            reading.r.fail(join_path(join_path(join_path("queues", name), "RedrivePolicy"), "deadLetterTargetArn"),
                           "expected a dead-letter queue that does not lead back to " + quote(name) + ", got the cycle " +
                               chain + " (queuelab refuses dead-letter cycles, docs/aws-rules.md 5.29)");
        }
    }
}

}  // namespace

void read_queues(ScenarioReading& reading, const json& document) {
    const json* queues = JsonReader::member(document, "queues");
    if (queues == nullptr) return;
    reading.r.object(*queues, "queues", "an object of queues by name");
    if (queues->size() > kMaxQueues) {
        reading.r.fail("queues", "expected at most 65,535 queues, got " + std::to_string(queues->size()));
    }
    for (const auto& [name, value] : queues->items()) {
        reading.s.queues[name] = read_queue(reading, name, value, join_path("queues", name));
    }
    for (const auto& [name, value] : queues->items()) {
        if (const json* policy = JsonReader::member(value, "RedrivePolicy")) {
            auto& queue = reading.s.queues[name];
            queue.redrive_policy =
                read_redrive_policy(reading, queue, *policy, join_path(join_path("queues", name), "RedrivePolicy"));
        }
    }
    for (const auto& [name, value] : queues->items()) refuse_dead_letter_cycle(reading, name);
}

}  // namespace queuelab::sim::loader
