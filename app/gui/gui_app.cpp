// [SECTION] Window, fonts and style
// [SECTION] Starting the lab from options and settings
// [SECTION] The main loop

#include "gui_app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <malloc.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "gui_options.h"
#include "key_presses.h"
#include "input_error.h"
#include "lab/paths.h"
#include "json_reader.h"
#include "lab/sweep_chart.h"
#include "lab/sweep_csv.h"
#include "lab/ui_scale.h"
#include "lab_window.h"
#include "runtime_catalog.h"
#include "scenario_loader.h"
#include "screenshot.h"
#include "settings.h"

namespace queuelab::gui {

using lab::LabState, lab::RunId, lab::Selection, lab::config_dir, lab::project_root;

namespace {

// [SECTION] Window, fonts and style

constexpr float kFontPixels = 16.0f;
constexpr double kScreenshotFrameSeconds = 1.0 / 60;
constexpr double kLongestFrameSeconds = 0.1;  // a stall does not jump virtual time ahead
constexpr double kIdleWaitSeconds = 1.0;    // nothing moves: wake for input, a stop request, or the workspace's once-a-second file watch
constexpr double kTypingWaitSeconds = 0.25;  // a text cursor blinks
constexpr int kSettleFrames = 3;  // after input, a few more frames let ImGui finish layout (tables fit columns)

// The OpenGL backend hands every draw list to a new buffer each frame, and a software renderer
// (Xvfb's llvmpipe) allocates its storage on the heap. By default glibc gives the freed top of
// the heap back to the system and faults the pages in again next frame, which doubled the frame
// cost with 100,000 messages on screen; keeping up to 256 MiB of freed memory avoids it.
void keep_freed_heap_memory() {
#ifdef __GLIBC__
    constexpr int kKeep = 256 << 20;
    mallopt(M_TRIM_THRESHOLD, kKeep);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

GLFWwindow* open_window(int width, int height) {
    if (!glfwInit()) return nullptr;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(width, height, "queuelab", nullptr, nullptr);
    if (window == nullptr) return nullptr;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    return window;
}

struct Fonts {
    ImFont* text = nullptr;
    ImFont* code = nullptr;
};

// DejaVu Sans when installed (fonts-dejavu-core), with the few symbols the lab draws; else
// ImGui's built-in font.
Fonts load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText("\xE2\x80\xA6\xE2\x86\x92\xE2\x86\x90\xE2\x86\xBA\xE2\x96\xB6\xE2\x96\xB8\xE2\x97\x82\xE2\x96\xAE\xE2\x96\xBE\xC3\x97\xC2\xB7\xE2\x80\x94");
    builder.BuildRanges(&ranges);
    const std::filesystem::path dejavu = "/usr/share/fonts/truetype/dejavu";
    Fonts fonts;
    std::error_code error;
    if (std::filesystem::exists(dejavu / "DejaVuSans.ttf", error)) {
        fonts.text = io.Fonts->AddFontFromFileTTF((dejavu / "DejaVuSans.ttf").c_str(), kFontPixels * scale, nullptr, ranges.Data);
    }
    if (fonts.text == nullptr) {
        ImFontConfig config;
        config.SizePixels = 13.0f * scale;
        fonts.text = io.Fonts->AddFontDefault(&config);
    }
    if (std::filesystem::exists(dejavu / "DejaVuSansMono.ttf", error)) {
        fonts.code = io.Fonts->AddFontFromFileTTF((dejavu / "DejaVuSansMono.ttf").c_str(), (kFontPixels - 1) * scale, nullptr,
                                                  ranges.Data);
    }
    return fonts;
}

void style_for(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();  // ScaleAllSizes multiplies: start from unscaled sizes
    ImGui::StyleColorsDark();
    style.WindowRounding = style.FrameRounding = style.TabRounding = 4.0f;
    style.WindowBorderSize = 0;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    style.ScaleAllSizes(scale);
}

// Fonts and sizes for `scale` (lab/ui_scale.h), between frames: the font atlas is rebuilt and
// uploaded again, the style rescaled from its defaults.
void apply_scale(float scale, LabWindow* lab_window) {
    ImGui::GetIO().Fonts->Clear();
    const Fonts fonts = load_fonts(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    style_for(scale);
    if (lab_window != nullptr) lab_window->set_monospace(fonts.code);
}

float scale_of(GLFWwindow* window, float zoom) {
    float scale_x = 1, scale_y = 1;
    glfwGetWindowContentScale(window, &scale_x, &scale_y);
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    return lab::ui_scale(scale_x, zoom, height);
}

// [SECTION] Starting the lab from options and settings

std::string first_lesson_scenario() {
    const auto root = project_root();
    const auto path = root / "lessons" / "scenarios" / "poison-pill.json";
    std::error_code error;
    return !root.empty() && std::filesystem::exists(path, error) ? path.string() : std::string{};
}

// The scenario named on the command line, else the last one opened, else the first lesson's.
void open_first_scenario(LabState& lab, const GuiOptions& options, const LabSettings& settings) {
    std::string scenario = options.scenario_path.empty() ? settings.last_scenario : options.scenario_path;
    if (scenario.empty()) scenario = first_lesson_scenario();
    if (!scenario.empty()) lab.open_scenario(scenario);
}

// B's overrides from --compare-set; an error is shown in the window like any other.
void set_compare_overrides(LabState& lab, const std::vector<std::string>& texts) {
    try {
        std::vector<sim::Override> overrides;
        for (const auto& text : texts) {
            overrides.push_back(sim::parse_override(text));
            overrides.back().origin = "--compare-set";
        }
        if (auto error = lab.set_compare_overrides(overrides); !error.empty()) lab.last_error = error;
    } catch (const std::exception& error) {
        lab.last_error = error.what();
    }
}

// --select-message / --select-invocation / --select-record N; a number past what run A has at the playhead is shown
// as an error in the window.
void select_from_options(LabState& lab, const GuiOptions& options) {
    if (!lab.has_scenario()) return;
    const auto& engine = *lab.run(RunId::A).engine;
    const auto select = [&](const char* option, std::uint32_t number, std::size_t count, const char* what, Selection selection) {
        if (number < count) {
            lab.selection = selection;
            return;
        }
        char at[32];
        std::snprintf(at, sizeof at, "%g", sim::to_seconds(lab.now()));
        lab.last_error = std::string(option) + " " + std::to_string(number) + ": run A has only " + std::to_string(count) + " " +
                         what + " at " + at + " s (numbered from 0)";
    };
    if (options.select_message) {
        const auto n = *options.select_message;
        select("--select-message", n, engine.sqs().messages().size(), "messages", Selection{RunId::A, n, sim::kNone});
    }
    if (options.select_invocation) {
        const auto n = *options.select_invocation;
        select("--select-invocation", n, engine.recorder().invocations().size(), "invocations", Selection{RunId::A, sim::kNone, n});
    }
    if (options.select_record) {
        const auto n = *options.select_record;
        select("--select-record", n, engine.kinesis().records().size(), "stream records", Selection{RunId::A, sim::kNone, sim::kNone, n});
    }
}

struct SweepToShow {
    lab::SweepResults results;
    std::optional<std::size_t> metric;
    std::size_t x_key = 0;
};

// "drain_time_s, sent, ..." for an error message.
std::string listed(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// --sweep and its axes (--sweep-y, --sweep-x). Throws sim::InputError.
SweepToShow read_sweep(const GuiOptions& options) {
    SweepToShow sweep{lab::read_sweep_csv(options.sweep_path), std::nullopt, 0};
    const auto& results = sweep.results;
    if (options.sweep_y) {
        sweep.metric = results.metric_index(*options.sweep_y);
        if (!sweep.metric) {
            throw sim::InputError("--sweep-y", "", 0, "expected a numeric column of " + options.sweep_path + " (" +
                                                          listed(results.metrics) + "), got " + sim::quote(*options.sweep_y));
        }
    }
    if (options.sweep_x) {
        const auto key = lab::key_index(results, *options.sweep_x);
        if (!key) {
            throw sim::InputError("--sweep-x", "", 0, "expected a varied key of " + options.sweep_path + " (" +
                                                          listed(results.keys) + "), got " + sim::quote(*options.sweep_x));
        }
        sweep.x_key = *key;
    }
    return sweep;
}

void start_lab(LabWindow& window, const GuiOptions& options, const LabSettings& settings, std::optional<SweepToShow> sweep) {
    LabState& lab = window.lab();
    window.apply(settings);
    open_first_scenario(lab, options, settings);
    if (sweep) window.show_sweep(std::move(sweep->results), sweep->metric, sweep->x_key);
    if (!options.compare_sets.empty()) set_compare_overrides(lab, options.compare_sets);
    const std::string view = options.view.value_or(options.compare_sets.empty() ? "" : "compare");
    if (!view.empty()) window.show(view);
    if (options.lesson) window.open_lesson(*options.lesson, options.lesson_run);
    if (view == "compare") lab.enable_compare();
    if (options.at_seconds) lab.seek(sim::from_seconds(*options.at_seconds));
    if (options.speed) {
        lab.speed = *options.speed;
        lab.playing = lab.has_scenario() && !lab.finished();
    }
    select_from_options(lab, options);
}

// [SECTION] The main loop

// Installed before ImGui's callbacks, which call it in turn.
extern "C" void remember_key(GLFWwindow*, int key, int, int action, int mods) {
    const bool modified = (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) != 0;
    if ((action == GLFW_PRESS || action == GLFW_REPEAT) && !modified) key_presses().record(key);
}

using Clock = std::chrono::steady_clock;

// Ctrl+C or a polite kill closes the window the normal way, so settings are saved.
volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

double seconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

// Renders one frame into the back buffer; with `text_dump`, also writes the text it draws there.
void render_frame(GLFWwindow* window, LabWindow& lab_window, double frame_seconds, bool fixed_step,
                  const std::string& text_dump = {}) {
    lab_window.frame_stats().begin_frame();
    lab_window.lab().advance(frame_seconds);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (fixed_step) {  // screenshots: the same frame whatever the clock or the pointer does
        ImGui::GetIO().DeltaTime = static_cast<float>(frame_seconds);
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    ImGui::NewFrame();
    if (!text_dump.empty()) {
        std::error_code error;
        std::filesystem::remove(text_dump, error);
        ImGui::LogToFile(0, text_dump.c_str());  // depth 0: logging opens no tree node
    }
    lab_window.set_text_dump(text_dump);
    lab_window.draw();
    lab_window.set_text_dump({});
    if (!text_dump.empty()) {  // each top-level window's End stopped the log: reopen it, appending
        ImGui::LogToFile(0, text_dump.c_str());
        ImGui::LogText("\n[frame] font %.0f px, window %.0fx%.0f\n", ImGui::GetFontSize(), ImGui::GetIO().DisplaySize.x,
                       ImGui::GetIO().DisplaySize.y);
        ImGui::LogFinish();
    }
    ImGui::Render();
    lab_window.frame_stats().frame_built();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

int main_loop(GLFWwindow* window, LabWindow& lab_window, const GuiOptions& options,
              const std::filesystem::path& ini_file, float scale) {
    auto last_frame = Clock::now();
    int settle_frames = kSettleFrames;
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    for (int frame = 0; !glfwWindowShouldClose(window) && stop_requested == 0; ++frame) {
        if (options.screenshot_mode()) {
            glfwPollEvents();
        } else if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
            glfwWaitEventsTimeout(kIdleWaitSeconds);  // minimised: sleep, and let virtual time wait too
            last_frame = Clock::now();
            continue;
        } else if (lab_window.animating() || settle_frames > 0) {
            glfwPollEvents();
            settle_frames = std::max(0, settle_frames - 1);
        } else {
            glfwWaitEventsTimeout(ImGui::GetIO().WantTextInput ? kTypingWaitSeconds : kIdleWaitSeconds);
            settle_frames = kSettleFrames;
        }
        const auto now = Clock::now();
        const double frame_seconds = options.screenshot_mode() ? kScreenshotFrameSeconds
                                                               : std::min(seconds_between(last_frame, now), kLongestFrameSeconds);
        last_frame = now;
        if (const float wanted = scale_of(window, lab_window.zoom()); wanted != scale) {  // zoom or window changed
            scale = wanted;
            apply_scale(scale, &lab_window);
        }
        const bool last_frame_shot = options.screenshot_mode() && frame + 1 >= options.frames;
        render_frame(window, lab_window, frame_seconds, options.screenshot_mode(),
                     last_frame_shot ? options.text_dump_path : std::string{});
        if (options.screenshot_mode() && frame + 1 >= options.frames) {
            int width = 0, height = 0;
            glfwGetFramebufferSize(window, &width, &height);
            std::string error;
            if (!save_framebuffer_png(width, height, options.screenshot_path, error)) {
                std::cerr << "queuelab: " << error << "\n";
                return 1;
            }
            if (!lab_window.drawn_lesson().empty()) std::cout << "lesson panel: " << lab_window.drawn_lesson() << "\n";
            return 0;
        }
        if (!ini_file.empty()) save_imgui_ini_if_changed(ini_file);
        glfwSwapBuffers(window);
    }
    return 0;
}

// No window can open: the scenario given is still checked (bad input is one line and exit code 2,
// as on the command line), and the hint runs that scenario headless.
int without_display(const GuiOptions& options) {
    if (!options.sweep_path.empty() && options.scenario_path.empty()) {
        std::cerr << "queuelab: no display (or no OpenGL 3.0) available to chart the sweep " << options.sweep_path << "\n";
        return 1;
    }
    if (!options.scenario_path.empty()) {
        try {
            runtime::HandlerBuilder builder;
            const runtime::RuntimeCatalog catalog(builder);
            sim::load_scenario_file(options.scenario_path, {}, catalog);
        } catch (const sim::InputError& error) {
            std::cerr << error.what() << "\n";
            return 2;
        }
    }
    const std::string scenario = options.scenario_path.empty() ? "lessons/scenarios/poison-pill.json" : options.scenario_path;
    std::cerr << "queuelab: no display (or no OpenGL 3.0) available; run the scenario headless instead: queuelab run "
              << scenario << "\n";
    return 1;
}

}  // namespace

KeyPresses& key_presses() {
    static KeyPresses presses;
    return presses;
}

int run_gui_from_args(int argc, char** argv) {
    int exit_code = 0;
    const auto options = parse_gui_options(argc, argv, exit_code);
    if (!options) return exit_code;
    // --sweep is read first, so a bad file is one line and exit code 2 whether or not a window opens.
    std::optional<SweepToShow> sweep;
    if (!options->sweep_path.empty()) {
        try {
            sweep = read_sweep(*options);
        } catch (const sim::InputError& error) {
            std::cerr << error.what() << "\n";
            return 2;
        }
    }
    keep_freed_heap_memory();
    // Screenshots and tests read no settings: the same options give the same picture.
    const auto config = options->screenshot_mode() ? std::filesystem::path{} : config_dir();
    const auto ini_file = config.empty() ? config : config / "imgui.ini";
    const auto settings_file = config.empty() ? config : config / "settings.json";
    LabSettings settings = settings_file.empty() ? LabSettings{} : load_settings(settings_file);
    const auto [width, height] = options->window_size.value_or(std::pair{settings.window_width, settings.window_height});
    if (options->zoom) settings.zoom = *options->zoom;
    GLFWwindow* window = open_window(width, height);
    if (window == nullptr) {
        glfwTerminate();
        return without_display(*options);
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the lab writes imgui.ini itself, atomically
    if (!ini_file.empty()) load_imgui_ini(ini_file);
    const float scale = scale_of(window, settings.zoom);
    style_for(scale);
    const Fonts fonts = load_fonts(scale);
    glfwSetKeyCallback(window, remember_key);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    {
        // Learners' sources and Runtime API executables run out of process. The engine runs on this
        // thread, so a handler that never answers holds the window for at most the invoke cap.
        runtime::HandlerBuilder builder;
        const runtime::RuntimeCatalog catalog(builder, runtime::RuntimeOptions{.init_time_cap_s = 3, .invoke_time_cap_s = 3});
        LabWindow lab_window(fonts.code);
        lab_window.lab().set_catalog(catalog);
        lab_window.set_builder(builder);
        start_lab(lab_window, *options, settings, std::move(sweep));
        lab_window.show_welcome(options->welcome || (!options->screenshot_mode() && !settings.welcomed));
        lab_window.show_frame_time(options->frame_stats);
        exit_code = main_loop(window, lab_window, *options, ini_file, scale);
        if (!settings_file.empty()) {
            LabSettings saved = lab_window.settings();
            glfwGetWindowSize(window, &saved.window_width, &saved.window_height);  // remembered for the next start
            save_settings(settings_file, saved);
        }
        if (!ini_file.empty()) {
            io.WantSaveIniSettings = true;
            save_imgui_ini_if_changed(ini_file);
        }
        if (options->frame_stats) {
            const auto& stats = lab_window.frame_stats();
            const auto frame = stats.frame(), build = stats.build(), all = stats.all_threads();
            std::cout << "frames " << stats.frames() << "; CPU ms per frame: mean " << frame.mean << ", p99 " << frame.p99
                      << " (building it: mean " << build.mean << ", p99 " << build.p99
                      << "); all threads, with the renderer's: mean " << all.mean << ", p99 " << all.p99 << "; "
                      << ImGui::GetDrawData()->TotalVtxCount << " vertices in the last frame\n";
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

}  // namespace queuelab::gui
