// The README's parameter reference is generated from the parameter tables (sim/parameters.h), so
// the documented defaults, ranges and live edits are the ones the loader and the lab use.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "input_error.h"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("the README's parameter reference is the one generated from the tables", "[cli]") {
    const std::string readme = read_file(std::string(QUEUELAB_SOURCE_DIR) + "/README.md");
    INFO("regenerate it with: build/app/queuelab parameters --update README.md");
    CHECK(queuelab::cli::with_parameter_reference(readme, "README.md") == readme);
    CHECK(readme.find("| `VisibilityTimeout` | 30 | 0 to 43,200 | SetQueueAttributes |") != std::string::npos);
}

TEST_CASE("a file without the reference's markers is refused, naming the file", "[cli]") {
    CHECK_THROWS_AS(queuelab::cli::with_parameter_reference("# no markers\n", "notes.md"), queuelab::sim::InputError);
}
