#pragma once
// The handler builder and catalog the tests share: learners' sources (fixtures, templates, the
// lessons' handlers) are built into the test cache while the project builds (prebuild_handlers),
// so no test waits for the compiler. REQUIRES: QUEUELAB_TEST_HANDLER_CACHE and
// QUEUELAB_TEST_HANDLER_SDK defined for the test executable, which links queuelab_runtime.

#include "handler_builder.h"
#include "runtime_catalog.h"

namespace queuelab::test {

inline runtime::BuildOptions test_build_options() {
    runtime::BuildOptions options;
    options.cache_dir = QUEUELAB_TEST_HANDLER_CACHE;
    options.sdk_dir = QUEUELAB_TEST_HANDLER_SDK;
    return options;
}

inline runtime::HandlerBuilder& test_handler_builder() {
    static runtime::HandlerBuilder builder(test_build_options());
    return builder;
}

// Built-ins, and learners' sources built with the test cache.
inline const runtime::RuntimeCatalog& test_handler_catalog() {
    static const runtime::RuntimeCatalog catalog(test_handler_builder());
    return catalog;
}

}  // namespace queuelab::test
