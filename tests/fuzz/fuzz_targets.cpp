#include "fuzz_targets.h"

#include <stdexcept>
#include <string>

#include "batch_response_rules.h"
#include "builtin/body_parsing.h"
#include "engine.h"
#include "event_filter.h"
#include "input_error.h"
#include "json_locator.h"
#include "json_text.h"
#include "report.h"
#include "scenario_loader.h"

namespace queuelab::fuzz {
namespace {

constexpr std::string_view kOverridesLine = "\n--set\n";
constexpr int kMostSteps = 20'000;

std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// The overrides after the "--set" line, then the fuzzing budget (applied last, so it wins).
std::vector<sim::Override> overrides_of(const std::string& lines) {
    std::vector<sim::Override> overrides;
    for (const std::string& line : sim::split(lines, '\n')) {
        if (!line.empty()) overrides.push_back(sim::parse_override(line));
    }
    overrides.push_back(sim::parse_override("service_limits.max_stored_bytes=67108864"));
    overrides.push_back(sim::parse_override("service_limits.max_events_per_instant=100000"));
    return overrides;
}

}  // namespace

void scenario_loader(const std::uint8_t* data, std::size_t size) {
    const std::string input = text_of(data, size);
    const std::size_t split = input.find(kOverridesLine);
    const std::string scenario_text = input.substr(0, split);
    const std::string override_lines = split == std::string::npos ? "" : input.substr(split + kOverridesLine.size());
    try {
        sim::Engine engine(sim::load_scenario_text(scenario_text, "fuzz.json", overrides_of(override_lines)));
        for (int step = 0; step < kMostSteps && engine.step(); ++step) {
        }
        sim::build_report(engine).dump();
    } catch (const sim::InputError&) {
        // bad input, reported as one line: the expected outcome
    }
}

void batch_response_rules(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return;
    const bool report_batch_item_failures = (data[0] & 1) != 0;
    const std::string payload = text_of(data + 1, size - 1);
    const std::vector<std::string> ids = {"a", "b", "c"};
    const std::vector<sim::RecordRef> records = {{0, 1}, {1, 1}, {2, 1}};
    sim::Recorder recorder(false, 0);
    sim::InvocationRecord record;
    record.records = records;
    record.response_payload = recorder.texts().keep(payload);
    const auto verdict = sim::read_invocation_result(record, ids, report_batch_item_failures, recorder);
    sim::handler_failures(verdict, true, ids.size());
}

void event_filter(const std::uint8_t* data, std::size_t size) {
    const std::string input = text_of(data, size);
    const std::size_t newline = input.find('\n');
    const auto pattern = sim::parse_json_text(input.substr(0, newline), sim::DuplicateKeys::Reject);
    if (!pattern || !sim::pattern_error(*pattern).empty()) return;
    const std::string record_text = newline == std::string::npos ? "" : input.substr(newline + 1);
    auto record = sim::parse_json_text(record_text, sim::DuplicateKeys::KeepLast);
    const nlohmann::json view = {{"body", record ? std::move(*record) : nlohmann::json(record_text)}};
    sim::matches_pattern(*pattern, view);
    sim::matches_pattern(*pattern, view["body"]);
}

void json_locator(const std::uint8_t* data, std::size_t size) {
    const std::string text = text_of(data, size);
    const sim::JsonLocator locator(text);
    for (const char* path : {"", "name", "queues", "queues.orders.VisibilityTimeout", "mappings.0", "traffic.1.body"}) {
        locator.line_of(path);
    }
    sim::JsonTextError error;
    if (!sim::parse_json_text(text, sim::DuplicateKeys::Reject, &error)) sim::line_at(text, error.byte);
}

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"scenario_loader", scenario_loader},
        {"batch_response_rules", batch_response_rules},
        {"event_filter", event_filter},
        {"json_locator", json_locator},
        {"body_number", body_number},
    };
    return all;
}

void body_number(const std::uint8_t* data, std::size_t size) {
    const std::string body = text_of(data, size);
    const auto object = builtin::parse_json_object(body);
    std::optional<double> in_tree;
    if (object) {
        const auto member = object->find("n");
        if (member != object->end() && member->is_number()) in_tree = member->get<double>();
    }
    if (builtin::number_member(body, "n") != in_tree) throw std::logic_error("number_member differs from the parsed tree");
}

}  // namespace queuelab::fuzz
