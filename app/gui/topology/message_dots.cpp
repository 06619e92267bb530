#include "message_dots.h"

#include <cmath>

namespace queuelab::gui {
namespace {

constexpr float kGlideRatePerSecond = 7.0f;  // higher: dots reach their place sooner
constexpr float kFadeSeconds = 0.8f;
constexpr float kAtRestPixels = 0.5f;
constexpr float kPi = 3.14159265f;

ImVec2 towards(ImVec2 from, ImVec2 to, float fraction) {
    return ImVec2(from.x + (to.x - from.x) * fraction, from.y + (to.y - from.y) * fraction);
}

float distance_squared(ImVec2 a, ImVec2 b) {
    return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<ImU32>(static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace

void MessageDots::begin_frame(float real_seconds) {
    ++frame_;
    real_seconds_ = real_seconds;
    glide_ = 1.0f - std::exp(-kGlideRatePerSecond * real_seconds);
    moving_ = false;
}

void MessageDots::place(std::uint32_t message, ImVec2 target, ImVec2 origin, ImU32 colour, float radius, float ring) {
    auto [found, inserted] = dots_.try_emplace(message, Dot{origin, target, colour, radius, ring, 1.0f, frame_});
    Dot& dot = found->second;
    dot.target = target;
    dot.colour = colour;
    dot.radius = radius;
    dot.ring = ring;
    dot.fade = 1.0f;
    dot.frame = frame_;
    dot.position = towards(dot.position, target, glide_);
    moving_ = moving_ || distance_squared(dot.position, target) > kAtRestPixels * kAtRestPixels;
}

void MessageDots::retire(const std::function<std::optional<ImVec2>(std::uint32_t)>& exit_to) {
    for (auto it = dots_.begin(); it != dots_.end();) {
        Dot& dot = it->second;
        if (dot.frame == frame_) {
            ++it;
            continue;
        }
        if (dot.frame == frame_ - 1 && dot.fade == 1.0f) {  // just left its place
            const auto exit = exit_to(it->first);
            if (!exit) {
                it = dots_.erase(it);
                continue;
            }
            dot.target = *exit;
            dot.ring = -1;
        }
        dot.frame = frame_;
        dot.fade -= real_seconds_ / kFadeSeconds;
        dot.position = towards(dot.position, dot.target, glide_);
        if (dot.fade <= 0) {
            it = dots_.erase(it);
            continue;
        }
        moving_ = true;
        ++it;
    }
}

void MessageDots::draw(ImDrawList* draw_list, std::uint32_t selected) const {
    constexpr int kSegments = 10;
    for (const auto& [message, dot] : dots_) {
        const ImU32 colour = with_alpha(dot.colour, dot.fade);
        if (dot.radius < 2.5f) {
            draw_list->AddRectFilled(ImVec2(dot.position.x - dot.radius, dot.position.y - dot.radius),
                                     ImVec2(dot.position.x + dot.radius, dot.position.y + dot.radius), colour);
        } else {
            draw_list->AddCircleFilled(dot.position, dot.radius, colour, kSegments);
        }
        if (dot.ring > 0 && dot.radius >= 3.0f) {
            const float start = -kPi / 2;
            draw_list->PathArcTo(dot.position, dot.radius + 2.0f, start, start + 2 * kPi * dot.ring, kSegments);
            draw_list->PathStroke(with_alpha(IM_COL32(240, 240, 250, 200), dot.fade), false, 1.5f);
        }
        if (message == selected) {
            draw_list->AddCircle(dot.position, dot.radius + 4.0f, IM_COL32_WHITE, 16, 2.5f);
        }
    }
}

std::optional<std::uint32_t> MessageDots::hit(ImVec2 point) const {
    std::optional<std::uint32_t> best;
    float best_distance = 0;
    for (const auto& [message, dot] : dots_) {
        if (dot.fade < 1.0f) continue;
        const float reach = dot.radius + 3.0f;
        const float d = distance_squared(point, dot.position);
        if (d <= reach * reach && (!best || d < best_distance)) {
            best = message;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace queuelab::gui
