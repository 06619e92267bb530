#pragma once
// The message dots of a topology view. Each frame the view places every dot it draws where the
// engine says that message is now; a dot glides there from where it was, so each move (received,
// back after the visibility timeout, to the dead-letter queue, deleted) is seen as motion. Only
// the drawn sample of messages is remembered.

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>

namespace queuelab::gui {

class MessageDots {
public:
    // Starts a frame; `real_seconds` since the last one drives the gliding.
    void begin_frame(float real_seconds);
    // Message `message` is at `target` this frame. A dot not seen before starts at `origin`.
    // `ring` in [0, 1] draws that fraction of a ring around it (time left of a visibility
    // timeout); negative: no ring.
    void place(std::uint32_t message, ImVec2 target, ImVec2 origin, ImU32 colour, float radius, float ring = -1);
    // Dots drawn last frame but not placed this one leave: `exit_to(message)` says where they go
    // (they fade out on the way), or nullopt to drop them at once.
    void retire(const std::function<std::optional<ImVec2>(std::uint32_t)>& exit_to);
    void draw(ImDrawList* draw_list, std::uint32_t selected) const;
    // The message whose dot is under `point`, or nullopt.
    std::optional<std::uint32_t> hit(ImVec2 point) const;
    // Some dot is still on its way: keep drawing frames even when the run is paused.
    bool moving() const { return moving_; }
    void clear() { dots_.clear(); }

private:
    struct Dot {
        ImVec2 position;
        ImVec2 target;
        ImU32 colour;
        float radius;
        float ring;
        float fade;    // 1 while placed; falls to 0 while leaving
        std::uint64_t frame;
    };

    std::unordered_map<std::uint32_t, Dot> dots_;
    std::uint64_t frame_ = 0;
    float glide_ = 1;  // fraction of the remaining way covered this frame
    float real_seconds_ = 0;
    bool moving_ = false;
};

}  // namespace queuelab::gui
