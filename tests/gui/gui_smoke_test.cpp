// The desktop app opens under Xvfb, renders a scenario and writes a screenshot that shows
// something (not one flat colour).

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

namespace {

std::string screenshot_of(const std::string& scenario, const std::string& name) {
    const auto path = (std::filesystem::temp_directory_path() / name).string();
    std::filesystem::remove(path);
    const std::string command = std::string("xvfb-run -a -s '-screen 0 1600x1000x24' ") + QUEUELAB_EXECUTABLE +
                                " --scenario " + scenario + " --frames 3 --screenshot " + path + " > /dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    return path;
}

std::size_t distinct_colours(const std::string& png, int& width, int& height) {
    int channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 3);
    REQUIRE(pixels != nullptr);
    std::set<int> colours;
    for (int i = 0; i < width * height; i += 7) {
        const unsigned char* p = pixels + 3 * i;
        colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
    }
    stbi_image_free(pixels);
    return colours.size();
}

}  // namespace

TEST_CASE("the lab renders a scenario under Xvfb and saves a non-blank screenshot", "[gui]") {
    const auto png = screenshot_of(std::string(QUEUELAB_SOURCE_DIR) + "/lessons/scenarios/poison-pill.json",
                                   "queuelab-gui-smoke.png");
    int width = 0, height = 0;
    CHECK(distinct_colours(png, width, height) > 4);
    CHECK(width == 1600);
    CHECK(height == 1000);
}
