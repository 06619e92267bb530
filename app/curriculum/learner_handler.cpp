#include "learner_handler.h"

#include <fstream>
#include <sstream>

#include "input_error.h"
#include "atomic_file.h"

namespace queuelab::curriculum {

namespace fs = std::filesystem;

fs::path learner_handler_path(const fs::path& progress_file, const Lesson& lesson, const Task& task) {
    return progress_file.parent_path() / "handlers" / lesson.id / (task.id + ".cpp");
}

bool ensure_learner_handler(const fs::path& copy, const Task& task) {
    std::error_code error;
    if (fs::exists(copy, error)) return false;
    std::ifstream start(task.handler_exercise->start, std::ios::binary);
    std::ostringstream text;
    text << start.rdbuf();
    try {
        fs::create_directories(copy.parent_path());
        return sim::write_new_file_atomically(copy.string(), text.str());
    } catch (const std::exception& problem) {
        throw sim::InputError(copy.string(), "", 0, std::string("cannot write your copy of the starting handler: ") + problem.what());
    }
}

}  // namespace queuelab::curriculum
