#include "runtime_catalog.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace queuelab::runtime {
namespace {

namespace fs = std::filesystem;

std::string resolve(const std::string& path, const std::string& scenario_dir) {
    return (fs::path(scenario_dir) / path).lexically_normal().string();
}

std::string quote(const std::string& text) { return nlohmann::json(text).dump(); }

// Why `path` cannot be run as a bootstrap; empty when it can.
std::string unusable_executable(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return "no such file";
    if (!S_ISREG(status.st_mode)) return "not a file";
    if (::access(path.c_str(), X_OK) != 0) return "not executable";
    return {};
}

}  // namespace

RuntimeCatalog::RuntimeCatalog(HandlerBuilder& builder, RuntimeOptions options, const sim::HandlerCatalog& builtins)
    : builder_(builder), options_(options), builtins_(builtins) {}

std::unique_ptr<sim::FunctionCode> RuntimeCatalog::load(const sim::FunctionConfig& function,
                                                        const std::string& scenario_dir) const {
    const auto& simulation = function.simulation;
    if (!simulation.Source.empty()) {
        const std::string source = resolve(simulation.Source, scenario_dir);
        const BuildResult build = builder_.build(source);
        if (!build.ok) {
            throw sim::FunctionCodeError("Simulation.Source", "expected a handler source that builds, got " +
                                                                  quote(simulation.Source) + ": " + build.first_error());
        }
        return make_runtime_code({build.executable, function.Handler, fs::path(source).parent_path().string(), build.kinds},
                                 options_);
    }
    if (!simulation.Bootstrap.empty()) {
        const std::string bootstrap = resolve(simulation.Bootstrap, scenario_dir);
        if (const std::string problem = unusable_executable(bootstrap); !problem.empty()) {
            throw sim::FunctionCodeError("Simulation.Bootstrap", "expected an executable file, got " +
                                                                     quote(simulation.Bootstrap) + " (" + problem + ")");
        }
        return make_runtime_code({bootstrap, function.Handler, fs::path(bootstrap).parent_path().string(), {}}, options_);
    }
    return builtins_.load(function, scenario_dir);
}

}  // namespace queuelab::runtime
