#pragma once
// The lab's help window: every keyboard shortcut and what each view shows, written once here so
// the window and its test read the same list.

#include <utility>
#include <vector>

namespace queuelab::lab {

using HelpLine = std::pair<const char*, const char*>;

// {key, what it does}; the keys work when no text field has the keyboard.
const std::vector<HelpLine>& shortcut_help();
// {view, what it shows}.
const std::vector<HelpLine>& view_help();

}  // namespace queuelab::lab
