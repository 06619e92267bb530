// The help window lists every shortcut the lab handles and every view (issue 16, item 7).

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "lab/help_text.h"

TEST_CASE("the help lists the lab's keys and each of its views", "[lab]") {
    std::set<std::string> keys, views;
    for (const auto& [key, what] : queuelab::lab::shortcut_help()) keys.insert(key);
    for (const auto& [view, what] : queuelab::lab::view_help()) views.insert(view);
    for (const char* key : {"Space", "R", "F1"}) CHECK(keys.count(key) == 1);
    CHECK(std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.find("right arrow") != std::string::npos; }));
    for (const char* view : {"Topology", "Charts", "Compare", "Sweep", "Lesson", "Inspector", "Messages"}) CHECK(views.count(view) == 1);
}
