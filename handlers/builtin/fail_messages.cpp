// fail-messages: fails the messages a lesson picks, by id (`message_ids`), by body text
// (`body_contains`) or as a seeded `fraction`, and reports them in batchItemFailures. The fraction
// is decided by a hash of (seed, messageId), so a message fails on every receive; with
// `per_attempt` the receive count is hashed too, so a retry may succeed.

#include <cstdint>
#include <set>
#include <string_view>

#include "batch_failures.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return hash;
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Uniform in [0, 1).
double unit_interval(std::uint64_t hash) {
    return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

struct FailureChoice {
    std::set<std::string> message_ids;
    std::optional<std::string> body_contains;
    double fraction;
    std::uint64_t seed;
    bool per_attempt;

    bool picks(const SqsMessage& record) const {
        return message_ids.contains(record.messageId) ||
               (body_contains && record.body.find(*body_contains) != std::string::npos) ||
               unit_interval(hash(record)) < fraction;
    }

    std::uint64_t hash(const SqsMessage& record) const {
        const std::uint64_t attempt =
            per_attempt ? fnv1a(record.attributes.ApproximateReceiveCount) : 0;
        return splitmix64(splitmix64(seed ^ fnv1a(record.messageId)) ^ attempt);
    }
};

FailureChoice read_failure_choice(const nlohmann::json& params) {
    const HandlerParams reader(params,
                               {"message_ids", "body_contains", "fraction", "seed", "per_attempt"});
    const std::vector<std::string> ids = reader.strings("message_ids");
    return {{ids.begin(), ids.end()},
            reader.string("body_contains"),
            reader.number("fraction", 0, 0, 1),
            reader.integer("seed", 0),
            reader.boolean("per_attempt", false)};
}

HandlerResponse fail_chosen(const FailureChoice& choice, const SqsEvent& event) {
    return HandlerResponse::batch(collect_failures(event, [&](const SqsMessage& record) {
        return choice.picks(record) ? RecordOutcome::failed : RecordOutcome::processed;
    }));
}

}  // namespace

BuiltinHandler fail_messages_handler() {
    return {"fail-messages",
            "Fails chosen messages (message_ids, body_contains, a seeded fraction) in "
            "batchItemFailures",
            "handlers/builtin/fail_messages.cpp",
            [](const nlohmann::json& params) {
                return SqsHandler([choice = read_failure_choice(params)](const SqsEvent& event,
                                                                         InvocationContext&) {
                    return fail_chosen(choice, event);
                });
            },
            /*make_kinesis=*/{},
            /*reads=*/{.sqs = {.messageId = true, .body = true, .attributes = true}}};
}

}  // namespace queuelab::builtin
