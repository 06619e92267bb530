#pragma once
// The names and ARNs a scenario uses to refer to its resources, and AWS's rules for names
// (docs/scenario-format.md 3; queue names docs/aws-rules.md 1.19).

#include <optional>
#include <string>
#include <string_view>

namespace queuelab::sim {

// "arn:aws:sqs:us-east-1:123456789012:orders" → "orders"; a plain name is returned as it is;
// nullopt for an ARN that is not an SQS queue's.
std::optional<std::string> queue_name_from_reference(const std::string& reference);
// "arn:aws:lambda:us-east-1:123456789012:function:processor" → "processor"; as above.
std::optional<std::string> function_name_from_reference(const std::string& reference);
// "arn:aws:kinesis:us-east-1:123456789012:stream/readings" → "readings"; as above.
std::optional<std::string> stream_name_from_reference(const std::string& reference);

// a-z, A-Z, 0-9, '-' and '_': what queue, function and region names are made of.
bool is_name_character(char c);
bool all_name_characters(std::string_view text);
// Kinesis stream names: 1 to 128 of a-z, A-Z, 0-9, '_', '.', '-'.
bool is_stream_name(std::string_view name);
// Characters (code points) of UTF-8 text.
std::size_t utf8_length(std::string_view text);
// A Kinesis ExplicitHashKey: a decimal integer from 0 to 2^128 - 1, as AWS's pattern
// 0|([1-9]\d{0,38}) writes it.
bool is_hash_key(std::string_view text);

}  // namespace queuelab::sim
