#include "tables.h"

#include "recorder.h"

namespace queuelab::sim {
namespace {

TableResult validation_error(std::string message) { return TableResult{"ValidationException", std::move(message), {}}; }

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

// The attribute "attribute_not_exists(x)" names, resolving a #alias through `names`; nullopt
// when the condition is not of that form or an alias is missing.
std::optional<std::string> attribute_not_exists_of(const std::string& condition, const std::map<std::string, std::string>& names) {
    const std::string text = trim(condition);
    constexpr std::string_view kFunction = "attribute_not_exists(";
    if (text.rfind(kFunction, 0) != 0 || text.back() != ')') return std::nullopt;
    const std::string attribute = trim(text.substr(kFunction.size(), text.size() - kFunction.size() - 1));
    if (attribute.empty()) return std::nullopt;
    if (attribute.front() != '#') return attribute;
    const auto alias = names.find(attribute);
    if (alias == names.end()) return std::nullopt;
    return alias->second;
}

}  // namespace

Tables::Tables(const Scenario& scenario) {
    for (const auto& [name, config] : scenario.tables) tables_.push_back(Table{config, {}});
}

std::uint32_t Tables::index(const std::string& name) const {
    for (std::uint32_t i = 0; i < tables_.size(); ++i) {
        if (tables_[i].config.name == name) return i;
    }
    return kNone;
}

std::optional<std::string> Tables::key_of(const Table& table, const nlohmann::json& document, TableResult& error) const {
    const std::string& key = table.config.partition_key;
    const auto value = document.is_object() ? document.find(key) : document.end();
    if (!document.is_object() || value == document.end()) {
        error = validation_error("One or more parameter values were invalid: Missing the key " + key + " in the item");
        return std::nullopt;
    }
    for (const char* type : {"S", "N", "B"}) {
        const auto typed = value->is_object() && value->size() == 1 ? value->find(type) : value->end();
        if (typed != value->end() && typed->is_string()) return std::string(type) + ":" + typed->get<std::string>();
    }
    error = validation_error("One or more parameter values were invalid: Type mismatch for key " + key +
                             " (expected {\"S\": ...}, {\"N\": ...} or {\"B\": ...})");
    return std::nullopt;
}

TableResult Tables::put_item(std::uint32_t index, const nlohmann::json& item, const std::optional<std::string>& condition,
                             const std::map<std::string, std::string>& names) {
    auto& table = tables_[index];
    TableResult result;
    const auto key = key_of(table, item, result);
    if (!key) return result;
    if (condition) {
        const auto attribute = attribute_not_exists_of(*condition, names);
        if (!attribute) {
            return validation_error("Invalid ConditionExpression: the simulator reads attribute_not_exists(<attribute>) only, got " +
                                    *condition);
        }
        const auto existing = table.items.find(*key);
        if (existing != table.items.end() && existing->second.contains(*attribute)) {
            return TableResult{"ConditionalCheckFailedException", "The conditional request failed", {}};
        }
    }
    table.items[*key] = item;
    return result;
}

TableResult Tables::get_item(std::uint32_t index, const nlohmann::json& key_document) const {
    const auto& table = tables_[index];
    TableResult result;
    const auto key = key_of(table, key_document, result);
    if (!key) return result;
    const auto found = table.items.find(*key);
    if (found != table.items.end()) result.item = found->second;
    return result;
}

TableResult Tables::delete_item(std::uint32_t index, const nlohmann::json& key_document) {
    auto& table = tables_[index];
    TableResult result;
    const auto key = key_of(table, key_document, result);
    if (key) table.items.erase(*key);
    return result;
}

}  // namespace queuelab::sim
