#pragma once
// A child process that cannot outlive its owner, and takes everything it started with it.
//
// Each process runs under a keeper: a small process forked from this one that is a child
// subreaper (PR_SET_CHILD_SUBREAPER), so every descendant the process leaves behind (a forked
// worker, a daemon that called setsid) becomes the keeper's child. The keeper holds the read end
// of a lifeline pipe whose only write end is here. When the owner stops the process, or this
// whole program ends however it ends (exit, a crash, SIGKILL, Ctrl-C), the lifeline closes; the
// keeper then kills the process's group and every descendant it has adopted, reaps them, and
// exits. The keeper also ends everything when the process itself exits, as Lambda resets an
// execution environment whose runtime exited. So no process outlives the lab or a CLI run.
//
// The process gets its own process group and session, a fresh signal mask, /dev/null as stdin,
// stdout and stderr into one pipe (read here), no core files, and an optional RLIMIT_DATA.
//
// Not thread-safe: one thread owns a SupervisedProcess.

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace queuelab::runtime {

struct ProcessSpec {
    std::string executable;                // path, as execve takes it
    std::vector<std::string> arguments;    // argv[1...]; argv[0] is `executable`
    std::vector<std::string> environment;  // the whole environment, "NAME=value"
    std::string working_directory;         // empty: this process's
    // RLIMIT_DATA in bytes (heap and other private writable memory); 0: unlimited.
    std::uint64_t data_limit_bytes = 0;
};

// How a process ended, worded as Go's os.ProcessState words it, which is how AWS Lambda's
// "Runtime exited with error: ..." messages read: "exit status 1", "signal: segmentation fault".
struct ProcessExit {
    bool signaled = false;
    int code = 0;  // the exit status, or the signal number
    bool operator==(const ProcessExit&) const = default;
    std::string describe() const;
};

// The executable could not be started (missing, not executable, not a program). `error` is
// the errno of execve.
struct SpawnError : std::runtime_error {
    SpawnError(const std::string& executable, int error);
    int error;
};

class SupervisedProcess {
public:
    // Starts the process. Throws SpawnError when execve fails, std::system_error when the
    // system refuses a pipe or a fork.
    explicit SupervisedProcess(const ProcessSpec& spec);
    ~SupervisedProcess();
    SupervisedProcess(const SupervisedProcess&) = delete;
    SupervisedProcess& operator=(const SupervisedProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Non-blocking read end of the process's stdout and stderr; -1 once read_output() has read
    // its end (the process and everything it started closed it).
    int output_fd() const { return output_ended_ ? -1 : output_fd_; }
    // Becomes readable when the process has ended; then exit() has its status.
    int exit_fd() const { return status_fd_; }
    // How the process ended; std::nullopt while it runs. Reads exit_fd() without blocking.
    const std::optional<ProcessExit>& exit();
    // Reads what the process wrote to stdout and stderr since the last call, without blocking.
    std::string read_output();

    // Kills the process and every process it started (SIGKILL), and waits until they are gone.
    // Idempotent. A process that had not ended yet has exit() {signaled, SIGKILL} afterwards and
    // stopped() true.
    void stop();
    // True when stop() ended the process (rather than the process ending by itself).
    bool stopped() const { return stopped_; }

    // The process's peak resident memory so far (VmHWM), or at its end (ru_maxrss), in MB; 0 when
    // unknown.
    double peak_memory_mb();

private:
    void read_status(bool block);

    pid_t keeper_ = -1;
    pid_t pid_ = -1;
    int lifeline_fd_ = -1;
    int status_fd_ = -1;
    int output_fd_ = -1;
    std::optional<ProcessExit> exit_;
    double peak_memory_mb_ = 0;
    bool stopped_ = false;
    bool keeper_done_ = false;
    bool output_ended_ = false;
};

}  // namespace queuelab::runtime
