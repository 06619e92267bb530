#pragma once
// Helpers for the runtime tests ([runtime]): the test handlers (tests/runtime/fixtures, built
// into the test cache at build time by prebuild_handlers), events and contexts to invoke them
// with, and a raw HTTP client for driving the Runtime API server byte by byte.

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "function_code.h"
#include "handler_builder.h"
#include "runtime_code.h"
#include "test_handlers.h"

namespace queuelab::runtime::test {

inline std::string fixture(const std::string& name) { return std::string(QUEUELAB_RUNTIME_FIXTURES) + "/" + name; }

using queuelab::test::test_build_options;
inline HandlerBuilder& test_builder() { return queuelab::test::test_handler_builder(); }

// A fixture source, built (found in the test cache).
inline BuildResult built(const std::string& name) {
    BuildResult result = test_builder().build(fixture(name));
    INFO(result.output);
    REQUIRE(result.ok);
    return result;
}

// Short caps, so that a handler that never answers costs a test a second, not ten.
inline RuntimeOptions quick_options() {
    RuntimeOptions options;
    options.init_time_cap_s = 1;
    options.invoke_time_cap_s = 1;
    return options;
}

inline std::unique_ptr<sim::FunctionCode> source_code(const std::string& name, RuntimeOptions options = quick_options(),
                                                      const std::string& handler = "handler") {
    const BuildResult build = built(name);
    return make_runtime_code({build.executable, handler, QUEUELAB_RUNTIME_FIXTURES, build.kinds}, options);
}

inline std::unique_ptr<sim::FunctionCode> bootstrap_code(const std::string& handler,
                                                         RuntimeOptions options = quick_options()) {
    return make_runtime_code({fixture("bootstrap.sh"), handler, QUEUELAB_RUNTIME_FIXTURES, {}}, options);
}

inline SqsEvent sqs_event(const std::string& body, int records = 1) {
    SqsEvent event;
    for (int i = 0; i < records; ++i) {
        SqsMessage message;
        message.messageId = "m-" + std::to_string(i);
        message.receiptHandle = "r-" + std::to_string(i);
        message.body = body;
        message.attributes.ApproximateReceiveCount = "1";
        message.eventSourceARN = "arn:aws:sqs:us-east-1:123456789012:orders";
        message.awsRegion = "us-east-1";
        event.Records.push_back(message);
    }
    return event;
}

constexpr std::int64_t kStartMs = 1'704'067'200'000;

inline InvocationContext context(const std::string& request_id, int timeout_s = 3, int memory_mb = 128) {
    return InvocationContext(request_id, "processor", "arn:aws:lambda:eu-west-1:123456789012:function:processor",
                             memory_mb, kStartMs + timeout_s * 1000, kStartMs);
}

inline sim::CodeOutcome invoke(sim::FunctionCode& code, std::uint32_t environment, const SqsEvent& event,
                               const std::string& request_id, int timeout_s = 3, int memory_mb = 128) {
    InvocationContext invocation = context(request_id, timeout_s, memory_mb);
    return code.invoke(environment, &event, invocation);
}

inline bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

// True once no process has this pid (waiting up to two seconds for it to go).
inline bool gone(pid_t pid) {
    for (int i = 0; i < 200; ++i) {
        if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// The pid after `label` ("child ", "runtime ") in a handler's logs; 0 when there is none.
inline pid_t pid_in(const std::string& logs, const std::string& label = "child ") {
    const auto at = logs.find(label);
    return at == std::string::npos ? 0 : static_cast<pid_t>(std::stol(logs.substr(at + label.size())));
}

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

// One TCP connection that sends exactly the bytes it is given and reads replies.
class RawHttp {
public:
    explicit RawHttp(const std::string& endpoint) {
        const int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        const int on = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    ~RawHttp() { ::close(fd_); }

    void send(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            REQUIRE(n > 0);
            sent += static_cast<std::size_t>(n);
        }
    }

    // A request with a body and Content-Length.
    void send_request(const std::string& method, const std::string& path, const std::string& body = {},
                      const std::string& extra_headers = {}) {
        send(method + " " + path + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n" + extra_headers + "\r\n" + body);
    }

    HttpReply read_reply() {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) REQUIRE(fill());
        HttpReply reply;
        const std::string head = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        reply.status = std::stoi(head.substr(9, 3));
        std::size_t line = head.find("\r\n");
        while (line != std::string::npos) {
            const std::size_t next = head.find("\r\n", line + 2);
            const std::string text = head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
            const auto colon = text.find(':');
            std::string name = text.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            reply.headers[name] = text.substr(text.find_first_not_of(' ', colon + 1));
            line = next;
        }
        const std::size_t length = reply.headers.count("content-length") ? std::stoul(reply.headers["content-length"]) : 0;
        while (buffer_.size() < length) REQUIRE(fill());
        reply.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return reply;
    }

    HttpReply request(const std::string& method, const std::string& path, const std::string& body = {},
                      const std::string& extra_headers = {}) {
        send_request(method, path, body, extra_headers);
        return read_reply();
    }

private:
    bool fill() {
        char chunk[65536];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
};

}  // namespace queuelab::runtime::test
