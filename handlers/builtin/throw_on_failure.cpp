// throw-on-failure: the style without a partial batch response. The handler throws on the first
// record whose body is not a NewOrder, so the whole batch fails and every message of it returns
// to the queue, including the ones that were fine.

#include <stdexcept>

#include "body_parsing.h"
#include "builtins.h"
#include "handler_params.h"

namespace queuelab::builtin {

namespace {

HandlerResponse handle(const SqsEvent& event, InvocationContext&) {
    for (const SqsMessage& record : event.Records) {
        if (!parse_new_order(record.body)) {
            throw std::runtime_error("message " + record.messageId + " is not an order");
        }
    }
    return HandlerResponse::none();
}

}  // namespace

BuiltinHandler throw_on_failure_handler() {
    return {"throw-on-failure",
            "Throws on the first record that is not an order, failing the whole batch",
            "handlers/builtin/throw_on_failure.cpp",
            [](const nlohmann::json& params) {
                expect_no_params(params);
                return SqsHandler(handle);
            },
            /*make_kinesis=*/{},
            /*reads=*/{.sqs = {.messageId = true, .body = true}}};
}

}  // namespace queuelab::builtin
