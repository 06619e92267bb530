#pragma once
// Saving the current OpenGL framebuffer as a PNG (glReadPixels + stb_image_write), written
// atomically.

#include <string>

namespace queuelab::gui {

// Returns false (with a reason in `error`) if the file cannot be written.
bool save_framebuffer_png(int width, int height, const std::string& path, std::string& error);

}  // namespace queuelab::gui
