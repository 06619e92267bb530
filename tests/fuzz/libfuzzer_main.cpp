// libFuzzer's entry point for one fuzz target, chosen when it is built (QUEUELAB_FUZZ_TARGET, e.g.
// queuelab::fuzz::scenario_loader; tests/CMakeLists.txt).

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    QUEUELAB_FUZZ_TARGET(data, size);
    return 0;
}
