// A sweep's CSV in the lab (README.md "Sweeps"): read as queuelab sweep writes it, grouped into a
// series per combination of the other varied keys with the mean, min and max over the seeds, and
// the best point for a metric among those that lost nothing; bad files are one line naming the
// file, the line, the column and what was expected.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "input_error.h"
#include "lab/chart_scale.h"
#include "lab/sweep_chart.h"
#include "lab/sweep_csv.h"

using namespace queuelab::lab;

namespace {

// Two keys, two values each, two seeds. The two cheapest points lost a message in one run, and
// the next, BatchSize 10 with MaximumConcurrency 2, has a run that did not drain (drain_time_s
// empty): of the points that drained and lost nothing in every run, only the dearest is left.
const std::string kSweep =
    "point,seed,mappings.0.BatchSize,mappings.0.ScalingConfig.MaximumConcurrency,end_reason,drain_time_s,lost,cost_usd\n"
    "0,1,1,2,drained,90.5,0,4e-05\n"
    "1,2,1,2,drained,91.5,0,6e-05\n"
    "2,1,1,5,drained,50,1,2e-05\n"
    "3,2,1,5,drained,52,0,2e-05\n"
    "4,1,10,2,duration,,0,3e-05\n"
    "5,2,10,2,drained,40,0,3e-05\n"
    "6,1,10,5,drained,30,0,1e-05\n"
    "7,2,10,5,drained,30,2,1e-05\n";

std::string error_of(const std::string& text) {
    try {
        parse_sweep_csv(text, "results.csv");
    } catch (const queuelab::sim::InputError& error) {
        return error.what();
    }
    return "no error";
}

std::size_t metric(const SweepResults& results, const char* name) {
    const auto index = results.metric_index(name);
    REQUIRE(index);
    return *index;
}

}  // namespace

TEST_CASE("a sweep's CSV is read: the varied keys between seed and end_reason, a row per point and seed", "[lab][sweep]") {
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    CHECK(results.keys == std::vector<std::string>{"mappings.0.BatchSize", "mappings.0.ScalingConfig.MaximumConcurrency"});
    CHECK(results.metrics == std::vector<std::string>{"drain_time_s", "lost", "cost_usd"});
    REQUIRE(results.rows.size() == 8);
    const auto& row = results.rows[4];
    CHECK(row.point == 4);
    CHECK(row.seed == 1);
    CHECK(row.values == std::vector<std::string>{"10", "2"});
    CHECK(row.end_reason == "duration");
    CHECK_FALSE(row.metrics[0].has_value());  // did not drain
    CHECK(*row.metrics[2] == 3e-05);
}

TEST_CASE("a sweep's CSV: quoted JSON values, CRLF line ends and a byte-order mark are read as written", "[lab][sweep]") {
    const auto results = parse_sweep_csv(
        "\xEF\xBB\xBFpoint,seed,mappings.0.FunctionResponseTypes,end_reason,drain_time_s,lost\r\n"
        "0,1,[],drained,1,1\r\n"
        "1,1,\"[\"\"ReportBatchItemFailures\"\"]\",drained,2,0\r\n"
        "\r\n",
        "results.csv");
    CHECK(error_of("point,seed,k,end_reason,drain_time_s\r\n0,1,1,drained,1\r\n\r\n1,1,2,drained,x\r\n") ==
          "results.csv:4: drain_time_s: expected a number of seconds, or nothing for a run that did not drain, got \"x\"");
    REQUIRE(results.rows.size() == 2);
    CHECK(results.rows[0].values[0] == "[]");
    CHECK(results.rows[1].values[0] == "[\"ReportBatchItemFailures\"]");
}

TEST_CASE("a bad sweep CSV is one line naming the file, the line, the column and what was expected", "[lab][sweep]") {
    const std::string header = "point,seed,mappings.0.BatchSize,end_reason,drain_time_s,lost,cost_usd\n";
    CHECK(error_of("") == "results.csv: expected queuelab sweep's CSV, point,seed,KEY...,end_reason,drain_time_s,TOTAL..., got an empty file");
    CHECK(error_of("a,b,c\n1,2,3\n") ==
          "results.csv:1: expected the header queuelab sweep writes, point,seed,KEY...,end_reason,drain_time_s,TOTAL..., got \"a,b,c\"");
    CHECK(error_of("point,seed,end_reason,drain_time_s,lost\n0,1,drained,1,0\n") ==
          "results.csv:1: expected the varied keys (queuelab sweep --vary) between seed and end_reason, got none");
    CHECK(error_of("point,seed,k,end_reason,lost\n0,1,1,drained,0\n") ==
          "results.csv:1: expected the header queuelab sweep writes, point,seed,KEY...,end_reason,drain_time_s,TOTAL..., got "
          "\"point,seed,k,end_reason,lost\"");
    CHECK(error_of("point,seed,k,k,end_reason,drain_time_s\n") == "results.csv:1: k: expected each column once, got it twice");
    CHECK(error_of(header) == "results.csv: expected a row per point after the header, got none");
    CHECK(error_of(header + "0,1,1,drained,1,0,0.1\n1,1,5,drained,1,0\n") == "results.csv:3: expected 7 fields, as the header has, got 6");
    CHECK(error_of(header + "0,1,1,drained,1,0,0.1\n\n1,1,5,drained,1,0,abc\n") ==
          "results.csv:4: cost_usd: expected a number, got \"abc\"");
    CHECK(error_of(header + "0,1,\"[1,\n2]\",drained,1,0,0.1\n1,1,5,drained,1,0,abc\n") ==
          "results.csv:4: cost_usd: expected a number, got \"abc\"");  // a quoted line break counts
    CHECK(error_of(header + "0,1,1,drained,1,0,inf\n") == "results.csv:2: cost_usd: expected a number, got \"inf\"");
    CHECK(error_of(header + "0,1,1,drained,90 s,0,0.1\n") ==
          "results.csv:2: drain_time_s: expected a number of seconds, or nothing for a run that did not drain, got \"90 s\"");
    CHECK(error_of(header + "0,1,1,drained,1,,0.1\n") == "results.csv:2: lost: expected a number, got \"\"");
    CHECK(error_of(header + "-1,1,1,drained,1,0,0.1\n") == "results.csv:2: point: expected a whole number of at least 0, got \"-1\"");
    CHECK(error_of(header + "0,x,1,drained,1,0,0.1\n") == "results.csv:2: seed: expected a whole number of at least 0, got \"x\"");
    CHECK(error_of(header + "0,1,,drained,1,0,0.1\n") == "results.csv:2: mappings.0.BatchSize: expected the value the sweep ran with, got nothing");
    CHECK(error_of(header + "0,1,\"[1,\n2],drained,1,0,0.1\n") ==
          "results.csv:2: expected a closing quote for the field opened on this line, got the end of the file");
    CHECK(error_of(header + "0,1,\"1\"x,drained,1,0,0.1\n") ==
          "results.csv:2: expected a comma or the line's end after a quoted field, got \"x\"");
    const auto missing = std::filesystem::temp_directory_path() / "queuelab-no-such-sweep.csv";
    std::filesystem::remove(missing);
    try {
        read_sweep_csv(missing.string());
        FAIL("read a missing file");
    } catch (const queuelab::sim::InputError& error) {
        CHECK(std::string(error.what()) == missing.string() + ": cannot read file: No such file or directory");
    }
}

TEST_CASE("a sweep's grid points: a value per key, a row per seed, the metric's mean, min and max", "[lab][sweep]") {
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    const auto points = grid_points(results);
    REQUIRE(points.size() == 4);
    CHECK(points[2].values == std::vector<std::string>{"10", "2"});
    CHECK(points[2].rows == std::vector<std::size_t>{4, 5});
    const auto cost = metric_stat(results, points[0], metric(results, "cost_usd"));
    CHECK(cost.mean == Approx(5e-05));
    CHECK(cost.min == 4e-05);
    CHECK(cost.max == 6e-05);
    CHECK(cost.runs == 2);
    const auto drain = metric_stat(results, points[2], metric(results, "drain_time_s"));
    CHECK(drain.mean == 40);
    CHECK(drain.runs == 1);
    CHECK(drain.missing == 1);
}

TEST_CASE("a sweep's chart: a series per combination of the other keys, labelled KEY=VALUE", "[lab][sweep]") {
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    const auto points = grid_points(results);
    const auto chart = sweep_chart(results, points, metric(results, "cost_usd"), 0);
    CHECK(chart.x_values == std::vector<std::string>{"1", "10"});
    CHECK(chart.x_positions == std::vector<double>{0, 1});
    CHECK(chart.scale == XScale::Linear);
    REQUIRE(chart.series.size() == 2);
    CHECK(chart.series[0].label == "MaximumConcurrency=2");
    CHECK(chart.series[1].label == "MaximumConcurrency=5");
    REQUIRE(chart.series[0].at[1]);
    CHECK(chart.series[0].at[1]->point == 2);
    CHECK(chart.series[0].at[1]->stat.mean == Approx(3e-05));
    CHECK_FALSE(chart.series[0].at[1]->drained);  // one of its runs did not drain
    CHECK(chart.series[0].at[0]->drained);
    CHECK(chart.series[1].at[0]->stat.mean == Approx(2e-05));
    CHECK(chart.largest == 6e-05);

    const auto by_concurrency = sweep_chart(results, points, metric(results, "lost"), 1);
    CHECK(by_concurrency.x_values == std::vector<std::string>{"2", "5"});
    CHECK(by_concurrency.series[0].label == "BatchSize=1");
    CHECK(by_concurrency.series[1].label == "BatchSize=10");
    CHECK(by_concurrency.series[1].at[1]->stat.mean == 1);  // 0 and 2 lost
    CHECK(by_concurrency.series[1].at[1]->stat.max == 2);
}

TEST_CASE("a sweep's x axis: numbers ascending, logarithmic over a factor of 100, other values as categories", "[lab][sweep]") {
    const auto numbers = parse_sweep_csv(
        "point,seed,b,end_reason,drain_time_s,lost\n0,1,1000,drained,1,0\n1,1,1,drained,1,0\n2,1,10,drained,1,0\n", "r.csv");
    const auto log_chart = sweep_chart(numbers, grid_points(numbers), 1, 0);
    CHECK(log_chart.x_values == std::vector<std::string>{"1", "10", "1000"});
    CHECK(log_chart.scale == XScale::Logarithmic);
    CHECK(log_chart.x_positions[1] == Approx(1.0 / 3));
    CHECK(log_chart.series[0].label == "lost (gone after a failure)");  // one key: the metric names the line

    const auto json = parse_sweep_csv("point,seed,t,end_reason,drain_time_s\n0,1,[],drained,1\n1,1,\"[\"\"x\"\"]\",drained,2\n", "r.csv");
    const auto categories = sweep_chart(json, grid_points(json), 0, 0);
    CHECK(categories.scale == XScale::Categories);
    CHECK(categories.x_values == std::vector<std::string>{"[]", "[\"x\"]"});
    CHECK(categories.x_positions == std::vector<double>{0.25, 0.75});  // the middle of each half

    const auto one = parse_sweep_csv("point,seed,b,end_reason,drain_time_s\n0,1,5,drained,1\n", "r.csv");
    CHECK(sweep_chart(one, grid_points(one), 0, 0).x_positions == std::vector<double>{0.5});
}

TEST_CASE("the best point: the lowest cost among the points that drained and lost nothing in every run", "[lab][sweep]") {
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    const auto points = grid_points(results);
    const auto cost = best_point(results, points, metric(results, "cost_usd"));
    REQUIRE(cost.point);
    CHECK(*cost.point == 0);  // 1 and 3 lost a message in one run, 2 did not drain in one
    CHECK(cost.ties == 0);
    CHECK(cost.choice ==
          "Best for cost (Lambda + SQS): the lowest among the points that drained and lost nothing in every run is "
          "BatchSize=1, MaximumConcurrency=2:");
    CHECK(cost.value == "$0.0000500 (mean of 2 seeds, $0.0000400 to $0.0000600).");

    const auto drain = best_point(results, points, metric(results, "drain_time_s"));
    REQUIRE(drain.point);
    CHECK(*drain.point == 0);
    CHECK_THAT(drain.sentence(), Catch::Matchers::EndsWith("is BatchSize=1, MaximumConcurrency=2: 91 s (mean of 2 seeds, 90.5 s to 91.5 s)."));
}

TEST_CASE("the best point: ties name the first and count the others, and dead-lettered messages are told", "[lab][sweep]") {
    const auto results = parse_sweep_csv(
        "point,seed,b,end_reason,drain_time_s,dead_lettered,lost,processed_ok,cost_usd\n"
        "0,1,1,drained,5,0,0,10,0.1\n"
        "1,1,2,drained,5,3,0,7,0.1\n"
        "2,1,3,drained,5,0,0,10,0.2\n",
        "r.csv");
    const auto points = grid_points(results);
    const auto cost = best_point(results, points, metric(results, "cost_usd"));
    CHECK(*cost.point == 0);
    CHECK(cost.ties == 1);
    CHECK_THAT(cost.sentence(), Catch::Matchers::EndsWith("is b=1: $0.1000; 1 other point has the same."));
    const auto processed = best_point(results, points, metric(results, "processed_ok"));  // more is better
    CHECK(*processed.point == 0);
    CHECK(processed.ties == 1);
    CHECK_THAT(processed.sentence(), Catch::Matchers::StartsWith("Best for processed ok: the highest among"));
    const auto dead_lettered = parse_sweep_csv("point,seed,b,end_reason,drain_time_s,dead_lettered,lost,cost_usd\n"
                                               "0,1,1,drained,5,3,0,0.1\n0,2,1,drained,5,4,0,0.1\n", "r.csv");
    CHECK(best_point(dead_lettered, grid_points(dead_lettered), 3).value ==
          "$0.1000 (mean of 2 seeds). It dead-lettered 3.50 (mean): not lost, but not processed either.");
}

TEST_CASE("no best point when every point lost messages or none drained, or the metric has no better side", "[lab][sweep]") {
    const auto lossy = parse_sweep_csv(
        "point,seed,b,end_reason,drain_time_s,sent,lost,cost_usd\n0,1,1,drained,5,10,1,0.1\n1,1,2,drained,5,10,3,0.2\n", "r.csv");
    const auto points = grid_points(lossy);
    const auto none = best_point(lossy, points, 3);
    CHECK_FALSE(none.point);
    CHECK(none.sentence() == "No best point: every point lost messages in at least one run.");
    CHECK(none.value.empty());
    CHECK(best_point(lossy, points, 1).sentence() == "No best point for messages sent: neither more nor less is better for the system.");

    const auto undrained = parse_sweep_csv("point,seed,b,end_reason,drain_time_s,lost,cost_usd\n0,1,1,duration,,0,0.1\n", "r.csv");
    CHECK(best_point(undrained, grid_points(undrained), 2).sentence() == "No best point: no point that lost nothing drained in every run.");

    const auto without_lost = parse_sweep_csv("point,seed,b,end_reason,drain_time_s,cost_usd\n0,1,1,drained,1,0.2\n1,1,2,drained,1,0.1\n", "r.csv");
    CHECK(best_point(without_lost, grid_points(without_lost), 1).sentence() ==
          "Best for cost (Lambda + SQS): the lowest among the points that drained in every run (the file has no lost column) is b=2: $0.1000.");
}

TEST_CASE("a sweep's rows sorted by a column: numbers by value, a run that did not drain last, ties in the file's order", "[lab][sweep]") {
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    using Kind = SweepColumn::Kind;
    CHECK(sorted_rows(results, {Kind::Metric, metric(results, "cost_usd")}, false) == std::vector<std::size_t>{6, 7, 2, 3, 4, 5, 0, 1});
    CHECK(sorted_rows(results, {Kind::Metric, metric(results, "drain_time_s")}, false) == std::vector<std::size_t>{6, 7, 5, 2, 3, 0, 1, 4});
    CHECK(sorted_rows(results, {Kind::Metric, metric(results, "drain_time_s")}, true) == std::vector<std::size_t>{1, 0, 3, 2, 5, 6, 7, 4});
    CHECK(sorted_rows(results, {Kind::Key, 0}, true) == std::vector<std::size_t>{4, 5, 6, 7, 0, 1, 2, 3});  // 10 after 1, not before
    CHECK(sorted_rows(results, {Kind::Seed, 0}, false) == std::vector<std::size_t>{0, 2, 4, 6, 1, 3, 5, 7});
    CHECK(sorted_rows(results, {Kind::EndReason, 0}, false) == std::vector<std::size_t>{0, 1, 2, 3, 5, 6, 7, 4});
}

TEST_CASE("a sweep's metrics and keys for people", "[lab][sweep]") {
    CHECK(format_metric("cost_usd", 2.05e-05) == "$0.0000205");
    CHECK(format_metric("drain_time_s", 90.5) == "90.5 s");
    CHECK(format_metric("lost", 3) == "3");
    CHECK(format_metric("lost", 28.0 / 3) == "9.33");
    CHECK(format_metric("gb_seconds", 1.5) == "1.500 GB-s");
    CHECK(metric_info("put_throttled").label == "throttled puts");
    CHECK(metric_info("processed_ok").better == queuelab::sim::Better::Higher);
    CHECK(metric_info("drain_time_s").better == queuelab::sim::Better::Lower);
    CHECK(metric_info("not_a_total").label == "not_a_total");
    const auto results = parse_sweep_csv(kSweep, "results.csv");
    CHECK(key_index(results, "mappings.0.ScalingConfig.MaximumConcurrency") == 1u);
    CHECK(key_index(results, "BatchSize") == 0u);
    CHECK_FALSE(key_index(results, "ScalingConfig.MaximumConcurrency").has_value());
    CHECK(short_key_names({"queues.a.VisibilityTimeout", "queues.b.VisibilityTimeout", "mappings.0.BatchSize", "seed"}) ==
          std::vector<std::string>{"queues.a.VisibilityTimeout", "queues.b.VisibilityTimeout", "BatchSize", "seed"});
}

TEST_CASE("the value axis of dollars and seconds is round and fits values far below 1", "[lab][sweep]") {
    CHECK(axis_maximum(2.05e-05, AxisValues::Any) == Approx(2.5e-05));
    CHECK(axis_maximum(0.9, AxisValues::Any) == Approx(1.0));
    CHECK(axis_maximum(0, AxisValues::Any) == 1);
    CHECK(axis_maximum(1.5, AxisValues::Any) == Approx(2.0));
}
