#pragma once
// What the email intake tests share: the demo district's units (config/units.json, as the
// service ships them) and a citizen's mail of Friday 2026-11-27.
#include <cstdint>
#include <string>
#include <utility>

#include "dialogs/email/EmailIntake.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::dialogs::testing {

inline const workflows::UnitDirectory& demoUnits() {
  static const auto units =
      workflows::UnitDirectory::load(std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  return units;
}

inline constexpr std::int64_t kFriday = 1795744800;  // 2026-11-27 10:00 Asia/Shanghai

// A mail from 王芳 <wangfang@example.com>, received on kFriday.
inline EmailIntakeInput mail(std::string subject, std::string text) {
  return {std::move(subject), std::move(text), "王芳", "wangfang@example.com", kFriday};
}

}  // namespace civicdesk::dialogs::testing
