#include "sweep_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "format.h"

namespace queuelab::lab {

MetricInfo metric_info(std::string_view column) {
    if (column == "drain_time_s") return {"time to drain", sim::Better::Lower, MetricUnit::Seconds};
    for (const auto& field : sim::total_fields()) {
        if (field.name != column) continue;
        const auto unit = field.format == sim::TotalFormat::Dollars     ? MetricUnit::Dollars
                          : field.format == sim::TotalFormat::GbSeconds ? MetricUnit::GbSeconds
                                                                        : MetricUnit::Count;
        // The CLI's summary indents the stream totals under "stream records put".
        const auto label = field.label.substr(field.label.find_first_not_of(' '));
        return {std::string(label), field.better, unit};
    }
    return {std::string(column), sim::Better::Neither, MetricUnit::Count};
}

std::string format_metric(std::string_view column, double value) {
    char text[48];
    switch (metric_info(column).unit) {
        case MetricUnit::Dollars: return format_usd(value);
        case MetricUnit::GbSeconds: std::snprintf(text, sizeof text, "%.3f GB-s", value); break;
        case MetricUnit::Seconds: std::snprintf(text, sizeof text, value >= 100 ? "%.0f s" : "%.3g s", value); break;
        case MetricUnit::Count: std::snprintf(text, sizeof text, value == std::floor(value) ? "%.0f" : "%.2f", value); break;
    }
    return text;
}

std::vector<std::string> short_key_names(const std::vector<std::string>& keys) {
    const auto last_part = [](const std::string& key) { return key.substr(key.rfind('.') + 1); };
    std::vector<std::string> names;
    for (const auto& key : keys) {
        const auto name = last_part(key);
        const auto same = std::count_if(keys.begin(), keys.end(), [&](const std::string& other) { return last_part(other) == name; });
        names.push_back(same == 1 ? name : key);
    }
    return names;
}

std::optional<std::size_t> key_index(const SweepResults& results, std::string_view name) {
    const auto names = short_key_names(results.keys);
    for (std::size_t k = 0; k < results.keys.size(); ++k) {
        if (results.keys[k] == name || names[k] == name) return k;
    }
    return std::nullopt;
}

bool drained_always(const SweepResults& results, const GridPoint& point) {
    const auto drain = *results.metric_index("drain_time_s");
    return std::all_of(point.rows.begin(), point.rows.end(), [&](std::size_t r) { return results.rows[r].metrics[drain].has_value(); });
}

std::vector<GridPoint> grid_points(const SweepResults& results) {
    std::vector<GridPoint> points;
    std::map<std::vector<std::string>, std::size_t> index;
    for (std::size_t r = 0; r < results.rows.size(); ++r) {
        const auto& values = results.rows[r].values;
        const auto [found, added] = index.try_emplace(values, points.size());
        if (added) points.push_back(GridPoint{values, {}});
        points[found->second].rows.push_back(r);
    }
    return points;
}

MetricStat metric_stat(const SweepResults& results, const GridPoint& point, std::size_t metric) {
    MetricStat stat;
    double sum = 0;
    for (const auto r : point.rows) {
        const auto& value = results.rows[r].metrics[metric];
        if (!value) {
            ++stat.missing;
            continue;
        }
        stat.min = stat.runs == 0 ? *value : std::min(stat.min, *value);
        stat.max = stat.runs == 0 ? *value : std::max(stat.max, *value);
        sum += *value;
        ++stat.runs;
    }
    if (stat.runs > 0) stat.mean = sum / static_cast<double>(stat.runs);
    return stat;
}

std::string point_label(const std::vector<std::string>& names, const GridPoint& point, std::size_t except) {
    std::string label;
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (k != except) label += (label.empty() ? "" : ", ") + names[k] + "=" + point.values[k];
    }
    return label;
}

namespace {

// The x key's distinct values, ascending by number when every one is a number.
std::vector<std::string> x_values_of(const std::vector<GridPoint>& points, std::size_t x_key, bool& numeric) {
    std::vector<std::string> values;
    for (const auto& point : points) {
        if (std::find(values.begin(), values.end(), point.values[x_key]) == values.end()) values.push_back(point.values[x_key]);
    }
    numeric = std::all_of(values.begin(), values.end(), [](const std::string& v) { return parse_number(v).has_value(); });
    if (numeric) {
        std::stable_sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) { return *parse_number(a) < *parse_number(b); });
    }
    return values;
}

std::vector<double> positions_of(const std::vector<std::string>& values, XScale scale) {
    std::vector<double> at;
    if (scale == XScale::Categories) {  // each in the middle of its own band
        for (std::size_t i = 0; i < values.size(); ++i) at.push_back((static_cast<double>(i) + 0.5) / static_cast<double>(values.size()));
        return at;
    }
    for (const auto& value : values) {
        at.push_back(scale == XScale::Logarithmic ? std::log10(*parse_number(value)) : *parse_number(value));
    }
    if (at.empty()) return at;
    const auto [low, high] = std::minmax_element(at.begin(), at.end());
    const double from = *low, span = *high - *low;
    for (auto& x : at) x = span > 0 ? (x - from) / span : 0.5;
    return at;
}

XScale scale_of(const std::vector<std::string>& values, bool numeric) {
    if (!numeric) return XScale::Categories;
    const double smallest = *parse_number(values.front()), largest = *parse_number(values.back());
    return smallest > 0 && largest >= 100 * smallest ? XScale::Logarithmic : XScale::Linear;
}

}  // namespace

SweepChart sweep_chart(const SweepResults& results, const std::vector<GridPoint>& points, std::size_t metric, std::size_t x_key) {
    SweepChart chart;
    bool numeric = false;
    chart.x_values = x_values_of(points, x_key, numeric);
    chart.scale = scale_of(chart.x_values, numeric);
    chart.x_positions = positions_of(chart.x_values, chart.scale);
    const auto names = short_key_names(results.keys);
    for (std::size_t p = 0; p < points.size(); ++p) {
        const auto label = results.keys.size() == 1 ? metric_info(results.metrics[metric]).label : point_label(names, points[p], x_key);
        auto series = std::find_if(chart.series.begin(), chart.series.end(), [&](const SweepSeries& s) { return s.label == label; });
        if (series == chart.series.end()) series = chart.series.insert(chart.series.end(), SweepSeries{label, std::vector<std::optional<SeriesPoint>>(chart.x_values.size())});
        const auto x = std::find(chart.x_values.begin(), chart.x_values.end(), points[p].values[x_key]) - chart.x_values.begin();
        const auto stat = metric_stat(results, points[p], metric);
        series->at[static_cast<std::size_t>(x)] = SeriesPoint{p, stat, drained_always(results, points[p])};
        if (stat.runs > 0) chart.largest = std::max(chart.largest, stat.max);
    }
    return chart;
}

namespace {

// -1, 0 or 1 as a is before, the same as or after b; nullopt when either is missing.
std::optional<int> compare_cells(SweepColumn column, const SweepRow& a, const SweepRow& b) {
    const auto order = [](auto x, auto y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (column.kind) {
        case SweepColumn::Kind::Point: return order(a.point, b.point);
        case SweepColumn::Kind::Seed: return order(a.seed, b.seed);
        case SweepColumn::Kind::EndReason: return order(a.end_reason, b.end_reason);
        case SweepColumn::Kind::Key: {
            const auto& x = a.values[column.index];
            const auto& y = b.values[column.index];
            const auto nx = parse_number(x), ny = parse_number(y);
            return nx && ny ? order(*nx, *ny) : order(x, y);
        }
        case SweepColumn::Kind::Metric: {
            const auto& x = a.metrics[column.index];
            const auto& y = b.metrics[column.index];
            if (!x || !y) return std::nullopt;
            return order(*x, *y);
        }
    }
    return 0;
}

}  // namespace

std::vector<std::size_t> sorted_rows(const SweepResults& results, SweepColumn column, bool descending) {
    std::vector<std::size_t> rows(results.rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r] = r;
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = results.rows[a];
        const auto& y = results.rows[b];
        const auto order = compare_cells(column, x, y);
        if (!order) {  // missing last
            const auto missing = [&](const SweepRow& row) { return !row.metrics[column.index].has_value(); };
            return !missing(x) && missing(y);
        }
        return descending ? *order > 0 : *order < 0;
    });
    return rows;
}

namespace {

bool lost_nothing(const SweepResults& results, const GridPoint& point) {
    const auto lost = results.metric_index("lost");
    return !lost || std::all_of(point.rows.begin(), point.rows.end(), [&](std::size_t r) { return results.rows[r].metrics[*lost] == 0.0; });
}

std::string stat_text(std::string_view column, const MetricStat& stat) {
    const std::string mean = format_metric(column, stat.mean);
    if (stat.runs == 1) return mean;
    std::string text = mean + " (mean of " + std::to_string(stat.runs) + " seeds";
    if (stat.max > stat.min) text += ", " + format_metric(column, stat.min) + " to " + format_metric(column, stat.max);
    return text + ")";
}

std::string why_none(const SweepResults& results, const std::vector<GridPoint>& points, const MetricInfo& info) {
    if (info.better == sim::Better::Neither) return "No best point for " + info.label + ": neither more nor less is better for the system.";
    const bool any_lossless = std::any_of(points.begin(), points.end(), [&](const GridPoint& p) { return lost_nothing(results, p); });
    if (!any_lossless) return "No best point: every point lost messages in at least one run.";
    return results.metric_index("lost") ? "No best point: no point that lost nothing drained in every run."
                                        : "No best point: no point drained in every run.";
}

// "It dead-lettered 3 (mean): ...", when the point's runs moved messages to a dead-letter queue.
std::string dead_letter_note(const SweepResults& results, const GridPoint& point) {
    const auto dead_lettered = results.metric_index("dead_lettered");
    if (!dead_lettered) return "";
    const auto stat = metric_stat(results, point, *dead_lettered);
    if (stat.max == 0) return "";
    return " It dead-lettered " + format_metric("dead_lettered", stat.mean) + (point.rows.size() > 1 ? " (mean)" : "") +
           ": not lost, but not processed either.";
}

std::string best_choice(const SweepResults& results, const GridPoint& point, const MetricInfo& info) {
    std::string text = "Best for " + info.label + ": " + (info.better == sim::Better::Lower ? "the lowest" : "the highest");
    text += results.metric_index("lost") ? " among the points that drained and lost nothing in every run"
                                         : " among the points that drained in every run (the file has no lost column)";
    return text + " is " + point_label(short_key_names(results.keys), point) + ":";
}

std::string best_value(const SweepResults& results, const GridPoint& point, std::size_t metric, const BestPoint& best) {
    std::string text = stat_text(results.metrics[metric], best.stat);
    if (best.ties > 0) text += "; " + std::to_string(best.ties) + (best.ties == 1 ? " other point has" : " other points have") + " the same";
    return text + "." + dead_letter_note(results, point);
}

}  // namespace

BestPoint best_point(const SweepResults& results, const std::vector<GridPoint>& points, std::size_t metric) {
    const auto info = metric_info(results.metrics[metric]);
    BestPoint best;
    if (info.better != sim::Better::Neither) {
        const auto better = [&](double a, double b) { return info.better == sim::Better::Lower ? a < b : a > b; };
        for (std::size_t p = 0; p < points.size(); ++p) {
            const auto stat = metric_stat(results, points[p], metric);
            if (stat.runs == 0 || !drained_always(results, points[p]) || !lost_nothing(results, points[p])) continue;
            if (best.point && stat.mean == best.stat.mean) {
                ++best.ties;
            } else if (!best.point || better(stat.mean, best.stat.mean)) {
                best.point = p;
                best.stat = stat;
                best.ties = 0;
            }
        }
    }
    if (!best.point) {
        best.choice = why_none(results, points, info);
        return best;
    }
    best.choice = best_choice(results, points[*best.point], info);
    best.value = best_value(results, points[*best.point], metric, best);
    return best;
}

}  // namespace queuelab::lab
