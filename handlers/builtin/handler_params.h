#pragma once
// Reads a built-in handler's Simulation.Params. Null counts as no parameters. Every failure is a
// HandlerParamError whose field is the offending key (empty when Params itself is not an object):
// the constructor rejects keys the handler does not know, the accessors reject a value of the
// wrong type or range. An absent key gives the accessor's fallback.

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace queuelab::builtin {

class HandlerParams {
public:
    HandlerParams(const nlohmann::json& params, std::initializer_list<std::string> known_keys);

    bool has(const std::string& key) const { return params_.contains(key); }
    // REQUIRES: has(key).
    const nlohmann::json& value(const std::string& key) const { return params_.at(key); }

    // A number in [min, max].
    double number(const std::string& key, double fallback, double min,
                  double max = std::numeric_limits<double>::infinity()) const;
    // Any number.
    double number(const std::string& key, double fallback) const;
    // Any integer; a negative one wraps around, which is fine for a seed.
    std::uint64_t integer(const std::string& key, std::uint64_t fallback) const;
    bool boolean(const std::string& key, bool fallback) const;
    std::optional<std::string> string(const std::string& key) const;
    std::string string(const std::string& key, const std::string& fallback) const;
    std::vector<std::string> strings(const std::string& key) const;

private:
    nlohmann::json params_;
};

// For a handler without parameters: throws HandlerParamError unless params is null or {}.
inline void expect_no_params(const nlohmann::json& params) {
    HandlerParams(params, {});
}

}  // namespace queuelab::builtin
