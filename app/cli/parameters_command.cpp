#include <fstream>
#include <sstream>

#include "cli.h"
#include "input_error.h"
#include "parameters.h"
#include "report.h"

namespace queuelab::cli {

std::string with_parameter_reference(const std::string& text, const std::string& file) {
    const auto begin = text.find(kParametersBegin);
    const auto end = text.find(kParametersEnd);
    if (begin == std::string::npos || end == std::string::npos || end < begin) {
        throw sim::InputError(file, "", 0,
                              "expected the markers " + std::string(kParametersBegin) + " and " +
                                  std::string(kParametersEnd) + " around the parameter reference");
    }
    const auto after_begin = begin + kParametersBegin.size();
    return text.substr(0, after_begin) + "\n\n" + sim::parameters_markdown() + text.substr(end);
}

int parameters_command(const std::string& update_path, std::ostream& out) {
    if (update_path.empty()) {
        out << sim::parameters_markdown();
        return kExitOk;
    }
    std::ifstream in(update_path, std::ios::binary);
    if (!in) throw sim::InputError(update_path, "", 0, "cannot read file");
    std::stringstream text;
    text << in.rdbuf();
    sim::write_file_atomically(update_path, with_parameter_reference(text.str(), update_path));
    out << "parameter reference written to " << update_path << "\n";
    return kExitOk;
}

}  // namespace queuelab::cli
