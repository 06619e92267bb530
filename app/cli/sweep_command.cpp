#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>

#include "atomic_file.h"
#include "cli.h"
#include "lab/drain.h"
#include "engine.h"
#include "input_error.h"
#include "json_reader.h"
#include "totals.h"

namespace queuelab::cli {
namespace {

// Splits "V1,V2,..." at the commas outside brackets, braces and strings, so JSON values such as
// [] or ["ReportBatchItemFailures"] stay whole.
std::vector<std::string> split_values(const std::string& text) {
    std::vector<std::string> values(1);
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\' && i + 1 < text.size()) {
                values.back() += c;
                values.back() += text[++i];
                continue;
            }
            if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 0) {
            values.emplace_back();
            continue;
        }
        values.back() += c;
    }
    return values;
}

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

struct PointResult {
    std::string row;    // the CSV row, without its line break
    std::string error;  // the run failed (not bad input: the grid was checked before)
};

std::string result_row(const SweepPoint& point, std::size_t index, const sim::Engine& engine) {
    std::string row = std::to_string(index) + "," + std::to_string(engine.scenario().seed);
    for (const auto& o : point.overrides) row += "," + csv_field(o.value);
    const auto drain = lab::time_to_drain(engine);
    row += "," + csv_field(engine.end_reason()) + ",";
    if (drain.kind == lab::DrainTime::Kind::Drained) row += sim::format_number(sim::to_seconds(drain.at));
    const auto totals = sim::compute_totals(engine);
    for (const auto& field : sim::total_fields()) {
        row += "," + std::visit([&](auto member) { return sim::format_number(static_cast<double>(totals.*member)); },
                                field.member);
    }
    return row;
}

}  // namespace

std::vector<SweepAxis> parse_vary(const std::vector<std::string>& vary) {
    std::vector<SweepAxis> axes;
    for (const auto& text : vary) {
        sim::Override assignment;
        try {
            assignment = sim::parse_override(text);
        } catch (const sim::InputError& error) {
            throw sim::InputError("--vary", error.field, 0, error.expected);
        }
        SweepAxis axis{assignment.path, split_values(assignment.value)};
        for (const auto& value : axis.values) {
            if (value.empty()) {
                throw sim::InputError("--vary", assignment.path, 0,
                                      "expected KEY=V1,V2,... with no empty value, got " + sim::quote(text));
            }
        }
        if (std::any_of(axes.begin(), axes.end(), [&](const SweepAxis& a) { return a.key == axis.key; })) {
            throw sim::InputError("--vary", assignment.path, 0, "expected each KEY once, got it twice");
        }
        axes.push_back(std::move(axis));
    }
    return axes;
}

std::vector<SweepPoint> sweep_grid(const std::vector<SweepAxis>& axes, int seeds) {
    std::vector<SweepPoint> points(1);
    for (const auto& axis : axes) {
        std::vector<SweepPoint> next;
        for (const auto& point : points) {
            for (const auto& value : axis.values) {
                auto extended = point;
                extended.overrides.push_back(sim::Override{axis.key, value, "--vary"});
                next.push_back(std::move(extended));
            }
        }
        points = std::move(next);
    }
    if (seeds <= 0) return points;
    std::vector<SweepPoint> seeded;
    for (const auto& point : points) {
        for (int seed = 1; seed <= seeds; ++seed) {
            auto with_seed = point;
            with_seed.seed = seed;
            seeded.push_back(std::move(with_seed));
        }
    }
    return seeded;
}

std::string sweep_header(const std::vector<SweepAxis>& axes) {
    std::string header = "point,seed";
    for (const auto& axis : axes) header += "," + csv_field(axis.key);
    header += ",end_reason,drain_time_s";
    for (const auto& field : sim::total_fields()) header += "," + std::string(field.name);
    return header;
}

int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream& err) {
    return exit_code_of("queuelab", err, [&] {
        const auto axes = parse_vary(options.vary);
        const auto points = sweep_grid(axes, options.seeds);
        const auto overrides_of = [&](const SweepPoint& point) {
            auto overrides = point.overrides;
            if (point.seed) overrides.push_back(sim::Override{"seed", std::to_string(*point.seed), "--seeds"});
            return overrides;
        };
        // Every point is checked before any runs, so bad input is one line and nothing is written.
        std::vector<sim::Scenario> scenarios;
        scenarios.reserve(points.size());
        for (const auto& point : points) {
            scenarios.push_back(sim::load_scenario_file(options.scenario_path, overrides_of(point), *options.catalog));
        }
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        const auto workers = static_cast<unsigned>(std::min<std::size_t>(
            options.jobs > 0 ? static_cast<unsigned>(options.jobs) : cores, points.size()));
        std::vector<PointResult> results(points.size());
        std::atomic<std::size_t> next{0};
        std::mutex catalog_mutex;  // a catalog may build or start handlers: one engine is made at a time
        auto work = [&] {
            for (std::size_t i = next++; i < points.size(); i = next++) {
                try {
                    std::unique_ptr<sim::Engine> engine;
                    {
                        const std::lock_guard lock(catalog_mutex);
                        engine = std::make_unique<sim::Engine>(std::move(scenarios[i]),
                                                               sim::EngineOptions{.keep_history = false, .catalog = options.catalog});
                    }
                    engine->run();
                    results[i].row = result_row(points[i], i, *engine);
                } catch (const std::exception& error) {
                    results[i].error = error.what();
                }
            }
        };
        std::vector<std::thread> threads;
        for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work);
        work();
        for (auto& thread : threads) thread.join();

        std::string csv = sweep_header(axes) + "\n";
        int exit_code = kExitOk;
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (!results[i].error.empty()) {
                err << "queuelab: point " << i << " failed: " << results[i].error << "\n";
                exit_code = kExitFailed;
                continue;
            }
            csv += results[i].row + "\n";
        }
        out << csv;
        if (!options.out_path.empty()) {
            sim::write_file_atomically(options.out_path, csv);
            out << points.size() << " points on " << workers << " threads: results written to " << options.out_path << "\n";
        }
        return exit_code;
    });
}

}  // namespace queuelab::cli
