#include "resource_names.h"

#include <algorithm>

#include "json_reader.h"

namespace queuelab::sim {

std::optional<std::string> queue_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    if (parts.size() == 6 && parts[2] == "sqs" && !parts[5].empty()) return parts[5];
    return std::nullopt;
}

std::optional<std::string> function_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    if (parts.size() >= 7 && parts[2] == "lambda" && parts[5] == "function") return parts[6];
    return std::nullopt;
}

std::optional<std::string> stream_name_from_reference(const std::string& reference) {
    if (!starts_with(reference, "arn:")) return reference;
    const std::vector<std::string> parts = split(reference, ':');
    constexpr std::string_view kPrefix = "stream/";
    if (parts.size() == 6 && parts[2] == "kinesis" && starts_with(parts[5], kPrefix) && parts[5].size() > kPrefix.size()) {
        return parts[5].substr(kPrefix.size());
    }
    return std::nullopt;
}

bool is_name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool all_name_characters(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_name_character);
}

bool is_stream_name(std::string_view name) {
    return !name.empty() && name.size() <= 128 &&
           std::all_of(name.begin(), name.end(), [](char c) { return is_name_character(c) || c == '.'; });
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_hash_key(std::string_view text) {
    constexpr std::string_view kMax = "340282366920938463463374607431768211455";
    const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || text.size() > kMax.size() || (text.size() > 1 && text[0] == '0')) return false;
    return text.size() < kMax.size() || text <= kMax;
}

}  // namespace queuelab::sim
