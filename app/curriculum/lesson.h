#pragma once
// A lesson of the curriculum, as loaded from lessons/day-NN/lesson.json (docs/lesson-format.md):
// Read text, Study questions (predict → run → explain), Practice exercises and a Challenge, each
// judged by facts of a simulation run, never by the learner's text.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "measure.h"

namespace queuelab::curriculum {

enum class Part { Study, Practice, Challenge };
// "study", "practice", "challenge".
const char* part_name(Part part);

// A learner's work on a task, or a task's reference solution: edits to the exercise's scenario
// (path → JSON value, e.g. "queues.jobs.VisibilityTimeout" → 180) and answers to its questions
// (key → text, e.g. "deliveries" → "5").
struct Work {
    std::map<std::string, nlohmann::json> set;
    std::map<std::string, std::string> answers;
    // For a handler exercise: the C++ source to run (the learner's copy, or the reference
    // solution's); empty: the starting handler.
    std::filesystem::path source;

    bool empty() const { return set.empty() && answers.empty() && source.empty(); }
    friend bool operator==(const Work&, const Work&) = default;
};

// A question's answer, which the run decides.
struct Answer {
    enum class Kind {
        Number,    // the learner gives a number; the run measures it (within `tolerance`)
        Choice,    // the learner picks one of `choices`; the run shows which one holds
        Smallest,  // the smallest whole value of `parameter` in [from, to] for which `holds` passes
        Largest,   // the largest such value
    };
    struct Choice {
        std::string value;  // what the learner types
        std::string text;   // what it means
        std::vector<Check> when;  // all hold in the run exactly when this is the right choice
    };

    std::string key;     // KEY of --answer KEY=VALUE
    std::string prompt;  // what is asked, for people
    Kind kind = Kind::Number;
    Measure measure;                // Number
    double tolerance = 0;           // Number
    std::vector<Choice> choices;    // Choice
    std::string parameter;          // Smallest / Largest: a scenario path
    std::int64_t from = 0, to = 0;  // Smallest / Largest
    std::vector<Check> holds;       // Smallest / Largest
};

// The moment of the run that decides a question, for the lab to point at ("show me").
struct Moment {
    enum class Kind {
        AtTime,      // at_s
        Event,       // the occurrence-th `event` (history) of the messages `where` picks
        Invocation,  // the first invocation `where` picks
    };
    Kind kind = Kind::AtTime;
    std::string says;  // what happens then, for people
    double at_s = 0;
    std::string event;
    Filter where;
    int occurrence = 1;
};

// An exercise whose work is a handler the learner writes in C++ ("handler_source" in the file):
// `function` runs a source (Runtime provided.al2023, Simulation.Source), at first the lesson's
// starting handler.
struct HandlerExercise {
    std::string function;
    std::filesystem::path start;  // shipped with the lesson
};

// One study question, practice exercise or challenge. A question has answers; an exercise has
// editable parameters and checks. The challenge may be either.
struct Task {
    Part part = Part::Practice;
    std::string id;  // unique within its lesson
    std::string title;

    std::filesystem::path scenario;
    std::map<std::string, nlohmann::json> set;  // the lesson's own edits to the scenario

    // A question: predict → run → explain.
    std::string question;  // Markdown
    std::vector<Answer> answers;
    std::optional<Moment> moment;
    std::string explain;  // Markdown, shown after the run

    // An exercise.
    std::string goal;                   // Markdown: what to achieve
    std::vector<std::string> editable;  // scenario paths the learner may change
    std::optional<HandlerExercise> handler_exercise;
    std::vector<Check> checks;

    std::vector<std::string> hints;  // one at a time, in order
    Work solution;                   // reference: edits (exercise) or answers (question)

    bool is_question() const { return !answers.empty(); }
    // The scenario path of a function's Handler the learner may change ("functions.F.Handler"),
    // or empty.
    std::string handler_slot() const;
    const Answer* find_answer(std::string_view key) const;
};

struct Minutes {
    int read = 0, study = 0, practice = 0, challenge = 0;
};

struct Lesson {
    std::string id;  // "day-01" … "day-14"
    int week = 0;
    int day = 0;
    std::string title;
    Minutes minutes;
    std::filesystem::path file;  // lesson.json
    std::string read;            // the Read text, Markdown
    std::vector<Task> tasks;     // study, then practice, then the challenge
    std::vector<std::string> takeaways;

    const Task* find_task(std::string_view id) const;
    std::vector<const Task*> tasks_of(Part part) const;
};

}  // namespace queuelab::curriculum
