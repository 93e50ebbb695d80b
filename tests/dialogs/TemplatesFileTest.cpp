// config/templates.zh-CN.json, the file citizens' texts come from.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dialogs/TemplateKeys.hpp"
#include "dialogs/Templates.hpp"
#include "tests/dialogs/DialogHarness.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs::testing {
namespace {

nlohmann::json realFile() {
  std::ifstream in(std::string(CIVICDESK_SOURCE_DIR) + "/config/templates.zh-CN.json");
  return nlohmann::json::parse(in);
}

TEST(TemplatesFile, HasEveryKeyTheDialogsUse) {
  const Templates& templates = realTemplates();  // load() refuses a file that lacks one
  for (auto key : requiredTemplateKeys()) EXPECT_TRUE(templates.has(key)) << key;
}

TEST(TemplatesFile, HoldsNoKeyTheDialogsDoNotUse) {
  const auto& required = requiredTemplateKeys();
  const nlohmann::json file = realFile();
  for (const auto& [key, value] : file.items()) {
    if (key.front() == '_') continue;
    EXPECT_NE(std::find(required.begin(), required.end(), key), required.end())
        << key << " is in the file but no dialog renders it";
  }
}

TEST(TemplatesFile, AMissingKeyIsRefusedAtLoad) {
  nlohmann::json json = realFile();
  json.erase("complaint.phone.invalid");
  auto loaded = Templates::fromJson(json);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().find("complaint.phone.invalid"), std::string::npos);
}

TEST(TemplatesFile, EveryTextFitsOnePassiveReply) {
  for (auto key : requiredTemplateKeys()) {
    EXPECT_LE(utf8::length(realTemplates().render(key)), 400u) << key;
  }
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
