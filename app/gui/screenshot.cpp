#include "screenshot.h"

#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <cstdio>
#include <vector>

namespace queuelab::gui {

bool save_framebuffer_png(int width, int height, const std::string& path, std::string& error) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // OpenGL rows start at the bottom
    const std::string temporary = path + ".tmp";
    if (stbi_write_png(temporary.c_str(), width, height, 3, pixels.data(), width * 3) == 0) {
        error = "cannot write " + temporary;
        return false;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        error = "cannot write " + path;
        return false;
    }
    return true;
}

}  // namespace queuelab::gui
