#pragma once
// Running the lab under Xvfb for the GUI tests: a screenshot (its size, its pixels, what the lab
// printed) and the text its last frame drew (--text-dump: ImGui's text, the topology's labels as
// drawn, elided ones with "…", and the font size); or with no display at all, what it says.

#include <catch2/catch.hpp>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace queuelab::gui_tests {

inline const std::string kPoisonPill = std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json";

inline std::string example(const std::string& file) { return std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/" + file; }

struct Rgb {
    unsigned char r, g, b;
};

struct Screenshot {
    int exit_code = -1;
    int width = 0;
    int height = 0;
    std::size_t colours = 0;  // distinct colours in a sample of the pixels
    std::string output;       // what the lab printed on stdout
    std::vector<unsigned char> rgb;

    // Pixels of exactly `colour` in [x0, x1) × [y0, y1) (the whole image by default).
    std::size_t count(Rgb colour, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) const {
        if (x1 < 0) x1 = width;
        if (y1 < 0) y1 = height;
        std::size_t n = 0;
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y) {
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
                const unsigned char* p = rgb.data() + 3 * (static_cast<std::size_t>(y) * width + x);
                n += p[0] == colour.r && p[1] == colour.g && p[2] == colour.b;
            }
        }
        return n;
    }
};

// Runs the lab with `arguments` under Xvfb (a 2600x1500 screen, room for --size 2560x1440) and
// reads back its screenshot and what it printed. XDG_CONFIG_HOME and QUEUELAB_DATA_HOME point at
// a temporary folder so no user settings or lesson progress are read or written; `environment`
// comes after them ("QUEUELAB_DATA_HOME=...").
inline Screenshot screenshot_of(const std::string& arguments, const std::string& name, const std::string& environment = {}) {
    const auto folder = std::filesystem::temp_directory_path() / "queuelab-gui-tests";
    std::filesystem::create_directories(folder);
    const auto path = (folder / name).string();
    const auto output = path + ".out";
    std::filesystem::remove(path);
    const std::string command = "XDG_CONFIG_HOME=" + folder.string() + " QUEUELAB_DATA_HOME=" + folder.string() + " " +
                                environment + " xvfb-run -a -s '-screen 0 2600x1500x24' " + QUEUELAB_EXECUTABLE + " " +
                                arguments + " --frames 4 --screenshot " + path + " > " + output + " 2>&1";
    Screenshot shot;
    shot.exit_code = std::system(command.c_str());
    std::ifstream printed(output);
    shot.output.assign(std::istreambuf_iterator<char>(printed), std::istreambuf_iterator<char>());
    int channels = 0;
    unsigned char* pixels = stbi_load(path.c_str(), &shot.width, &shot.height, &channels, 3);
    if (pixels == nullptr) return shot;
    shot.rgb.assign(pixels, pixels + static_cast<std::size_t>(shot.width) * shot.height * 3);
    std::set<int> colours;
    for (int i = 0; i < shot.width * shot.height; i += 7) {
        const unsigned char* p = pixels + 3 * i;
        colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
    }
    stbi_image_free(pixels);
    shot.colours = colours.size();
    return shot;
}

// The text the lab drew in its last frame, with --text-dump.
inline std::string text_drawn(const std::string& arguments, const std::string& name, const std::string& environment = {}) {
    const auto dump = std::filesystem::temp_directory_path() / "queuelab-gui-tests" / (name + ".txt");
    std::filesystem::create_directories(dump.parent_path());
    std::filesystem::remove(dump);
    const auto shot = screenshot_of(arguments + " --text-dump " + dump.string(), name + ".png", environment);
    CHECK(shot.exit_code == 0);
    std::ifstream file(dump);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

struct Headless {
    int exit_code = -1;
    std::string err;
};

// Runs the lab with `arguments` and no display at all (issue 15): what it prints on stderr.
inline Headless without_display(const std::string& arguments) {
    const auto folder = std::filesystem::temp_directory_path() / "queuelab-gui-tests";
    std::filesystem::create_directories(folder);
    const auto err_path = folder / ("stderr-" + std::to_string(getpid()) + ".txt");  // CTest runs tests side by side
    const std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME=" + folder.string() + " " +
                                QUEUELAB_EXECUTABLE + " " + arguments + " > /dev/null 2> " + err_path.string();
    Headless run;
    const int status = std::system(command.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_path);
    run.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return run;
}

inline void check_shows_something(const Screenshot& shot, int width = 1600, int height = 1000) {
    CHECK(shot.exit_code == 0);
    CHECK(shot.width == width);
    CHECK(shot.height == height);
    CHECK(shot.colours > 20);
}

}  // namespace queuelab::gui_tests
