#pragma once
// Every AWS parameter of a scenario's resources, one table per kind of resource
// (docs/scenario-format.md 4): its AWS name, its default, its range with AWS's message, what it
// means, and whether an edit applies while a run goes on, and through which AWS call. Defaults
// are the members' initial values in scenario.h unless an entry states its own.
//
// One table, many readers: the scenario loader reads and checks the plain values from it; the
// inspector's "(?)" help and the lab's live edits (docs/aws-rules.md 5.19) come from it;
// parameters_markdown() renders the reference in the README and docs/scenario-format.md 4 from it
// (`queuelab parameters --update FILE`); a lesson names the parameters a learner may change by its
// entries.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_source.h"
#include "scenario.h"

namespace queuelab::sim {

// The sections of a scenario file that hold resources.
enum class Resource : std::uint8_t { Queue, Stream, Function, Mapping };
// "queues", "streams", "functions" or "mappings".
std::string_view section_name(Resource resource);

// How an edit of a parameter reaches a system that is running.
enum class LiveEdit : std::uint8_t {
    OnRestart,                    // it takes a new run (AWS: a new resource, or not simulated live)
    SetQueueAttributes,           // from the next send or receive; in-flight messages keep theirs
    UpdateFunctionConfiguration,  // from the next invoke
    PutFunctionConcurrency,       // from the next invoke
    UpdateEventSourceMapping,     // from the next poll and the next batch settled
    Simulation,                   // a simulator setting (how long the code takes), from the next invoke
};
// The AWS call ("SetQueueAttributes"), "the simulation" for Simulation, "" for OnRestart.
std::string_view live_api_name(LiveEdit live);

enum class ValueType : std::uint8_t {
    Boolean,
    Integer,
    IntegerOrInfinite,  // -1 (infinite), or an integer in the range
    Number,
    Choice,             // one of `choices`
    Custom,             // read and checked by the loader's own code (objects, references, lists)
};

struct Range {
    double min = 0;
    double max = 0;                // ignored when a Number has no maximum (kUnbounded)
    bool min_exclusive = false;
    std::string_view note = {};    // said after the range in errors, e.g. "for a FIFO queue"
};
inline constexpr double kUnbounded = 1e300;
// The longest an invoke can run: Lambda's highest Timeout (docs/aws-rules.md 4.6), in ms.
inline constexpr double kLongestInvokeMs = 900'000;

// How the loader and the lab reach a parameter in a resource's configuration.
template <typename Config>
struct Access {
    // The value as a scenario file writes it; null when absent (an optional setting not set).
    nlohmann::json (*get)(const Config&) = nullptr;
    // Stores a value the loader checked against the entry; null for Custom entries.
    void (*set)(Config&, const nlohmann::json&) = nullptr;
    // The range when it depends on the scenario or the resource's other settings (a FIFO queue's
    // BatchSize, the account's concurrency); null: the entry's own range.
    Range (*bounds)(const Scenario&, const Config&) = nullptr;
};
using AnyAccess = std::variant<Access<QueueConfig>, Access<StreamConfig>, Access<FunctionConfig>, Access<MappingConfig>>;

// The event sources a mapping parameter applies to.
enum class Sources : std::uint8_t { Both, SqsQueue, KinesisStream };
bool applies_to(Sources sources, EventSourceKind kind);

struct Parameter {
    std::string_view name = {};     // AWS's name; a dotted path for a nested one ("ScalingConfig.MaximumConcurrency")
    ValueType type = ValueType::Custom;
    Range range = {};               // Integer, IntegerOrInfinite, Number
    std::string_view aws_message = {};  // AWS's wording for a value out of range, where AWS has one
    std::vector<std::string_view> choices = {};  // Choice
    std::string_view meaning = {};  // one line, for help and the generated reference
    std::string_view values = {};   // Custom: the values it takes, in words
    LiveEdit live = LiveEdit::OnRestart;
    Sources sources = Sources::Both;  // mappings only
    bool required = false;
    nlohmann::json default_value = {};  // null: the configuration member's initial value
    AnyAccess access = {};
};

// The tables. Mapping parameters appear once per kind of event source where they differ
// (BatchSize has another default for streams).
const std::vector<Parameter>& queue_parameters();
const std::vector<Parameter>& stream_parameters();
const std::vector<Parameter>& function_parameters();
const std::vector<Parameter>& mapping_parameters();
const std::vector<Parameter>& parameters_of(Resource resource);

// The entry named `name` ("RedrivePolicy.maxReceiveCount") of `resource`, for a mapping reading
// `kind`; nullptr when there is none.
const Parameter* find_parameter(Resource resource, std::string_view name,
                                EventSourceKind kind = EventSourceKind::SqsQueue);

// A parameter's place in a scenario file: the resource and the entry a dotted path names
// ("queues.orders.fifo.VisibilityTimeout" → queue "orders.fifo", VisibilityTimeout).
struct ParameterPath {
    Resource resource;
    std::string name;               // the queue, stream or function name, or the mapping's index
    const Parameter* parameter;
};
// nullptr parameter when `path` names no table entry. Names may contain dots; `scenario` says
// which names exist and what kind of source a mapping reads.
std::optional<ParameterPath> parameter_at(const Scenario& scenario, const std::string& path);

// The parameter's value in `scenario` as the file writes it (null: not set). REQUIRES: `at` came
// from parameter_at(scenario, ...) with a parameter.
nlohmann::json value_at(const Scenario& scenario, const ParameterPath& at);

// A value as text ("43,200", "none", "false"); the default as text ("30", "none", "required"),
// its range or values ("0 to 43,200"), and the (?) help: meaning, default, range and how an edit
// applies.
std::string value_text(const Parameter& parameter, const nlohmann::json& value);
std::string default_text(const Parameter& parameter);
std::string range_text(const Parameter& parameter);
std::string help_text(const Parameter& parameter);

// The parameter reference of the README and docs/scenario-format.md 4, as Markdown tables.
std::string parameters_markdown();

}  // namespace queuelab::sim
