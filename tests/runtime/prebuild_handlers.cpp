// Builds the test handler sources into the test cache at build time (a compile takes seconds; a
// test must not), so that runtime_tests find them there:
//   prebuild_handlers CACHE_DIR SDK_DIR SOURCE...
// A source that does not build is reported, not fatal: some fixtures exist to fail.

#include <iostream>

#include "handler_builder.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: prebuild_handlers CACHE_DIR SDK_DIR SOURCE...\n";
        return 2;
    }
    queuelab::runtime::BuildOptions options;
    options.cache_dir = argv[1];
    options.sdk_dir = argv[2];
    queuelab::runtime::HandlerBuilder builder(options);
    for (int i = 3; i < argc; ++i) {
        const auto result = builder.build(argv[i]);
        std::cout << (result.ok ? "built " : "does not build: ") << (result.ok ? argv[i] : result.first_error())
                  << (result.cached ? " (cached)" : "") << "\n";
    }
    return 0;
}
