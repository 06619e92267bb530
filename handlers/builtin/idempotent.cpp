// idempotent: SQS delivers at least once, so a handler may see a message again. This one keeps
// the keys it has processed (in memory, for the life of the handler) and acknowledges a repeated
// key without processing it again. The key is the messageId, or with {"key": "body.orderId"} a
// field of the JSON body, which also catches the same order sent twice. A record whose body is
// not a JSON object, or lacks the key field, fails.

#include "batch_failures.h"
#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

constexpr std::string_view body_prefix = "body.";

// Empty for the messageId, else the body field that holds the key.
std::string read_key_field(const nlohmann::json& params) {
    const std::string key = HandlerParams(params, {"key"}).string("key", "messageId");
    if (key == "messageId") return {};
    if (key.starts_with(body_prefix) && key.size() > body_prefix.size()) {
        return key.substr(body_prefix.size());
    }
    throw HandlerParamError("key", "\"messageId\" or \"body.<field>\"");
}

std::optional<std::string> idempotency_key(const SqsMessage& record, const nlohmann::json& body,
                                           const std::string& key_field) {
    if (key_field.empty()) return record.messageId;
    const auto field = body.find(key_field);
    if (field == body.end() || field->is_null()) return std::nullopt;
    return field->is_string() ? field->get<std::string>() : field->dump();
}

RecordOutcome process_once(const SqsMessage& record, const std::string& key_field,
                           ProcessedKeys& processed) {
    const std::optional<nlohmann::json> body = parse_json_object(record.body);
    if (!body) return RecordOutcome::failed;
    const std::optional<std::string> key = idempotency_key(record, *body, key_field);
    if (!key) return RecordOutcome::failed;
    // A real handler would do the work here only if the key is not yet in `processed`.
    processed.insert(*key);
    return RecordOutcome::processed;
}

}  // namespace

SqsHandler make_idempotent_handler(const nlohmann::json& params,
                                   std::shared_ptr<ProcessedKeys> processed) {
    return
        [key_field = read_key_field(params), processed](const SqsEvent& event, InvocationContext&) {
            return HandlerResponse::batch(collect_failures(event, [&](const SqsMessage& record) {
                return process_once(record, key_field, *processed);
            }));
        };
}

BuiltinHandler idempotent_handler() {
    return {"idempotent",
            "Processes each messageId (or body.<field> key) once and acknowledges repeats",
            "handlers/builtin/idempotent.cpp",
            [](const nlohmann::json& params) {
                return make_idempotent_handler(params, std::make_shared<ProcessedKeys>());
            },
            /*make_kinesis=*/{},
            /*reads=*/{.sqs = {.messageId = true, .body = true}}};
}

}  // namespace queuelab::builtin
