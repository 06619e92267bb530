#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>
#include <stdexcept>
#include <vector>

namespace queuelab::sim {
namespace {

// The temporary file being written, for the signal handler (which may only use what is
// async-signal-safe: a fixed buffer and unlink).
char g_temporary[4096];
volatile std::sig_atomic_t g_has_temporary = 0;

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

extern "C" void remove_temporary_then_continue(int signal_number) {
    for (std::size_t i = 0; i < 3; ++i) {
        if (kCleanupSignals[i] != signal_number) continue;
        const auto previous = g_previous[i].sa_handler;
        if (previous == SIG_IGN) return;
        if (previous != SIG_DFL) {
            previous(signal_number);  // the program handles it and finishes the write itself
            return;
        }
        if (g_has_temporary != 0) ::unlink(g_temporary);
        ::signal(signal_number, SIG_DFL);
        ::raise(signal_number);
        return;
    }
}

// While it lives, the temporary file is removed if the program is interrupted, and when it is
// destroyed without being committed.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& name) : name_(name) {
        if (name.size() < sizeof g_temporary) {
            std::memcpy(g_temporary, name.c_str(), name.size() + 1);
            g_has_temporary = 1;
        }
        struct sigaction action {};
        action.sa_handler = remove_temporary_then_continue;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < 3; ++i) ::sigaction(kCleanupSignals[i], &action, &g_previous[i]);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        for (std::size_t i = 0; i < 3; ++i) ::sigaction(kCleanupSignals[i], &g_previous[i], nullptr);
        g_has_temporary = 0;
        if (!committed_) ::unlink(name_.c_str());
    }

    void commit() { committed_ = true; }

private:
    std::string name_;
    bool committed_ = false;
};

[[noreturn]] void fail(const std::string& path, int error) {
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
}

mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

bool write_all(int fd, std::string_view text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t count = ::write(fd, text.data() + written, text.size() - written);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return false;
        written += static_cast<std::size_t>(count);
    }
    return true;
}

enum class Placement { Replace, KeepExisting };

// Closes a file descriptor unless it was closed by hand.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

// Writes what `produce` gives into a unique temporary file beside `path`, then renames it over
// `path` (Replace) or links it to `path` unless that name is taken (KeepExisting). False: the name
// was taken.
bool place_file(const std::string& path, const std::function<void(const ChunkSink&)>& produce, Placement placement) {
    const std::filesystem::path target(path);
    const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
    std::string pattern = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    Descriptor file{::mkstemp(name.data())};
    if (file.fd < 0) fail(path, errno);
    TemporaryFile temporary(name.data());
    if (::fchmod(file.fd, new_file_mode()) != 0) fail(path, errno);
    off_t written = 0;
    produce([&](std::string_view chunk) {
        if (!write_all(file.fd, chunk)) fail(path, errno);
        // Starts the chunk on its way to the disk while the next is produced, so the fsync below
        // waits for less. Only a hint: the fsync is what makes the file durable.
        ::sync_file_range(file.fd, written, static_cast<off_t>(chunk.size()), SYNC_FILE_RANGE_WRITE);
        written += static_cast<off_t>(chunk.size());
    });
    if (::fsync(file.fd) != 0) fail(path, errno);
    const int fd = std::exchange(file.fd, -1);
    if (::close(fd) != 0) fail(path, errno);
    if (placement == Placement::KeepExisting) {
        if (::link(name.data(), path.c_str()) == 0) return true;  // the temporary name goes with `temporary`
        if (errno == EEXIST) return false;
        fail(path, errno);
    }
    if (::rename(name.data(), path.c_str()) != 0) fail(path, errno);
    temporary.commit();
    return true;
}

// The whole of `text` as one chunk.
std::function<void(const ChunkSink&)> all_of(const std::string& text) {
    return [&text](const ChunkSink& sink) { sink(text); };
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
    place_file(path, all_of(text), Placement::Replace);
}

void write_file_atomically(const std::string& path, const std::function<void(const ChunkSink&)>& produce) {
    place_file(path, produce, Placement::Replace);
}

bool write_new_file_atomically(const std::string& path, const std::string& text) {
    return place_file(path, all_of(text), Placement::KeepExisting);
}

std::string set_aside_corrupt_file(const std::string& path) {
    const std::string backup = path + ".corrupt";
    return std::rename(path.c_str(), backup.c_str()) == 0 ? backup : std::string();
}

}  // namespace queuelab::sim
