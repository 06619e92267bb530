#pragma once
// The services of a handler process (queuelab/services.h) over HTTP: each call is POST / to
// AWS_ENDPOINT_URL in the service's JSON protocol (runtime_api_protocol.h, docs/aws-rules.md
// 7.14), with the virtual time the handler declared and the record it named in queuelab's
// headers; the reply's queuelab headers give the call's virtual duration and say when the
// invocation is over. Against another endpoint (no queuelab headers) a call takes no virtual time.
// Not thread-safe: one keep-alive connection, like the runtime's own.

#include <optional>
#include <string>

#include "queuelab/services.h"
#include "runtime_api_client.h"

namespace queuelab::runtime_client {

class HttpServiceEndpoint : public ServiceEndpoint {
public:
    // `url` is AWS_ENDPOINT_URL ("http://127.0.0.1:9001"): a scheme, a host and a port.
    explicit HttpServiceEndpoint(const std::string& url);

    // A call the endpoint cannot carry (it cannot be reached, or answers what is not HTTP) is a
    // 500 NetworkingError, as an SDK reports a failed connection.
    ServiceReply call(const std::string& target, const nlohmann::json& request, const CallInfo& info) override;

private:
    RuntimeApiClient connection_;  // a plain HTTP/1.1 connection, to the endpoint
};

// The endpoint of AWS_ENDPOINT_URL, when it is set.
std::optional<HttpServiceEndpoint> endpoint_from_environment();

// Percent-encoding of a header value: RFC 3986's unreserved characters stay, every other byte
// becomes %XX.
std::string percent_encode(const std::string& text);

}  // namespace queuelab::runtime_client
