#include "http_service_endpoint.h"

#include <cstdio>
#include <cstdlib>

#include "runtime_api_protocol.h"

namespace queuelab::runtime_client {
namespace {

// "http://host:port/..." -> "host:port".
std::string host_and_port(const std::string& url) {
    const auto scheme = url.find("://");
    const std::string rest = scheme == std::string::npos ? url : url.substr(scheme + 3);
    return rest.substr(0, rest.find('/'));
}

std::string format_ms(double ms) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", ms);
    return text;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

ServiceReply networking_error(const std::string& why) {
    return ServiceReply{500, {{"__type", "NetworkingError"}, {"message", why}}, 0, false};
}

}  // namespace

std::string percent_encode(const std::string& text) {
    static const char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char c : text) {
        if (is_unreserved(c)) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += digits[c >> 4];
            encoded += digits[c & 15];
        }
    }
    return encoded;
}

HttpServiceEndpoint::HttpServiceEndpoint(const std::string& url) : connection_(host_and_port(url)) {}

ServiceReply HttpServiceEndpoint::call(const std::string& target, const nlohmann::json& request, const CallInfo& info) {
    HttpResponse response;
    try {
        response = connection_.request(
            "POST", runtime_api::kServicePath,
            {{runtime_api::kTargetHeader, target},
             {"Content-Type", runtime_api::json_content_type(target.c_str())},
             {runtime_api::kDeclaredWorkHeader, format_ms(info.declared_work_ms)},
             {runtime_api::kCurrentRecordHeader, percent_encode(info.current_record)}},
            request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } catch (const RuntimeApiError& error) {
        return networking_error(error.what());
    }
    ServiceReply reply;
    reply.status = response.status;
    reply.body = nlohmann::json::parse(response.body, nullptr, false);
    if (!reply.body.is_object()) reply.body = nlohmann::json::object();
    const auto duration = response.headers.find("queuelab-call-duration-ms");
    if (duration != response.headers.end()) reply.duration_ms = std::strtod(duration->second.c_str(), nullptr);
    const auto stopped = response.headers.find("queuelab-invocation-stopped");
    reply.stopped = stopped != response.headers.end() && stopped->second == "true";
    return reply;
}

std::optional<HttpServiceEndpoint> endpoint_from_environment() {
    const char* url = std::getenv("AWS_ENDPOINT_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::optional<HttpServiceEndpoint>(std::in_place, url);
}

}  // namespace queuelab::runtime_client
