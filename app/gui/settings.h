#pragma once
// The lab's small settings file (settings.json in the config dir, beside imgui.ini): the last
// scenario and sweep results, the speed, which views were open, the window's size, the zoom and whether the
// welcome was seen. Written atomically (a temporary file, then
// rename), so a crash never leaves half a file.

#include <filesystem>
#include <string>

namespace queuelab::gui {

struct LabSettings {
    std::string last_scenario;
    std::string last_sweep;  // the CSV the Sweep view showed, reopened on the next start
    double speed = 1.0;
    bool as_fast_as_possible = false;
    std::string main_view = "topology";   // topology, charts, compare or sweep
    std::string side_view = "inspector";  // lesson, inspector or messages
    float side_width_em = 28.0f;
    bool side_open = true;
    int window_width = 1600;   // the window's last size, used unless --size is given
    int window_height = 1000;
    float zoom = 0;            // 0: auto (lab/ui_scale.h), else a scale of the fonts and sizes
    bool welcomed = false;     // the first-run welcome was closed once
};

// A size the lab accepts: 640x400 to 8192x8192 pixels.
bool valid_window_size(int width, int height);

// Defaults for anything missing or unreadable. A file that is not a JSON object is kept aside as
// settings.json.corrupt (sim/atomic_file.h) before the lab writes a new one.
LabSettings load_settings(const std::filesystem::path& file);
// Returns false if the file cannot be written (the lab carries on).
bool save_settings(const std::filesystem::path& file, const LabSettings& settings);

// imgui.ini, loaded by ImGui and written atomically by the lab instead of by ImGui.
void load_imgui_ini(const std::filesystem::path& file);
void save_imgui_ini_if_changed(const std::filesystem::path& file);

}  // namespace queuelab::gui
