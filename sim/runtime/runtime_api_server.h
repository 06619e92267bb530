#pragma once
// The Lambda Runtime API (2018-06-01) for one execution environment, served on loopback with
// cpp-httplib, as AWS's Runtime Interface Emulator serves it (docs/aws-rules.md §6):
//
//   GET  /2018-06-01/runtime/invocation/next          waits for an invoke; 200 with the event
//                                                      and its Lambda-Runtime-* headers
//   POST /2018-06-01/runtime/invocation/{id}/response  202; 413 over the payload limit
//   POST /2018-06-01/runtime/invocation/{id}/error     202 (Lambda-Runtime-Function-Error-Type)
//   POST /2018-06-01/runtime/init/error                202, only before the first GET .../next
//
// Refusals carry AWS's error document {"errorMessage", "errorType"}: 400 InvalidRequestID (an id
// that is not the invoke in progress), 403 InvalidStateTransition (a second answer to an invoke,
// GET .../next before answering, init/error after init), 413 RequestEntityTooLarge, 500 when the
// environment is shutting down, 404 for any other path, 405 for a known path with another method.
//
// The simulation's thread drives it: it offers an invoke when the runtime has asked for one and
// takes what the runtime did, in order, as ApiEvents (notify_fd() becomes readable when there
// are some). Thread-safe: cpp-httplib's threads serve the runtime. cpp-httplib ignores SIGPIPE in
// the whole program, so a runtime that hangs up mid-write costs only that write.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace queuelab::runtime {

// An invoke as GET .../next hands it to the runtime.
struct ApiInvoke {
    std::string request_id;
    std::string event;               // the JSON document
    std::int64_t deadline_ms = 0;    // Lambda-Runtime-Deadline-Ms: virtual epoch milliseconds
    std::int64_t start_ms = 0;       // Queuelab-Invoke-Start-Ms
    std::string function_arn;        // Lambda-Runtime-Invoked-Function-Arn
    std::string trace_id;            // Lambda-Runtime-Trace-Id
};

// Something the runtime did through the API.
struct ApiEvent {
    enum class Kind {
        AskedForNext,      // GET .../next: the runtime is ready for an invoke
        Response,          // POST .../{id}/response, accepted
        Error,             // POST .../{id}/error, accepted
        ResponseTooLarge,  // POST .../{id}/response over the limit: refused with 413, the invoke ends
        InitError,         // POST .../init/error, accepted
    };
    Kind kind = Kind::AskedForNext;
    std::string request_id;
    std::string body;                  // the payload, or the error document as posted
    std::string error_type;            // Lambda-Runtime-Function-Error-Type, as posted
    std::optional<double> work_ms;     // Queuelab-Simulated-Work-Ms, when posted and readable
    std::size_t size = 0;              // ResponseTooLarge: the bytes the runtime sent
};

class RuntimeApiServer {
public:
    // Listens on 127.0.0.1 on a port the system picks. A response or error body longer than
    // `payload_limit_bytes` is refused (413). Throws std::runtime_error when it cannot listen.
    explicit RuntimeApiServer(std::size_t payload_limit_bytes);
    ~RuntimeApiServer();
    RuntimeApiServer(const RuntimeApiServer&) = delete;
    RuntimeApiServer& operator=(const RuntimeApiServer&) = delete;

    // "127.0.0.1:PORT", the value of AWS_LAMBDA_RUNTIME_API.
    const std::string& endpoint() const { return endpoint_; }

    // Readable while events are waiting; take_events() empties it.
    int notify_fd() const { return notify_fd_; }
    std::vector<ApiEvent> take_events();

    // Hands `invoke` to the runtime: to the GET .../next that waits, or to the next one.
    // REQUIRES: no invoke is offered and not yet taken.
    void offer(ApiInvoke invoke);

    // Ends the API: waiting and later requests get 500. Idempotent; the destructor calls it.
    void stop();

private:
    enum class Phase { Initializing, Ready, Invoking, Answered, InitFailed, Stopping };
    static const char* phase_name(Phase phase);

    void next(const httplib::Request& request, httplib::Response& response);
    void answer(const httplib::Request& request, httplib::Response& response, bool is_error, std::string body,
                std::size_t size);
    void init_error(const httplib::Request& request, httplib::Response& response, std::string body);
    void push(ApiEvent event);  // REQUIRES: mutex_ held
    void refuse_transition(httplib::Response& response, Phase to);  // REQUIRES: mutex_ held

    std::size_t payload_limit_bytes_;
    std::unique_ptr<httplib::Server> server_;
    std::thread listener_;
    std::string endpoint_;
    int notify_fd_ = -1;

    std::mutex mutex_;
    std::condition_variable offered_;
    Phase phase_ = Phase::Initializing;
    std::optional<ApiInvoke> offer_;
    std::string current_request_id_;
    std::deque<ApiEvent> events_;
};

}  // namespace queuelab::runtime
