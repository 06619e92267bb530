#pragma once
// Files the user keeps (reports, the lab's settings, lesson progress) are written so that no crash,
// kill or full disk leaves half a file where a whole one was: the text goes to a temporary file
// with a unique name in the same folder, then replaces the target in one rename.

#include <functional>
#include <string>
#include <string_view>

namespace queuelab::sim {

// Writes `text` to `path` atomically. The temporary file ("<folder>/.<name>.XXXXXX", unique, so
// it never clobbers a user's file or another run's) is removed when writing fails, and when
// SIGINT, SIGTERM or SIGHUP ends the program while it exists (a SIGKILL cannot be caught). The new
// file gets the usual permissions (0666 less the umask). Throws std::runtime_error "cannot write
// <path>: <the OS's reason>".
void write_file_atomically(const std::string& path, const std::string& text);

// The same for text made piece by piece: `produce` hands each chunk, in order, to the sink it is
// given, so a large file is never held in memory whole. An exception from `produce` leaves no file.
using ChunkSink = std::function<void(std::string_view chunk)>;
void write_file_atomically(const std::string& path, const std::function<void(const ChunkSink&)>& produce);

// Writes `text` to `path` the same way unless a file is already there: the temporary file is
// linked to the name, which fails when it is taken, so an existing file is never replaced. Returns
// false (and writes nothing) when `path` exists; throws as above when it cannot write.
bool write_new_file_atomically(const std::string& path, const std::string& text);

// Moves a file that could not be read as expected aside to "<path>.corrupt" (replacing an older
// one), so that the next save does not destroy what the user had. Returns the backup's path, or
// an empty string when nothing could be moved.
std::string set_aside_corrupt_file(const std::string& path);

}  // namespace queuelab::sim
