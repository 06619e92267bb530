// Files the user keeps are written atomically (sim/atomic_file.h; docs/scenario-format.md 9 for
// the errors): a unique temporary file in the same folder, then one rename; nothing is left
// behind, and a corrupt file is kept aside before it is replaced.

#include "atomic_file.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using queuelab::sim::set_aside_corrupt_file;
using queuelab::sim::write_file_atomically;

namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
    const auto folder = fs::temp_directory_path() / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::string text_of(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names_in(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("a file is replaced whole, with the usual permissions and no temporary file left", "[atomic]") {
    const auto folder = fresh_folder("queuelab-atomic-test");
    const auto file = folder / "settings.json";
    write_file_atomically(file.string(), "first");
    write_file_atomically(file.string(), "second, longer");
    CHECK(text_of(file) == "second, longer");
    CHECK(names_in(folder) == std::vector<std::string>{"settings.json"});
    const mode_t mask = ::umask(0);
    ::umask(mask);
    struct stat status {};
    REQUIRE(::stat(file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == (0666 & ~mask));
}

TEST_CASE("the signal handlers are the program's own again after a write", "[atomic]") {
    const auto folder = fresh_folder("queuelab-atomic-signals");
    struct sigaction before {};
    ::sigaction(SIGTERM, nullptr, &before);
    write_file_atomically((folder / "a.json").string(), "{}");
    struct sigaction after {};
    ::sigaction(SIGTERM, nullptr, &after);
    CHECK(after.sa_handler == before.sa_handler);
}

TEST_CASE("a run killed by SIGTERM in the middle of a write leaves the old file and no temporary file (issue 15)",
          "[atomic]") {
    const auto folder = fresh_folder("queuelab-atomic-killed");
    const auto file = folder / "report.json";
    std::ofstream(file) << "the old report";
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Deterministically in the middle of the write: past 4 KiB the kernel sends SIGXFSZ, whose
        // handler turns it into the SIGTERM a user would send.
        ::signal(SIGTERM, SIG_DFL);  // as in queuelab, not the test framework's handler
        struct sigaction to_term {};
        to_term.sa_handler = [](int) { ::raise(SIGTERM); };
        ::sigaction(SIGXFSZ, &to_term, nullptr);
        const rlimit limit{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            write_file_atomically(file.string(), std::string(1 << 20, 'x'));
        } catch (...) {
        }
        ::_exit(0);  // not reached when SIGTERM ends the process
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGTERM);
    CHECK(text_of(file) == "the old report");
    CHECK(names_in(folder) == std::vector<std::string>{"report.json"});
}

TEST_CASE("a file that cannot be read as expected is kept aside as <file>.corrupt", "[atomic]") {
    const auto folder = fresh_folder("queuelab-atomic-corrupt");
    const auto file = folder / "settings.json";
    std::ofstream(file) << "{\"speed\": 2";
    std::ofstream(folder / "settings.json.corrupt") << "an older one";
    CHECK(set_aside_corrupt_file(file.string()) == file.string() + ".corrupt");
    CHECK(text_of(folder / "settings.json.corrupt") == "{\"speed\": 2");
    CHECK(names_in(folder) == std::vector<std::string>{"settings.json.corrupt"});
    CHECK(set_aside_corrupt_file((folder / "missing.json").string()).empty());
}
