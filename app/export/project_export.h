#pragma once
// The exported project (docs/export.md): the handler's business logic and its Lambda glue in
// separate files, the handler API, Catch2 tests that replay the trial's events, the SAM template
// and a README. Written into a temporary folder beside the destination and renamed into place, so
// that an interrupted export leaves nothing half written.

#include <filesystem>
#include <map>
#include <string>

#include "handler_trial.h"

namespace queuelab::exporting {

struct ExportPaths {
    std::filesystem::path sdk_dir;        // the handler SDK: handlers/ (include/, the API's sources, builtin/)
    std::filesystem::path templates_dir;  // the project's fixed files: assets/export/
    // This build's source tree.
    static ExportPaths defaults();
};

// Relative path in the project -> contents.
using ProjectFiles = std::map<std::string, std::string>;

// The files of the project for a trial that passed. For a built-in, the business logic is the
// built-in's own source with the helpers it includes (handlers/builtin/), and src/handler.cpp
// binds it to handle() with the Simulation.Params it was tested with; a learner's source is
// copied as it is. Throws sim::InputError when a file of the SDK or the templates is missing.
ProjectFiles project_files(const Trial& trial, const HandlerChoice& handler, const ExportPaths& paths);

// Throws sim::InputError (naming `dir`) when it exists and is not an empty folder, unless `force`.
void check_destination(const std::filesystem::path& dir, bool force);

// Writes the files into a folder beside `dir`, then renames it to `dir` (replacing what was there
// when `force`). Throws sim::InputError as check_destination does, std::runtime_error when
// writing fails (nothing is left behind).
void write_project(const ProjectFiles& files, const std::filesystem::path& dir, bool force);

// The whole export, for the CLI and the lab: checks the destination, runs the trial and, when the
// handler passed its tests, writes the project. Returns the trial (see Trial::passed()). Throws as
// run_trial and write_project do.
Trial export_handler(const TrialRequest& request, const std::filesystem::path& dir, bool force,
                     const sim::HandlerCatalog& catalog, const ExportPaths& paths = ExportPaths::defaults());

}  // namespace queuelab::exporting
