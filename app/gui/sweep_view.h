#pragma once
// A sweep's results (`queuelab sweep --out results.csv`, README.md "Sweeps"), read and summed up by
// lab/sweep_csv.h and lab/sweep_chart.h: a field to open the CSV; the metric for the y axis and the
// varied key for the x axis; the best point for that metric among those that lost nothing; a chart
// with a line per combination of the other keys (the mean over the seeds, a bar from min to max);
// and a table of the rows, the best point's highlighted.

#include <optional>
#include <string>
#include <vector>

#include "lab/sweep_chart.h"
#include "lab/sweep_csv.h"

namespace queuelab::gui {

class SweepView {
public:
    // Opens a sweep's CSV. On bad input keeps what was open, shows the one-line error in the view
    // and returns it; returns "" when opened.
    std::string open(const std::string& path);
    // Shows results already read (--sweep reads the file before the window opens), with a metric
    // for the y axis (default cost_usd) and a varied key for the x axis. REQUIRES: both indexes valid.
    void show(lab::SweepResults results, std::optional<std::size_t> metric = std::nullopt, std::size_t x_key = 0);
    // The file shown, as it was opened, or "".
    std::string path() const { return results_ ? results_->path : std::string(); }
    void draw();

private:
    void choose(std::size_t metric, std::size_t x_key);
    void draw_opener();
    void draw_choices();
    void draw_chart(float height);
    void draw_table();
    // The table's column `index` (the chosen metric comes after the keys).
    lab::SweepColumn column_at(int index) const;

    std::optional<lab::SweepResults> results_;
    std::vector<lab::GridPoint> points_;
    std::vector<std::string> key_names_;  // lab::short_key_names
    std::size_t metric_ = 0;
    std::size_t x_key_ = 0;
    lab::SweepChart chart_;
    lab::BestPoint best_;
    std::vector<bool> best_rows_;       // per row: it is one of the best point's runs
    std::vector<std::size_t> row_order_;  // the table's order of the rows (a click on a header sorts)
    bool sort_again_ = true;              // the columns moved (another metric is first): sort again
    std::string path_;             // the file field
    std::string error_;
};

}  // namespace queuelab::gui
