#include "runtime_api_server.h"

#include <httplib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <nlohmann/json.hpp>

#include "runtime_api_protocol.h"

namespace queuelab::runtime {
namespace {

constexpr const char* kAnswerPattern = R"(/2018-06-01/runtime/invocation/([^/]+)/(response|error))";

void send_error(httplib::Response& response, int status, const std::string& type, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"errorMessage", message}, {"errorType", type}}.dump(), "application/json");
}

void send_accepted(httplib::Response& response) {
    response.status = 202;
    response.set_content(R"({"status":"OK"})", "application/json");
}

void send_shutting_down(httplib::Response& response) {
    send_error(response, 500, "InternalServerError", "Internal Server Error");
}

struct Body {
    std::string bytes;  // the first limit + 1 bytes at most
    std::size_t size = 0;
};

// Reads a whole request body, keeping no more than one byte past `limit`.
Body read_body(const httplib::ContentReader& read, std::size_t limit) {
    Body body;
    read([&](const char* data, std::size_t length) {
        body.size += length;
        if (body.bytes.size() <= limit) body.bytes.append(data, std::min(length, limit + 1 - body.bytes.size()));
        return true;
    });
    return body;
}

std::optional<double> read_work(const httplib::Request& request) {
    if (!request.has_header(runtime_api::kSimulatedWorkHeader)) return std::nullopt;
    const std::string text = request.get_header_value(runtime_api::kSimulatedWorkHeader);
    char* end = nullptr;
    const double work = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(work)) return std::nullopt;
    return work;
}

}  // namespace

const char* RuntimeApiServer::phase_name(Phase phase) {
    switch (phase) {
        case Phase::Initializing: return "Initializing";
        case Phase::Ready: return "Ready";
        case Phase::Invoking: return "Invoking";
        case Phase::Answered: return "Answered";
        case Phase::InitFailed: return "InitFailed";
        case Phase::Stopping: return "Stopping";
    }
    return "?";
}

RuntimeApiServer::RuntimeApiServer(std::size_t payload_limit_bytes)
    : payload_limit_bytes_(payload_limit_bytes), server_(std::make_unique<httplib::Server>()) {
    notify_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (notify_fd_ < 0) throw std::runtime_error("eventfd failed");
    auto& server = *server_;
    // Two workers: the runtime's connection, and one for a runtime that opens a second.
    server.new_task_queue = [] { return new httplib::ThreadPool(2); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
    server.set_payload_max_length(std::numeric_limits<std::size_t>::max());
    server.set_socket_options([](int socket) {
        const int on = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    });

    server.Get(runtime_api::kNextPath, [this](const httplib::Request& request, httplib::Response& response) {
        next(request, response);
    });
    server.Post(kAnswerPattern, [this](const httplib::Request& request, httplib::Response& response,
                                       const httplib::ContentReader& read) {
        Body body = read_body(read, payload_limit_bytes_);
        answer(request, response, request.matches[2] == "error", std::move(body.bytes), body.size);
    });
    server.Post(runtime_api::kInitErrorPath, [this](const httplib::Request& request, httplib::Response& response,
                                                    const httplib::ContentReader& read) {
        init_error(request, response, read_body(read, payload_limit_bytes_).bytes);
    });
    auto method_not_allowed = [](const httplib::Request&, httplib::Response& response) {
        response.status = 405;
        response.set_content("Method Not Allowed\n", "text/plain; charset=utf-8");
    };
    server.Post(runtime_api::kNextPath, method_not_allowed);
    server.Get(kAnswerPattern, method_not_allowed);
    server.Get(runtime_api::kInitErrorPath, method_not_allowed);
    server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
        if (response.status == 404 && response.body.empty()) {
            response.set_content("404 page not found\n", "text/plain; charset=utf-8");
        }
    });

    const int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        ::close(notify_fd_);
        throw std::runtime_error("the Runtime API cannot listen on 127.0.0.1");
    }
    endpoint_ = "127.0.0.1:" + std::to_string(port);
    listener_ = std::thread([&server] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::yield();  // so that stop() can stop it
}

RuntimeApiServer::~RuntimeApiServer() {
    stop();
    ::close(notify_fd_);
}

void RuntimeApiServer::stop() {
    {
        std::lock_guard lock(mutex_);
        phase_ = Phase::Stopping;
    }
    offered_.notify_all();
    if (listener_.joinable()) {
        server_->stop();
        listener_.join();
    }
}

std::vector<ApiEvent> RuntimeApiServer::take_events() {
    std::lock_guard lock(mutex_);
    std::uint64_t count;
    [[maybe_unused]] const ssize_t ignored = ::read(notify_fd_, &count, sizeof count);
    std::vector<ApiEvent> taken(std::make_move_iterator(events_.begin()), std::make_move_iterator(events_.end()));
    events_.clear();
    return taken;
}

void RuntimeApiServer::offer(ApiInvoke invoke) {
    {
        std::lock_guard lock(mutex_);
        offer_ = std::move(invoke);
    }
    offered_.notify_all();
}

void RuntimeApiServer::push(ApiEvent event) {
    events_.push_back(std::move(event));
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t ignored = ::write(notify_fd_, &one, sizeof one);
}

void RuntimeApiServer::refuse_transition(httplib::Response& response, Phase to) {
    send_error(response, 403, "InvalidStateTransition",
               std::string("State transition from ") + phase_name(phase_) + " to " + phase_name(to) +
                   " failed for runtime. Error: not allowed in " + phase_name(phase_));
}

void RuntimeApiServer::next(const httplib::Request&, httplib::Response& response) {
    std::unique_lock lock(mutex_);
    if (phase_ == Phase::Stopping) return send_shutting_down(response);
    if (phase_ == Phase::Invoking || phase_ == Phase::InitFailed) return refuse_transition(response, Phase::Ready);
    phase_ = Phase::Ready;
    push(ApiEvent{});  // AskedForNext
    offered_.wait(lock, [this] { return offer_.has_value() || phase_ == Phase::Stopping; });
    if (phase_ == Phase::Stopping) return send_shutting_down(response);
    const ApiInvoke invoke = std::move(*offer_);
    offer_.reset();
    current_request_id_ = invoke.request_id;
    phase_ = Phase::Invoking;
    lock.unlock();
    response.set_header(runtime_api::kRequestIdHeader, invoke.request_id);
    response.set_header(runtime_api::kDeadlineHeader, std::to_string(invoke.deadline_ms));
    response.set_header(runtime_api::kFunctionArnHeader, invoke.function_arn);
    response.set_header(runtime_api::kTraceIdHeader, invoke.trace_id);
    response.set_header(runtime_api::kInvokeStartHeader, std::to_string(invoke.start_ms));
    response.set_content(invoke.event, "application/json");
}

void RuntimeApiServer::answer(const httplib::Request& request, httplib::Response& response, bool is_error,
                              std::string body, std::size_t size) {
    std::lock_guard lock(mutex_);
    if (phase_ == Phase::Stopping) return send_shutting_down(response);
    const std::string& request_id = request.matches[1];
    const bool current = (phase_ == Phase::Invoking || phase_ == Phase::Answered) && request_id == current_request_id_;
    if (!current) return send_error(response, 400, "InvalidRequestID", "Invalid request ID");
    if (phase_ == Phase::Answered) return refuse_transition(response, Phase::Answered);
    phase_ = Phase::Answered;
    ApiEvent event;
    event.request_id = request_id;
    event.work_ms = read_work(request);
    event.size = size;
    if (size > payload_limit_bytes_) {
        event.kind = ApiEvent::Kind::ResponseTooLarge;
        push(std::move(event));
        return send_error(response, 413, "RequestEntityTooLarge",
                          "Exceeded maximum allowed payload size (" + std::to_string(payload_limit_bytes_) + " bytes).");
    }
    event.kind = is_error ? ApiEvent::Kind::Error : ApiEvent::Kind::Response;
    event.body = std::move(body);
    event.error_type = request.get_header_value(runtime_api::kFunctionErrorTypeHeader);
    push(std::move(event));
    send_accepted(response);
}

void RuntimeApiServer::init_error(const httplib::Request& request, httplib::Response& response, std::string body) {
    std::lock_guard lock(mutex_);
    if (phase_ == Phase::Stopping) return send_shutting_down(response);
    if (phase_ != Phase::Initializing) return refuse_transition(response, Phase::InitFailed);
    phase_ = Phase::InitFailed;
    ApiEvent event;
    event.kind = ApiEvent::Kind::InitError;
    event.body = std::move(body);
    event.error_type = request.get_header_value(runtime_api::kFunctionErrorTypeHeader);
    push(std::move(event));
    send_accepted(response);
}

}  // namespace queuelab::runtime
