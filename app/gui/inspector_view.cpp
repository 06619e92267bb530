// [SECTION] Field editors
// [SECTION] Scenario, queues, functions, mappings
// [SECTION] The view

#include "inspector_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "lab/parameter_help.h"
#include "builtin_handlers.h"
#include "widgets.h"

namespace queuelab::gui {

using lab::LabState;
using lab::parameter_help;

namespace {

std::string json_text(const nlohmann::json& value) { return value.dump(); }

std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

// "queues.orders.VisibilityTimeout", the form scenario overrides take.
std::string dotted(const std::vector<std::string>& path) {
    std::string text;
    for (const auto& segment : path) text += (text.empty() ? "" : ".") + segment;
    return text;
}

bool begin_parameter_table(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return false;
    ImGui::TableSetupColumn("parameter", ImGuiTableColumnFlags_WidthFixed, em(17.5f));
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

// An entry's JSON with its target and times first, as scenario files write it.
std::string entry_text(const nlohmann::json& entry) {
    if (!entry.is_object()) return json_text(entry);
    nlohmann::ordered_json ordered;
    for (const char* key : {"to", "at_s", "from_s", "until_s", "rate_per_s", "count"}) {
        if (entry.contains(key)) ordered[key] = entry[key];
    }
    for (const auto& [key, value] : entry.items()) {
        if (!ordered.contains(key)) ordered[key] = value;
    }
    return ordered.dump();
}

// A new traffic entry: ten messages to the first queue (or records to the first stream), a
// minute from now.
std::string traffic_example(const sim::Scenario& scenario) {
    if (!scenario.queues.empty()) {
        return json_text({{"to", scenario.queues.begin()->first}, {"at_s", 60}, {"count", 10}, {"body", "{\"n\":{i}}"}});
    }
    if (!scenario.streams.empty()) {
        return json_text({{"to", scenario.streams.begin()->first}, {"at_s", 60}, {"count", 10}, {"partition_key", "key-{i}"},
                          {"data", "{\"n\":{i}}"}});
    }
    return "{}";
}

constexpr const char* kActionExample =
    R"({"at_s": 60, "UpdateFunctionConfiguration": {"FunctionName": "NAME", "Timeout": 30}})";

std::string filter_criteria_text(const sim::MappingConfig& mapping) {
    if (mapping.filter_patterns.empty()) return "";
    nlohmann::json filters = nlohmann::json::array();
    for (const auto& pattern : mapping.filter_patterns) filters.push_back({{"Pattern", pattern.dump()}});
    return nlohmann::json{{"Filters", filters}}.dump();
}

}  // namespace

// [SECTION] Field editors

void InspectorView::label(LabState& lab, const char* name, const FieldPath& path, const char* help,
                          const std::function<void()>& beside_name) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    if (lab.is_pending(path)) {
        ImGui::TextColored(colours::changed_text(), "%s *", name);
    } else {
        ImGui::TextUnformatted(name);
    }
    HelpMarker(help != nullptr ? help : parameter_help(lab.pending_scenario(), dotted(path)).c_str());
    if (beside_name) beside_name();
    ImGui::TableNextColumn();
}

// Edits are applied once the whole inspector is drawn: applying one replaces the pending scenario
// that the widgets are reading.
void InspectorView::propose(const FieldPath& path, std::function<std::string(LabState&)> edit) {
    proposals_.push_back({dotted(path), std::move(edit)});
}

void InspectorView::apply_proposals(LabState& lab) {
    for (auto& [path, edit] : proposals_) fields_[path].error = edit(lab);
    proposals_.clear();
}

// The loader's error on a row of its own, drawn across both columns.
void InspectorView::show_error(const FieldPath& path) {
    const auto found = fields_.find(dotted(path));
    if (found == fields_.end() || found->second.error.empty()) return;
    const float right = ImGui::GetItemRectMax().x;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const char* text = found->second.error.c_str();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float wrap = std::max(em(10.0f), right - at.x);
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, wrap);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    draw_list->PushClipRect(at, ImVec2(at.x + wrap, at.y + size.y), false);
    draw_list->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(colours::error_text()), text, nullptr, wrap);
    draw_list->PopClipRect();
    ImGui::Dummy(ImVec2(1.0f, size.y));
}

// A text field holding a JSON value, proposed when the field loses the keyboard (or on Enter).
// Emptied, the key is removed (back to AWS's default). A refused value stays in the field, in red.
void InspectorView::text_field(const FieldPath& path, const std::string& current) {
    const std::string key = dotted(path);
    Field& field = fields_[key];
    if (!field.editing && field.error.empty()) field.text = current;
    const bool refused = !field.error.empty();
    if (refused) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.45f, 0.12f, 0.12f, 1.0f));
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputText(("##" + key).c_str(), &field.text);
    if (refused) ImGui::PopStyleColor();
    field.editing = ImGui::IsItemActive();
    if (!ImGui::IsItemDeactivatedAfterEdit()) return;
    propose(path, [path, key, text = field.text](LabState& l) {
        if (text.find_first_not_of(" \t") != std::string::npos) return l.propose_edit(key, text);
        return l.propose_removal(FieldPath(path.begin(), path.end() - 1), path.back());
    });
}

void InspectorView::edit_value(LabState& lab, const char* name, const FieldPath& path, const std::string& current) {
    label(lab, name, path);
    text_field(path, current);
    show_error(path);
}

void InspectorView::edit_flag(LabState& lab, const char* name, const FieldPath& path, bool current, const char* on_value,
                              const char* off_value) {
    label(lab, name, path);
    bool value = current;
    if (ImGui::Checkbox(("##" + dotted(path)).c_str(), &value)) {
        propose(path, [key = dotted(path), json = std::string(value ? on_value : off_value)](LabState& l) {
            return l.propose_edit(key, json);
        });
    }
    show_error(path);
}

// An optional number: a checkbox says whether it is set, and the number beside it.
void InspectorView::edit_optional(LabState& lab, const char* name, const FieldPath& path, std::optional<int> current,
                                  int suggested) {
    label(lab, name, path);
    bool set = current.has_value();
    if (ImGui::Checkbox(("##set" + dotted(path)).c_str(), &set)) {
        propose(path, [path, set, suggested](LabState& l) {
            return set ? l.propose_edit(dotted(path), std::to_string(suggested))
                       : l.propose_removal(FieldPath(path.begin(), path.end() - 1), path.back());
        });
    }
    ItemTooltip(set ? "Set; untick to remove it" : "Not set; tick to set it");
    ImGui::SameLine();
    if (current) {
        text_field(path, std::to_string(*current));
    } else {
        ImGui::TextDisabled("not set");
    }
    show_error(path);
}

void InspectorView::edit_handler(LabState& lab, const sim::FunctionConfig& function, HandlerSourceView& sources,
                                 WorkspaceView& workspace) {
    const FieldPath path{"functions", function.name, "Handler"};
    const bool from_source = !function.simulation.Source.empty();
    const auto source = (std::filesystem::path(lab.pending_scenario().directory) / function.simulation.Source).lexically_normal();
    // The source button sits beside the name, so the value column gives the handler's name its width.
    label(lab, "Handler", path, nullptr, [&] {
        ImGui::SameLine();
        if (ImGui::SmallButton(("source##" + function.name).c_str())) {
            if (from_source) {
                sources.open_file(source.string());
            } else {
                sources.open(function.Handler);
            }
        }
        ItemTooltip("Read the handler's C++ source");
    });
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string shown = from_source ? source.filename().string() + " (yours)" : function.Handler;
    if (ImGui::BeginCombo(("##" + dotted(path)).c_str(), shown.c_str())) {
        for (const auto& handler : builtin_handlers()) {
            if (!handler.make_sqs) continue;
            const bool current = !from_source && handler.name == function.Handler;
            if (ImGui::Selectable(handler.name.c_str(), current) && !current) {
                // A handler's parameters rarely suit another: try as is, then with none. A learner's
                // source gives way to the built-in.
                propose(path, [key = dotted(path), params = dotted({"functions", function.name, "Simulation", "Params"}),
                               name = quoted(handler.name), from_source, function = function.name](LabState& l) {
                    const auto edit = [&](const std::vector<sim::Override>& edits) {
                        return from_source ? l.propose_removal({"functions", function, "Simulation"}, "Source", edits)
                                           : l.propose_edits(edits);
                    };
                    if (auto error = edit({sim::Override{key, name, ""}}); error.empty()) return error;
                    return edit({sim::Override{key, name, ""}, sim::Override{params, "{}", ""}});
                });
            }
            ItemTooltip(handler.summary.c_str());
        }
        workspace.handler_choices(function, lab.pending_scenario().directory);
        ImGui::EndCombo();
    }
    if (ImGui::CalcTextSize(shown.c_str()).x > ImGui::GetItemRectSize().x - ImGui::GetFrameHeight()) ItemTooltip(shown.c_str());
    show_error(path);
}

// A queue of the scenario, or none (the key at `path` removed). `value_for` gives the JSON
// written at `path` for a queue.
void InspectorView::pick_queue(LabState& lab, const FieldPath& path, const std::string& current, const char* none,
                               const std::string& except, const std::function<nlohmann::json(const std::string&)>& value_for) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo(("##" + dotted(path)).c_str(), current.empty() ? none : current.c_str())) {
        if (ImGui::Selectable(none, current.empty()) && !current.empty()) {
            propose(path, [path](LabState& l) { return l.propose_removal(FieldPath(path.begin(), path.end() - 1), path.back()); });
        }
        for (const auto& [name, queue] : lab.pending_scenario().queues) {
            if (name == except || !ImGui::Selectable(name.c_str(), name == current) || name == current) continue;
            propose(path, [key = dotted(path), json = json_text(value_for(name))](LabState& l) { return l.propose_edit(key, json); });
        }
        ImGui::EndCombo();
    }
    show_error(path);
}

void InspectorView::edit_redrive_policy(LabState& lab, const sim::QueueConfig& queue) {
    const FieldPath path{"queues", queue.name, "RedrivePolicy"};
    label(lab, "deadLetterTargetArn", path);
    const auto& policy = queue.redrive_policy;
    pick_queue(lab, path, policy ? policy->deadLetterTargetArn : "", "none (no DLQ)", queue.name, [&](const std::string& dlq) {
        return nlohmann::json{{"deadLetterTargetArn", dlq}, {"maxReceiveCount", policy ? policy->maxReceiveCount : 5}};
    });
    if (policy) {
        edit_value(lab, "maxReceiveCount", {"queues", queue.name, "RedrivePolicy", "maxReceiveCount"},
                   std::to_string(policy->maxReceiveCount));
    }
}

// [SECTION] Scenario, queues, functions, mappings

void InspectorView::draw_scenario(LabState& lab) {
    const auto& scenario = lab.pending_scenario();
    ImGui::Text("Scenario %s", scenario.name.c_str());
    if (!scenario.description.empty()) ImGui::TextWrapped("%s", scenario.description.c_str());
    if (!begin_parameter_table("scenario")) return;
    edit_value(lab, "duration_s", {"duration_s"}, json_text(scenario.duration_s));
    edit_value(lab, "ConcurrentExecutions", {"account", "ConcurrentExecutions"}, std::to_string(scenario.account_concurrency));
    ImGui::EndTable();
}

void InspectorView::draw_queue(LabState& lab, const sim::QueueConfig& queue) {
    if (!ImGui::CollapsingHeader(("Queue " + queue.name).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!begin_parameter_table(("queue" + queue.name).c_str())) return;
    const auto at = [&](const char* key) { return FieldPath{"queues", queue.name, key}; };
    label(lab, "FifoQueue", at("FifoQueue"));
    ImGui::TextDisabled(queue.FifoQueue ? "true (name ends in .fifo)" : "false");
    if (queue.FifoQueue) {
        edit_flag(lab, "ContentBasedDeduplication", at("ContentBasedDeduplication"), queue.ContentBasedDeduplication, "true",
                  "false");
    }
    edit_value(lab, "VisibilityTimeout", at("VisibilityTimeout"), std::to_string(queue.VisibilityTimeout));
    edit_value(lab, "DelaySeconds", at("DelaySeconds"), std::to_string(queue.DelaySeconds));
    edit_value(lab, "MessageRetentionPeriod", at("MessageRetentionPeriod"), std::to_string(queue.MessageRetentionPeriod));
    edit_value(lab, "ReceiveMessageWaitTimeSeconds", at("ReceiveMessageWaitTimeSeconds"),
               std::to_string(queue.ReceiveMessageWaitTimeSeconds));
    edit_value(lab, "MaximumMessageSize", at("MaximumMessageSize"), std::to_string(queue.MaximumMessageSize));
    edit_redrive_policy(lab, queue);
    ImGui::EndTable();
}

void InspectorView::draw_function(LabState& lab, const sim::FunctionConfig& function, HandlerSourceView& sources,
                                  WorkspaceView& workspace) {
    if (!ImGui::CollapsingHeader(("Function " + function.name).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!begin_parameter_table(("function" + function.name).c_str())) return;
    const auto at = [&](const char* key) { return FieldPath{"functions", function.name, key}; };
    const auto simulation = [&](const char* key) { return FieldPath{"functions", function.name, "Simulation", key}; };
    edit_handler(lab, function, sources, workspace);
    edit_value(lab, "Timeout", at("Timeout"), std::to_string(function.Timeout));
    edit_value(lab, "MemorySize", at("MemorySize"), std::to_string(function.MemorySize));
    edit_optional(lab, "ReservedConcurrentExecutions", at("ReservedConcurrentExecutions"), function.ReservedConcurrentExecutions,
                  10);
    edit_value(lab, "DurationMs", simulation("DurationMs"), json_text(function.simulation.DurationMs));
    edit_value(lab, "PerRecordMs", simulation("PerRecordMs"), json_text(function.simulation.PerRecordMs));
    edit_value(lab, "ColdStartMs", simulation("ColdStartMs"), json_text(function.simulation.ColdStartMs));
    edit_value(lab, "Params", simulation("Params"), json_text(function.simulation.Params));
    ImGui::EndTable();
}

void InspectorView::draw_stream(LabState& lab, const sim::StreamConfig& stream) {
    if (!ImGui::CollapsingHeader(("Stream " + stream.name).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!begin_parameter_table(("stream" + stream.name).c_str())) return;
    edit_value(lab, "ShardCount", {"streams", stream.name, "ShardCount"}, std::to_string(stream.ShardCount));
    edit_value(lab, "RetentionPeriodHours", {"streams", stream.name, "RetentionPeriodHours"},
               std::to_string(stream.RetentionPeriodHours));
    ImGui::EndTable();
}

void InspectorView::draw_mapping(LabState& lab, std::size_t index, const sim::MappingConfig& mapping) {
    const std::string number = std::to_string(index);
    const std::string title = "Mapping " + number + ": " + mapping.EventSourceArn + " \xE2\x86\x92 " + mapping.FunctionName;
    if (!ImGui::CollapsingHeader(title.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (!begin_parameter_table(("mapping" + number).c_str())) return;
    const auto at = [&](const char* key) { return FieldPath{"mappings", number, key}; };
    edit_value(lab, "BatchSize", at("BatchSize"), std::to_string(mapping.BatchSize));
    edit_value(lab, "MaximumBatchingWindowInSeconds", at("MaximumBatchingWindowInSeconds"),
               std::to_string(mapping.MaximumBatchingWindowInSeconds));
    edit_flag(lab, "ReportBatchItemFailures", at("FunctionResponseTypes"), mapping.ReportBatchItemFailures,
              "[\"ReportBatchItemFailures\"]", "[]");
    if ((mapping.source_kind == sim::EventSourceKind::KinesisStream)) {
        edit_stream_mapping(lab, number, mapping);
    } else {
        edit_optional(lab, "MaximumConcurrency", {"mappings", number, "ScalingConfig", "MaximumConcurrency"},
                      mapping.MaximumConcurrency, 2);
    }
    edit_flag(lab, "Enabled", at("Enabled"), mapping.Enabled, "true", "false");
    edit_value(lab, "FilterCriteria", at("FilterCriteria"), filter_criteria_text(mapping));
    ImGui::EndTable();
}

// The Kinesis mapping's own parameters (docs/aws-rules.md 3.7, 3.10, 3.12, 3.13, 3.15, 3.16, 3.21).
void InspectorView::edit_stream_mapping(LabState& lab, const std::string& number, const sim::MappingConfig& mapping) {
    const auto at = [&](const char* key) { return FieldPath{"mappings", number, key}; };
    edit_starting_position(lab, number, mapping);
    edit_value(lab, "ParallelizationFactor", at("ParallelizationFactor"), std::to_string(mapping.ParallelizationFactor));
    edit_flag(lab, "BisectBatchOnFunctionError", at("BisectBatchOnFunctionError"), mapping.BisectBatchOnFunctionError, "true",
              "false");
    edit_value(lab, "MaximumRetryAttempts", at("MaximumRetryAttempts"), std::to_string(mapping.MaximumRetryAttempts));
    edit_value(lab, "MaximumRecordAgeInSeconds", at("MaximumRecordAgeInSeconds"),
               std::to_string(mapping.MaximumRecordAgeInSeconds));
    edit_value(lab, "TumblingWindowInSeconds", at("TumblingWindowInSeconds"), std::to_string(mapping.TumblingWindowInSeconds));
    const FieldPath destination = at("DestinationConfig");
    label(lab, "OnFailure", destination);
    pick_queue(lab, destination, mapping.on_failure_destination, "none (records are skipped)", "", [](const std::string& queue) {
        return nlohmann::json{{"OnFailure", {{"Destination", queue}}}};
    });
}

// StartingPositionTimestamp comes with AT_TIMESTAMP and goes with the others.
void InspectorView::edit_starting_position(LabState& lab, const std::string& number, const sim::MappingConfig& mapping) {
    const FieldPath path{"mappings", number, "StartingPosition"};
    const FieldPath timestamp{"mappings", number, "StartingPositionTimestamp"};
    label(lab, "StartingPosition", path);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo(("##" + dotted(path)).c_str(), mapping.StartingPosition.c_str())) {
        for (const char* choice : {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}) {
            if (!ImGui::Selectable(choice, mapping.StartingPosition == choice) || mapping.StartingPosition == choice) continue;
            const std::vector<sim::Override> set{sim::Override{dotted(path), quoted(choice), ""}};
            const bool at_timestamp = std::string_view(choice) == "AT_TIMESTAMP";
            propose(path, [set, at_timestamp, timestamp, was_at_timestamp = mapping.StartingPosition == "AT_TIMESTAMP"](LabState& l) {
                if (at_timestamp) return l.propose_edits({set[0], sim::Override{dotted(timestamp), "0", ""}});
                if (was_at_timestamp) return l.propose_removal(FieldPath(timestamp.begin(), timestamp.end() - 1), timestamp.back(), set);
                return l.propose_edits(set);
            });
        }
        ImGui::EndCombo();
    }
    show_error(path);
    if (mapping.StartingPosition == "AT_TIMESTAMP") {
        edit_value(lab, "StartingPositionTimestamp", timestamp, json_text(mapping.StartingPositionTimestamp));
    }
}

// AWS's numbers the simulator uses (sim/service_limits.h), each settable for this scenario.
void InspectorView::draw_service_limits(LabState& lab) {
    if (!ImGui::CollapsingHeader("Service limits")) return;
    if (!begin_parameter_table("service_limits")) return;
    const auto& limits = lab.pending_scenario().limits;
    for (const auto& field : sim::service_limit_fields()) {
        const std::string name(field.name);
        const std::string help = std::string(field.meaning) + "\nEmpty it for the simulator's default.";
        const FieldPath path{"service_limits", name};
        label(lab, name.c_str(), path, help.c_str());
        const double value = sim::limit_value(limits, field);
        text_field(path, std::holds_alternative<double sim::ServiceLimits::*>(field.member)
                             ? json_text(value)
                             : std::to_string(static_cast<std::int64_t>(value)));
        show_error(path);
    }
    ImGui::EndTable();
}

// Traffic and actions: one JSON entry per row, edited as text; × removes an entry, "Add" appends
// `example`.
void InspectorView::draw_entries(LabState& lab, const char* key, const char* title, const char* example) {
    const auto& document = lab.pending_document();
    const auto found = document.find(key);
    const nlohmann::json entries = found != document.end() && found->is_array() ? *found : nlohmann::json::array();
    if (!ImGui::CollapsingHeader((std::string(title) + " (" + std::to_string(entries.size()) + ")").c_str())) return;
    if (begin_parameter_table(key)) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const FieldPath path{key, std::to_string(i)};
            label(lab, (std::string(key) + " " + path.back()).c_str(), path);
            if (ImGui::SmallButton(("\xC3\x97##remove" + dotted(path)).c_str())) {
                auto rest = entries;
                rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
                propose(path, [key = std::string(key), json = json_text(rest)](LabState& l) { return l.propose_edit(key, json); });
            }
            ItemTooltip("Remove this entry");
            ImGui::SameLine();
            const std::string text = entry_text(entries[i]);
            text_field(path, text);
            ItemTooltip(text.c_str());
            show_error(path);
        }
        ImGui::EndTable();
    }
    if (ImGui::SmallButton((std::string("Add##") + key).c_str())) {
        propose({key, std::to_string(entries.size())}, [path = std::string(key) + "." + std::to_string(entries.size()),
                                                        example](LabState& l) { return l.propose_edit(path, example); });
    }
    ItemTooltip(example);
    show_error({key, std::to_string(entries.size())});
}

// [SECTION] The view

void InspectorView::draw_pending_banner(LabState& lab) {
    if (!lab.has_pending_edits()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Edit a value and press Enter (empty it for AWS's default). What AWS lets you change on a "
                           "running system (UpdateFunctionConfiguration, SetQueueAttributes, UpdateEventSourceMapping) "
                           "applies at once; the rest when you restart. Each (?) says which.");
        ImGui::PopStyleColor();
        return;
    }
    ImGui::TextColored(colours::changed_text(), "Changes marked * apply on restart.");
    ItemTooltip("What AWS changes on a running system already applies; these wait for a restart from 0.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Restart now")) lab.restart();
    ItemTooltip("Restart from 0 with these changes (R)");
    ImGui::SameLine();
    if (ImGui::SmallButton("Discard")) {
        lab.discard_edits();
        fields_.clear();
    }
}

void InspectorView::draw(LabState& lab, HandlerSourceView& sources, WorkspaceView& workspace) {
    workspace.draw(lab, sources);
    if (!lab.has_scenario()) {
        ImGui::TextDisabled("Open a scenario to inspect it.");
        return;
    }
    draw_pending_banner(lab);
    draw_scenario(lab);
    const auto& scenario = lab.pending_scenario();
    for (const auto& [name, queue] : scenario.queues) draw_queue(lab, queue);
    for (const auto& [name, function] : scenario.functions) draw_function(lab, function, sources, workspace);
    for (const auto& [name, stream] : scenario.streams) draw_stream(lab, stream);
    for (std::size_t i = 0; i < scenario.mappings.size(); ++i) draw_mapping(lab, i, scenario.mappings[i]);
    draw_entries(lab, "traffic", "Traffic", traffic_example(scenario).c_str());
    draw_entries(lab, "actions", "Actions", kActionExample);
    draw_service_limits(lab);
    apply_proposals(lab);
}

}  // namespace queuelab::gui
