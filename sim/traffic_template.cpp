#include "traffic_template.h"

#include <algorithm>
#include <charconv>
#include <cstddef>

namespace queuelab::sim {
namespace {

// The N of "{i%N}": 1 to 9 digits, above 0; nullopt when `digits` is not that.
std::optional<std::int64_t> modulo_of(std::string_view digits) {
    if (digits.empty() || digits.size() >= 10) return std::nullopt;
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    std::int64_t value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value > 0 ? std::optional(value) : std::nullopt;
}

std::optional<TrafficTemplate> optional_template(const std::optional<std::string>& text) {
    return text ? std::optional<TrafficTemplate>(std::in_place, *text) : std::nullopt;
}

}  // namespace

TrafficTemplate::TrafficTemplate(std::string_view text) {
    std::size_t copied = 0;
    for (auto open = text.find("{i"); open != std::string_view::npos; open = text.find("{i", open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string_view::npos) break;
        std::int64_t modulo = 0;
        if (close != open + 2) {
            const auto n = text[open + 2] == '%' ? modulo_of(text.substr(open + 3, close - open - 3)) : std::nullopt;
            if (!n) continue;
            modulo = *n;
        }
        text_.append(text, copied, open - copied);
        placeholders_.push_back(Placeholder{text_.size(), modulo});
        copied = close + 1;
    }
    text_.append(text.substr(copied));
}

void TrafficTemplate::expand_into(std::string& out, std::int64_t index) const {
    constexpr std::size_t kMaxDigits = 20;  // "-9223372036854775808"
    out.resize(text_.size() + kMaxDigits * placeholders_.size());
    char* end = out.data();
    std::size_t copied = 0;
    for (const Placeholder& placeholder : placeholders_) {
        end = std::copy_n(text_.data() + copied, placeholder.at - copied, end);
        const std::int64_t value = placeholder.modulo > 0 ? index % placeholder.modulo : index;
        end = std::to_chars(end, end + kMaxDigits, value).ptr;
        copied = placeholder.at;
    }
    end = std::copy(text_.begin() + static_cast<std::ptrdiff_t>(copied), text_.end(), end);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

MessageTemplates::MessageTemplates(const MessageSpec& spec)
    : body(spec.body),
      partition_key(spec.partition_key),
      data(spec.data),
      MessageGroupId(optional_template(spec.MessageGroupId)),
      MessageDeduplicationId(optional_template(spec.MessageDeduplicationId)) {}

}  // namespace queuelab::sim
