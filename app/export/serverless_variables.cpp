#include "serverless_variables.h"

#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "cloudformation_reader.h"
#include "input_error.h"
#include "json_reader.h"

// [SECTION] Index
// --set · Reading ${...} · Sources · Resolving the file

namespace queuelab::exporting {
namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// [SECTION] Reading ${...}

// The position of the } that closes the ${ at `open`, counting nested ${...}; npos when none.
std::size_t closing_brace(const std::string& text, std::size_t open) {
    int depth = 0;
    for (std::size_t at = open; at < text.size(); ++at) {
        if (text.compare(at, 2, "${") == 0) {
            ++depth;
            ++at;
        } else if (text[at] == '}' && --depth == 0) {
            return at;
        }
    }
    return std::string::npos;
}

// Serverless's form: a lowercase source and a colon (self:, opt:...) or a call (file(...)); not
// CloudFormation's ${AWS::Region}, ${Queue.Arn} or ${Name}.
bool is_variable(const std::string& content) {
    std::size_t at = 0;
    while (at < content.size() && std::isalpha(static_cast<unsigned char>(content[at]))) ++at;
    if (at == 0 || at == content.size() || !std::islower(static_cast<unsigned char>(content[0]))) return false;
    if (content[at] == '(') return true;
    return content[at] == ':' && (at + 1 == content.size() || content[at + 1] != ':');
}

// "opt:stage, 'dev'" -> {"opt:stage", "'dev'"}: commas outside quotes and nested ${...}.
std::vector<std::string> split_fallbacks(const std::string& content) {
    std::vector<std::string> parts;
    std::string part;
    int depth = 0;
    char quote = 0;
    for (std::size_t at = 0; at < content.size(); ++at) {
        const char c = content[at];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (content.compare(at, 2, "${") == 0) {
            ++depth;
        } else if (c == '}') {
            --depth;
        } else if (c == ',' && depth == 0) {
            parts.push_back(trim(part));
            part.clear();
            continue;
        }
        part += c;
    }
    parts.push_back(trim(part));
    return parts;
}

bool is_literal(const std::string& text) {
    if (text == "true" || text == "false" || text == "null") return true;
    std::size_t used = 0;
    try {
        (void)std::stod(text, &used);
    } catch (const std::exception&) {
        return false;
    }
    return used == text.size();
}

// [SECTION] Sources

class Resolver {
public:
    Resolver(YAML::Node root, const VariableValues& values, const std::string& file)
        : root_(std::move(root)), values_(values), file_(file) {}

    void walk(YAML::Node node, const std::string& path);

private:
    [[noreturn]] void fail(const std::string& path, const YAML::Node& node, const std::string& expected) const {
        throw sim::InputError(file_, path, line_of(node), expected);
    }
    void resolve_scalar(YAML::Node node, const std::string& path);
    std::string interpolate(const std::string& text, const std::string& path, const YAML::Node& node);
    YAML::Node value_of(const std::string& content, const std::string& path, const YAML::Node& node);
    std::optional<YAML::Node> candidate(const std::string& text, const std::string& path, const YAML::Node& node);
    std::optional<YAML::Node> self(const std::string& address);
    std::optional<YAML::Node> found(const std::map<std::string, std::string>& values, const std::string& name) const;

    YAML::Node root_;
    const VariableValues& values_;
    const std::string& file_;
    std::set<std::string> resolving_;  // paths being resolved, for cycles
};

std::optional<YAML::Node> Resolver::found(const std::map<std::string, std::string>& values, const std::string& name) const {
    const auto value = values.find(name);
    if (value == values.end()) return std::nullopt;
    return YAML::Node(value->second);
}

// The node at a dotted path of the file, with its own variables resolved.
std::optional<YAML::Node> Resolver::self(const std::string& address) {
    YAML::Node node = root_;
    std::string path;
    std::size_t start = 0;
    while (start <= address.size() && !address.empty()) {
        const auto dot = address.find('.', start);
        const std::string key = address.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        path = sim::join_path(path, key);
        const YAML::Node& parent = node;
        if (parent.IsMap() && parent[key]) {
            node.reset(parent[key]);
        } else if (parent.IsSequence() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoul(key) < parent.size()) {
            node.reset(parent[std::stoul(key)]);
        } else {
            return std::nullopt;
        }
        if (node.IsScalar() || dot == std::string::npos) walk(node, path);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return node;
}

std::optional<YAML::Node> Resolver::candidate(const std::string& text, const std::string& path, const YAML::Node& node) {
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front()) {
        return YAML::Node(text.substr(1, text.size() - 2));
    }
    if (text.rfind("${", 0) == 0 && closing_brace(text, 0) == text.size() - 1) {
        return value_of(text.substr(2, text.size() - 3), path, node);
    }
    if (is_literal(text)) return YAML::Node(text);
    const std::string address = text.find("${") != std::string::npos ? interpolate(text, path, node) : text;
    const auto colon = address.find(':');
    const std::string source = colon == std::string::npos ? "" : address.substr(0, colon);
    const std::string name = colon == std::string::npos ? "" : address.substr(colon + 1);
    if (source == "self") return self(name);
    if (source == "opt") return found(values_.options, name);
    if (source == "env") return found(values_.environment, name);
    if (address == "sls:stage") {
        if (auto stage = found(values_.options, "stage")) return stage;
        if (auto stage = self("provider.stage")) return stage;
        return YAML::Node("dev");
    }
    if (address == "aws:region") {
        if (auto region = self("provider.region")) return region;
        return YAML::Node("us-east-1");
    }
    if (address == "aws:accountId") return YAML::Node("123456789012");
    fail(path, node, "expected a variable queuelab resolves (self:, opt:, sls:stage, env:, aws:region, aws:accountId), got ${" +
                         text + "}");
}

// The value of the first of the variable's sources that has one.
YAML::Node Resolver::value_of(const std::string& content, const std::string& path, const YAML::Node& node) {
    const std::vector<std::string> parts = split_fallbacks(content);
    for (const std::string& part : parts) {
        if (auto value = candidate(part, path, node)) return *value;
    }
    const std::string& first = parts.front();
    std::string how = "this file has no " + first.substr(std::min(first.size(), std::size_t{5}));
    if (first.rfind("opt:", 0) == 0) how = "give it with --set " + first + "=VALUE, or a fallback: ${" + first + ", 'VALUE'}";
    if (first.rfind("env:", 0) == 0) how = "give it with --set " + first + "=VALUE (the import does not read the environment)";
    fail(path, node, "expected a value for ${" + content + "}: " + how);
}

// [SECTION] Resolving the file

std::string Resolver::interpolate(const std::string& text, const std::string& path, const YAML::Node& node) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto open = text.find("${", at);
        const auto close = open == std::string::npos ? std::string::npos : closing_brace(text, open);
        if (close == std::string::npos) {
            out += text.substr(at);
            break;
        }
        out += text.substr(at, open - at);
        const std::string content = text.substr(open + 2, close - open - 2);
        if (!is_variable(content)) {
            out += text.substr(open, close - open + 1);
        } else {
            const YAML::Node value = value_of(content, path, node);
            if (!value.IsScalar()) fail(path, node, "expected ${" + content + "} to be text inside \"" + text + "\", got a map or list");
            out += value.Scalar();
        }
        at = close + 1;
    }
    return out;
}

void Resolver::resolve_scalar(YAML::Node node, const std::string& path) {
    const std::string text = node.Scalar();
    if (text.find("${") == std::string::npos) return;
    if (!resolving_.insert(path).second) fail(path, node, "expected variables that do not refer to themselves: " + text);
    const bool whole = text.rfind("${", 0) == 0 && closing_brace(text, 0) == text.size() - 1;
    if (whole && is_variable(text.substr(2, text.size() - 3))) {
        const YAML::Node value = value_of(text.substr(2, text.size() - 3), path, node);
        if (value.IsScalar()) {
            node = value.Scalar();
        } else {
            node = value;
        }
    } else {
        node = interpolate(text, path, node);
    }
    resolving_.erase(path);
}

void Resolver::walk(YAML::Node node, const std::string& path) {
    if (node.IsScalar()) {
        resolve_scalar(node, path);
    } else if (node.IsMap()) {
        for (auto member : node) walk(member.second, sim::join_path(path, member.first.as<std::string>()));
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) walk(node[i], sim::join_path(path, std::to_string(i)));
    }
}

}  // namespace

VariableValues parse_variable_sets(const std::vector<std::string>& sets, const std::string& file) {
    VariableValues values;
    for (const std::string& set : sets) {
        const auto equals = set.find('=');
        const std::string name = set.substr(0, equals);
        auto* into = name.rfind("opt:", 0) == 0 ? &values.options : name.rfind("env:", 0) == 0 ? &values.environment : nullptr;
        if (equals == std::string::npos || into == nullptr || name.size() == 4) {
            throw sim::InputError(file, "--set", 0, "expected opt:NAME=VALUE or env:NAME=VALUE (a serverless.yml variable), got " + set);
        }
        (*into)[name.substr(4)] = set.substr(equals + 1);
    }
    return values;
}

void resolve_variables(YAML::Node root, const VariableValues& values, const std::string& file) {
    Resolver(root, values, file).walk(root, "");
}

}  // namespace queuelab::exporting
