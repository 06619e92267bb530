#pragma once
// The handler catalog of a run that may hold learners' code (function_code.h): each function's
// code is, by its settings,
//   Simulation.Source     a learner's C++ source, built with the HandlerBuilder (the build
//                         waits for the compiler; a source that does not build is a
//                         FunctionCodeError naming the first compiler error)
//   Simulation.Bootstrap  an executable that speaks the Lambda Runtime API (Runtime
//                         provided.al2023); missing or not executable is a FunctionCodeError
//   otherwise             a built-in handler named by Handler (the built-ins' catalog)
// Paths are taken from the scenario's folder. Both out-of-process kinds run as runtime_code.h
// describes, with Handler as _HANDLER and the code's folder as LAMBDA_TASK_ROOT.

#include <memory>
#include <string>

#include "function_code.h"
#include "handler_builder.h"
#include "runtime_code.h"

namespace queuelab::runtime {

class RuntimeCatalog : public sim::HandlerCatalog {
public:
    // `builder` and `builtins` must outlive the catalog and the code it loads.
    explicit RuntimeCatalog(HandlerBuilder& builder, RuntimeOptions options = {},
                            const sim::HandlerCatalog& builtins = sim::default_catalog());

    std::unique_ptr<sim::FunctionCode> load(const sim::FunctionConfig& function,
                                            const std::string& scenario_dir) const override;
    std::string describe_handlers() const override { return builtins_.describe_handlers(); }

    const RuntimeOptions& options() const { return options_; }

private:
    HandlerBuilder& builder_;
    RuntimeOptions options_;
    const sim::HandlerCatalog& builtins_;
};

}  // namespace queuelab::runtime
