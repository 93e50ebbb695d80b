#pragma once
// Every template key the dialogs render. Templates::fromJson refuses a file that lacks one, so
// a typo in the editable file is caught at start, not in front of a citizen.
#include <string_view>
#include <vector>

namespace civicdesk::dialogs {

const std::vector<std::string_view>& requiredTemplateKeys();

}  // namespace civicdesk::dialogs
