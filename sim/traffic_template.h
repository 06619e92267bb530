#pragma once
// Traffic templates (docs/scenario-format.md 5), parsed once per traffic entry: "{i}" expands to
// the index of the copy (0-based) and "{i%N}" to that index modulo N; any other braces are text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.h"

namespace queuelab::sim {

class TrafficTemplate {
public:
    explicit TrafficTemplate(std::string_view text);

    // `out` = the text of copy `index`, reusing out's capacity.
    void expand_into(std::string& out, std::int64_t index) const;

private:
    struct Placeholder {
        std::size_t at;        // where in text_ the number goes
        std::int64_t modulo;   // 0: the index itself
    };
    std::string text_;         // the text without its placeholders
    std::vector<Placeholder> placeholders_;
};

// The templates of one message or record of a traffic entry.
struct MessageTemplates {
    explicit MessageTemplates(const MessageSpec& spec);

    TrafficTemplate body;
    TrafficTemplate partition_key;
    TrafficTemplate data;
    std::optional<TrafficTemplate> MessageGroupId;
    std::optional<TrafficTemplate> MessageDeduplicationId;
};

}  // namespace queuelab::sim
