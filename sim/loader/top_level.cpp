// The scenario's own keys: service limits, name, seed, duration, region, account.

#include <algorithm>
#include <type_traits>

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

// The most samples of the time series in one run (the simulator's limit, docs/aws-rules.md 5.27).
constexpr double kMaxSamples = 1'000'000;

// sample_interval_s: 0 (chosen from duration_s), or a period giving at most kMaxSamples samples.
double read_sample_interval(const ScenarioReading& reading, const json& document) {
    const auto& r = reading.r;
    const double interval = r.read_number(document, "", "sample_interval_s", kTimeRange, 0);
    const double least = std::max(kMinPeriodSeconds, reading.s.duration_s / kMaxSamples);
    if (interval > 0 && interval < least) {
        r.fail("sample_interval_s", "expected 0 (chosen from duration_s) or a number from " + format_number(least) + " to " +
                                        format_number(kMaxVirtualSeconds) + " (at most " + format_number(kMaxSamples) +
                                        " samples over duration_s " + format_number(reading.s.duration_s) + "), got " +
                                        format_number(interval));
    }
    return interval;
}

}  // namespace

void read_service_limits(ScenarioReading& reading, const json& document) {
    const json* limits = JsonReader::member(document, "service_limits");
    if (limits == nullptr) return;
    const auto& r = reading.r;
    const std::string path = "service_limits";
    r.object(*limits, path);
    std::vector<std::string> names;
    for (const LimitField& field : service_limit_fields()) names.emplace_back(field.name);
    for (const auto& item : limits->items()) {  // not a structured binding: lambdas below use both (clang 14)
        const std::string& key = item.key();
        const json& value = item.value();
        const auto field = std::find_if(service_limit_fields().begin(), service_limit_fields().end(),
                                        [&](const LimitField& f) { return f.name == key; });
        if (field == service_limit_fields().end()) r.fail(join_path(path, key), "unknown key; expected one of: " + join_list(names));
        const std::string field_path = join_path(path, key);
        std::visit(
            [&](auto member) {
                using T = std::remove_reference_t<decltype(reading.s.limits.*member)>;
                if constexpr (std::is_same_v<T, double>) {
                    reading.s.limits.*member = r.number_value(value, field_path, {field->min, field->min_exclusive, field->max});
                } else {
                    const auto max = field->max < static_cast<double>(std::numeric_limits<T>::max())
                                         ? static_cast<std::int64_t>(field->max)
                                         : static_cast<std::int64_t>(std::numeric_limits<T>::max());
                    reading.s.limits.*member =
                        static_cast<T>(r.int_value(value, field_path, static_cast<std::int64_t>(field->min), max));
                }
            },
            field->member);
    }
    const auto& set = reading.s.limits;
    if (set.esm_initial_concurrency > set.esm_max_concurrency) {
        r.fail(join_path(path, JsonReader::member(*limits, "esm_initial_concurrency") != nullptr ? "esm_initial_concurrency"
                                                                                                 : "esm_max_concurrency"),
               "expected esm_initial_concurrency (" + std::to_string(set.esm_initial_concurrency) +
                   ") at most esm_max_concurrency (" + std::to_string(set.esm_max_concurrency) + ")");
    }
}

void read_top_level(ScenarioReading& reading, const json& document) {
    const auto& r = reading.r;
    auto& s = reading.s;
    s.name = r.required_string(document, "", "name", "a string (the scenario's name)");
    if (s.name.empty()) r.fail("name", "expected a non-empty string, got \"\"");
    if (JsonReader::member(document, "description") != nullptr) {
        s.description = r.required_string(document, "", "description", "a string");
    }
    if (const json* seed = JsonReader::member(document, "seed")) {
        s.seed = seed->is_number_unsigned() ? seed->get<std::uint64_t>()
                                            : static_cast<std::uint64_t>(r.int_value(*seed, "seed", 0, kNoMax));
    }
    s.duration_s = r.read_number(document, "", "duration_s", {0, true, kMaxVirtualSeconds}, s.duration_s);
    s.sample_interval_s = read_sample_interval(reading, document);
    if (auto region = r.optional_string(document, "", "region")) {
        if (region->empty() || !all_name_characters(*region)) {
            r.fail("region", "expected an AWS region name such as \"us-east-1\", got " + quote(*region));
        }
        s.region = *region;
    }
    if (auto account_id = r.optional_string(document, "", "account_id")) {
        if (account_id->size() != 12 ||
            !std::all_of(account_id->begin(), account_id->end(), [](char c) { return c >= '0' && c <= '9'; })) {
            r.fail("account_id", "expected a string of 12 digits, got " + quote(*account_id));
        }
        s.account_id = *account_id;
    }
}

void read_account(ScenarioReading& reading, const json& document) {
    auto& s = reading.s;
    s.account_concurrency = s.limits.account_concurrency;
    const json* account = JsonReader::member(document, "account");
    if (account == nullptr) return;
    reading.r.object(*account, "account");
    reading.r.check_keys(*account, "account", {"ConcurrentExecutions"});
    s.account_concurrency = static_cast<int>(
        reading.r.read_int(*account, "account", "ConcurrentExecutions", 1, 1'000'000, s.account_concurrency));
    s.limits.account_concurrency = s.account_concurrency;
}

}  // namespace queuelab::sim::loader
