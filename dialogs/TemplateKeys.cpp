#include "dialogs/TemplateKeys.hpp"

namespace civicdesk::dialogs {

const std::vector<std::string_view>& requiredTemplateKeys() {
  static const std::vector<std::string_view> keys{
      "menu.main",
  };
  return keys;
}

}  // namespace civicdesk::dialogs
