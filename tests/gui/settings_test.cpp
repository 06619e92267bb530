// The lab's settings file (app/gui/settings.h): written atomically, read back, and a corrupt one
// kept aside as settings.json.corrupt before the lab writes a new one (issue 15).

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gui/settings.h"

namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
    const auto folder = fs::temp_directory_path() / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

}  // namespace

TEST_CASE("the lab's settings round-trip through their file", "[gui][settings]") {
    const auto file = fresh_folder("queuelab-settings-test") / "settings.json";
    queuelab::gui::LabSettings settings;
    settings.last_scenario = "lessons/scenarios/fifo-groups.json";
    settings.last_sweep = "/tmp/results.csv";
    settings.main_view = "sweep";
    settings.speed = 10;
    REQUIRE(queuelab::gui::save_settings(file, settings));
    const auto loaded = queuelab::gui::load_settings(file);
    CHECK(loaded.last_scenario == settings.last_scenario);
    CHECK(loaded.last_sweep == "/tmp/results.csv");
    CHECK(loaded.main_view == "sweep");
    CHECK(loaded.speed == 10);
}

TEST_CASE("the window's size, the zoom and the welcome seen are remembered, and a size out of range is not", "[gui][settings]") {
    const auto file = fresh_folder("queuelab-settings-size") / "settings.json";
    queuelab::gui::LabSettings settings;
    settings.window_width = 1280;
    settings.window_height = 720;
    settings.zoom = 1.25f;
    settings.welcomed = true;
    REQUIRE(queuelab::gui::save_settings(file, settings));
    auto loaded = queuelab::gui::load_settings(file);
    CHECK(loaded.window_width == 1280);
    CHECK(loaded.window_height == 720);
    CHECK(loaded.zoom == 1.25f);
    CHECK(loaded.welcomed);
    settings.window_width = 20;  // a broken file: back to the default size
    REQUIRE(queuelab::gui::save_settings(file, settings));
    loaded = queuelab::gui::load_settings(file);
    CHECK(loaded.window_width == queuelab::gui::LabSettings{}.window_width);
    CHECK(loaded.window_height == queuelab::gui::LabSettings{}.window_height);
}

TEST_CASE("a corrupt settings file is kept aside and the lab starts from the defaults", "[gui][settings]") {
    const auto folder = fresh_folder("queuelab-settings-corrupt");
    const auto file = folder / "settings.json";
    std::ofstream(file) << "{\"speed\": 4, \"last_scenario\": \"x.json\"";  // cut short by a crash
    const auto loaded = queuelab::gui::load_settings(file);
    CHECK(loaded.speed == queuelab::gui::LabSettings{}.speed);
    CHECK_FALSE(fs::exists(file));
    std::ifstream kept(folder / "settings.json.corrupt");
    CHECK(std::string(std::istreambuf_iterator<char>(kept), std::istreambuf_iterator<char>()) ==
          "{\"speed\": 4, \"last_scenario\": \"x.json\"");
}
