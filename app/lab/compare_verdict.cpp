#include "compare_verdict.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "format.h"

namespace queuelab::lab {
namespace {

std::string trimmed(std::string_view label) {
    while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
    return std::string(label);
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
    return text;
}

}  // namespace

std::string format_difference(const sim::TotalField& field, double difference) {
    const double size = std::abs(difference);
    std::string text;
    switch (field.format) {
        case sim::TotalFormat::Count: text = format_count(std::llround(size)); break;
        case sim::TotalFormat::Dollars: text = format_usd(size); break;
        case sim::TotalFormat::GbSeconds: {
            char number[32];
            std::snprintf(number, sizeof number, "%.3f GB-s", size);
            text = number;
            break;
        }
    }
    return (difference > 0 ? "+" : "-") + text;
}

std::string compare_verdict(const sim::Totals& a, const sim::Totals& b) {
    std::vector<std::string> better, worse;
    std::string head;
    for (const sim::TotalField& field : sim::total_fields()) {
        if (!sim::shows(field, {&a, &b})) continue;
        const sim::Change change = sim::compare_total(field, a, b);
        if (change != sim::Change::Better && change != sim::Change::Worse) continue;
        const double difference = sim::total_value(b, field) - sim::total_value(a, field);
        if (field.name == "lost") {
            const std::string count = format_count(std::llround(std::abs(difference)));
            head = change == sim::Change::Worse ? "B is worse: it loses " + count + " that A kept"
                                                : "B is better: it keeps " + count + " that A lost";
            continue;
        }
        (change == sim::Change::Better ? better : worse).push_back(trimmed(field.label) + " " + format_difference(field, difference));
    }
    if (head.empty() && better.empty() && worse.empty()) return "B is the same as A for the system";
    if (head.empty()) head = worse.empty() ? "B is better" : better.empty() ? "B is worse" : "B is mixed";
    std::string text = head;
    if (!better.empty()) text += "; better: " + joined(better);
    if (!worse.empty()) text += "; worse: " + joined(worse);
    return text;
}

}  // namespace queuelab::lab
