// [SECTION] Exit statuses in Go's words
// [SECTION] The keeper (system calls only)
// [SECTION] SupervisedProcess

#include "supervised_process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace queuelab::runtime {
namespace {

// What the keeper tells its owner, one fixed-size record at a time.
struct KeeperReport {
    enum Kind : std::int32_t { Started, ExecFailed, Exited } kind;
    std::int32_t value;      // Started: the pid; ExecFailed: errno; Exited: the wait status
    std::int64_t max_rss_kb;  // Exited: ru_maxrss
};

// [SECTION] Exit statuses in Go's words

// Signal names as Go's syscall package spells them (and so Lambda's messages).
const char* signal_name(int signal) {
    switch (signal) {
        case SIGABRT: return "aborted";
        case SIGALRM: return "alarm clock";
        case SIGBUS: return "bus error";
        case SIGFPE: return "floating point exception";
        case SIGHUP: return "hangup";
        case SIGILL: return "illegal instruction";
        case SIGINT: return "interrupt";
        case SIGKILL: return "killed";
        case SIGPIPE: return "broken pipe";
        case SIGQUIT: return "quit";
        case SIGSEGV: return "segmentation fault";
        case SIGSYS: return "bad system call";
        case SIGTERM: return "terminated";
        case SIGTRAP: return "trace/breakpoint trap";
        case SIGUSR1: return "user defined signal 1";
        case SIGUSR2: return "user defined signal 2";
        case SIGXCPU: return "CPU time limit exceeded";
        case SIGXFSZ: return "file size limit exceeded";
        case SIGVTALRM: return "virtual timer expired";
        case SIGPROF: return "profiling timer expired";
        case SIGSTKFLT: return "stack fault";
        case SIGPWR: return "power failure";
        default: return nullptr;
    }
}

void throw_system_error(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

// [SECTION] The keeper (system calls only)
// It runs in a child forked from a multithreaded process, so it only makes system calls: no
// allocation, no locks, no C++ library.

void write_report(int fd, KeeperReport report) {
    const char* bytes = reinterpret_cast<const char*>(&report);
    std::size_t left = sizeof report;
    while (left > 0) {
        const ssize_t written = ::write(fd, bytes, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        bytes += written;
        left -= static_cast<std::size_t>(written);
    }
}

// The parent pid in /proc/<pid>/stat ("pid (comm) state ppid ..."); -1 when unreadable.
pid_t parent_of(const char* pid_text) {
    char path[64] = "/proc/";
    std::size_t length = 6;
    for (const char* c = pid_text; *c != '\0' && length < 40; ++c) path[length++] = *c;
    for (const char* c = "/stat"; *c != '\0'; ++c) path[length++] = *c;
    path[length] = '\0';
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char stat[512];
    const ssize_t size = ::read(fd, stat, sizeof stat - 1);
    ::close(fd);
    if (size <= 0) return -1;
    stat[size] = '\0';
    const char* after_comm = std::strrchr(stat, ')');
    if (after_comm == nullptr || after_comm[1] == '\0' || after_comm[2] == '\0') return -1;
    const char* field = after_comm + 3;  // past ") S "
    while (*field != ' ' && *field != '\0') ++field;
    pid_t parent = 0;
    for (++field; *field >= '0' && *field <= '9'; ++field) parent = parent * 10 + (*field - '0');
    return parent;
}

// SIGKILLs every child of this process (each with its process group), as /proc lists them.
void kill_children() {
    const int proc = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0) return;
    const pid_t self = ::getpid();
    alignas(8) char entries[4096];
    for (;;) {
        const long size = ::syscall(SYS_getdents64, proc, entries, sizeof entries);
        if (size <= 0) break;
        for (long offset = 0; offset < size;) {
            const auto* entry = reinterpret_cast<const dirent64*>(entries + offset);
            offset += entry->d_reclen;
            if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
            if (parent_of(entry->d_name) != self) continue;
            pid_t child = 0;
            for (const char* digit = entry->d_name; *digit != '\0'; ++digit) child = child * 10 + (*digit - '0');
            ::kill(-child, SIGKILL);
            ::kill(child, SIGKILL);
        }
    }
    ::close(proc);
}

// Kills the process's group and every descendant this subreaper has adopted, until none is left.
void kill_everything(pid_t process) {
    ::kill(-process, SIGKILL);
    ::kill(process, SIGKILL);
    for (;;) {
        kill_children();
        const pid_t reaped = ::waitpid(-1, nullptr, WNOHANG);
        if (reaped < 0 && errno == ECHILD) return;
        if (reaped == 0) {
            const timespec pause{0, 1'000'000};
            ::nanosleep(&pause, nullptr);
        }
    }
}

struct KeeperSetup {
    const char* executable;
    char* const* argv;
    char* const* envp;
    const char* working_directory;
    std::uint64_t data_limit_bytes;
    int lifeline_fd;  // read end
    int status_fd;    // write end
    int output_fd;    // write end
};

void close_all_but(std::array<int, 3> keep) {
    std::sort(keep.begin(), keep.end());
    unsigned first = 3;
    for (const int fd : keep) {
        if (fd >= static_cast<int>(first)) {
            if (fd > static_cast<int>(first)) ::syscall(SYS_close_range, first, fd - 1, 0);
            first = static_cast<unsigned>(fd) + 1;
        }
    }
    ::syscall(SYS_close_range, first, ~0U, 0);
}

[[noreturn]] void exec_process(const KeeperSetup& setup, int exec_error_fd) {
    ::setsid();
    sigset_t none;
    sigemptyset(&none);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; ++signal) ::sigaction(signal, &default_action, nullptr);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(setup.output_fd, STDOUT_FILENO);
    ::dup2(setup.output_fd, STDERR_FILENO);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    if (setup.data_limit_bytes > 0) {
        const rlimit data{setup.data_limit_bytes, setup.data_limit_bytes};
        ::setrlimit(RLIMIT_DATA, &data);
    }
    if (setup.working_directory[0] == '\0' || ::chdir(setup.working_directory) == 0) {
        ::execve(setup.executable, setup.argv, setup.envp);
    }
    const int error = errno;
    [[maybe_unused]] const ssize_t ignored = ::write(exec_error_fd, &error, sizeof error);
    ::_exit(127);
}

[[noreturn]] void keeper_main(const KeeperSetup& setup) {
    ::setsid();
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    close_all_but({setup.lifeline_fd, setup.status_fd, setup.output_fd});
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    sigset_t child_signal;
    sigemptyset(&child_signal);
    sigaddset(&child_signal, SIGCHLD);
    const int signal_fd = ::signalfd(-1, &child_signal, SFD_CLOEXEC | SFD_NONBLOCK);
    int exec_error[2];
    if (::pipe2(exec_error, O_CLOEXEC) != 0) ::_exit(1);
    const pid_t process = ::fork();
    if (process < 0) {
        write_report(setup.status_fd, {KeeperReport::ExecFailed, EAGAIN, 0});
        ::_exit(1);
    }
    if (process == 0) exec_process(setup, exec_error[1]);
    ::close(exec_error[1]);
    ::close(setup.output_fd);
    int error = 0;
    ssize_t got;
    do got = ::read(exec_error[0], &error, sizeof error);
    while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof error)) {
        kill_everything(process);
        write_report(setup.status_fd, {KeeperReport::ExecFailed, error, 0});
        ::_exit(0);
    }
    write_report(setup.status_fd, {KeeperReport::Started, process, 0});
    for (;;) {
        pollfd watched[2] = {{setup.lifeline_fd, POLLIN, 0}, {signal_fd, POLLIN, 0}};
        if (::poll(watched, 2, -1) < 0 && errno != EINTR) break;
        if (watched[0].revents != 0) break;  // the owner closed the lifeline, or is gone
        signalfd_siginfo info;
        while (::read(signal_fd, &info, sizeof info) > 0) {
        }
        int status = 0;
        rusage usage{};
        pid_t reaped;
        while ((reaped = ::wait4(-1, &status, WNOHANG, &usage)) > 0) {
            if (reaped == process) {
                kill_everything(process);
                write_report(setup.status_fd, {KeeperReport::Exited, status, usage.ru_maxrss});
                ::_exit(0);
            }
        }
    }
    kill_everything(process);
    ::_exit(0);
}

std::vector<char*> pointers_to(const std::vector<std::string>& strings, const std::string* first = nullptr) {
    std::vector<char*> pointers;
    if (first != nullptr) pointers.push_back(const_cast<char*>(first->c_str()));
    for (const std::string& s : strings) pointers.push_back(const_cast<char*>(s.c_str()));
    pointers.push_back(nullptr);
    return pointers;
}

std::array<int, 2> make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw_system_error("pipe2");
    return {fds[0], fds[1]};
}

}  // namespace

// [SECTION] SupervisedProcess

std::string ProcessExit::describe() const {
    if (!signaled) return "exit status " + std::to_string(code);
    const char* name = signal_name(code);
    return name != nullptr ? std::string("signal: ") + name : "signal " + std::to_string(code);
}

SpawnError::SpawnError(const std::string& executable, int error)
    : std::runtime_error("fork/exec " + executable + ": " + std::strerror(error)), error(error) {}

SupervisedProcess::SupervisedProcess(const ProcessSpec& spec) {
    const auto argv = pointers_to(spec.arguments, &spec.executable);
    const auto envp = pointers_to(spec.environment);
    const auto lifeline = make_pipe();
    const auto status = make_pipe();
    const auto output = make_pipe();
    const KeeperSetup setup{spec.executable.c_str(), argv.data(), envp.data(), spec.working_directory.c_str(),
                            spec.data_limit_bytes, lifeline[0], status[1], output[1]};
    keeper_ = ::fork();
    if (keeper_ == 0) keeper_main(setup);
    const int fork_error = errno;
    ::close(lifeline[0]);
    ::close(status[1]);
    ::close(output[1]);
    lifeline_fd_ = lifeline[1];
    status_fd_ = status[0];
    output_fd_ = output[0];
    if (keeper_ < 0) {
        keeper_done_ = true;
        stop();
        errno = fork_error;
        throw_system_error("fork");
    }
    KeeperReport report{};
    ssize_t got;
    do got = ::read(status_fd_, &report, sizeof report);
    while (got < 0 && errno == EINTR);
    if (got != static_cast<ssize_t>(sizeof report) || report.kind != KeeperReport::Started) {
        const int error = got == static_cast<ssize_t>(sizeof report) ? report.value : EIO;
        stop();
        throw SpawnError(spec.executable, error);
    }
    pid_ = report.value;
    ::fcntl(output_fd_, F_SETFL, ::fcntl(output_fd_, F_GETFL) | O_NONBLOCK);
}

SupervisedProcess::~SupervisedProcess() {
    stop();
    if (output_fd_ >= 0) ::close(output_fd_);
}

void SupervisedProcess::read_status(bool block) {
    if (exit_ || status_fd_ < 0) return;
    pollfd watched{status_fd_, POLLIN, 0};
    if (!block && ::poll(&watched, 1, 0) <= 0) return;
    KeeperReport report{};
    ssize_t got;
    do got = ::read(status_fd_, &report, sizeof report);
    while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof report) && report.kind == KeeperReport::Exited) {
        const int wait_status = report.value;
        exit_ = WIFSIGNALED(wait_status) ? ProcessExit{true, WTERMSIG(wait_status)}
                                         : ProcessExit{false, WEXITSTATUS(wait_status)};
        peak_memory_mb_ = static_cast<double>(report.max_rss_kb) / 1024.0;
    } else if (got == 0) {
        // The keeper ended without a word: it killed the process because the lifeline closed.
        exit_ = ProcessExit{true, SIGKILL};
        stopped_ = lifeline_fd_ < 0;
    }
}

const std::optional<ProcessExit>& SupervisedProcess::exit() {
    read_status(false);
    return exit_;
}

std::string SupervisedProcess::read_output() {
    std::string text;
    if (output_fd_ < 0) return text;
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::read(output_fd_, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got == 0) output_ended_ = true;
        if (got <= 0) break;
        text.append(chunk, static_cast<std::size_t>(got));
    }
    return text;
}

void SupervisedProcess::stop() {
    if (lifeline_fd_ >= 0) {
        ::close(lifeline_fd_);
        lifeline_fd_ = -1;
    }
    if (!keeper_done_) {
        read_status(true);
        int ignored;
        while (::waitpid(keeper_, &ignored, 0) < 0 && errno == EINTR) {
        }
        keeper_done_ = true;
    }
    if (status_fd_ >= 0) ::close(status_fd_);
    status_fd_ = -1;
}

double SupervisedProcess::peak_memory_mb() {
    if (exit() || pid_ < 0) return peak_memory_mb_;
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            double kb = 0;
            status >> kb;
            peak_memory_mb_ = kb / 1024.0;
            break;
        }
        status.ignore(1 << 20, '\n');
    }
    return peak_memory_mb_;
}

}  // namespace queuelab::runtime
