#include "execution_environment.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include <nlohmann/json.hpp>

#include "digest.h"
#include "json_text.h"

namespace queuelab::runtime {
namespace {

using sim::CodeOutcome;
using sim::InvocationResult;

// The errorType and errorMessage of an error document the runtime posted; the header's type, or
// `fallback`, when the body does not name one; the raw body when it is not a document.
void read_error_document(const ApiEvent& event, const std::string& fallback, CodeOutcome& outcome) {
    const auto parsed = sim::parse_json_text(event.body, sim::DuplicateKeys::KeepLast);
    const nlohmann::json document = parsed ? *parsed : nlohmann::json();
    const bool is_object = document.is_object();
    if (is_object && document.contains("errorType") && document["errorType"].is_string()) {
        outcome.error_type = document["errorType"].get<std::string>();
    }
    if (outcome.error_type.empty()) outcome.error_type = event.error_type.empty() ? fallback : event.error_type;
    if (is_object && document.contains("errorMessage") && document["errorMessage"].is_string()) {
        outcome.error_message = document["errorMessage"].get<std::string>();
    } else {
        outcome.error_message = event.body;
    }
}

CodeOutcome outcome_of(const ApiEvent& event, std::size_t payload_limit_bytes) {
    CodeOutcome outcome;
    outcome.declared_work_ms = event.work_ms.value_or(0);
    switch (event.kind) {
        case ApiEvent::Kind::Response:
            outcome.payload = event.body;
            break;
        case ApiEvent::Kind::Error:
            outcome.result = InvocationResult::Error;
            read_error_document(event, "Unhandled", outcome);
            break;
        case ApiEvent::Kind::ResponseTooLarge:
            outcome.result = InvocationResult::Error;
            outcome.error_type = "Function.ResponseSizeTooLarge";
            outcome.error_message = sim::response_too_large_message(event.size, static_cast<std::int64_t>(payload_limit_bytes));
            break;
        case ApiEvent::Kind::InitError:
            outcome.result = InvocationResult::Error;
            read_error_document(event, "Runtime.InitError", outcome);
            outcome.environment_lost = true;
            break;
        case ApiEvent::Kind::AskedForNext:
        case ApiEvent::Kind::ServiceCall:  // answered during the invoke, never its outcome
            break;
    }
    return outcome;
}

CodeOutcome crashed(std::string error_type, std::string message) {
    CodeOutcome outcome;
    outcome.result = InvocationResult::Crashed;
    outcome.error_type = std::move(error_type);
    outcome.error_message = std::move(message);
    outcome.environment_lost = true;
    return outcome;
}

CodeOutcome timed_out() {
    CodeOutcome outcome;
    outcome.result = InvocationResult::Timeout;
    outcome.environment_lost = true;
    return outcome;
}

std::string log_stream_name(const InvokeSettings& settings) {
    return "2024/01/01/[$LATEST]" +
           sim::sha256_hex(settings.function_name + "/" + std::to_string(settings.environment)).substr(0, 32);
}

std::vector<std::string> runtime_environment(const RuntimeExecutable& executable, const InvokeSettings& settings,
                                             const std::string& endpoint) {
    return {
        "AWS_LAMBDA_RUNTIME_API=" + endpoint,
        "AWS_ENDPOINT_URL=http://" + endpoint,
        "_HANDLER=" + executable.handler,
        "AWS_LAMBDA_FUNCTION_NAME=" + settings.function_name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=" + std::to_string(settings.memory_mb),
        "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
        "AWS_LAMBDA_INITIALIZATION_TYPE=on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/" + settings.function_name,
        "AWS_LAMBDA_LOG_STREAM_NAME=" + log_stream_name(settings),
        "AWS_REGION=" + settings.region,
        "AWS_DEFAULT_REGION=" + settings.region,
        "LAMBDA_TASK_ROOT=" + executable.task_root,
        "LAMBDA_RUNTIME_DIR=" + executable.task_root,
        "LANG=en_US.UTF-8",
        "TZ=:UTC",
        "PATH=/usr/local/bin:/usr/bin/:/bin:/opt/bin",
        "LD_LIBRARY_PATH=" + executable.task_root + ":" + executable.task_root + "/lib",
        "QUEUELAB_HANDLER_PARAMS=" + executable.params,
    };
}

// Each environment holds a few sockets and pipes; a desktop's default of 1,024 open files would
// stop a run at about 150 environments, so take the hard limit, once.
void raise_open_file_limit() {
    static std::once_flag once;
    std::call_once(once, [] {
        rlimit files{};
        if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
        }
    });
}

std::chrono::steady_clock::duration seconds(double s) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
}

}  // namespace

ExecutionEnvironment::ExecutionEnvironment(const RuntimeExecutable& executable, const RuntimeOptions& options)
    : executable_(executable), options_(options) {}

ExecutionEnvironment::~ExecutionEnvironment() {
    process_.reset();
    server_.reset();
}

bool ExecutionEnvironment::start(const ApiInvoke& invoke, const InvokeSettings& settings, CodeOutcome& outcome) {
    raise_open_file_limit();
    server_ = std::make_unique<RuntimeApiServer>(options_.payload_limit_bytes);
    ProcessSpec spec;
    spec.executable = executable_.path;
    spec.environment = runtime_environment(executable_, settings, server_->endpoint());
    spec.working_directory = executable_.task_root;
    spec.data_limit_bytes = static_cast<std::uint64_t>(settings.memory_mb) << 20;
    try {
        process_ = std::make_unique<SupervisedProcess>(spec);
    } catch (const SpawnError& error) {
        outcome = crashed("Runtime.InvalidEntrypoint", "RequestId: " + invoke.request_id + " Error: " + error.what());
        return false;
    }
    const Wait init = wait(Clock::now() + seconds(options_.init_time_cap_s), &ExecutionEnvironment::initialized);
    if (init_error_) {
        outcome = outcome_of(*init_error_, options_.payload_limit_bytes);
        return false;
    }
    switch (init) {
        case Wait::Done: return true;
        case Wait::Exited: outcome = exited(invoke.request_id); return false;
        case Wait::Deadline: outcome = timed_out(); return false;
    }
    return false;
}

CodeOutcome ExecutionEnvironment::invoke(const ApiInvoke& invoke, const InvokeSettings& settings) {
    CodeOutcome outcome;
    if (discarded_) {
        outcome = crashed("Runtime.ExitError", "RequestId: " + invoke.request_id + " Error: Runtime exited");
    } else if (!process_) {
        if (!start(invoke, settings, outcome)) discard(outcome);
    } else if (process_->exit()) {
        outcome = exited(invoke.request_id);  // it ended while idle
        discard(outcome);
    }
    if (outcome.environment_lost) return outcome;

    asked_for_next_ = false;
    answer_.reset();
    services_ = settings.services;
    server_->offer(invoke);
    const auto deadline = Clock::now() + seconds(std::min(settings.timeout_s, options_.invoke_time_cap_s));
    switch (wait(deadline, &ExecutionEnvironment::answered)) {
        case Wait::Done: outcome = outcome_of(*answer_, options_.payload_limit_bytes); break;
        case Wait::Exited: outcome = exited(invoke.request_id); break;
        case Wait::Deadline: outcome = timed_out(); break;
    }
    if (!outcome.environment_lost && wait(deadline, &ExecutionEnvironment::asked_for_next) != Wait::Done) {
        outcome.environment_lost = true;  // it exited, or kept running, instead of asking for more
    }
    services_ = nullptr;
    if (outcome.environment_lost) {
        discard(outcome);
    } else {
        collect_output();
        outcome.max_memory_used_mb = process_->peak_memory_mb();
        outcome.logs = std::move(logs_);
        if (logs_dropped_ > 0) outcome.logs += "\n[" + std::to_string(logs_dropped_) + " more bytes of output not kept]\n";
        logs_.clear();
        logs_dropped_ = 0;
    }
    return outcome;
}

ExecutionEnvironment::Wait ExecutionEnvironment::wait(Clock::time_point deadline,
                                                      bool (ExecutionEnvironment::*done)() const) {
    for (;;) {
        for (ApiEvent& event : server_->take_events()) apply(std::move(event));
        if ((this->*done)()) return Wait::Done;
        if (process_->exit()) {
            // What the runtime posted before it ended counts: take it before deciding.
            for (ApiEvent& event : server_->take_events()) apply(std::move(event));
            return (this->*done)() ? Wait::Done : Wait::Exited;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return Wait::Deadline;
        pollfd watched[3] = {{server_->notify_fd(), POLLIN, 0},
                             {process_->exit_fd(), POLLIN, 0},
                             {process_->output_fd(), POLLIN, 0}};
        ::poll(watched, 3, static_cast<int>(std::min<long long>(left + 1, 60'000)));
        if (watched[2].revents != 0) collect_output();
    }
}

void ExecutionEnvironment::apply(ApiEvent event) {
    switch (event.kind) {
        case ApiEvent::Kind::AskedForNext: asked_for_next_ = true; break;
        case ApiEvent::Kind::Response:
        case ApiEvent::Kind::Error:
        case ApiEvent::Kind::ResponseTooLarge: answer_ = std::move(event); break;
        case ApiEvent::Kind::InitError: init_error_ = std::move(event); break;
        case ApiEvent::Kind::ServiceCall: answer_call(event); break;
    }
}

void ExecutionEnvironment::answer_call(const ApiEvent& call) {
    if (services_ == nullptr) {
        return server_->reply_to_call(
            call.call, ServiceReply{400, {{"__type", "NoEndpoint"}, {"message", "this run gives handlers no services"}}, 0, false});
    }
    server_->reply_to_call(call.call, services_->call(call.target, call.request, call.info));
}

void ExecutionEnvironment::collect_output() {
    const std::string text = process_->read_output();
    const std::size_t room = options_.log_limit_bytes - std::min(options_.log_limit_bytes, logs_.size());
    logs_.append(text, 0, std::min(room, text.size()));
    logs_dropped_ += text.size() - std::min(room, text.size());
}

// Stops the process and everything it started, and the API; keeps the logs and memory figure.
void ExecutionEnvironment::discard(CodeOutcome& outcome) {
    outcome.environment_lost = true;
    discarded_ = true;
    if (process_) {
        process_->stop();
        collect_output();
        outcome.max_memory_used_mb = process_->peak_memory_mb();
    }
    if (server_) server_->stop();
    outcome.logs = std::move(logs_);
    if (logs_dropped_ > 0) outcome.logs += "\n[" + std::to_string(logs_dropped_) + " more bytes of output not kept]\n";
    logs_.clear();
    logs_dropped_ = 0;
}

CodeOutcome ExecutionEnvironment::exited(const std::string& request_id) const {
    const ProcessExit& exit = *process_->exit();
    const std::string prefix = "RequestId: " + request_id + " Error: ";
    if (exit.signaled && exit.code == SIGKILL && !process_->stopped()) {
        return crashed("Runtime.OutOfMemory", prefix + "Runtime exited with error: " + exit.describe());
    }
    if (!exit.signaled && exit.code == 0) return crashed("Runtime.ExitError", prefix + "Runtime exited without providing a reason");
    return crashed("Runtime.ExitError", prefix + "Runtime exited with error: " + exit.describe());
}

}  // namespace queuelab::runtime
