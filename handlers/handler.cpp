#include "queuelab/handler.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

#include "queuelab/runtime_support.h"

namespace queuelab {

HandlerResponse HandlerResponse::batch(const BatchResponse& response) {
    if (response.batchItemFailures.empty()) return raw(R"({"batchItemFailures":[]})");  // json()'s text, without the tree
    return json(nlohmann::json(response));
}

bool is_kinesis_event(const nlohmann::json& event) {
    const auto records = event.find("Records");
    if (records != event.end() && records->is_array() && !records->empty()) {
        return records->front().value("eventSource", "") == "aws:kinesis";
    }
    return event.contains("shardId") || event.contains("window");
}

HandlerResponse call_handle(const nlohmann::json& event, InvocationContext& context, SqsEntry sqs,
                            KinesisEntry kinesis) {
    if (is_kinesis_event(event)) {
        if (kinesis == nullptr) throw std::invalid_argument("no handle() for Kinesis events");
        return kinesis(event.get<KinesisEvent>(), context);
    }
    if (sqs == nullptr) throw std::invalid_argument("no handle() for SQS events");
    return sqs(event.get<SqsEvent>(), context);
}

namespace {

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> readable(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
    return status == 0 && readable ? readable.get() : name;
}

}  // namespace

std::string error_type_of(const std::exception& error) { return demangle(typeid(error).name()); }

std::string current_exception_type() {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return type ? demangle(type->name()) : "Unhandled";
}

}  // namespace queuelab
