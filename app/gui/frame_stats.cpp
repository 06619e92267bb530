#include "frame_stats.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace queuelab::gui {
namespace {

double cpu_ms(clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace

void FrameStats::Window::add(double ms) {
    samples_[next_] = ms;
    next_ = (next_ + 1) % kFrames;
    count_ = std::min(count_ + 1, kFrames);
}

FrameStats::Figures FrameStats::Window::figures() const {
    if (count_ == 0) return {0, 0, 0};
    std::vector<double> sorted(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(count_));
    double sum = 0;
    for (const double ms : sorted) sum += ms;
    const auto rank = static_cast<std::size_t>(0.99 * static_cast<double>(count_ - 1) + 0.5);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank), sorted.end());
    return {samples_[(next_ + kFrames - 1) % kFrames], sum / static_cast<double>(count_), sorted[rank]};
}

void FrameStats::begin_frame() {
    const double thread_now = cpu_ms(CLOCK_THREAD_CPUTIME_ID);
    const double process_now = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (thread_started_ >= 0) {
        build_.add(built_ - thread_started_);
        frame_.add(thread_now - thread_started_);
        all_threads_.add(process_now - process_started_);
    }
    thread_started_ = thread_now;
    process_started_ = process_now;
}

void FrameStats::frame_built() { built_ = cpu_ms(CLOCK_THREAD_CPUTIME_ID); }

void FrameStats::draw_overlay() const {
    const auto f = frame(), b = build(), all = all_threads();
    char text[160];
    std::snprintf(text, sizeof text, "frame CPU %.1f ms, p99 %.1f (building %.1f) · all threads %.1f · over %zu frames", f.last,
                  f.p99, b.last, all.last, frames());
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float scale = 0.8f;
    const ImVec2 size = ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize() * scale, FLT_MAX, 0, text);
    const ImVec2 at(viewport->WorkPos.x + viewport->WorkSize.x - size.x - ImGui::GetFontSize() * 0.6f,
                    viewport->WorkPos.y + viewport->WorkSize.y - size.y - ImGui::GetFontSize() * 0.3f);
    ImDrawList* draw_list = ImGui::GetForegroundDrawList();
    draw_list->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + size.x + 4, at.y + size.y + 2), IM_COL32(0, 0, 0, 150), 3.0f);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at, IM_COL32(200, 205, 215, 255), text);
}

}  // namespace queuelab::gui
