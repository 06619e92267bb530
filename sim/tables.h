#pragma once
// DynamoDB tables as handlers use them: a key-value store with a conditional put, the pattern
// idempotency libraries build on (docs/aws-rules.md 7.11-7.13). Items are DynamoDB JSON; a
// table's key is one HASH attribute. What a call writes is visible to every call decided after
// it (docs/aws-rules.md 5.24).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario.h"

namespace queuelab::sim {

// An operation's outcome: an item (GetItem), or AWS's error code and message.
struct TableResult {
    std::string error_code;  // empty: success
    std::string error_message;
    std::optional<nlohmann::json> item;
};

class Tables {
public:
    explicit Tables(const Scenario& scenario);

    std::uint32_t count() const { return static_cast<std::uint32_t>(tables_.size()); }
    std::uint32_t index(const std::string& name) const;  // kNone when there is none
    const TableConfig& config(std::uint32_t table) const { return tables_[table].config; }
    std::size_t item_count(std::uint32_t table) const { return tables_[table].items.size(); }

    // PutItem: with `condition` "attribute_not_exists(<name>)" (names may be #aliases of
    // `names`), the put fails with ConditionalCheckFailedException when the item exists and has
    // that attribute. Other conditions are refused (ValidationException).
    TableResult put_item(std::uint32_t table, const nlohmann::json& item, const std::optional<std::string>& condition,
                         const std::map<std::string, std::string>& names);
    TableResult get_item(std::uint32_t table, const nlohmann::json& key) const;
    TableResult delete_item(std::uint32_t table, const nlohmann::json& key);

private:
    struct Table {
        TableConfig config;
        std::map<std::string, nlohmann::json> items;  // by the key's value, as "S:order-7"
    };
    // The key value of an item or key document, or the error to return.
    std::optional<std::string> key_of(const Table& table, const nlohmann::json& document, TableResult& error) const;

    std::vector<Table> tables_;
};

}  // namespace queuelab::sim
