#include <algorithm>

#include "lab/format.h"
#include "lanes.h"

namespace queuelab::gui {

using namespace topology;
using lab::format_count;
using lab::RecordState;

namespace {

constexpr const char* kOnFailureHelp =
    "On-failure destination (DestinationConfig.OnFailure): where Lambda sends a description of a batch it gives "
    "up on (MaximumRetryAttempts used up: RetryAttemptsExhausted; older than MaximumRecordAgeInSeconds: "
    "RecordAgeExceeded). Only the batch's shard and sequence numbers are sent, not the data. Without one, the "
    "records are just skipped.";

}  // namespace

// An SQS lane's outcomes: deleted (and lost: deleted although the handler said failed), or back
// to the queue through the return band when not deleted within the visibility timeout.
void TopologyView::draw_sqs_outcomes(const lab::Run& run, const Lane& lane, float arrow_y) {
    const auto now = run.engine->now();
    const auto& counts = run.activity.queue(lane.queue);
    const bool full = detail_ == Detail::Full;
    panel(draw_list_, lane.deleted, colours::deleted());
    text_lines(draw_list_, lane.deleted, ImVec2(lane.deleted.min.x + em(0.4f), lane.deleted.min.y + em(0.3f)),
               {{colours::text(), "Deleted"},
                {colours::deleted(), format_count(counts.deleted)},
                {counts.lost > 0 ? colours::throttled() : colours::dim_text(),
                 counts.lost > 0 ? plural(counts.lost, "lost", "lost") : ""}},
               0.9f);
    if (full && counts.lost > 0) {
        text_in(draw_list_, lane.deleted, ImVec2(lane.deleted.min.x + em(0.4f), lane.deleted.min.y + em(3.3f)),
                colours::dim_text(), "(handler said failed)", 0.75f);
    }
    arrow(draw_list_, ImVec2(lane.function.max.x, arrow_y), ImVec2(lane.deleted.min.x, arrow_y), colours::deleted(),
          full ? "delete" : "", recent(counts.last_deleted, now));

    const bool lit = recent(counts.last_returned, now);
    const float thickness = lit ? 3.0f : 1.5f;
    const float band_y = centre(lane.return_band).y;
    const float start_x = centre(lane.function).x;
    const float end_x = lane.queue_boxes.frame.max.x - em(1.5f);
    draw_list_->AddLine(ImVec2(start_x, lane.function.max.y), ImVec2(start_x, band_y), colours::returned(), thickness);
    draw_list_->AddLine(ImVec2(start_x, band_y), ImVec2(end_x, band_y), colours::returned(), thickness);
    draw_list_->AddLine(ImVec2(end_x, band_y), ImVec2(end_x, lane.queue_boxes.frame.max.y), colours::returned(), thickness);
    arrow_head(draw_list_, ImVec2(end_x, lane.queue_boxes.frame.max.y), ImVec2(0, -1), colours::returned());
    const Box label_box{ImVec2(end_x + em(0.5f), lane.return_band.min.y), ImVec2(start_x - em(0.3f), lane.return_band.max.y)};
    if (full) {
        text_lines(draw_list_, label_box, ImVec2(label_box.min.x, band_y + em(0.15f)),
                   {{colours::returned(), "not deleted (error, reported failed, too slow): stays in flight,"},
                    {colours::returned(), "visible again when VisibilityTimeout ends: " + format_count(counts.returned)}},
                   0.8f);
    } else {
        text_in(draw_list_, label_box, ImVec2(label_box.min.x, band_y + em(0.15f)), colours::returned(),
                format_count(counts.returned) + " came back", 0.8f);
    }
}

// Checkpointed records, and what was given up: sent to the on-failure destination or skipped.
void TopologyView::draw_stream_outcomes(const lab::Run& run, const StreamLane& lane) {
    const auto& engine = *run.engine;
    const auto& kinesis = engine.kinesis();
    const auto stream = lane.mapping->stream();
    std::int64_t checkpointed = 0, filtered = 0, sent = 0, skipped = 0;
    for (std::uint32_t shard = 0; shard < kinesis.shard_count(stream); ++shard) {
        for (const auto r : kinesis.shard_records(stream, shard)) {
            switch (kinesis.record(r).outcome) {
                case sim::RecordOutcome::Checkpointed: ++checkpointed; break;
                case sim::RecordOutcome::Filtered: ++filtered; break;
                case sim::RecordOutcome::SentToOnFailure: ++sent; break;
                case sim::RecordOutcome::Skipped: ++skipped; break;
                case sim::RecordOutcome::InStream: break;
            }
        }
    }
    const bool full = detail_ == Detail::Full;
    const float arrow_y = lane.function.min.y + em(1.2f);
    arrow(draw_list_, ImVec2(lane.function.max.x, arrow_y), ImVec2(lane.checkpointed.min.x, arrow_y), colours::deleted(),
          full ? "success" : "", false);
    panel(draw_list_, lane.checkpointed, colours::deleted());
    const ImVec2 done_at(lane.checkpointed.min.x + em(0.4f), lane.checkpointed.min.y + em(0.3f));
    const float below = text_lines(draw_list_, lane.checkpointed, done_at,
                                   {{colours::text(), "Checkpointed"}, {colours::deleted(), format_count(checkpointed)}, {colours::dim_text(), "records done"}},
                                   0.9f);
    if (filtered > 0) {
        text_in(draw_list_, lane.checkpointed, ImVec2(done_at.x, below + em(0.2f)), record_colour(RecordState::Filtered),
                format_count(filtered) + " filtered out", 0.8f);
    }

    const float give_up_y = lane.on_failure.min.y + em(1.2f);
    const ImVec2 from(centre(lane.function).x + em(2.0f), lane.function.max.y);
    if (from.y < give_up_y) {
        arrow(draw_list_, ImVec2(lane.function.max.x, give_up_y), ImVec2(lane.on_failure.min.x, give_up_y), colours::dead_lettered(),
              full ? "give up" : "", false);
    } else {
        arrow(draw_list_, ImVec2(lane.function.max.x, std::min(give_up_y, lane.function.max.y - em(1.0f))),
              ImVec2(lane.on_failure.min.x, give_up_y), colours::dead_lettered(), full ? "give up" : "", false);
    }
    panel(draw_list_, lane.on_failure, colours::dead_lettered());
    const ImVec2 at(lane.on_failure.min.x + em(0.4f), lane.on_failure.min.y + em(0.3f));
    const bool has_destination = lane.destination != sim::kNone;
    const float after = text_lines(draw_list_, lane.on_failure, at,
                                   {{colours::text(), full ? "On-failure dest." : "On failure"},
                                    {has_destination ? colours::dead_lettered() : colours::dim_text(),
                                     has_destination ? "queue " + engine.sqs().config(lane.destination).name : "none configured"}},
                                   0.9f);
    if (full) help_marker(ImVec2(at.x + text_width("On-failure dest. ", 0.9f), at.y), kOnFailureHelp);
    text_lines(draw_list_, lane.on_failure, ImVec2(at.x, after + em(0.2f)),
               {{sent > 0 ? colours::dead_lettered() : colours::dim_text(), format_count(sent) + " records sent"},
                {skipped > 0 ? colours::text() : colours::dim_text(), format_count(skipped) + " skipped"},
                {colours::dim_text(), has_destination ? plural(engine.sqs().visible_count(lane.destination) +
                                                                   engine.sqs().in_flight_count(lane.destination),
                                                               "message in queue", "messages in queue")
                                                      : "(given-up records lost)"}},
               0.8f);
}

}  // namespace queuelab::gui
