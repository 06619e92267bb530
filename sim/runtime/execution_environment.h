#pragma once
// One execution environment of a Runtime API function (runtime_code.h): its Runtime API server
// and its runtime process, and the rules that turn what the process does into an invoke's
// outcome. Used by one thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "function_code.h"
#include "runtime_api_server.h"
#include "runtime_code.h"
#include "supervised_process.h"

namespace queuelab::runtime {

// The function's settings when an invoke starts; the process started for the environment's
// first invoke gets them as its environment variables.
struct InvokeSettings {
    std::string function_name;
    int memory_mb = 128;
    std::string region;
    double timeout_s = 3;
    std::uint32_t environment = 0;
};

class ExecutionEnvironment {
public:
    ExecutionEnvironment(const RuntimeExecutable& executable, const RuntimeOptions& options);
    ~ExecutionEnvironment();

    // Runs one invoke (see runtime_code.h for the outcomes). After an outcome with
    // environment_lost, the process is gone and every later invoke is a Crashed outcome.
    sim::CodeOutcome invoke(const ApiInvoke& invoke, const InvokeSettings& settings);

private:
    using Clock = std::chrono::steady_clock;
    enum class Wait { Done, Exited, Deadline };

    bool start(const ApiInvoke& invoke, const InvokeSettings& settings, sim::CodeOutcome& outcome);
    Wait wait(Clock::time_point deadline, bool (ExecutionEnvironment::*done)() const);
    bool initialized() const { return asked_for_next_ || init_error_.has_value(); }
    bool answered() const { return answer_.has_value(); }
    bool asked_for_next() const { return asked_for_next_; }
    void collect_output();
    void apply(ApiEvent event);
    void discard(sim::CodeOutcome& outcome);
    sim::CodeOutcome exited(const std::string& request_id) const;

    const RuntimeExecutable& executable_;
    const RuntimeOptions& options_;
    std::unique_ptr<RuntimeApiServer> server_;
    std::unique_ptr<SupervisedProcess> process_;
    bool discarded_ = false;
    bool asked_for_next_ = false;
    std::optional<ApiEvent> answer_;
    std::optional<ApiEvent> init_error_;
    std::string logs_;
    std::size_t logs_dropped_ = 0;
};

}  // namespace queuelab::runtime
