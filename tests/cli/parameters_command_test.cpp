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

TEST_CASE("the parameter reference of the README and the scenario format is the one generated from the tables", "[cli]") {
    for (const std::string file : {"README.md", "docs/scenario-format.md"}) {
        const std::string text = read_file(std::string(QUEUELAB_SOURCE_DIR) + "/" + file);
        INFO("regenerate it with: build/app/queuelab parameters --update " << file);
        CHECK(queuelab::cli::with_parameter_reference(text, file) == text);
        CHECK(text.find("| `VisibilityTimeout` | 30 | 0 to 43,200 | SetQueueAttributes |") != std::string::npos);
    }
}

TEST_CASE("a file without the reference's markers is refused, naming the file", "[cli]") {
    CHECK_THROWS_AS(queuelab::cli::with_parameter_reference("# no markers\n", "notes.md"), queuelab::sim::InputError);
}
