#pragma once
// Where the lab finds its files: the project root (lessons, handler sources) and the user's
// config directory (settings, imgui.ini) and data directory (the learner's handlers).

#include <filesystem>
#include <optional>
#include <string>

namespace queuelab::lab {

// The source tree: QUEUELAB_SOURCE_DIR when it still exists, else the nearest folder above the
// executable that holds lessons/scenarios. Empty when neither is found.
std::filesystem::path project_root();

// $XDG_CONFIG_HOME/queuelab, or ~/.config/queuelab; created on first use. Empty if there is no
// home directory.
std::filesystem::path config_dir();

// $QUEUELAB_DATA_HOME when set (tests), else $XDG_DATA_HOME/queuelab, else
// ~/.local/share/queuelab: the learner's own files (progress, handlers). Not created here.
std::filesystem::path data_dir();

// The whole file, or nullopt if it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace queuelab::lab
