#pragma once
// Compare: the same scenario run twice at the same virtual time, A as written (with the lab's
// applied edits) and B with overrides (e.g. FunctionResponseTypes=[]), side by side, with a table
// of outcomes (invocations, processed more than once, lost, dead-lettered, time to drain, cost)
// whose differences are highlighted.

#include <string>
#include <vector>

#include "lab/lab_state.h"
#include "report.h"
#include "topology/topology_view.h"

namespace queuelab::gui {

class CompareView {
public:
    void draw(lab::LabState& lab);
    bool animating() const { return pane_a_.animating() || pane_b_.animating(); }

private:
    void draw_overrides(lab::LabState& lab);
    void draw_presets(lab::LabState& lab);
    void draw_panes(lab::LabState& lab, float height);
    void draw_outcomes(const lab::LabState& lab);
    void draw_ends(const sim::Engine& a, const sim::Engine& b);
    void draw_depth_chart(lab::LabState& lab);
    void refresh_totals(const lab::LabState& lab);

    TopologyView pane_a_;
    TopologyView pane_b_;
    std::vector<std::vector<double>> waiting_;  // per run and queue: delayed + visible + in flight
    std::string new_override_;
    std::string error_;
    sim::Totals totals_a_, totals_b_;
    std::uint64_t totals_key_[4] = {0, 0, ~0ull, ~0ull};  // generations and events of A and B
    double totals_at_ = -1;
};

}  // namespace queuelab::gui
