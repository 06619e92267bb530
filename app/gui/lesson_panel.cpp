#include "lesson_panel.h"

#include <algorithm>

#include "lesson_loader.h"
#include "widgets.h"

namespace queuelab::gui {
namespace {

using curriculum::Part;

// "Study 1", "Practice 2", "Challenge": the tab of a task.
std::string tab_label(const curriculum::Lesson& lesson, const curriculum::Task& task) {
    const auto same_part = lesson.tasks_of(task.part);
    std::string label = task.part == Part::Study ? "Study" : task.part == Part::Practice ? "Practice" : "Challenge";
    if (same_part.size() > 1) {
        const auto position = std::find(same_part.begin(), same_part.end(), &task) - same_part.begin();
        label += " " + std::to_string(position + 1);
    }
    return label;
}

}  // namespace

void LessonPanel::ensure_loaded(const lab::LabState& lab) {
    if (loaded_) return;
    session_.load(curriculum::default_lessons_dir(), curriculum::ProgressStore(curriculum::ProgressStore::default_file()));
    session_.set_catalog(lab.catalog());
    loaded_ = true;
}

std::string LessonPanel::open(const lab::LabState& lab, const std::string& lesson_and_task) {
    ensure_loaded(lab);
    const auto slash = lesson_and_task.find('/');
    if (!session_.open(lesson_and_task.substr(0, slash))) return session_.last_error;
    if (slash != std::string::npos && !session_.select_task(lesson_and_task.substr(slash + 1))) return session_.last_error;
    select_page_ = true;
    return {};
}

std::string LessonPanel::run(lab::LabState& lab) {
    if (session_.task() == nullptr) return "--lesson-run: name a task, e.g. --lesson day-06/turn-it-on";
    if (session_.stage() == lab::TaskStage::Predict) {
        if (std::string error = session_.commit_prediction(); !error.empty()) return error;
    }
    previewed_ = session_.task();
    return run_in_lab(session_, lab);
}

void LessonPanel::begin_frame(lab::LabState& lab) {
    drawn_.clear();
    if (!session_.running()) return;
    if (const auto launch = session_.finish_run()) {
        previewed_ = session_.task();
        launch_in_lab(lab, *launch);
    } else if (!session_.running()) {
        lab.last_error = session_.last_error;
    }
}

std::string LessonPanel::outcome_summary() const {
    const auto* outcome = session_.task() == nullptr ? nullptr : session_.outcome();
    if (outcome == nullptr || session_.stage() != lab::TaskStage::Revealed) return {};
    const auto passed = std::count_if(outcome->checks.begin(), outcome->checks.end(), [](const auto& c) { return c.passed; });
    return ", " + std::to_string(passed) + " of " + std::to_string(outcome->checks.size()) + " checks pass";
}

MarkdownActions LessonPanel::actions(lab::LabState& lab) {
    return {[this](const std::string& scenario) { return session_.scenario_named(scenario).has_value(); },
            [this, &lab](const std::string& scenario) {
                if (const auto launch = session_.scenario_named(scenario)) launch_in_lab(lab, *launch);
            }};
}

void LessonPanel::draw(lab::LabState& lab, ImFont* monospace) {
    ensure_loaded(lab);
    if (session_.lesson() == nullptr) {
        ImGui::BeginChild("lesson browser");
        browser_.draw(session_);
        ImGui::EndChild();
        drawn_ = "lesson browser: " + std::to_string(session_.catalog().lessons.size()) + " lessons";
        return;
    }
    draw_header();
    draw_pages(lab, monospace);
}

void LessonPanel::draw_header() {
    const auto& lesson = *session_.lesson();
    if (ImGui::SmallButton("\xE2\x97\x82 Lessons")) {
        session_.close();
        return;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("Week %d, day %d \xC2\xB7 %s", lesson.week, lesson.day, lab::lesson_status_name(session_.status(lesson)));
    ImGui::SetWindowFontScale(1.2f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(colours::heading(), "%s", lesson.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetWindowFontScale(1.0f);
    if (!session_.last_error.empty() && session_.task() == nullptr) {
        ImGui::PushStyleColor(ImGuiCol_Text, colours::error_text());
        ImGui::TextWrapped("%s", session_.last_error.c_str());
        ImGui::PopStyleColor();
    }
}

void LessonPanel::draw_pages(lab::LabState& lab, ImFont* monospace) {
    const auto& lesson = *session_.lesson();
    if (session_.lesson() == nullptr || !ImGui::BeginTabBar("lesson pages", ImGuiTabBarFlags_FittingPolicyScroll)) return;
    const bool select = select_page_;
    select_page_ = false;
    const curriculum::Task* open_task = session_.task();
    std::string page;
    if (ImGui::BeginTabItem("Read", nullptr, select && open_task == nullptr ? ImGuiTabItemFlags_SetSelected : 0)) {
        session_.show_read();
        ImGui::BeginChild("read");
        draw_read(lab, monospace);
        ImGui::EndChild();
        ImGui::EndTabItem();
        page = "Read";
    }
    for (const auto& task : lesson.tasks) {
        const std::string label = tab_label(lesson, task) + "##" + task.id;
        if (ImGui::BeginTabItem(label.c_str(), nullptr, select && open_task == &task ? ImGuiTabItemFlags_SetSelected : 0)) {
            session_.select_task(task.id);
            if (previewed_ != &task) {
                previewed_ = &task;
                launch_in_lab(lab, session_.preview(), false);
            }
            ImGui::BeginChild("task");
            task_view_.draw(session_, lab, markdown_, monospace, actions(lab));
            ImGui::EndChild();
            ImGui::EndTabItem();
            page = task.id + outcome_summary();
        }
    }
    if (ImGui::BeginTabItem("Takeaways")) {
        ImGui::BeginChild("takeaways");
        draw_takeaways();
        ImGui::EndChild();
        ImGui::EndTabItem();
        page = "Takeaways";
    }
    ImGui::EndTabBar();
    drawn_ = lesson.id + " " + lesson.title + ": " + page;
}

void LessonPanel::draw_read(lab::LabState& lab, ImFont* monospace) {
    const auto& lesson = *session_.lesson();
    TextDisabledWrapped("About " + std::to_string(lesson.minutes.read) + " min to read, " + std::to_string(lesson.minutes.study) +
                        " to study, " + std::to_string(lesson.minutes.practice) + " to practise, " +
                        std::to_string(lesson.minutes.challenge) + " for the challenge.");
    draw_markdown(markdown_.blocks(lesson.read), monospace, actions(lab));
    ImGui::Separator();
    if (session_.progress().read_done(lesson.id)) {
        ImGui::TextColored(colours::better(), "Read.");
    } else if (ImGui::Button("I have read this")) {
        session_.mark_read();
    }
}

void LessonPanel::draw_takeaways() {
    const auto& lesson = *session_.lesson();
    ImGui::TextColored(colours::heading(), "Key takeaways");
    for (const auto& takeaway : lesson.takeaways) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", takeaway.c_str());
    }
}

}  // namespace queuelab::gui
