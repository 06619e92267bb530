// Every input that once crashed a fuzz target (tests/fuzz/regressions/<target>/) and every seed
// (tests/fuzz/seeds/<target>/) runs through its target again, in the normal build and under the
// sanitizers: none may crash, trip a sanitizer or throw anything but bad input
// (docs/aws-rules.md 5.27, 5.28; scripts/fuzz finds them).

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_targets.h"

namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(QUEUELAB_SOURCE_DIR) / "tests" / "fuzz";

// The files of `folder`, sorted; none when it does not exist.
std::vector<fs::path> inputs_in(const fs::path& folder) {
    std::vector<fs::path> files;
    if (!fs::is_directory(folder)) return files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::uint8_t> bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("Fuzz targets replay every kept regression and seed without crashing") {
    for (const auto& target : queuelab::fuzz::targets()) {
        std::vector<fs::path> inputs = inputs_in(kFuzzDir / "regressions" / target.name);
        const auto seeds = inputs_in(kFuzzDir / "seeds" / target.name);
        inputs.insert(inputs.end(), seeds.begin(), seeds.end());
        DYNAMIC_SECTION(target.name) {
            CHECK_FALSE(inputs.empty());  // every target keeps at least its seeds
            for (const auto& input : inputs) {
                INFO(input.string());
                const auto bytes = bytes_of(input);
                CHECK_NOTHROW(target.run(bytes.data(), bytes.size()));
            }
        }
    }
}
