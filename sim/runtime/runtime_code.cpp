#include "runtime_code.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "digest.h"
#include "execution_environment.h"

namespace queuelab::runtime {
namespace {

// "arn:aws:lambda:REGION:ACCOUNT:function:NAME" -> REGION.
std::string region_of(const std::string& function_arn) {
    std::size_t start = 0;
    for (int field = 0; field < 3; ++field) {
        start = function_arn.find(':', start);
        if (start == std::string::npos) return {};
        ++start;
    }
    return function_arn.substr(start, function_arn.find(':', start) - start);
}

// An X-Ray trace header derived from the request id, so that it is the same in every run.
std::string trace_id(const std::string& request_id, std::int64_t start_ms) {
    const std::string hash = sim::sha256_hex(request_id);
    char seconds[16];
    std::snprintf(seconds, sizeof seconds, "%08llx", static_cast<unsigned long long>(start_ms / 1000));
    return "Root=1-" + std::string(seconds) + "-" + hash.substr(0, 24) + ";Parent=" + hash.substr(24, 16) +
           ";Sampled=0";
}

class RuntimeCode : public sim::FunctionCode {
public:
    RuntimeCode(RuntimeExecutable executable, RuntimeOptions options)
        : executable_(std::move(executable)), options_(options) {}

    bool handles(sim::EventSourceKind kind) const override {
        return executable_.kinds.empty() ||
               std::find(executable_.kinds.begin(), executable_.kinds.end(), kind) != executable_.kinds.end();
    }

    sim::CodeOutcome invoke(std::uint32_t environment, const sim::InvokeEvent& event,
                            InvocationContext& context) override {
        auto found = environments_.find(environment);
        if (found == environments_.end()) {
            found = environments_.emplace(environment, std::make_unique<ExecutionEnvironment>(executable_, options_)).first;
        }
        ApiInvoke invoke;
        invoke.request_id = context.aws_request_id;
        invoke.event = std::visit([](const auto* typed) { return nlohmann::json(*typed).dump(); }, event);
        invoke.deadline_ms = context.deadline_epoch_ms;
        invoke.start_ms = context.deadline_epoch_ms - context.remaining_time_ms();
        invoke.function_arn = context.invoked_function_arn;
        invoke.trace_id = trace_id(invoke.request_id, invoke.start_ms);
        InvokeSettings settings;
        settings.function_name = context.function_name;
        settings.memory_mb = context.memory_limit_in_mb;
        settings.region = region_of(context.invoked_function_arn);
        settings.timeout_s = static_cast<double>(invoke.deadline_ms - invoke.start_ms) / 1000.0;
        settings.environment = environment;
        return found->second->invoke(invoke, settings);
    }

    void end_environment(std::uint32_t environment) override { environments_.erase(environment); }

private:
    RuntimeExecutable executable_;
    RuntimeOptions options_;
    std::map<std::uint32_t, std::unique_ptr<ExecutionEnvironment>> environments_;
};

}  // namespace

std::unique_ptr<sim::FunctionCode> make_runtime_code(RuntimeExecutable executable, RuntimeOptions options) {
    return std::make_unique<RuntimeCode>(std::move(executable), options);
}

}  // namespace queuelab::runtime
