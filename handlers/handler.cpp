#include "queuelab/handler.h"

namespace queuelab {

HandlerResponse HandlerResponse::batch(const BatchResponse& response) {
    return json(nlohmann::json(response));
}

}  // namespace queuelab
