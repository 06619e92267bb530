#include "gui_app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "engine.h"
#include "input_error.h"
#include "report.h"
#include "scenario_loader.h"
#include "screenshot.h"

namespace queuelab::gui {
namespace {

struct GuiOptions {
    std::string scenario_path;
    int frames = 3;
    std::string screenshot_path;
};

struct LabState {
    std::unique_ptr<sim::Engine> engine;
    std::string error;  // the one-line error of a scenario that could not be opened
};

LabState open_scenario(const std::string& path) {
    LabState state;
    if (path.empty()) return state;
    try {
        state.engine = std::make_unique<sim::Engine>(sim::load_scenario_file(path));
        state.engine->run();
    } catch (const sim::InputError& error) {
        state.error = error.what();
    }
    return state;
}

void draw_totals(const sim::Engine& engine) {
    const auto t = sim::compute_totals(engine);
    const std::pair<const char*, std::int64_t> rows[] = {
        {"sent", t.sent},          {"deleted", t.deleted},       {"dead-lettered", t.dead_lettered},
        {"lost", t.lost},          {"invocations", t.invocations}, {"invocation errors", t.invocation_errors},
        {"throttles", t.throttles}, {"processed more than once", t.processed_more_than_once}};
    if (ImGui::BeginTable("totals", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& [name, value] : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(value));
        }
        ImGui::EndTable();
    }
}

void draw_queue_depths(const sim::Engine& engine) {
    const float height = ImGui::GetFontSize() * 5;
    for (const auto& series : engine.recorder().series()) {
        if (series.name.find(".visible") == std::string::npos) continue;
        std::vector<float> values(series.values.begin(), series.values.end());
        ImGui::PlotLines(series.name.c_str(), values.data(), static_cast<int>(values.size()), 0, nullptr, 0.0f,
                         FLT_MAX, ImVec2(ImGui::GetContentRegionAvail().x * 0.7f, height));
    }
}

void draw_lab(const LabState& state) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("queuelab", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::TextUnformatted("queuelab: SQS -> Lambda simulator");
    ImGui::Separator();
    if (!state.error.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.4f, 0.4f, 1.0f), "%s", state.error.c_str());
    } else if (!state.engine) {
        ImGui::TextWrapped("Open a scenario with --scenario FILE (examples in lessons/scenarios/). "
                           "The live topology view, time controls and inspectors are coming.");
    } else {
        const auto& engine = *state.engine;
        ImGui::Text("scenario %s, seed %llu: ended at %.3f s (%s)", engine.scenario().name.c_str(),
                    static_cast<unsigned long long>(engine.scenario().seed), sim::to_seconds(engine.now()),
                    engine.end_reason().c_str());
        draw_totals(engine);
        ImGui::Spacing();
        ImGui::TextUnformatted("visible messages per queue over virtual time");
        draw_queue_depths(engine);
    }
    ImGui::End();
}

std::optional<GuiOptions> parse_options(int argc, char** argv, int& exit_code) {
    CLI::App app{"queuelab desktop lab"};
    GuiOptions options;
    app.add_option("--scenario", options.scenario_path, "scenario file to open");
    app.add_option("--frames", options.frames, "frames to render before --screenshot")->check(CLI::Range(1, 100000));
    app.add_option("--screenshot", options.screenshot_path, "write a PNG of the window after --frames and exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        exit_code = app.exit(error) == 0 ? 0 : 2;
        return std::nullopt;
    }
    return options;
}

}  // namespace

int run_gui_from_args(int argc, char** argv) {
    int exit_code = 0;
    const auto options = parse_options(argc, argv, exit_code);
    if (!options) return exit_code;
    if (!glfwInit()) {
        std::cerr << "queuelab: no display available; run a scenario headless instead:\n"
                     "  queuelab run lessons/scenarios/poison-pill.json\n";
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1600, 1000, "queuelab", nullptr, nullptr);
    if (window == nullptr) {
        std::cerr << "queuelab: cannot open a window (OpenGL 3.0 is needed)\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    const LabState state = open_scenario(options->scenario_path);
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
        if (options->screenshot_path.empty()) {
            glfwWaitEventsTimeout(0.5);  // idle: no busy loop
        } else {
            glfwPollEvents();
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        draw_lab(state);
        ImGui::Render();
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!options->screenshot_path.empty() && frame + 1 >= options->frames) {
            std::string error;
            if (!save_framebuffer_png(width, height, options->screenshot_path, error)) {
                std::cerr << "queuelab: " << error << "\n";
                exit_code = 1;
            }
            break;
        }
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

}  // namespace queuelab::gui
