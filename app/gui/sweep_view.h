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
    // Shows results already read (--sweep reads the file before the window opens).
    void show(lab::SweepResults results);
    // The file shown, as it was opened, or "".
    std::string path() const { return results_ ? results_->path : std::string(); }
    void draw();

private:
    void choose(std::size_t metric, std::size_t x_key);
    void draw_opener();
    void draw_choices();
    void draw_chart(float height);
    void draw_table();

    std::optional<lab::SweepResults> results_;
    std::vector<lab::GridPoint> points_;
    std::vector<std::string> key_names_;  // lab::short_key_names
    std::size_t metric_ = 0;
    std::size_t x_key_ = 0;
    lab::SweepChart chart_;
    lab::BestPoint best_;
    std::vector<bool> best_rows_;  // per row: it is one of the best point's runs
    std::string path_;             // the file field
    std::string error_;
};

}  // namespace queuelab::gui
