#include "format.h"

#include <algorithm>
#include <cstdio>

namespace queuelab::lab {

std::string format_duration(sim::SimTime t) {
    const double seconds = sim::to_seconds(t);
    char text[64];
    if (seconds < 60) {
        std::snprintf(text, sizeof text, "%.3f s", seconds);
    } else if (seconds < 3600) {
        std::snprintf(text, sizeof text, "%d min %04.1f s", static_cast<int>(seconds / 60),
                      seconds - 60 * static_cast<int>(seconds / 60));
    } else {
        const int minutes = static_cast<int>(seconds / 60);
        std::snprintf(text, sizeof text, "%d h %02d min", minutes / 60, minutes % 60);
    }
    return text;
}

std::string format_count(std::int64_t n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string text = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
        text += digits[i];
    }
    return text;
}

std::string format_usd(double dollars) {
    char text[32];
    std::snprintf(text, sizeof text, dollars < 0.01 ? "$%.7f" : "$%.4f", dollars);
    return text;
}

std::string shorten(std::string_view text, std::size_t length) {
    std::string out = text.size() > length ? std::string(text.substr(0, length)) + "\xE2\x80\xA6" : std::string(text);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

}  // namespace queuelab::lab
