#include "batch_response_rules.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "json_text.h"

namespace queuelab::sim {
namespace {

using Kind = ResponseVerdict::Kind;

ResponseVerdict function_error(std::string why) {
    ResponseVerdict verdict;
    verdict.kind = Kind::FunctionError;
    verdict.error = std::move(why);
    return verdict;
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

// Reads batchItemFailures. Returns the failed positions, or an error text for a list Lambda
// rejects as a whole.
struct FailureList {
    std::vector<std::uint32_t> positions;
    std::optional<std::string> error;
};

FailureList read_failure_list(const nlohmann::json& failures, const std::vector<std::string>& item_ids) {
    std::unordered_map<std::string_view, std::uint32_t> position_of;
    for (std::uint32_t i = 0; i < item_ids.size(); ++i) position_of.emplace(item_ids[i], i);
    FailureList list;
    for (const auto& item : failures) {
        if (!item.is_object() || !item.contains("itemIdentifier")) {
            list.error = "a batchItemFailures entry has no itemIdentifier: " + item.dump();
            continue;
        }
        const auto& id = item["itemIdentifier"];
        if (!id.is_string() || id.get_ref<const std::string&>().empty()) {
            list.error = "itemIdentifier is null, empty or not a string: " + id.dump();
            continue;
        }
        const auto found = position_of.find(id.get_ref<const std::string&>());
        if (found == position_of.end()) {
            list.error = "itemIdentifier is not in the batch: " + id.dump();
            continue;
        }
        if (std::find(list.positions.begin(), list.positions.end(), found->second) == list.positions.end()) {
            list.positions.push_back(found->second);
        }
    }
    std::sort(list.positions.begin(), list.positions.end());
    return list;
}

}  // namespace

bool names_no_records(std::string_view payload) {
    return payload == R"({"batchItemFailures":[]})" || is_blank(payload);
}

ResponseVerdict apply_response_rules(std::string_view payload,
                                     const std::vector<std::string>& item_ids,
                                     bool report_batch_item_failures) {
    if (names_no_records(payload)) return {};
    JsonTextError parse_error;
    const auto parsed = parse_json_text(payload, DuplicateKeys::KeepLast, &parse_error);
    const auto response = parsed ? *parsed : nlohmann::json(nlohmann::json::value_t::discarded);
    FailureList list;
    const bool has_list = response.is_object() && response.contains("batchItemFailures");
    if (has_list && response["batchItemFailures"].is_array()) {
        list = read_failure_list(response["batchItemFailures"], item_ids);
    }

    ResponseVerdict verdict;
    verdict.reported_failed = list.positions;
    if (!report_batch_item_failures) return verdict;  // the response is ignored

    if (response.is_discarded()) {
        return function_error(parse_error.kind == JsonTextError::Kind::TooDeep ? "the response is " + parse_error.reason
                                                                                 : "the response is not valid JSON");
    }
    if (response.is_null() || (response.is_array() && response.empty())) return verdict;
    if (!response.is_object()) return function_error("the response is not a JSON object: " + response.dump());
    if (!has_list || response["batchItemFailures"].is_null()) return verdict;
    if (!response["batchItemFailures"].is_array()) {
        return function_error("batchItemFailures is not a list: " + response["batchItemFailures"].dump());
    }
    if (list.error) {
        auto error = function_error(*list.error);
        error.reported_failed = list.positions;
        return error;
    }
    if (!list.positions.empty()) {
        verdict.kind = Kind::PartialFailure;
        verdict.failed = list.positions;
    }
    return verdict;
}

ResponseVerdict read_invocation_result(InvocationRecord& record, const std::vector<std::string>& item_ids,
                                       bool report_batch_item_failures, Recorder& recorder) {
    if (record.result != InvocationResult::Success) return function_error(record.error_message.str());
    auto verdict = apply_response_rules(record.response_payload, item_ids, report_batch_item_failures);
    if (!verdict.reported_failed.empty()) {
        std::vector<std::uint32_t> failed;
        failed.reserve(verdict.reported_failed.size());
        for (const auto position : verdict.reported_failed) failed.push_back(record.records[position].message);
        record.failures = recorder.keep_failures(failed);
    }
    if (verdict.kind == Kind::PartialFailure) record.result = InvocationResult::Partial;
    if (verdict.kind == Kind::FunctionError) {
        record.result = InvocationResult::Error;
        record.error_type = recorder.texts().keep("InvalidBatchResponse");
        record.error_message = recorder.texts().keep(verdict.error);
    }
    return verdict;
}

std::vector<bool> handler_failures(const ResponseVerdict& verdict, bool returned, std::size_t count) {
    std::vector<bool> failed(count, !returned || verdict.kind == Kind::FunctionError);
    for (const auto position : verdict.reported_failed) failed[position] = true;
    return failed;
}

}  // namespace queuelab::sim
