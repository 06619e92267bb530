#pragma once
// One colour per role, everywhere in the lab: a queue's visible and in-flight messages, the
// dead-letter queue, deleted, came back, redriven, throttled, errors. The topology, the charts,
// the legends and the message story take their colours from here, so a colour never changes
// meaning between views or scenarios. Colours are plain RGB; the GUI turns them into ImGui's.

#include <cstdint>
#include <string_view>
#include <vector>

namespace queuelab::lab {

enum class Role : std::uint8_t {
    Visible,      // waiting in a queue
    InFlight,     // received, hidden by VisibilityTimeout
    Delayed,      // DelaySeconds
    DeadLetter,   // in or moved to a dead-letter queue (or a stream's on-failure queue)
    Deleted,      // done
    Returned,     // not deleted in time: visible again
    Redriven,     // moved back by StartMessageMoveTask
    Throttled,    // refused for lack of concurrency
    Error,        // the function failed: error, timeout, crash
    Invocations,  // invokes that ran
    Concurrency,  // executions running at once
    Pollers,      // an SQS mapping's pollers
    Other,        // lines with no role (iterator age per shard, downstream latency ...)
};

struct Rgb {
    std::uint8_t r, g, b;
    bool operator==(const Rgb&) const = default;
};

Rgb role_colour(Role role);
std::string_view role_name(Role role);  // "visible", "in flight", "dead-letter queue", ...
// The roles a legend explains, in the order it lists them.
const std::vector<Role>& legend_roles();

// A recorded series' role by its name ("orders.visible", "processor.throttles",
// "orders->processor.pollers"); a queue's "visible" is DeadLetter when `dead_letter_queue`
// (a DLQ, or an on-failure queue).
Role series_role(std::string_view series, bool dead_letter_queue);

// The colour of the `index`-th line of one role in a chart (several queues' "visible"): the
// role's colour, each next one a step darker, so they stay the same hue and tell apart.
Rgb shade(Rgb colour, std::size_t index);

}  // namespace queuelab::lab
