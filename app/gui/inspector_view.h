#pragma once
// The inspector: every queue, function and mapping parameter of the scenario, under AWS's name,
// with its meaning, default and range in a help marker. An edit becomes a scenario override
// ("queues.orders.VisibilityTimeout") validated by the scenario loader at once: a value out of
// range is refused in place with the loader's one-line error; a valid one applies on restart, or
// at once for the function settings AWS applies to new invokes (see LabState). The learner's own
// handlers (WorkspaceView) are listed above and offered beside the built-ins as a function's Handler.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "handler_source_view.h"
#include "workspace_view.h"
#include "lab/lab_state.h"

namespace queuelab::gui {

class InspectorView {
public:
    void draw(lab::LabState& lab, HandlerSourceView& sources, WorkspaceView& workspace);

private:
    // A field being typed in, or refused: its text and the loader's error.
    struct Field {
        std::string text;
        std::string error;
        bool editing = false;
    };

    void draw_pending_banner(lab::LabState& lab);
    void draw_scenario(lab::LabState& lab);
    void draw_queue(lab::LabState& lab, const sim::QueueConfig& queue);
    void draw_function(lab::LabState& lab, const sim::FunctionConfig& function, HandlerSourceView& sources,
                       WorkspaceView& workspace);
    void draw_stream(lab::LabState& lab, const sim::StreamConfig& stream);
    void draw_mapping(lab::LabState& lab, std::size_t index, const sim::MappingConfig& mapping);
    void draw_service_limits(lab::LabState& lab);
    void draw_entries(lab::LabState& lab, const char* key, const char* title, const char* example);
    void edit_stream_mapping(lab::LabState& lab, const std::string& number, const sim::MappingConfig& mapping);
    void edit_starting_position(lab::LabState& lab, const std::string& number, const sim::MappingConfig& mapping);

    // A field's place in the scenario: {"queues", "orders", "VisibilityTimeout"}. Kept as segments
    // because names may contain dots ("payments.fifo").
    using FieldPath = std::vector<std::string>;

    // One row of the parameter table: AWS's name, its help marker and (pending) mark.
    void label(lab::LabState& lab, const char* name, const FieldPath& path, const char* help = nullptr, const std::function<void()>& beside_name = {});
    void text_field(const FieldPath& path, const std::string& current);
    void edit_value(lab::LabState& lab, const char* name, const FieldPath& path, const std::string& current);
    void edit_flag(lab::LabState& lab, const char* name, const FieldPath& path, bool current, const char* on_value,
                   const char* off_value);
    void edit_optional(lab::LabState& lab, const char* name, const FieldPath& path, std::optional<int> current, int suggested);
    void edit_handler(lab::LabState& lab, const sim::FunctionConfig& function, HandlerSourceView& sources,
                      WorkspaceView& workspace);
    void pick_queue(lab::LabState& lab, const FieldPath& path, const std::string& current, const char* none,
                    const std::string& except, const std::function<nlohmann::json(const std::string&)>& value_for);
    void edit_redrive_policy(lab::LabState& lab, const sim::QueueConfig& queue);
    void show_error(const FieldPath& path);
    void propose(const FieldPath& path, std::function<std::string(lab::LabState&)> edit);
    void apply_proposals(lab::LabState& lab);

    std::map<std::string, Field> fields_;
    std::vector<std::pair<std::string, std::function<std::string(lab::LabState&)>>> proposals_;
};

}  // namespace queuelab::gui
