#include "curriculum_support.h"

#include <algorithm>
#include <ostream>

#include "input_error.h"
#include "lesson_loader.h"

namespace queuelab::cli {

namespace fs = std::filesystem;

fs::path lessons_dir(const CurriculumPaths& paths) {
    return paths.lessons_dir.empty() ? curriculum::default_lessons_dir() : paths.lessons_dir;
}

curriculum::ProgressStore progress_store(const CurriculumPaths& paths) {
    return curriculum::ProgressStore(paths.progress_file.empty() ? curriculum::ProgressStore::default_file()
                                                                 : paths.progress_file);
}

curriculum::Lesson find_lesson(const CurriculumPaths& paths, const std::string& id) {
    const fs::path dir = lessons_dir(paths);
    std::error_code error;
    const bool plain_name = !id.empty() && id.find('/') == std::string::npos && id != "." && id != "..";
    if (plain_name && fs::is_regular_file(dir / id / "lesson.json", error)) return curriculum::load_lesson(dir / id / "lesson.json");
    std::vector<std::string> ids;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        if (fs::is_regular_file(it->path() / "lesson.json")) ids.push_back(it->path().filename().string());
    }
    std::sort(ids.begin(), ids.end());
    std::string known;
    for (const auto& name : ids) known += (known.empty() ? "" : ", ") + name;
    throw sim::InputError(dir.string(), "", 0,
                          "no lesson \"" + id + "\"; expected one of: " + (known.empty() ? "(none found)" : known));
}

curriculum::Progress load_progress(const curriculum::ProgressStore& store, std::ostream& err) {
    auto loaded = store.load();
    if (!loaded.problem.empty()) err << "queuelab: progress: " << loaded.problem << "\n";
    return std::move(loaded.progress);
}

}  // namespace queuelab::cli
