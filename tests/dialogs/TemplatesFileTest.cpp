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
    // A channel variant ("menu.main@sms") is rendered wherever its key is.
    const std::string base = key.substr(0, key.find('@'));
    EXPECT_NE(std::find(required.begin(), required.end(), base), required.end())
        << key << " is in the file but no dialog renders it";
  }
}

TEST(TemplatesFile, ChannelVariantsAreUsedOnTheirChannelOnly) {
  const Templates& templates = realTemplates();
  const Templates sms = templates.forChannel("sms");
  EXPECT_NE(sms.render("menu.main"), templates.render("menu.main"));
  EXPECT_LE(utf8::length(sms.render("menu.main")), 70u) << "one SMS";
  EXPECT_EQ(templates.forChannel("wechat").render("menu.main"), templates.render("menu.main"));
  EXPECT_EQ(sms.render("ground.1"), templates.render("ground.1"));  // no variant: the plain text
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
