// Building learners' sources: compiler errors as file, line, column and message; a source without
// handle(); builds in the background with their stage; the cache.

#include <filesystem>
#include <fstream>
#include <random>

#include "runtime_test_support.h"

namespace queuelab::runtime::test {

TEST_CASE("A compile error is reported with its file, line, column and message", "[runtime][builder]") {
    const BuildResult result = test_builder().build(fixture("compile_error.cpp"));
    CHECK_FALSE(result.ok);
    CHECK(result.executable.empty());
    const std::string expected = fixture("compile_error.cpp") +
                                 ":6:14: error: 'struct queuelab::BatchResponse' has no member named 'failures'";
    CHECK(result.first_error() == expected);
    REQUIRE_FALSE(result.diagnostics.empty());
    const auto& error = *std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                                      [](const Diagnostic& d) { return d.is_error(); });
    CHECK(error.file == fixture("compile_error.cpp"));
    CHECK(error.line == 6);
    CHECK(error.column == 14);
    CHECK(error.message == "'struct queuelab::BatchResponse' has no member named 'failures'");
}

TEST_CASE("A source that defines neither handle() is refused, saying so", "[runtime][builder]") {
    const BuildResult result = test_builder().build(fixture("no_handle.cpp"));
    CHECK_FALSE(result.ok);
    CHECK(result.first_error() == fixture("no_handle.cpp") +
                                      ":1:1: error: the source defines neither handle(const queuelab::SqsEvent&, "
                                      "queuelab::InvocationContext&) nor handle(const queuelab::KinesisEvent&, "
                                      "queuelab::InvocationContext&)");
}

TEST_CASE("A built source says which events it handles", "[runtime][builder]") {
    CHECK(built("order_processor.cpp").kinds == std::vector{sim::EventSourceKind::SqsQueue});
    CHECK(built("window_aggregator.cpp").kinds == std::vector{sim::EventSourceKind::KinesisStream});
    CHECK(built("slow_worker.cpp").kinds ==
          std::vector{sim::EventSourceKind::SqsQueue, sim::EventSourceKind::KinesisStream});
}

TEST_CASE("A missing source is an error naming the file", "[runtime][builder]") {
    const BuildResult result = test_builder().build("/nonexistent/handler.cpp");
    CHECK_FALSE(result.ok);
    CHECK(result.first_error() == "/nonexistent/handler.cpp: cannot read the file");
}

TEST_CASE("A build runs in the background through its stages, and is cached by its content",
          "[runtime][builder]") {
    // A source no earlier run has built: a fresh comment changes its hash.
    const auto dir = std::filesystem::path(QUEUELAB_TEST_HANDLER_CACHE) / "fresh-sources";
    std::filesystem::create_directories(dir);
    const auto source = dir / "fresh.cpp";
    std::ofstream(source) << "// " << std::random_device{}() << "\n"
                          << "#include \"queuelab/handler.h\"\n"
                          << "queuelab::HandlerResponse handle(const queuelab::SqsEvent&, queuelab::InvocationContext&) {\n"
                          << "    return queuelab::HandlerResponse::none();\n}\n";
    const auto job = test_builder().start(source.string());
    std::vector<BuildStage> stages;
    while (!job->done()) {
        if (stages.empty() || stages.back() != job->stage()) stages.push_back(job->stage());
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    job->wait();
    CHECK(job->progress() == 1);
    CHECK(std::find(stages.begin(), stages.end(), BuildStage::Compiling) != stages.end());
    const BuildResult& first = job->result();
    INFO(first.output);
    REQUIRE(first.ok);
    CHECK_FALSE(first.cached);
    CHECK(std::filesystem::exists(first.executable));

    const BuildResult again = test_builder().build(source.string());
    CHECK(again.cached);
    CHECK(again.executable == first.executable);
    std::filesystem::remove(source);
}

TEST_CASE("Compiler and linker messages are parsed: context lines are left out", "[runtime][builder]") {
    const auto diagnostics = parse_diagnostics(
        "handler.cpp: In function 'int f()':\n"
        "handler.cpp:3:5: error: 'x' was not declared in this scope\n"
        "    3 |     x = 1;\n"
        "      |     ^\n"
        "handler.cpp:9: warning: unused thing\n"
        "/usr/bin/ld: handler.o: in function `main': undefined reference to `g()'\n"
        "collect2: error: ld returned 1 exit status\n");
    REQUIRE(diagnostics.size() == 3);
    CHECK(diagnostics[0].describe() == "handler.cpp:3:5: error: 'x' was not declared in this scope");
    CHECK(diagnostics[1].line == 9);
    CHECK(diagnostics[1].column == 0);
    CHECK(diagnostics[1].severity == "warning");
    CHECK(diagnostics[2].file.empty());
    CHECK(diagnostics[2].is_error());
}

TEST_CASE("A source that is a device or larger than 64 MiB is refused before it is read (docs/aws-rules.md 5.27)",
          "[runtime][builder][hostile]") {
    const BuildResult device = test_builder().build("/dev/zero");
    CHECK_FALSE(device.ok);
    CHECK(device.first_error() == "/dev/zero: not a regular file");

    const auto huge = std::filesystem::temp_directory_path() / "queuelab-huge-handler.cpp";
    std::filesystem::remove(huge);
    std::ofstream(huge) << "// sparse\n";
    std::filesystem::resize_file(huge, (std::uintmax_t{64} << 20) + 1);  // sparse: no disk used
    const BuildResult large = test_builder().build(huge.string());
    std::filesystem::remove(huge);
    CHECK_FALSE(large.ok);
    CHECK(large.first_error() == huge.string() + ": larger than 64 MiB (the simulator's limit)");
}

}  // namespace queuelab::runtime::test
