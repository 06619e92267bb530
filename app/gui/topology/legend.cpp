#include "legend.h"

#include "lanes.h"

namespace queuelab::gui {
namespace topology {

using lab::RecordState;

// The roles' colours (lab/roles.h), the same in the arrows, the boxes and the charts' lines.
void add_roles(Legend& legend) {
    legend.gap();
    legend.label("Same colour in every view:");
    for (const lab::Role role : lab::legend_roles()) legend.swatch(colours::role(role), lab::role_name(role).data(), false);
}

Legend message_legend() {
    Legend legend;
    legend.label("Dots are messages, coloured by receive count:");
    const char* counts[] = {"0", "1", "2", "3", "4", "5+"};
    for (std::uint32_t i = 0; i < colours::kReceiveCountSteps; ++i) legend.swatch(colours::receive_count(i), counts[i], true);
    legend.gap();
    legend.label("Ring: time left in flight.");
    legend.gap();
    legend.swatch(colours::polling(), "polling", false);
    legend.swatch(colours::collecting(), "collecting", false);
    legend.swatch(colours::throttled(), "throttled", false);
    legend.swatch(colours::invoking(), "invoking", false);
    legend.swatch(colours::backing_off(), "backing off", false);
    legend.swatch(colours::cold_start(), "cold start", false);
    add_roles(legend);
    return legend;
}

Legend stream_legend() {
    Legend legend;
    legend.label("Shard records, oldest left:");
    legend.swatch(record_colour(RecordState::Checkpointed), "checkpointed", false);
    legend.swatch(record_colour(RecordState::Filtered), "filtered out", false);
    legend.swatch(record_colour(RecordState::InBatch), "in batch", false);
    legend.swatch(record_colour(RecordState::Retrying), "retrying: blocks shard", false);
    legend.swatch(record_colour(RecordState::SentToOnFailure), "on failure", false);
    legend.swatch(record_colour(RecordState::Skipped), "skipped", false);
    legend.swatch(record_colour(RecordState::Waiting), "waiting", false);
    legend.swatch(record_colour(RecordState::BeforeStart), "before StartingPosition", false);
    legend.swatch(colours::selection(), "checkpoint", false);
    legend.gap();
    legend.label("Consumers:");
    legend.swatch(colours::polling(), "polling", false);
    legend.swatch(colours::invoking(), "invoking", false);
    legend.swatch(colours::backing_off(), "backing off", false);
    legend.swatch(colours::throttled(), "throttled", false);
    add_roles(legend);
    return legend;
}

}  // namespace topology

using namespace topology;

void TopologyView::draw_legend(Box area) { message_legend().draw(draw_list_, area); }

void TopologyView::draw_stream_legend(Box area) { stream_legend().draw(draw_list_, area); }

}  // namespace queuelab::gui
