// idempotent-store: idempotency with a store that outlives the execution environment, the pattern
// of AWS's idempotency libraries. For each record it first claims the record's key in the
// DynamoDB table Params.Table with a conditional PutItem (attribute_not_exists of the key
// attribute, Params.KeyAttribute, "id" by default). The claim failing with
// ConditionalCheckFailedException means the record was processed before: it is acknowledged
// without doing the work again. Otherwise the handler does the work, a call to Params.Downstream
// when there is one, and when the work fails it deletes its claim (DeleteItem) so that a retry can
// do it, and reports the record in batchItemFailures. The key is the record's id (messageId or
// sequence number), or with {"key": "body.<field>"} a field of its JSON body or data, which also
// catches the same order sent twice. Duplicates are harmless: the downstream sees each key once.

#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"
#include "service_records.h"

namespace queuelab::builtin {

namespace {

struct Settings {
    std::string table;
    std::string key_attribute;
    std::string key_field;  // empty: the record's id
    std::string downstream;  // empty: no work besides the claim
};

Settings read_settings(const nlohmann::json& params) {
    const HandlerParams p(params, {"Table", "KeyAttribute", "key", "Downstream"});
    Settings settings;
    const auto table = p.string("Table");
    if (!table || table->empty()) throw HandlerParamError("Table", "the name of a table of the scenario");
    settings.table = *table;
    settings.key_attribute = p.string("KeyAttribute", "id");
    const std::string key = p.string("key", "recordId");
    if (key != "recordId") {
        if (!key.starts_with("body.") || key.size() == 5) throw HandlerParamError("key", "\"recordId\" or \"body.<field>\"");
        settings.key_field = key.substr(5);
    }
    settings.downstream = p.string("Downstream", "");
    return settings;
}

template <typename Record>
std::optional<std::string> key_of(const Record& record, const std::string& field) {
    if (field.empty()) return item_identifier(record);
    const std::optional<nlohmann::json> body = parse_json_object(payload_of(record));
    if (!body || !body->contains(field) || (*body)[field].is_null()) return std::nullopt;
    const nlohmann::json& value = (*body)[field];
    return value.is_string() ? value.get<std::string>() : value.dump();
}

template <typename Record>
RecordOutcome process_once(const Record& record, const Settings& settings, InvocationContext& context) {
    const auto key = key_of(record, settings.key_field);
    if (!key) return RecordOutcome::failed;
    const nlohmann::json key_item{{settings.key_attribute, {{"S", *key}}}};
    PutItemRequest claim{settings.table, key_item, "attribute_not_exists(#key)", {{"#key", settings.key_attribute}}};
    const auto claimed = context.dynamodb().PutItem(claim);
    if (!claimed.IsSuccess()) {
        return claimed.GetError().Code == "ConditionalCheckFailedException" ? RecordOutcome::processed : RecordOutcome::failed;
    }
    if (settings.downstream.empty() || context.downstreams().CallDownstream({settings.downstream, "Process " + *key}).IsSuccess()) {
        return RecordOutcome::processed;
    }
    context.dynamodb().DeleteItem({settings.table, key_item});
    return RecordOutcome::failed;
}

template <typename Event>
std::function<HandlerResponse(const Event&, InvocationContext&)> make(const nlohmann::json& params) {
    return [settings = read_settings(params)](const Event& event, InvocationContext& context) {
        return process_each(event, context, [&](const auto& record) { return process_once(record, settings, context); });
    };
}

}  // namespace

BuiltinHandler idempotent_store_handler() {
    return {"idempotent-store",
            "Claims each record's key in the DynamoDB table Params.Table before doing its work; repeats are acknowledged",
            "handlers/builtin/idempotent_store.cpp",
            [](const nlohmann::json& params) { return make<SqsEvent>(params); },
            [](const nlohmann::json& params) { return make<KinesisEvent>(params); },
            /*reads=*/{.sqs = {.messageId = true, .body = true},
                        .kinesis = {.sequenceNumber = true, .data = true}}};
}

}  // namespace queuelab::builtin
