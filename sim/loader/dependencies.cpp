// What handlers call besides queues and streams (docs/scenario-format.md 4.5 and 4.6): downstream
// dependencies with their limits (docs/aws-rules.md 5.25), and DynamoDB tables (7.11-7.13).

#include <algorithm>

#include "loader/scenario_reading.h"
#include "resource_names.h"

namespace queuelab::sim::loader {
namespace {

const Keys kDownstreamKeys = {"MaxConnections", "LatencyMs", "ErrorRate", "Outages", "SlowPeriods",
                              "RequestsPerSecond", "TimeoutMs", "SaturationSlowdown"};
constexpr NumberRange kPositive{0, true, kInfinity};

// The keys each latency distribution takes besides "Distribution" and "Seed".
struct DistributionKeys {
    std::string_view name;
    LatencySpec::Distribution distribution;
    Keys keys;
};
const std::vector<DistributionKeys>& distributions() {
    using enum LatencySpec::Distribution;
    static const std::vector<DistributionKeys> all = {
        {"fixed", Fixed, {"FixedMs"}},
        {"uniform", Uniform, {"MinMs", "MaxMs"}},
        {"exponential", Exponential, {"MeanMs"}},
        {"lognormal", LogNormal, {"MedianMs", "P99Ms"}},
    };
    return all;
}

LatencySpec read_latency(const JsonReader& r, const json& value, const std::string& path) {
    LatencySpec spec;
    if (value.is_number()) {
        spec.FixedMs = r.number_value(value, path, {0, false, kInfinity});
        return spec;
    }
    std::vector<std::string> names;
    for (const auto& d : distributions()) names.emplace_back(d.name);
    const std::string expected = "a number of milliseconds or {\"Distribution\": " + join_list(names, " | ") + ", ...}";
    if (!value.is_object()) r.fail(path, "expected " + expected + ", got " + describe_with_type(value));
    const std::string name = r.required_string(value, path, "Distribution", "one of " + join_list(names));
    const auto found = std::find_if(distributions().begin(), distributions().end(), [&](const auto& d) { return d.name == name; });
    if (found == distributions().end()) r.fail(join_path(path, "Distribution"), "expected one of " + join_list(names) + ", got " + quote(name));
    Keys allowed = found->keys;
    allowed.push_back("Distribution");
    allowed.push_back("Seed");
    r.check_keys(value, path, allowed);
    spec.distribution = found->distribution;
    const auto number = [&](std::string_view key, const NumberRange& range) {
        return r.number_value(r.required(value, path, key, number_range_text(range)), join_path(path, key), range);
    };
    switch (spec.distribution) {
        case LatencySpec::Distribution::Fixed: spec.FixedMs = number("FixedMs", {0, false, kInfinity}); break;
        case LatencySpec::Distribution::Uniform:
            spec.MinMs = number("MinMs", {0, false, kInfinity});
            spec.MaxMs = number("MaxMs", {spec.MinMs, false, kInfinity});
            break;
        case LatencySpec::Distribution::Exponential: spec.MeanMs = number("MeanMs", kPositive); break;
        case LatencySpec::Distribution::LogNormal:
            spec.MedianMs = number("MedianMs", kPositive);
            spec.P99Ms = number("P99Ms", {spec.MedianMs, true, kInfinity});
            break;
    }
    if (const json* seed = JsonReader::member(value, "Seed")) {
        spec.Seed = seed->is_number_unsigned() ? seed->get<std::uint64_t>()
                                               : static_cast<std::uint64_t>(r.int_value(*seed, join_path(path, "Seed"), 0, kNoMax));
    }
    return spec;
}

// A list of periods [from_s, until_s) in virtual time, each an object with `keys` besides
// from_s and until_s, read by `read_item` into a Period.
template <typename Period, typename ReadItem>
std::vector<Period> read_periods(const JsonReader& r, const json& value, const std::string& path, Keys keys,
                                 const std::string& shape, ReadItem read_item) {
    r.array(value, path, "an array of " + shape);
    keys.push_back("from_s");
    keys.push_back("until_s");
    std::vector<Period> periods;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string item = join_path(path, std::to_string(i));
        r.object(value[i], item);
        r.check_keys(value[i], item, keys);
        Period period;
        period.from_s = r.number_value(r.required(value[i], item, "from_s", "a number of seconds"), join_path(item, "from_s"),
                                       kTimeRange);
        period.until_s = r.number_value(r.required(value[i], item, "until_s", "a number of seconds after from_s"),
                                        join_path(item, "until_s"), {period.from_s, true, kMaxVirtualSeconds});
        read_item(value[i], item, period);
        periods.push_back(period);
    }
    return periods;
}

std::vector<Outage> read_outages(const JsonReader& r, const json& value, const std::string& path) {
    return read_periods<Outage>(r, value, path, {}, "{\"from_s\": ..., \"until_s\": ...}", [](const json&, const std::string&, Outage&) {});
}

std::vector<SlowPeriod> read_slow_periods(const JsonReader& r, const json& value, const std::string& path) {
    return read_periods<SlowPeriod>(r, value, path, {"LatencyMs"}, "{\"from_s\": ..., \"until_s\": ..., \"LatencyMs\": ...}",
                                    [&](const json& item, const std::string& item_path, SlowPeriod& period) {
                                        const json& latency = r.required(item, item_path, "LatencyMs",
                                                                         "a number of milliseconds or a distribution");
                                        period.LatencyMs = read_latency(r, latency, join_path(item_path, "LatencyMs"));
                                    });
}

DownstreamConfig read_downstream(const JsonReader& r, const std::string& name, const json& value, const std::string& path) {
    r.object(value, path);
    r.check_keys(value, path, kDownstreamKeys);
    if (name.empty() || name.size() > 64 || !all_name_characters(name)) {
        r.fail(path, "expected a downstream name of 1 to 64 alphanumeric characters, hyphens or underscores, got " + quote(name));
    }
    DownstreamConfig downstream;
    downstream.name = name;
    downstream.MaxConnections = static_cast<int>(r.read_int(value, path, "MaxConnections", 1, 1'000'000, downstream.MaxConnections));
    if (const json* latency = JsonReader::member(value, "LatencyMs")) downstream.LatencyMs = read_latency(r, *latency, join_path(path, "LatencyMs"));
    downstream.ErrorRate = r.read_number(value, path, "ErrorRate", {0, false, 1}, 0);
    if (const json* outages = JsonReader::member(value, "Outages")) downstream.Outages = read_outages(r, *outages, join_path(path, "Outages"));
    if (const json* slow = JsonReader::member(value, "SlowPeriods")) {
        downstream.SlowPeriods = read_slow_periods(r, *slow, join_path(path, "SlowPeriods"));
    }
    downstream.RequestsPerSecond = r.optional_number(value, path, "RequestsPerSecond", kPositive);
    downstream.TimeoutMs = r.optional_number(value, path, "TimeoutMs", kPositive);
    downstream.SaturationSlowdown = r.read_number(value, path, "SaturationSlowdown", {1, false, 1'000}, 1);
    return downstream;
}

// DynamoDB table names: 3 to 255 of a-z, A-Z, 0-9, '_', '-' and '.'.
bool is_table_name(const std::string& name) {
    return name.size() >= 3 && name.size() <= 255 && std::all_of(name.begin(), name.end(), [](char c) {
               return is_name_character(c) || c == '.';
           });
}

TableConfig read_table(const JsonReader& r, const std::string& name, const json& value, const std::string& path) {
    r.object(value, path);
    r.check_keys(value, path, {"KeySchema"});
    if (!is_table_name(name)) {
        r.fail(path, "expected a table name of 3 to 255 alphanumeric characters, hyphens, underscores or periods, got " + quote(name));
    }
    TableConfig table;
    table.name = name;
    const json* schema = JsonReader::member(value, "KeySchema");
    if (schema == nullptr) return table;
    const std::string schema_path = join_path(path, "KeySchema");
    const std::string expected = "[{\"AttributeName\": \"<name>\", \"KeyType\": \"HASH\"}] (one HASH key; the simulator has no sort keys)";
    if (!schema->is_array() || schema->size() != 1) r.fail(schema_path, "expected " + expected + ", got " + describe(*schema));
    const std::string element = join_path(schema_path, "0");
    r.object((*schema)[0], element);
    r.check_keys((*schema)[0], element, {"AttributeName", "KeyType"});
    table.partition_key = r.required_string((*schema)[0], element, "AttributeName", "an attribute name");
    if (table.partition_key.empty()) r.fail(join_path(element, "AttributeName"), "expected a non-empty attribute name, got \"\"");
    const std::string type = r.required_string((*schema)[0], element, "KeyType", "\"HASH\"");
    if (type != "HASH") r.fail(join_path(element, "KeyType"), "expected \"HASH\" (the simulator has no sort keys), got " + quote(type));
    return table;
}

}  // namespace

void read_downstreams(ScenarioReading& reading, const json& document) {
    const json* downstreams = JsonReader::member(document, "downstreams");
    if (downstreams == nullptr) return;
    reading.r.object(*downstreams, "downstreams", "an object of downstreams by name");
    for (const auto& [name, value] : downstreams->items()) {
        reading.s.downstreams[name] = read_downstream(reading.r, name, value, join_path("downstreams", name));
    }
}

void read_tables(ScenarioReading& reading, const json& document) {
    const json* tables = JsonReader::member(document, "tables");
    if (tables == nullptr) return;
    reading.r.object(*tables, "tables", "an object of DynamoDB tables by name");
    for (const auto& [name, value] : tables->items()) {
        reading.s.tables[name] = read_table(reading.r, name, value, join_path("tables", name));
    }
}

}  // namespace queuelab::sim::loader
