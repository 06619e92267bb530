#pragma once
// Filling strings that are reused from one event to the next.

#include <cstring>
#include <string>
#include <string_view>

namespace queuelab::sim {

// Sets `out` to `text`. A string refilled with values of one length (ids, receipt handles,
// timestamps) is overwritten in place, which costs a fraction of std::string::assign.
inline void overwrite(std::string& out, std::string_view text) {
    if (out.size() == text.size()) {
        if (!text.empty()) std::memmove(out.data(), text.data(), text.size());
        return;
    }
    out.assign(text);
}

}  // namespace queuelab::sim
