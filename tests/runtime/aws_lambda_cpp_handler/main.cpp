// Echoes the size of each event; an event that mentions "fail" is answered with an error.
#include <string>

#include <aws/lambda-runtime/runtime.h>

using namespace aws::lambda_runtime;

static invocation_response handler(const invocation_request& request) {
    if (request.payload.find("fail") != std::string::npos) {
        return invocation_response::failure("asked to fail", "HandlerError");
    }
    return invocation_response::success("{\"bytes\":" + std::to_string(request.payload.size()) + "}",
                                        "application/json");
}

int main() {
    run_handler(handler);
    return 0;
}
