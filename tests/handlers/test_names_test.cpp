// CTest runs each Catch2 test case by name (catch_discover_tests), and it splits a name at ';':
// a test case whose name holds one becomes two CTest entries that match nothing, so it never
// runs. This keeps every test case of the suite runnable.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

// The test case names of one source file: the adjacent string literals after TEST_CASE(.
std::vector<std::string> test_case_names(const std::string& source) {
    static const std::regex test_case(R"re(TEST_CASE\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+))re");
    static const std::regex literal(R"re("((?:[^"\\]|\\.)*)")re");
    std::vector<std::string> names;
    for (std::sregex_iterator it(source.begin(), source.end(), test_case), end; it != end; ++it) {
        const std::string literals = (*it)[1];
        std::string name;
        for (std::sregex_iterator part(literals.begin(), literals.end(), literal); part != end; ++part) name += (*part)[1];
        names.push_back(name);
    }
    return names;
}

}  // namespace

TEST_CASE("no test case name holds a semicolon, which would keep CTest from running it", "[meta]") {
    std::size_t seen = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(QUEUELAB_SOURCE_DIR) + "/tests")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        for (const auto& name : test_case_names(text.str())) {
            ++seen;
            INFO(entry.path().string() << ": " << name);
            CHECK(name.find(';') == std::string::npos);
        }
    }
    CHECK(seen > 100);
}
