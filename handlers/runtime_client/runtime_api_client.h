#pragma once
// The handler side of the Lambda Runtime API (runtime_api_protocol.h): one keep-alive HTTP/1.1
// connection to AWS_LAMBDA_RUNTIME_API over a POSIX socket, reconnecting when the server closes
// it. Standard library and POSIX only, so that a learner's handler process links nothing else.
// Not thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace queuelab::runtime_client {

// The API could not be reached, or answered with something that is not HTTP.
struct RuntimeApiError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One event, as GET /next delivered it.
struct NextInvocation {
    std::string request_id;
    std::int64_t deadline_ms = 0;              // Lambda-Runtime-Deadline-Ms
    std::string function_arn;
    std::string trace_id;
    std::optional<std::int64_t> start_ms;      // Queuelab-Invoke-Start-Ms, when the server sent it
    std::string event;                         // the JSON document
};

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

class RuntimeApiClient {
public:
    // `endpoint` is "host:port", as AWS_LAMBDA_RUNTIME_API gives it.
    explicit RuntimeApiClient(std::string endpoint);
    ~RuntimeApiClient();
    RuntimeApiClient(const RuntimeApiClient&) = delete;
    RuntimeApiClient& operator=(const RuntimeApiClient&) = delete;

    // Waits for the next event. Throws RuntimeApiError when the API fails or refuses (then the
    // runtime should exit, as the API's contract asks).
    NextInvocation next();
    // POST .../response and .../error; `work_ms` goes in Queuelab-Simulated-Work-Ms. They return
    // the API's answer (202, or the 4xx that refused it).
    HttpResponse post_response(const std::string& request_id, std::string_view payload, double work_ms);
    HttpResponse post_error(const std::string& request_id, const std::string& error_type,
                            const std::string& error_message, double work_ms);
    HttpResponse post_init_error(const std::string& error_type, const std::string& error_message);

    // One request on the connection, reconnecting once when a kept-alive connection turns out to
    // be closed. Throws RuntimeApiError.
    HttpResponse request(std::string_view method, std::string_view path,
                         const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body);

private:
    void connect();
    void disconnect();
    bool send_all(std::string_view bytes);
    HttpResponse read_response();
    bool fill();  // reads more bytes into buffer_; false at end of stream

    std::string host_;
    std::string port_;
    int socket_ = -1;
    std::string buffer_;  // bytes read but not consumed
};

// The error document of the Runtime API: {"errorMessage", "errorType", "stackTrace": []}.
std::string error_document(const std::string& error_type, const std::string& error_message);

}  // namespace queuelab::runtime_client
