#include "cli.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "builtin_handlers.h"
#include "input_error.h"

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

int run_cli(int argc, char** argv) {
    CLI::App app{"queuelab: simulate SQS queues, Lambda event source mappings and functions"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "queuelab " QUEUELAB_VERSION);
    app.footer("Without a command, queuelab opens the desktop lab: queuelab [--scenario FILE] "
               "[--frames N --screenshot OUT.png]");

    RunOptions options;
    std::vector<std::string> sets;
    std::optional<std::string> seed;  // checked as the scenario's "seed" is
    auto add_scenario_options = [&](CLI::App* command) {
        command->add_option("SCENARIO", options.scenario_path, "scenario file (JSON)")->required();
        command->add_option("--seed", seed, "random seed (overrides the scenario's)");
        command->add_option("--out", options.out_path, "write the JSON report here");
    };
    auto* run = app.add_subcommand("run", "run a scenario headless and print a summary");
    add_scenario_options(run);
    run->add_option("--set", sets, "override a scenario field, e.g. queues.orders.VisibilityTimeout=60");

    auto* compare = app.add_subcommand("compare", "run a scenario as written (A) and with --set overrides (B)");
    add_scenario_options(compare);
    compare->add_option("--set", sets, "override for B, e.g. mappings.0.FunctionResponseTypes=[]")->required();

    std::int64_t bench_messages = 1'000'000;
    auto* bench = app.add_subcommand("bench", "the performance benchmark");
    bench->add_option("--messages", bench_messages, "messages to simulate")->check(CLI::Range(1, 100'000'000));

    auto* handlers = app.add_subcommand("handlers", "list the built-in handlers");

    std::string parameters_update;
    auto* parameters = app.add_subcommand("parameters", "print the reference of every resource parameter (Markdown)");
    parameters->add_option("--update", parameters_update, "write it into this file between its markers (README.md)");

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

    try {
        if (handlers->parsed()) return handlers_command(std::cout);
        if (parameters->parsed()) return parameters_command(parameters_update, std::cout);
        if (bench->parsed()) return bench_command(bench_messages, std::cout);
        auto overrides = parse_overrides(run->parsed() ? sets : std::vector<std::string>{});
        if (seed) overrides.push_back(sim::Override{"seed", *seed, "--seed"});
        options.overrides = overrides;
        if (run->parsed()) return run_command(options, std::cout, std::cerr);
        return compare_command(options, parse_overrides(sets), std::cout, std::cerr);
    } catch (const sim::InputError& error) {
        std::cerr << error.what() << "\n";
        return kExitBadInput;
    }
}

}  // namespace queuelab::cli
