// Handlers run out of process through the Runtime API: what each behaviour of a handler process
// becomes, as AWS Lambda records it (docs/aws-rules.md §4 and §6), and that nothing a handler
// starts outlives its execution environment or this program (§6.13).

#include <sys/wait.h>

#include "runtime_test_support.h"

namespace queuelab::runtime::test {
namespace {

using sim::CodeOutcome;
using sim::InvocationResult;

CodeOutcome run_misbehaving(const std::string& body, int memory_mb = 128) {
    auto code = source_code("misbehaving.cpp");
    return invoke(*code, 0, sqs_event(body), "r-1", 3, memory_mb);
}

}  // namespace

TEST_CASE("§6.12 §6.8 A handler's response, declared work and logs come back: its environment stays warm", "[runtime]") {
    auto code = source_code("misbehaving.cpp");
    CHECK(code->handles(sim::EventSourceKind::SqsQueue));
    CHECK_FALSE(code->handles(sim::EventSourceKind::KinesisStream));
    const CodeOutcome first = invoke(*code, 0, sqs_event("work:12.5", 3), "r-1");
    CHECK(first.result == InvocationResult::Success);
    CHECK(first.payload == R"({"batchItemFailures":[]})");
    CHECK(first.declared_work_ms == 12.5);
    CHECK(first.logs == "handled 3 record(s), 2988 ms left\n");  // the virtual clock, with the work
    CHECK_FALSE(first.environment_lost);
    CHECK(first.max_memory_used_mb > 0);

    const CodeOutcome second = invoke(*code, 0, sqs_event("ok"), "r-2");
    CHECK(second.result == InvocationResult::Success);
    CHECK(second.logs == "handled 1 record(s), 3000 ms left\n");
}

TEST_CASE("§4.10 A segfault is Runtime.ExitError with the signal, and loses the environment", "[runtime]") {
    const CodeOutcome outcome = run_misbehaving("segfault");
    CHECK(outcome.result == InvocationResult::Crashed);
    CHECK(outcome.error_type == "Runtime.ExitError");
    CHECK(outcome.error_message == "RequestId: r-1 Error: Runtime exited with error: signal: segmentation fault");
    CHECK(outcome.environment_lost);
}

TEST_CASE("§4.10 An exit mid-invoke and a HandlerCrash are Runtime.ExitError with the exit status", "[runtime]") {
    const CodeOutcome exited = run_misbehaving("exit");
    CHECK(exited.result == InvocationResult::Crashed);
    CHECK(exited.error_message == "RequestId: r-1 Error: Runtime exited with error: exit status 3");
    CHECK(exited.environment_lost);

    const CodeOutcome crashed = run_misbehaving("crash");
    CHECK(crashed.error_type == "Runtime.ExitError");
    CHECK(crashed.error_message == "RequestId: r-1 Error: Runtime exited with error: exit status 1");
    CHECK(crashed.logs == "gave up\n");
}

TEST_CASE("§4.6 §6.13 A handler still running when its time is up is stopped: Timeout, environment lost", "[runtime]") {
    const CodeOutcome outcome = run_misbehaving("loop");
    CHECK(outcome.result == InvocationResult::Timeout);
    CHECK(outcome.environment_lost);
}

TEST_CASE("§4.9 An exception is a function error named by its type, a returned failure one of the type it "
          "names (posted to the Runtime API's error path), and either way the environment stays",
          "[runtime]") {
    auto code = source_code("misbehaving.cpp");
    for (const auto& [command, error_type] : {std::pair{"throw", "std::invalid_argument"}, std::pair{"fail", "OrderNotFound"}}) {
        INFO(command);
        const CodeOutcome failed = invoke(*code, 0, sqs_event(command), "r-1");
        CHECK(failed.result == InvocationResult::Error);
        CHECK(failed.error_type == error_type);
        CHECK(failed.error_message == "no such order");
        CHECK_FALSE(failed.environment_lost);
        CHECK(invoke(*code, 0, sqs_event("ok"), "r-2").result == InvocationResult::Success);
    }
}

TEST_CASE("§4.9 Bytes that are not JSON are the function's payload, as returned", "[runtime]") {
    const CodeOutcome outcome = run_misbehaving("invalid-json");
    CHECK(outcome.result == InvocationResult::Success);
    CHECK(outcome.payload == "{not json");
}

TEST_CASE("§4.7 §6.9 Memory past MemorySize is Runtime.OutOfMemory", "[runtime]") {
    const CodeOutcome outcome = run_misbehaving("hog");
    CHECK(outcome.result == InvocationResult::Crashed);
    CHECK(outcome.error_type == "Runtime.OutOfMemory");
    CHECK(outcome.error_message == "RequestId: r-1 Error: Runtime exited with error: signal: killed");
    CHECK(outcome.environment_lost);
}

TEST_CASE("§4.8 A response over 6 MB is Function.ResponseSizeTooLarge: the environment stays", "[runtime]") {
    auto code = source_code("misbehaving.cpp");
    const CodeOutcome outcome = invoke(*code, 0, sqs_event("big"), "r-1");
    CHECK(outcome.result == InvocationResult::Error);
    CHECK(outcome.error_type == "Function.ResponseSizeTooLarge");
    CHECK(outcome.error_message ==
          "Response payload size (7340032 bytes) exceeded maximum allowed payload size (6291456 bytes).");
    CHECK_FALSE(outcome.environment_lost);
    CHECK(invoke(*code, 0, sqs_event("ok"), "r-2").result == InvocationResult::Success);
}

TEST_CASE("§6.9 A process that exits during init is Runtime.ExitError, with what it printed", "[runtime]") {
    auto code = source_code("misbehaving.cpp", quick_options(), "fail-init");
    const CodeOutcome outcome = invoke(*code, 0, sqs_event("ok"), "r-1");
    CHECK(outcome.result == InvocationResult::Crashed);
    CHECK(outcome.error_type == "Runtime.ExitError");
    CHECK(outcome.error_message == "RequestId: r-1 Error: Runtime exited with error: exit status 4");
    CHECK(outcome.logs == "init failed on purpose\n");
    CHECK(outcome.environment_lost);
}

TEST_CASE("§6.7 The process gets the environment variables of a provided runtime", "[runtime]") {
    const CodeOutcome outcome = run_misbehaving("print-env", 256);
    CHECK(outcome.logs.find("AWS_LAMBDA_RUNTIME_API=127.0.0.1:") != std::string::npos);
    for (const std::string line :
         {"_HANDLER=handler", "AWS_LAMBDA_FUNCTION_NAME=processor", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256",
          "AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "AWS_REGION=eu-west-1", "AWS_DEFAULT_REGION=eu-west-1",
          "LAMBDA_TASK_ROOT=" QUEUELAB_RUNTIME_FIXTURES, "LAMBDA_RUNTIME_DIR=" QUEUELAB_RUNTIME_FIXTURES, "TZ=:UTC",
          "AWS_EXECUTION_ENV=(unset)"}) {
        CHECK(outcome.logs.find(line + "\n") != std::string::npos);
    }
}

TEST_CASE("§6.1 A bootstrap that speaks the Runtime API runs unchanged", "[runtime][bootstrap]") {
    auto code = bootstrap_code("echo");
    CHECK(code->handles(sim::EventSourceKind::KinesisStream));
    const SqsEvent event = sqs_event("hello");
    for (const char* id : {"r-1", "r-2"}) {
        const CodeOutcome outcome = invoke(*code, 0, event, id);
        CHECK(outcome.result == InvocationResult::Success);
        CHECK(outcome.payload == nlohmann::json(event).dump());
        CHECK_FALSE(outcome.environment_lost);
    }
}

TEST_CASE("§6.6 §6.9 §6.10 Bootstraps that fail their init end as Lambda records them", "[runtime][bootstrap]") {
    SECTION("exits before asking for work: Runtime.ExitError") {
        auto code = bootstrap_code("exit-early");
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
        CHECK(outcome.result == InvocationResult::Crashed);
        CHECK(outcome.error_message == "RequestId: r-1 Error: Runtime exited with error: exit status 2");
        CHECK(outcome.environment_lost);
    }
    SECTION("never asks: stopped at the init limit, a timeout") {
        auto code = bootstrap_code("never-ask");
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
        CHECK(outcome.result == InvocationResult::Timeout);
        CHECK(outcome.environment_lost);
    }
    SECTION("posts an init error: that error") {
        auto code = bootstrap_code("init-error");
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
        CHECK(outcome.result == InvocationResult::Error);
        CHECK(outcome.error_type == "Runtime.ConfigError");
        CHECK(outcome.error_message == "config missing");
        CHECK(outcome.environment_lost);
    }
}

TEST_CASE("§6.13 A bootstrap that writes garbage to the API gets 400s and times out", "[runtime][bootstrap]") {
    auto code = bootstrap_code("garbage");
    const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
    CHECK(outcome.result == InvocationResult::Timeout);
    CHECK(outcome.environment_lost);
}

TEST_CASE("§6.11 A runtime that answers and then exits or keeps running keeps its answer, not its environment",
          "[runtime][bootstrap]") {
    for (const char* handler : {"respond-then-exit", "keeps-running"}) {
        auto code = bootstrap_code(handler);
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
        CHECK(outcome.result == InvocationResult::Success);
        CHECK(outcome.environment_lost);
    }
}

TEST_CASE("§6.9 A bootstrap that is missing when its environment starts is Runtime.InvalidEntrypoint", "[runtime]") {
    auto code = make_runtime_code({"/nonexistent/bootstrap", "h", "/tmp", {}}, quick_options());
    const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
    CHECK(outcome.result == InvocationResult::Crashed);
    CHECK(outcome.error_type == "Runtime.InvalidEntrypoint");
    CHECK(outcome.error_message == "RequestId: r-1 Error: fork/exec /nonexistent/bootstrap: No such file or directory");
}

TEST_CASE("§6.13 What a handler forks ends with its environment, or with the code", "[runtime][orphans]") {
    SECTION("end_environment") {
        auto code = source_code("misbehaving.cpp");
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("fork"), "r-1");
        REQUIRE(outcome.result == InvocationResult::Success);
        const pid_t child = pid_in(outcome.logs);
        const pid_t runtime = pid_in(outcome.logs, "runtime ");
        REQUIRE(child > 0);
        CHECK(alive(runtime));
        code->end_environment(0);
        CHECK(gone(child));
        CHECK(gone(runtime));
    }
    SECTION("the code is destroyed") {
        auto code = bootstrap_code("forks");
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("x"), "r-1");
        REQUIRE(outcome.result == InvocationResult::Success);
        const pid_t child = pid_in(outcome.logs);
        REQUIRE(child > 0);
        code.reset();
        CHECK(gone(child));
    }
}

TEST_CASE("§6.13 No process a handler started outlives this program, however it ends", "[runtime][orphans]") {
    const int signal = GENERATE(SIGKILL, SIGINT, SIGTERM);
    const BuildResult build = built("misbehaving.cpp");
    int pids[2];
    REQUIRE(::pipe(pids) == 0);
    const pid_t owner = ::fork();
    if (owner == 0) {
        // A stand-in for the lab or a CLI run: it starts a handler that forks, then waits for
        // the signal, with that signal's default action (this test program's handlers removed).
        ::signal(signal, SIG_DFL);
        auto code = make_runtime_code({build.executable, "handler", QUEUELAB_RUNTIME_FIXTURES, build.kinds}, quick_options());
        const CodeOutcome outcome = invoke(*code, 0, sqs_event("fork"), "r-1");
        const pid_t started[2] = {pid_in(outcome.logs), pid_in(outcome.logs, "runtime ")};
        [[maybe_unused]] const ssize_t written = ::write(pids[1], started, sizeof started);
        for (;;) ::pause();
    }
    pid_t started[2] = {0, 0};
    REQUIRE(::read(pids[0], started, sizeof started) == sizeof started);
    ::close(pids[0]);
    ::close(pids[1]);
    REQUIRE(started[0] > 0);
    REQUIRE(started[1] > 0);
    CHECK(alive(started[0]));
    ::kill(owner, signal);
    ::waitpid(owner, nullptr, 0);
    CHECK(gone(started[0]));  // the child, in a session of its own
    CHECK(gone(started[1]));  // the runtime process
}

TEST_CASE("§6.1 A handler built with AWS's C++ runtime (aws-lambda-cpp) runs as a bootstrap", "[runtime][aws-lambda-cpp]") {
    const std::string bootstrap = QUEUELAB_AWS_LAMBDA_CPP_BOOTSTRAP;
    if (bootstrap.empty()) {
        WARN("skipped: aws-lambda-cpp's source was not found at configure time (third_party/aws-lambda-cpp, or "
             "QUEUELAB_AWS_LAMBDA_CPP_SOURCE), or libcurl4-openssl-dev is missing");
        return;
    }
    auto code = make_runtime_code({bootstrap, "handler", QUEUELAB_RUNTIME_FIXTURES, {}}, quick_options());
    const SqsEvent event = sqs_event("ok");
    const CodeOutcome answered = invoke(*code, 0, event, "r-1");
    CHECK(answered.result == InvocationResult::Success);
    CHECK(answered.payload == "{\"bytes\":" + std::to_string(nlohmann::json(event).dump().size()) + "}");
    const CodeOutcome failed = invoke(*code, 0, sqs_event("please fail"), "r-2");
    CHECK(failed.result == InvocationResult::Error);
    CHECK(failed.error_type == "HandlerError");
    CHECK(failed.error_message == "asked to fail");
    CHECK_FALSE(failed.environment_lost);
}

}  // namespace queuelab::runtime::test
