#include "sweep_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "input_error.h"
#include "input_file.h"
#include "json_reader.h"

namespace queuelab::lab {

using sim::InputError, sim::quote;

namespace {

constexpr const char* kHeaderShape = "point,seed,KEY...,end_reason,drain_time_s,TOTAL...";

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

// The records of CSV text, each with the line it starts on; blank lines are skipped.
class CsvRecords {
public:
    CsvRecords(const std::string& text, const std::string& path) : text_(text), path_(path) {
        if (text_.rfind("\xEF\xBB\xBF", 0) == 0) position_ = 3;  // the byte-order mark spreadsheets write
    }

    std::optional<CsvRecord> next() {
        while (at_line_end()) end_line();
        if (position_ >= text_.size()) return std::nullopt;
        CsvRecord record{line_, {}};
        for (;;) {
            record.fields.push_back(field(record.line));
            if (position_ >= text_.size()) break;
            if (text_[position_] != ',') {
                end_line();
                break;
            }
            ++position_;
        }
        return record;
    }

private:
    bool at_line_end() const {
        return position_ < text_.size() && (text_[position_] == '\n' || text_[position_] == '\r');
    }

    // Past "\n", "\r\n" or "\r".
    void end_line() {
        if (text_[position_] == '\r') ++position_;
        if (position_ < text_.size() && text_[position_] == '\n') ++position_;
        ++line_;
    }

    std::string field(int record_line) {
        if (position_ < text_.size() && text_[position_] == '"') return quoted_field(record_line);
        const auto end = std::min(text_.find_first_of(",\r\n", position_), text_.size());
        std::string value = text_.substr(position_, end - position_);
        position_ = end;
        return value;
    }

    std::string quoted_field(int record_line) {
        const int opened_on = line_;
        std::string value;
        ++position_;
        for (;;) {
            const auto quote_at = text_.find('"', position_);
            if (quote_at == std::string::npos) {
                throw InputError(path_, "", opened_on, "expected a closing quote for the field opened on this line, got the end of the file");
            }
            const std::string_view part(text_.data() + position_, quote_at - position_);
            line_ += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
            value += part;
            position_ = quote_at + 1;
            if (position_ < text_.size() && text_[position_] == '"') {  // a doubled quote
                value += '"';
                ++position_;
                continue;
            }
            break;
        }
        if (position_ < text_.size() && text_[position_] != ',' && !at_line_end()) {
            throw InputError(path_, "", record_line, "expected a comma or the line's end after a quoted field, got " +
                                                         quote(std::string(1, text_[position_])));
        }
        return value;
    }

    const std::string& text_;
    const std::string& path_;
    std::size_t position_ = 0;
    int line_ = 1;
};

std::string joined(const std::vector<std::string>& fields) {
    std::string text;
    for (const auto& field : fields) text += (text.empty() ? "" : ",") + field;
    return text;
}

SweepResults columns_of(const CsvRecord& header, const std::string& path) {
    const auto& names = header.fields;
    const auto end_reason = std::find(names.begin(), names.end(), "end_reason");
    if (names.size() < 2 || names[0] != "point" || names[1] != "seed" || end_reason == names.end() ||
        end_reason + 1 == names.end() || end_reason[1] != "drain_time_s") {
        throw InputError(path, "", header.line, std::string("expected the header queuelab sweep writes, ") + kHeaderShape +
                                                    ", got " + quote(joined(names)));
    }
    for (auto name = names.begin(); name != names.end(); ++name) {
        if (name->empty()) throw InputError(path, "", header.line, "expected a name for every column, got an empty one");
        if (std::find(names.begin(), name, *name) != name) {
            throw InputError(path, *name, header.line, "expected each column once, got it twice");
        }
    }
    SweepResults results;
    results.path = path;
    results.keys.assign(names.begin() + 2, end_reason);
    results.metrics.assign(end_reason + 1, names.end());
    if (results.keys.empty()) {
        throw InputError(path, "", header.line, "expected the varied keys (queuelab sweep --vary) between seed and end_reason, got none");
    }
    return results;
}

template <typename Integer>
Integer whole_number(const std::string& text, const std::string& path, const char* column, int line) {
    Integer value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        throw InputError(path, column, line, "expected a whole number of at least 0, got " + quote(text));
    }
    return value;
}

std::optional<double> metric_value(const std::string& text, const std::string& column, const std::string& path, int line) {
    const bool drain_time = column == "drain_time_s";
    if (drain_time && text.empty()) return std::nullopt;  // the run did not drain
    if (const auto value = parse_number(text)) return value;
    throw InputError(path, column, line,
                     (drain_time ? "expected a number of seconds, or nothing for a run that did not drain, got " : "expected a number, got ") +
                         quote(text));
}

SweepRow row_of(const CsvRecord& record, const SweepResults& results) {
    const auto& fields = record.fields;
    const std::size_t columns = 3 + results.keys.size() + results.metrics.size();
    if (fields.size() != columns) {
        throw InputError(results.path, "", record.line,
                         "expected " + std::to_string(columns) + " fields, as the header has, got " + std::to_string(fields.size()));
    }
    SweepRow row;
    row.point = whole_number<std::int64_t>(fields[0], results.path, "point", record.line);
    row.seed = whole_number<std::uint64_t>(fields[1], results.path, "seed", record.line);
    std::size_t column = 2;
    for (const auto& key : results.keys) {
        if (fields[column].empty()) throw InputError(results.path, key, record.line, "expected the value the sweep ran with, got nothing");
        row.values.push_back(fields[column++]);
    }
    row.end_reason = fields[column++];
    if (row.end_reason.empty()) throw InputError(results.path, "end_reason", record.line, "expected how the run ended, got nothing");
    for (const auto& metric : results.metrics) row.metrics.push_back(metric_value(fields[column++], metric, results.path, record.line));
    return row;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::size_t> SweepResults::metric_index(std::string_view name) const {
    const auto found = std::find(metrics.begin(), metrics.end(), name);
    return found == metrics.end() ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(found - metrics.begin()));
}

SweepResults parse_sweep_csv(const std::string& text, const std::string& path) {
    CsvRecords records(text, path);
    const auto header = records.next();
    if (!header) throw InputError(path, "", 0, std::string("expected queuelab sweep's CSV, ") + kHeaderShape + ", got an empty file");
    auto results = columns_of(*header, path);
    while (const auto record = records.next()) results.rows.push_back(row_of(*record, results));
    if (results.rows.empty()) throw InputError(path, "", 0, "expected a row per point after the header, got none");
    return results;
}

SweepResults read_sweep_csv(const std::string& path) {
    return parse_sweep_csv(sim::read_input_file(path, "a sweep's CSV"), path);
}

}  // namespace queuelab::lab
