#pragma once
// What the Sweep view shows of a sweep's results (sweep_csv.h), computed without a window: the
// grid's points (a value per varied key, a row per seed), a metric's mean, min and max over a
// point's seeds, the chart of a metric against one varied key (a series per combination of the
// other keys), and the best point for a metric among those that lost nothing (README.md "Sweeps":
// which settings cost least without losing a message).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sweep_csv.h"
#include "totals.h"

namespace queuelab::lab {

// A metric column for people, from sim::total_fields() (drain_time_s beside them): its label, the
// way that is better for the system, and its unit. A column queuelab does not know keeps its name
// and has no better way.
enum class MetricUnit { Count, Dollars, GbSeconds, Seconds };
struct MetricInfo {
    std::string label;  // "cost (Lambda + SQS)", "time to drain"
    sim::Better better;
    MetricUnit unit;
};
MetricInfo metric_info(std::string_view column);
// "$0.0000205", "90.5 s", "1.500 GB-s", "9", "9.33".
std::string format_metric(std::string_view column, double value);

// The varied keys as the view names them: the last part of the path ("BatchSize" for
// "mappings.0.BatchSize") when no other key ends the same, else the whole key.
std::vector<std::string> short_key_names(const std::vector<std::string>& keys);
// The varied key named `name`, in full or as short_key_names gives it.
std::optional<std::size_t> key_index(const SweepResults& results, std::string_view name);

struct GridPoint {
    std::vector<std::string> values;  // one per varied key
    std::vector<std::size_t> rows;    // its rows, one per seed
};
// In the order they first appear (the grid's).
std::vector<GridPoint> grid_points(const SweepResults& results);
// Every run of the point drained (drain_time_s): none was cut short at duration_s with work left.
bool drained_always(const SweepResults& results, const GridPoint& point);

struct MetricStat {
    double mean = 0, min = 0, max = 0;  // over the runs with a value
    std::size_t runs = 0;               // runs with a value
    std::size_t missing = 0;            // runs without one: drain_time_s of a run that did not drain
};
MetricStat metric_stat(const SweepResults& results, const GridPoint& point, std::size_t metric);

inline constexpr std::size_t kNoKey = static_cast<std::size_t>(-1);
// "BatchSize=10, MaximumConcurrency=5": `names[k]=value` for every key but `except`.
std::string point_label(const std::vector<std::string>& names, const GridPoint& point, std::size_t except = kNoKey);

enum class XScale { Categories, Linear, Logarithmic };

struct SeriesPoint {
    std::size_t point;  // into grid_points
    MetricStat stat;
    bool drained = true;  // drained_always
};

struct SweepSeries {
    std::string label;                         // the other keys' values; the metric's label when x is the only key
    std::vector<std::optional<SeriesPoint>> at;  // per x value, when the grid has that point
};

struct SweepChart {
    std::vector<std::string> x_values;  // the x key's values: ascending when all are numbers, else in the grid's order
    // Each one's place across the plot, 0 to 1: numbers from end to end (a single one at 0.5),
    // categories each in the middle of an equal band.
    std::vector<double> x_positions;
    // Numbers: Linear, or Logarithmic when all are positive and the largest is 100 times the smallest.
    XScale scale = XScale::Categories;
    std::vector<SweepSeries> series;
    double largest = 0;  // the largest value of any run, for the value axis
};
SweepChart sweep_chart(const SweepResults& results, const std::vector<GridPoint>& points, std::size_t metric, std::size_t x_key);

// A column of the table of rows.
struct SweepColumn {
    enum class Kind { Point, Seed, Key, EndReason, Metric };
    Kind kind = Kind::Point;
    std::size_t index = 0;  // the key's or the metric's
};
// The rows' indexes ordered by `column`: numbers by value (a varied key's too, when both values are
// numbers), text by its bytes, a missing value (a run that did not drain) last either way; equal
// rows keep the file's order.
std::vector<std::size_t> sorted_rows(const SweepResults& results, SweepColumn column, bool descending);

struct BestPoint {
    std::optional<std::size_t> point;  // into grid_points
    MetricStat stat;
    std::size_t ties = 0;  // other points that qualify with the same mean
    // The best point and why it is ("Best for cost (Lambda + SQS): the lowest among ... is
    // BatchSize=10, MaximumConcurrency=2:"), or why there is none; then its value ("$0.0000135 (mean
    // of 3 seeds)."), empty when there is none.
    std::string choice;
    std::string value;
    std::string sentence() const { return value.empty() ? choice : choice + " " + value; }
};
// The point with the lowest mean (the highest, for a metric where more is better) among those
// whose every run drained and lost nothing (when the results have a lost column): a run cut short
// at duration_s with work left is cheap for not doing it. On a tie, the first in the grid's order.
// The sentence also says how many messages the best point dead-lettered, if any: kept in a
// dead-letter queue, they are not lost, but they were not processed either.
BestPoint best_point(const SweepResults& results, const std::vector<GridPoint>& points, std::size_t metric);

}  // namespace queuelab::lab
