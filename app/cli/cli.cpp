#include "cli.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "builtin_handlers.h"
#include "input_error.h"
#include "runtime_catalog.h"

namespace queuelab::cli {
namespace {

// Collects --set values and --seed as overrides, reporting a malformed one as bad input.
std::vector<sim::Override> parse_overrides(const std::vector<std::string>& sets) {
    std::vector<sim::Override> overrides;
    for (const auto& text : sets) overrides.push_back(sim::parse_override(text));
    return overrides;
}

}  // namespace

int handlers_command(std::ostream& out) {
    for (const auto& handler : builtin_handlers()) {
        out << handler.name << std::string(20 - std::min<std::size_t>(20, handler.name.size()), ' ')
            << handler.summary << "\n";
    }
    return kExitOk;
}

int exit_code_of(const char* name, std::ostream& err, const std::function<int()>& command) {
    try {
        return command();
    } catch (const sim::InputError& error) {
        err << error.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& error) {
        err << name << ": " << error.what() << "\n";
        return kExitFailed;
    }
}

int run_cli(int argc, char** argv) {
    CLI::App app{"queuelab: simulate SQS queues, Lambda event source mappings and functions"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "queuelab " QUEUELAB_VERSION);
    app.footer("Without a command, queuelab opens the desktop lab: queuelab [--scenario FILE] [--sweep RESULTS.csv] "
               "[--frames N --screenshot OUT.png]");

    RunOptions options;
    std::vector<std::string> sets;
    std::optional<std::string> seed;  // checked as the scenario's "seed" is
    bool no_history = false;
    auto add_scenario_options = [&](CLI::App* command) {
        command->add_option("SCENARIO", options.scenario_path, "scenario file (JSON)")->required();
        command->add_option("--seed", seed, "random seed (overrides the scenario's)");
        command->add_option("--out", options.out_path, "write the JSON report here");
        command->add_flag("--pretty", options.pretty, "indent the report (two spaces); compact without it");
        command->add_flag("--no-history", no_history, "keep no per-message history (the report leaves it out)");
    };
    auto* run = app.add_subcommand("run", "run a scenario headless and print a summary");
    add_scenario_options(run);
    run->add_option("--set", sets, "override a scenario field, e.g. queues.orders.VisibilityTimeout=60");

    auto* compare = app.add_subcommand("compare", "run a scenario as written (A) and with --set overrides (B)");
    add_scenario_options(compare);
    compare->add_option("--set", sets, "override for B, e.g. mappings.0.FunctionResponseTypes=[]")->required();

    BenchOptions bench_options;
    auto* bench = app.add_subcommand("bench", "the performance benchmark");
    bench->add_option("--messages", bench_options.messages, "messages to simulate (--runtime: 10,000)")->check(CLI::Range(1, 100'000'000));
    bench->add_option("--scenario", bench_options.scenario_path, "run this scenario instead of the fixed one");
    bench->add_flag("--history", bench_options.history, "keep per-message histories, as run does (off by default)");
    bench->add_option("--out", bench_options.report_path, "also write the report here and time it");
    bench->add_flag("--pretty", bench_options.pretty, "with --out: indent the report");
    bool bench_runtime = false;
    bench->add_flag("--runtime", bench_runtime,
                    "a learner's handler out of process: the Runtime API round trip and a run with it");

    SweepOptions sweep_options;
    auto* sweep = app.add_subcommand("sweep", "run a scenario over a grid of settings on all local cores");
    sweep->add_option("SCENARIO", sweep_options.scenario_path, "scenario file (JSON)")->required();
    sweep->add_option("--vary", sweep_options.vary, "an axis: KEY=V1,V2,... e.g. mappings.0.BatchSize=1,10,100")->required();
    sweep->add_option("--seeds", sweep_options.seeds, "run each point with seeds 1..N")->check(CLI::Range(1, 100'000));
    sweep->add_option("--jobs", sweep_options.jobs, "worker threads (default: one per core)")->check(CLI::Range(1, 1024));
    sweep->add_option("--out", sweep_options.out_path, "write the CSV here");

    auto* handlers = app.add_subcommand("handlers", "list the built-in handlers");

    std::string parameters_update;
    auto* parameters = app.add_subcommand("parameters", "print the reference of every resource parameter (Markdown)");
    parameters->add_option("--update", parameters_update, "write it into this file between its markers (README.md)");
    CurriculumPaths paths;
    auto add_curriculum_options = [&](CLI::App* command) {
        command->add_option("--lessons", paths.lessons_dir, "the lessons folder (default: the project's lessons/)");
        command->add_option("--progress-file", paths.progress_file,
                            "the progress file (default: $XDG_DATA_HOME/queuelab/progress.json)");
    };
    CheckOptions check_options;
    auto* check = app.add_subcommand("check", "run a lesson's checks headless");
    check->add_option("LESSON_ID", check_options.lesson_id, "day-01 … day-14")->required();
    check->add_flag("--work", check_options.work, "check your saved work instead of the reference solution");
    check->add_option("--answer", check_options.answers, "answer a question, e.g. deliveries=3 (saved)");
    check->add_option("--set", check_options.sets, "edit an exercise, e.g. queues.jobs.VisibilityTimeout=60 (saved)");
    check->add_option("--handler", check_options.handler, "the handler for tasks that let you choose one");
    check->add_option("--task", check_options.task, "only this task");
    add_curriculum_options(check);

    LessonsOptions lessons_options;
    auto* lessons = app.add_subcommand("lessons", "list the lessons and your progress, or show one");
    lessons->add_option("LESSON_ID", lessons_options.lesson_id, "show this lesson: its text and tasks");
    lessons->add_option("--hint", lessons_options.hint_task, "show the next hint of this task");
    lessons->add_option("--solution", lessons_options.solution_task, "show this task's solution (not counted as solved)");
    lessons->add_flag("--read", lessons_options.mark_read, "mark the lesson's Read part done");
    add_curriculum_options(lessons);

    ProgressOptions progress_options;
    auto* progress = app.add_subcommand("progress", "where your progress is kept; export, import or reset it");
    auto* export_option = progress->add_option("--export", progress_options.export_to, "write your progress to FILE");
    auto* import_option = progress->add_option("--import", progress_options.import_from, "replace your progress with FILE");
    auto* reset_option = progress->add_flag("--reset", progress_options.reset, "forget your progress (of LESSON_ID only, if given)");
    progress->add_option("LESSON_ID", progress_options.lesson_id, "with --reset: only this lesson");
    export_option->excludes(import_option)->excludes(reset_option);
    import_option->excludes(reset_option);
    add_curriculum_options(progress);

    ExportOptions export_options;
    auto* export_project = app.add_subcommand("export", "export a handler that passed its tests as a project for Lambda");
    export_project->add_option("HANDLER", export_options.handler, "a built-in handler's name or your .cpp source")->required();
    export_project->add_option("--scenario", export_options.scenario_path, "the scenario to test it with")->required();
    export_project->add_option("--out", export_options.out_dir, "the project's folder")->required();
    export_project->add_option("--function", export_options.function, "the scenario's function it becomes (default: the only one)");
    export_project->add_flag("--force", export_options.force, "replace the folder's files");

    ImportOptions import_options;
    auto* import_template = app.add_subcommand("import", "read a SAM or CloudFormation template, or a serverless.yml, into a scenario");
    import_template->add_option("TEMPLATE", import_options.template_path, "template.yaml or serverless.yml")->required();
    import_template->add_option("--out", import_options.out_path, "the scenario file to write")->required();
    import_template->add_option("--handler", import_options.handler,
                                "the built-in for functions whose Handler names none (default: fixed-response)");
    import_template->add_option("--set", import_options.sets,
                                "a serverless.yml variable: opt:NAME=VALUE for ${opt:NAME} (opt:stage=prod), env:NAME=VALUE for ${env:NAME}");

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        return app.exit(success);
    } catch (const CLI::ParseError& error) {
        const auto parsed = app.get_subcommands();
        std::cerr << argument_error_line(parsed.empty() ? "queuelab" : "queuelab " + parsed.front()->get_name(), error.what())
                  << "\n";
        return kExitBadInput;
    }

    // Learners' sources and Runtime API executables run out of process; built-ins in it.
    runtime::HandlerBuilder builder;
    const runtime::RuntimeCatalog catalog(builder);
    options.catalog = &catalog;
    check_options.catalog = &catalog;
    export_options.catalog = &catalog;
    import_options.catalog = &catalog;
    sweep_options.catalog = &catalog;
    bench_options.catalog = &catalog;

    try {
        if (handlers->parsed()) return handlers_command(std::cout);
        if (parameters->parsed()) return parameters_command(parameters_update, std::cout);
        if (bench->parsed() && bench_runtime) {
            return runtime_bench_command(bench->count("--messages") > 0 ? bench_options.messages : 10'000, std::cout);
        }
        if (bench->parsed()) return bench_command(bench_options, std::cout);
        if (check->parsed()) {
            check_options.paths = paths;
            return check_command(check_options, std::cout, std::cerr);
        }
        if (lessons->parsed()) {
            lessons_options.paths = paths;
            return lessons_command(lessons_options, std::cout, std::cerr);
        }
        if (sweep->parsed()) return sweep_command(sweep_options, std::cout, std::cerr);
        if (export_project->parsed()) return export_command(export_options, std::cout, std::cerr);
        if (import_template->parsed()) return import_command(import_options, std::cout, std::cerr);
        if (progress->parsed()) {
            progress_options.paths = paths;
            return progress_command(progress_options, std::cout, std::cerr);
        }
        auto overrides = parse_overrides(run->parsed() ? sets : std::vector<std::string>{});
        if (seed) overrides.push_back(sim::Override{"seed", *seed, "--seed"});
        options.overrides = overrides;
        options.keep_history = !no_history;
        if (run->parsed()) return run_command(options, std::cout, std::cerr);
        return compare_command(options, parse_overrides(sets), std::cout, std::cerr);
    } catch (const sim::InputError& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace queuelab::cli
