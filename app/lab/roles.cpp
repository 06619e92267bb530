#include "roles.h"

namespace queuelab::lab {

Rgb role_colour(Role role) {
    switch (role) {
        case Role::Visible: return {110, 170, 245};
        case Role::InFlight: return {70, 200, 190};
        case Role::Delayed: return {150, 155, 170};
        case Role::DeadLetter: return {205, 95, 215};
        case Role::Deleted: return {95, 205, 125};
        case Role::Returned: return {240, 170, 60};
        case Role::Redriven: return {225, 220, 90};
        case Role::Throttled: return {230, 70, 60};
        case Role::Error: return {255, 120, 175};
        case Role::Invocations: return {200, 202, 215};
        case Role::Concurrency: return {245, 245, 250};
        case Role::Pollers: return {125, 130, 150};
        case Role::Other: break;
    }
    return {170, 175, 190};
}

std::string_view role_name(Role role) {
    switch (role) {
        case Role::Visible: return "visible";
        case Role::InFlight: return "in flight";
        case Role::Delayed: return "delayed";
        case Role::DeadLetter: return "dead-letter queue";
        case Role::Deleted: return "deleted";
        case Role::Returned: return "came back";
        case Role::Redriven: return "redriven";
        case Role::Throttled: return "throttled";
        case Role::Error: return "error";
        case Role::Invocations: return "invocations";
        case Role::Concurrency: return "concurrency";
        case Role::Pollers: return "pollers";
        case Role::Other: break;
    }
    return "other";
}

const std::vector<Role>& legend_roles() {
    static const std::vector<Role> roles = {Role::Visible,  Role::InFlight, Role::DeadLetter, Role::Deleted,
                                            Role::Returned, Role::Redriven, Role::Throttled,  Role::Error};
    return roles;
}

Role series_role(std::string_view series, bool dead_letter_queue) {
    const auto dot = series.rfind('.');
    const std::string_view what = dot == std::string_view::npos ? series : series.substr(dot + 1);
    if (what == "visible") return dead_letter_queue ? Role::DeadLetter : Role::Visible;
    if (what == "in_flight") return Role::InFlight;
    if (what == "delayed") return Role::Delayed;
    if (what == "throttles" || what == "put_throttled") return Role::Throttled;
    if (what == "errors") return Role::Error;
    if (what == "invocations" || what == "records" || what == "calls") return Role::Invocations;
    if (what == "concurrency" || what == "connections") return Role::Concurrency;
    if (what == "pollers") return Role::Pollers;
    return Role::Other;
}

Rgb shade(Rgb colour, std::size_t index) {
    const double factor = 1.0 - 0.28 * static_cast<double>(index % 3);
    const auto scaled = [&](std::uint8_t c) { return static_cast<std::uint8_t>(c * factor); };
    return {scaled(colour.r), scaled(colour.g), scaled(colour.b)};
}

}  // namespace queuelab::lab
