#include "settings.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "lab/paths.h"
#include "atomic_file.h"
#include "json_text.h"

namespace queuelab::gui {

using lab::read_text_file;

bool valid_window_size(int width, int height) {
    return width >= 640 && height >= 400 && width <= 8192 && height <= 8192;
}

LabSettings load_settings(const std::filesystem::path& file) {
    LabSettings settings;
    const auto text = read_text_file(file);
    if (!text) return settings;
    const auto parsed = sim::parse_json_text(*text, sim::DuplicateKeys::KeepLast);
    if (!parsed || !parsed->is_object()) {
        sim::set_aside_corrupt_file(file.string());
        return settings;
    }
    const auto& json = *parsed;
    const auto read = [&](const char* key, auto& value) {
        const auto found = json.find(key);
        if (found == json.end()) return;
        try {
            value = found->get<std::decay_t<decltype(value)>>();
        } catch (const nlohmann::json::exception&) {
        }
    };
    read("last_scenario", settings.last_scenario);
    read("last_sweep", settings.last_sweep);
    read("speed", settings.speed);
    read("as_fast_as_possible", settings.as_fast_as_possible);
    read("main_view", settings.main_view);
    read("side_view", settings.side_view);
    read("side_width_em", settings.side_width_em);
    read("side_open", settings.side_open);
    read("window_width", settings.window_width);
    read("window_height", settings.window_height);
    read("zoom", settings.zoom);
    read("welcomed", settings.welcomed);
    if (!valid_window_size(settings.window_width, settings.window_height)) {
        settings.window_width = LabSettings{}.window_width;
        settings.window_height = LabSettings{}.window_height;
    }
    return settings;
}

bool save_settings(const std::filesystem::path& file, const LabSettings& settings) {
    const nlohmann::ordered_json json{{"last_scenario", settings.last_scenario},
                                      {"last_sweep", settings.last_sweep},
                                      {"speed", settings.speed},
                                      {"as_fast_as_possible", settings.as_fast_as_possible},
                                      {"main_view", settings.main_view},
                                      {"side_view", settings.side_view},
                                      {"side_width_em", settings.side_width_em},
                                      {"side_open", settings.side_open},
                                      {"window_width", settings.window_width},
                                      {"window_height", settings.window_height},
                                      {"zoom", settings.zoom},
                                      {"welcomed", settings.welcomed}};
    try {
        sim::write_file_atomically(file.string(), json.dump(2) + "\n");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void load_imgui_ini(const std::filesystem::path& file) {
    if (const auto text = read_text_file(file)) ImGui::LoadIniSettingsFromMemory(text->c_str(), text->size());
}

void save_imgui_ini_if_changed(const std::filesystem::path& file) {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.WantSaveIniSettings) return;
    io.WantSaveIniSettings = false;
    std::size_t size = 0;
    const char* text = ImGui::SaveIniSettingsToMemory(&size);
    try {
        sim::write_file_atomically(file.string(), std::string(text, size));
    } catch (const std::exception&) {
        // Window positions are a convenience: keep going without them.
    }
}

}  // namespace queuelab::gui
