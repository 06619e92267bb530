#include "runtime_api_client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <nlohmann/json.hpp>

#include "runtime_api_protocol.h"

namespace queuelab::runtime_client {
namespace {

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

std::string format_work(double work_ms) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", work_ms);
    return text;
}

std::int64_t to_int64(const std::string& text) { return std::strtoll(text.c_str(), nullptr, 10); }

}  // namespace

std::string error_document(const std::string& error_type, const std::string& error_message) {
    return nlohmann::json{{"errorMessage", error_message}, {"errorType", error_type}, {"stackTrace", nlohmann::json::array()}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RuntimeApiClient::RuntimeApiClient(std::string endpoint) {
    const auto colon = endpoint.rfind(':');
    host_ = colon == std::string::npos ? endpoint : endpoint.substr(0, colon);
    port_ = colon == std::string::npos ? "80" : endpoint.substr(colon + 1);
}

RuntimeApiClient::~RuntimeApiClient() { disconnect(); }

void RuntimeApiClient::connect() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found) != 0 || found == nullptr) {
        throw RuntimeApiError("cannot resolve the Runtime API at " + host_ + ":" + port_);
    }
    for (addrinfo* address = found; address != nullptr && socket_ < 0; address = address->ai_next) {
        socket_ = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (socket_ < 0) continue;
        if (::connect(socket_, address->ai_addr, address->ai_addrlen) != 0) disconnect();
    }
    freeaddrinfo(found);
    if (socket_ < 0) throw RuntimeApiError("cannot connect to the Runtime API at " + host_ + ":" + port_);
    const int on = 1;
    setsockopt(socket_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void RuntimeApiClient::disconnect() {
    if (socket_ >= 0) ::close(socket_);
    socket_ = -1;
    buffer_.clear();
}

bool RuntimeApiClient::send_all(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

bool RuntimeApiClient::fill() {
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::recv(socket_, chunk, sizeof chunk, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(got));
        return true;
    }
}

HttpResponse RuntimeApiClient::read_response() {
    std::size_t end_of_headers;
    while ((end_of_headers = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) throw RuntimeApiError("the Runtime API closed the connection");
    }
    HttpResponse response;
    const std::string head = buffer_.substr(0, end_of_headers);
    buffer_.erase(0, end_of_headers + 4);
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) {
        throw RuntimeApiError("the Runtime API answered something that is not HTTP: " + status_line);
    }
    response.status = std::atoi(status_line.c_str() + 9);
    while (line_end != std::string::npos) {
        const std::size_t next = head.find("\r\n", line_end + 2);
        const std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) response.headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
        line_end = next;
    }
    if (lower(response.headers["transfer-encoding"]) == "chunked") {
        for (;;) {
            std::size_t size_end;
            while ((size_end = buffer_.find("\r\n")) == std::string::npos) {
                if (!fill()) throw RuntimeApiError("the Runtime API closed the connection mid-body");
            }
            const std::size_t size = std::strtoul(buffer_.c_str(), nullptr, 16);
            while (buffer_.size() < size_end + 2 + size + 2) {
                if (!fill()) throw RuntimeApiError("the Runtime API closed the connection mid-body");
            }
            response.body.append(buffer_, size_end + 2, size);
            buffer_.erase(0, size_end + 2 + size + 2);
            if (size == 0) break;
        }
    } else {
        const std::size_t length = std::strtoul(response.headers["content-length"].c_str(), nullptr, 10);
        while (buffer_.size() < length) {
            if (!fill()) throw RuntimeApiError("the Runtime API closed the connection mid-body");
        }
        response.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
    }
    if (lower(response.headers["connection"]) == "close") disconnect();
    return response;
}

HttpResponse RuntimeApiClient::request(std::string_view method, std::string_view path,
                                       const std::vector<std::pair<std::string, std::string>>& headers,
                                       std::string_view body) {
    std::string head;
    head.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ");
    head.append(host_).append(":").append(port_).append("\r\n");
    for (const auto& [name, value] : headers) head.append(name).append(": ").append(value).append("\r\n");
    if (method != "GET") head.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
    head.append("\r\n");
    for (int attempt = 0;; ++attempt) {
        const bool fresh = socket_ < 0;
        if (fresh) connect();
        if (send_all(head) && send_all(body)) {
            try {
                return read_response();
            } catch (const RuntimeApiError&) {
                // A kept-alive connection the server had already closed fails on its first use.
                if (fresh || attempt > 0) throw;
            }
        } else if (fresh || attempt > 0) {
            throw RuntimeApiError("cannot send to the Runtime API");
        }
        disconnect();
    }
}

NextInvocation RuntimeApiClient::next() {
    const HttpResponse response = request("GET", runtime_api::kNextPath, {}, {});
    if (response.status != 200) {
        throw RuntimeApiError("GET /runtime/invocation/next answered " + std::to_string(response.status) + ": " +
                              response.body);
    }
    auto header = [&](const char* name) {
        const auto found = response.headers.find(lower(name));
        return found == response.headers.end() ? std::string() : found->second;
    };
    NextInvocation next;
    next.request_id = header(runtime_api::kRequestIdHeader);
    next.deadline_ms = to_int64(header(runtime_api::kDeadlineHeader));
    next.function_arn = header(runtime_api::kFunctionArnHeader);
    next.trace_id = header(runtime_api::kTraceIdHeader);
    const std::string start = header(runtime_api::kInvokeStartHeader);
    if (!start.empty()) next.start_ms = to_int64(start);
    next.event = response.body;
    return next;
}

HttpResponse RuntimeApiClient::post_response(const std::string& request_id, std::string_view payload, double work_ms) {
    return request("POST", runtime_api::kInvocationPrefix + request_id + "/response",
                   {{runtime_api::kSimulatedWorkHeader, format_work(work_ms)}}, payload);
}

HttpResponse RuntimeApiClient::post_error(const std::string& request_id, const std::string& error_type,
                                          const std::string& error_message, double work_ms) {
    return request("POST", runtime_api::kInvocationPrefix + request_id + "/error",
                   {{runtime_api::kFunctionErrorTypeHeader, error_type},
                    {"Content-Type", "application/json"},
                    {runtime_api::kSimulatedWorkHeader, format_work(work_ms)}},
                   error_document(error_type, error_message));
}

HttpResponse RuntimeApiClient::post_init_error(const std::string& error_type, const std::string& error_message) {
    return request("POST", runtime_api::kInitErrorPath,
                   {{runtime_api::kFunctionErrorTypeHeader, error_type}, {"Content-Type", "application/json"}},
                   error_document(error_type, error_message));
}

}  // namespace queuelab::runtime_client
