#include "help_text.h"

namespace queuelab::lab {

const std::vector<HelpLine>& shortcut_help() {
    static const std::vector<HelpLine> lines = {
        {"Space", "play or pause virtual time"},
        {"\xE2\x86\x92 (right arrow)", "step to the next event that changes a message or starts an invocation (hold to repeat)"},
        {"R", "restart from virtual time 0 with the same seed, applying your edits"},
        {"F1", "open or close this help"},
        {"Ctrl+click a slider", "type a value (speed)"},
        {"Click a chart", "replay the run to that time"},
        {"Click a dot, record or busy environment", "show that message's, record's or invocation's life in Messages"},
    };
    return lines;
}

const std::vector<HelpLine>& view_help() {
    static const std::vector<HelpLine> lines = {
        {"Topology", "producer \xE2\x86\x92 queue \xE2\x86\x92 pollers \xE2\x86\x92 the function's execution environments \xE2\x86\x92 "
                     "deleted, back to the queue, or the dead-letter queue (and a redrive's way back); for streams, each "
                     "shard's records, checkpoint, consumers and on-failure destination. Dots are messages coloured by "
                     "receive count; the legend gives every colour."},
        {"Charts", "the recorded series over virtual time: queue depths, concurrency and pollers, invocations, errors and "
                   "throttles, records and iterator age, downstreams. A line keeps its role's colour in every chart."},
        {"Compare", "A (as written, with your edits) and B (with overrides) side by side in step, and every total: green "
                    "where B is better for the system, red where worse, and one line that weighs them, lost first."},
        {"Sweep", "the results of queuelab sweep (a CSV, opened there or with --sweep): a metric against one varied key, a "
                  "line per combination of the others with the mean over the seeds and their range, the best point among "
                  "those that drained and lost nothing, and every row (click a header to sort)."},
        {"Lesson", "the course, day by day: read, predict, then change the scenario or the handler until the checks pass."},
        {"Inspector", "every queue, stream, function and mapping parameter under AWS's name, with (?) help; edits apply at "
                      "once where AWS applies them live, else on restart."},
        {"Messages", "every message, record and invocation; click one for its whole life, the exact event and response."},
    };
    return lines;
}

}  // namespace queuelab::lab
