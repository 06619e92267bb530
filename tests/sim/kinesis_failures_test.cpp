// docs/aws-rules.md 3.12, 3.15, 3.16 and 3.19, how a Kinesis event source mapping settles a batch:
// ReportBatchItemFailures for streams (3.19: checkpoint before the lowest failed sequence number,
// the null/empty/invalid rules of 2.13 and 2.14), MaximumRetryAttempts (3.12),
// BisectBatchOnFunctionError (3.15) and the on-failure destination record (3.16).
//
// Times: a stream mapping starts at t=0 before the traffic of t=0 (§3.7), so its first poll that
// finds records is at 1 s (service_limits stream_poll_interval_s, §5.13). Every invoke here takes
// 100 ms (DurationMs 100, no cold start). After a failed batch the consumer backs off 1 s, 2 s,
// 4 s ... (esm_backoff_initial_s doubling up to esm_backoff_max_s, §5.14) before it retries.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine_test_support.h"

using namespace queuelab::sim;
using namespace queuelab::sim::test;

namespace {

// The on-failure record in the destination queue, parsed (fails unless there is exactly one).
Json only_failure_record(const Json& report, const std::string& queue) {
    const auto messages = messages_in_queue(report, queue);
    REQUIRE(messages.size() == 1);
    return Json::parse(messages.front()["body"].get<std::string>());
}

// One shard, BatchSize 1, one record; the handler is replaced by each test's Params.
const char* const kOneRecord = R"json({
  "name": "one-record", "seed": 4, "duration_s": 120,
  "queues": {"failures": {}},
  "streams": {"s": {"ShardCount": 1}},
  "functions": {"f": {"Handler": "fixed-response", "Timeout": 10,
                      "Simulation": {"DurationMs": 100, "ColdStartMs": 0}}},
  "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 1, "StartingPosition": "TRIM_HORIZON",
                "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 2,
                "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
  "traffic": [{"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"should_fail\": true}"}]}]
})json";

}  // namespace

TEST_CASE("§3.19 ReportBatchItemFailures for streams / §3.12 MaximumRetryAttempts / §3.16 "
          "on-failure destination: the failed record is retried 3 times, then its batch info (no "
          "data) goes to the queue",
          "[engine][kinesis]") {
    // Records 1-5 are fine; record 6 ({"should_fail": true}) is reported in batchItemFailures by
    // fail-attempts on every delivery. Batches: [1,2,3] at 1.0; [4,5,6] at 1.1 (partial: checkpoint
    // 4 and 5, retry from 6); then [6] alone at 2.2, 4.3 and 8.4 (backoff 1, 2, 4 s).
    const Run run = run_scenario(R"json({
      "name": "retry-exhausted", "seed": 1, "duration_s": 600,
      "queues": {"failures": {}},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 3, "StartingPosition": "TRIM_HORIZON",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 3,
                    "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
      "traffic": [{"to": "s", "at_s": 0, "count": 5, "partition_key": "k", "data": "{\"n\": {i}}"},
                  {"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"should_fail\": true}"}]}]
    })json");
    const auto& report = run.report;
    const auto records = stream_records(report);
    REQUIRE(records.size() == 6);
    const auto ids = ids_of(records);
    const std::string& bad = ids[5];

    // Records 1-5: delivered and reported done exactly once, checkpointed.
    for (int i = 0; i < 5; ++i) {
        const Json record = record_by_data(report, "{\"n\": " + std::to_string(i) + "}");
        INFO("record " << i + 1);
        CHECK(record["id"] == ids[static_cast<std::size_t>(i)]);
        CHECK(record["outcome"] == "checkpointed");
        CHECK(record["receive_count"] == 1);
        CHECK(record["handler_ok"] == 1);
        CHECK(record["handler_failed"] == 0);
    }
    // The failing record: 1 + MaximumRetryAttempts (3) invocations, then the destination.
    const Json failing = records[5];
    CHECK(failing["outcome"] == "sent_to_on_failure");
    CHECK(failing["receive_count"] == 4);
    CHECK(failing["handler_failed"] == 4);
    CHECK(failing["handler_ok"] == 0);
    CHECK(failing["ended_at_s"].get<double>() == at_time(8.5));
    const auto given_up = events_of(failing, "sent_to_on_failure");
    REQUIRE(given_up.size() == 1);
    CHECK(given_up[0]["condition"] == "RetryAttemptsExhausted");

    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 5);
    CHECK(records_of(invocations[0]) == std::vector<std::string>{ids[0], ids[1], ids[2]});
    CHECK(invocations[0]["result"] == "success");
    CHECK(records_of(invocations[1]) == std::vector<std::string>{ids[3], ids[4], bad});
    CHECK(invocations[1]["result"] == "partial");
    CHECK(invocations[1]["failures"] == Json::array({bad}));
    const std::vector<double> starts{1.0, 1.1, 2.2, 4.3, 8.4};
    for (std::size_t i = 0; i < invocations.size(); ++i) {
        CHECK(invocations[i]["start_s"].get<double>() == at_time(starts[i]));
    }
    for (std::size_t i = 2; i < 5; ++i) {
        CHECK(records_of(invocations[i]) == std::vector<std::string>{bad});
        CHECK(invocations[i]["failures"] == Json::array({bad}));
    }
    CHECK(invocations_with(report, bad).size() == 4);

    // The on-failure record (§3.16): batch info, never the record's data.
    const auto destination = messages_in_queue(report, "failures");
    REQUIRE(destination.size() == 1);
    const std::string body = destination[0]["body"].get<std::string>();
    CHECK(body.find("should_fail") == std::string::npos);
    CHECK(body.find("eyJzaG91bGRfZmFpbCI6IHRydWV9") == std::string::npos);  // the data in base64
    CHECK(body.find("\"data\"") == std::string::npos);
    CHECK(body.find("Records") == std::string::npos);
    const Json failure = Json::parse(body);
    std::vector<std::string> keys;
    for (const auto& [key, value] : failure.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"requestContext", "responseContext", "version", "timestamp",
                                           "KinesisBatchInfo"});
    const auto& request = failure["requestContext"];
    CHECK(request["condition"] == "RetryAttemptsExhausted");
    CHECK(request["approximateInvokeCount"] == 4);
    CHECK(request["requestId"] == invocations[4]["id"]);  // the last invoke
    CHECK(request["functionArn"] == "arn:aws:lambda:us-east-1:123456789012:function:f");
    CHECK(failure["responseContext"]["statusCode"] == 200);
    CHECK(failure["responseContext"]["executedVersion"] == "$LATEST");
    CHECK(failure["version"] == "1.0");
    CHECK(failure["timestamp"] == "2024-01-01T00:00:08.500Z");  // virtual 8.5 s
    const auto& info = failure["KinesisBatchInfo"];
    CHECK(info["shardId"] == "shardId-000000000000");
    CHECK(info["startSequenceNumber"] == bad);
    CHECK(info["endSequenceNumber"] == bad);
    CHECK(info["batchSize"] == 1);
    CHECK(info["streamArn"] == "arn:aws:kinesis:us-east-1:123456789012:stream/s");
    CHECK(info["approximateArrivalOfFirstRecord"] == "2024-01-01T00:00:00.000Z");
    CHECK(info["approximateArrivalOfLastRecord"] == "2024-01-01T00:00:00.000Z");
    CHECK(first_event_time(destination[0], "sent") == at_time(8.5));

    CHECK(report["totals"]["checkpointed"] == 5);
    CHECK(report["totals"]["sent_to_on_failure"] == 1);
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("§3.19 / §2.14 ReportBatchItemFailures for streams, full failure: an invalid "
          "itemIdentifier (a number, empty, null, missing, unknown), a response that is not JSON, "
          "or an exception fails the batch: 1 + MaximumRetryAttempts (2) invocations, then the "
          "destination",
          "[engine][kinesis]") {
    const std::vector<Override> overrides = GENERATE(
        std::vector<Override>{{"functions.f.Simulation.Params", R"({"response": {"batchItemFailures": [{"itemIdentifier": 123}]}})"}},
        std::vector<Override>{{"functions.f.Simulation.Params", R"({"response": {"batchItemFailures": [{"itemIdentifier": ""}]}})"}},
        std::vector<Override>{{"functions.f.Simulation.Params", R"({"response": {"batchItemFailures": [{"itemIdentifier": null}]}})"}},
        std::vector<Override>{{"functions.f.Simulation.Params", R"({"response": {"batchItemFailures": [{"foo": 1}]}})"}},
        std::vector<Override>{{"functions.f.Simulation.Params",
                               R"({"response": {"batchItemFailures": [{"itemIdentifier": "49590000000000000000000000000000000000000000000000000099"}]}})"}},
        std::vector<Override>{{"functions.f.Simulation.Params", R"({"raw_response": "not json"})"}},
        // fail-attempts throws on the should_fail record.
        std::vector<Override>{{"functions.f.Handler", "fail-attempts"},
                              {"functions.f.Simulation.Params", R"({"report": "throw"})"}});
    INFO(overrides.back().path << " = " << overrides.back().value);
    const bool throws = overrides.size() == 2;
    const Run run = run_scenario(kOneRecord, overrides);
    const auto& report = run.report;
    const Json record = stream_records(report).at(0);
    const std::string id = record["id"].get<std::string>();

    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 3);
    const std::vector<double> starts{1.0, 2.1, 4.2};
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(records_of(invocations[i]) == std::vector<std::string>{id});
        CHECK(invocations[i]["result"] == "error");
        CHECK(invocations[i]["error_type"] == (throws ? "Unhandled" : "InvalidBatchResponse"));
        CHECK(invocations[i]["start_s"].get<double>() == at_time(starts[i]));
    }
    CHECK(record["outcome"] == "sent_to_on_failure");
    CHECK(record["receive_count"] == 3);
    CHECK(record["handler_failed"] == 3);  // every invoke failed, whether it threw or answered badly
    CHECK(record["handler_ok"] == 0);
    CHECK(record["ended_at_s"].get<double>() == at_time(4.3));

    const Json failure = only_failure_record(report, "failures");
    CHECK(failure["requestContext"]["condition"] == "RetryAttemptsExhausted");
    CHECK(failure["requestContext"]["approximateInvokeCount"] == 3);
    CHECK(failure["KinesisBatchInfo"]["startSequenceNumber"] == id);
    CHECK(failure["KinesisBatchInfo"]["batchSize"] == 1);
    if (throws) CHECK(failure["responseContext"]["functionError"] == "Unhandled");
    CHECK(report["totals"]["invocation_errors"] == 3);
}

TEST_CASE("§3.19 / §2.13 ReportBatchItemFailures for streams, full success: a null or empty "
          "response, [], {}, an empty or null batchItemFailures checkpoint the record after one "
          "invocation",
          "[engine][kinesis]") {
    const std::string params = GENERATE(as<std::string>{},
                                        R"({})",                    // returns nothing
                                        R"({"raw_response": ""})",  // an empty payload
                                        R"({"response": null})",
                                        R"({"response": []})",
                                        R"({"response": {}})",
                                        R"({"response": {"batchItemFailures": []}})",
                                        R"({"response": {"batchItemFailures": null}})");
    INFO("Params " << params);
    const Run run = run_scenario(kOneRecord, {{"functions.f.Simulation.Params", params}});
    const auto& report = run.report;
    const Json record = stream_records(report).at(0);
    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 1);
    CHECK(invocations[0]["result"] == "success");
    CHECK(invocations[0]["failures"].empty());
    CHECK(records_of(invocations[0]) == std::vector<std::string>{record["id"].get<std::string>()});
    CHECK(record["outcome"] == "checkpointed");
    CHECK(record["receive_count"] == 1);
    CHECK(record["handler_ok"] == 1);
    CHECK(record["ended_at_s"].get<double>() == at_time(1.1));
    CHECK(messages_in_queue(report, "failures").empty());
    CHECK(report["end_reason"] == "drained");
}

TEST_CASE("§3.19 ReportBatchItemFailures for streams: Lambda checkpoints just before the lowest "
          "failed sequence number and retries from it, delivering the records after it again",
          "[engine][kinesis]") {
    // Ten readings in one batch; readings 4 and 7 are over 100 degrees, which sensor-readings
    // reports in batchItemFailures on every delivery (no built-in stream handler fails a record
    // only once), so MaximumRetryAttempts 1 allows exactly one retry, which shows where the retry
    // starts, and then gives the rest of the batch up.
    std::string messages;
    for (int i = 1; i <= 10; ++i) {
        const int temperature = i == 4 || i == 7 ? 100 + i : i;
        messages += std::string(i > 1 ? "," : "") + R"({"partition_key": "sensor", "data": "{\"temperature\": )" +
                    std::to_string(temperature) + R"(}"})";
    }
    const Run run = run_scenario(R"json({
      "name": "lowest-failure", "seed": 1, "duration_s": 120,
      "queues": {"failures": {}},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "sensor-readings", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 10, "StartingPosition": "TRIM_HORIZON",
                    "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 1,
                    "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
      "traffic": [{"to": "s", "at_s": 0, "messages": [)json" + messages + R"json(]}]
    })json");
    const auto& report = run.report;
    const auto records = stream_records(report);
    REQUIRE(records.size() == 10);
    const auto ids = ids_of(records);
    const std::vector<std::string> from_4(ids.begin() + 3, ids.end());

    const auto invocations = all_invocations(report);
    REQUIRE(invocations.size() == 2);
    CHECK(records_of(invocations[0]) == ids);
    CHECK(invocations[0]["result"] == "partial");
    CHECK(invocations[0]["failures"] == Json::array({ids[3], ids[6]}));
    // The retry starts at record 4, the lowest failed one: 4..10, records 1..3 are not sent again.
    CHECK(records_of(invocations[1]) == from_4);
    CHECK(invocations[1]["start_s"].get<double>() == at_time(2.1));  // 1.1 s + 1 s backoff
    CHECK(invocations[1]["failures"] == Json::array({ids[3], ids[6]}));

    for (std::size_t i = 0; i < 3; ++i) {
        INFO("record " << i + 1);
        CHECK(records[i]["receive_count"] == 1);
        CHECK(records[i]["outcome"] == "checkpointed");
        CHECK(records[i]["ended_at_s"].get<double>() == at_time(1.1));
    }
    for (std::size_t i = 3; i < 10; ++i) {
        INFO("record " << i + 1);
        CHECK(records[i]["receive_count"] == 2);
        const bool rejected = i == 3 || i == 6;
        CHECK(records[i]["handler_ok"] == (rejected ? 0 : 2));  // delivered again though it succeeded
        CHECK(records[i]["handler_failed"] == (rejected ? 2 : 0));
        CHECK(records[i]["outcome"] == "sent_to_on_failure");
    }
    const Json failure = only_failure_record(report, "failures");
    CHECK(failure["requestContext"]["condition"] == "RetryAttemptsExhausted");
    CHECK(failure["KinesisBatchInfo"]["startSequenceNumber"] == ids[3]);
    CHECK(failure["KinesisBatchInfo"]["endSequenceNumber"] == ids[9]);
    CHECK(failure["KinesisBatchInfo"]["batchSize"] == 7);
    CHECK(report["totals"]["processed_more_than_once"] == 5);  // 5, 6, 8, 9, 10
}

TEST_CASE("§3.15 / §5.14 BisectBatchOnFunctionError: a failed batch is halved down to the bad "
          "record (8, 4, 2, 1), splits are not retries, and only the bad record reaches the "
          "destination",
          "[engine][kinesis]") {
    // Record 3 of 8 throws. MaximumRetryAttempts 0: if a split counted as a retry, the batch of 8
    // would go to the destination after its first failure.
    const Run run = run_scenario(R"json({
      "name": "bisect", "seed": 1, "duration_s": 120,
      "queues": {"failures": {}},
      "streams": {"s": {"ShardCount": 1}},
      "functions": {"f": {"Handler": "fail-attempts", "Timeout": 10,
                          "Simulation": {"DurationMs": 100, "ColdStartMs": 0, "Params": {"report": "throw"}}}},
      "mappings": [{"EventSourceArn": "s", "FunctionName": "f", "BatchSize": 8, "StartingPosition": "TRIM_HORIZON",
                    "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 0,
                    "DestinationConfig": {"OnFailure": {"Destination": "failures"}}}],
      "traffic": [{"to": "s", "at_s": 0, "count": 2, "partition_key": "k", "data": "{\"n\": {i}}"},
                  {"to": "s", "at_s": 0, "messages": [{"partition_key": "k", "data": "{\"should_fail\": true}"}]},
                  {"to": "s", "at_s": 0, "count": 5, "partition_key": "k", "data": "{\"n\": 1{i}}"}]
    })json");
    const auto& report = run.report;
    const auto records = stream_records(report);
    REQUIRE(records.size() == 8);
    const auto ids = ids_of(records);
    const std::string& bad = ids[2];

    // Every batch in order: [1..8] fails; [1..4] fails; [1,2] ok; [3,4] fails; [3] fails and is
    // given up (MaximumRetryAttempts 0); [4] ok; [5..8] ok.
    const auto invocations = all_invocations(report);
    CHECK(batch_sizes(invocations) == std::vector<std::size_t>{8, 4, 2, 2, 1, 1, 4});
    REQUIRE(invocations.size() == 7);
    CHECK(records_of(invocations[0]) == ids);
    CHECK(records_of(invocations[1]) == std::vector<std::string>(ids.begin(), ids.begin() + 4));
    CHECK(records_of(invocations[2]) == std::vector<std::string>{ids[0], ids[1]});
    CHECK(records_of(invocations[3]) == std::vector<std::string>{ids[2], ids[3]});
    CHECK(records_of(invocations[4]) == std::vector<std::string>{bad});
    CHECK(records_of(invocations[5]) == std::vector<std::string>{ids[3]});
    CHECK(records_of(invocations[6]) == std::vector<std::string>(ids.begin() + 4, ids.end()));
    const std::vector<std::string> results{"error", "error", "success", "error", "error", "success", "success"};
    for (std::size_t i = 0; i < invocations.size(); ++i) CHECK(invocations[i]["result"] == results[i]);
    // The path to the bad record halves each time.
    CHECK(batch_sizes(invocations_with(report, bad)) == std::vector<std::size_t>{8, 4, 2, 1});

    for (std::size_t i = 0; i < 8; ++i) {
        INFO("record " << i + 1);
        CHECK(records[i]["outcome"] == (i == 2 ? "sent_to_on_failure" : "checkpointed"));
        CHECK(records[i]["handler_ok"] == (i == 2 ? 0 : 1));
    }
    const Json failure = only_failure_record(report, "failures");
    CHECK(failure["requestContext"]["condition"] == "RetryAttemptsExhausted");
    CHECK(failure["responseContext"]["functionError"] == "Unhandled");
    CHECK(failure["KinesisBatchInfo"]["startSequenceNumber"] == bad);
    CHECK(failure["KinesisBatchInfo"]["endSequenceNumber"] == bad);
    CHECK(failure["KinesisBatchInfo"]["batchSize"] == 1);
    CHECK(report["totals"]["checkpointed"] == 7);
    CHECK(report["totals"]["sent_to_on_failure"] == 1);
}

TEST_CASE("§5.15 the on-failure record's functionError is the Invoke API's: Unhandled for every function error, whatever "
          "its errorType",
          "[kinesis][onfailure]") {
    using queuelab::sim::InvocationRecord, queuelab::sim::InvocationResult, queuelab::sim::function_error_of;
    queuelab::sim::TextPool texts;
    const auto record = [&](InvocationResult result, const char* error_type) {
        InvocationRecord r;
        r.result = result;
        r.error_type = texts.keep(error_type);
        return r;
    };
    // A Runtime API process posts its exception's own type; AWS still says Unhandled.
    CHECK(function_error_of(record(InvocationResult::Error, "std::invalid_argument")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Error, "Unhandled")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Error, "Function.ResponseSizeTooLarge")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Crashed, "Runtime.ExitError")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Crashed, "Runtime.OutOfMemory")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Timeout, "Sandbox.Timedout")) == "Unhandled");
    CHECK(function_error_of(record(InvocationResult::Error, "InvalidBatchResponse")) == "InvalidBatchResponse");
    CHECK(function_error_of(record(InvocationResult::Partial, "")).empty());
    CHECK(function_error_of(record(InvocationResult::Success, "")).empty());
}
