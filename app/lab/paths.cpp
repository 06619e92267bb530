#include "paths.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace queuelab::lab {
namespace {

bool holds_lessons(const std::filesystem::path& folder) {
    std::error_code error;
    return std::filesystem::is_directory(folder / "lessons" / "scenarios", error);
}

}  // namespace

std::filesystem::path project_root() {
#ifdef QUEUELAB_SOURCE_DIR
    if (holds_lessons(QUEUELAB_SOURCE_DIR)) return QUEUELAB_SOURCE_DIR;
#endif
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return {};
    for (auto folder = executable.parent_path(); !folder.empty(); folder = folder.parent_path()) {
        if (holds_lessons(folder)) return folder;
        if (folder == folder.root_path()) break;
    }
    return {};
}

std::filesystem::path config_dir() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
        base = xdg;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        base = std::filesystem::path(home) / ".config";
    } else {
        return {};
    }
    const auto folder = base / "queuelab";
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    return error ? std::filesystem::path{} : folder;
}

std::filesystem::path data_dir() {
    if (const char* dir = std::getenv("QUEUELAB_DATA_HOME"); dir != nullptr && *dir != '\0') return dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
        return std::filesystem::path(xdg) / "queuelab";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share" / "queuelab";
}

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace queuelab::lab
