// The unit directory: Art. 5 (every unit publishes a complaint mailbox and phone), its
// validation, and resolving what a citizen types to a unit.
#include "workflows/UnitDirectory.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/TempDir.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

const std::string kDemoPath = std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json";

json unitJson(const std::string& id, const std::string& name, bool office = false) {
  return {{"id", id},
          {"name", name},
          {"aliases", json::array()},
          {"mailbox", id + "@example.invalid"},
          {"phone", "099-00000000"},
          {"address", "青溪区某路1号"},
          {"leadingGroupOffice", office},
          {"pilotUnit", !office},
          {"superiorId", ""}};
}

json smallDirectory() {
  return {{"district", "青溪区"},
          {"units",
           {unitJson("office", "青溪区试点工作领导小组办公室", true),
            unitJson("edu", "青溪区教育局")}}};
}

const UnitDirectory& demo() {
  static const UnitDirectory directory = UnitDirectory::load(kDemoPath);
  return directory;
}

TEST(Complaint_Art5, EveryUnitHasComplaintMailboxAndPhone) {
  const UnitDirectory& directory = demo();
  ASSERT_GE(directory.units().size(), 15u);
  for (const Unit& unit : directory.units()) {
    EXPECT_FALSE(unit.mailbox.empty()) << unit.id;
    EXPECT_NE(unit.mailbox.find('@'), std::string::npos) << unit.id;
    EXPECT_FALSE(unit.phone.empty()) << unit.id;
    EXPECT_FALSE(unit.address.empty()) << unit.id;
  }
}

TEST(Complaint_Art5, DemoContactsAreOnTheInventedDomain) {
  for (const Unit& unit : demo().units()) {
    EXPECT_TRUE(unit.mailbox.ends_with("@" + unit.id + ".qingxi-demo.gov.cn")) << unit.mailbox;
    EXPECT_TRUE(unit.phone.starts_with("099-")) << unit.phone;
  }
}

TEST(Complaint_Art5, DirectoryRefusesUnitWithoutMailbox) {
  json j = smallDirectory();
  j["units"][1].erase("mailbox");
  auto result = UnitDirectory::fromJson(j);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("units[1]"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("\"edu\""), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("mailbox"), std::string::npos) << result.error();
}

TEST(Complaint_Art5, DirectoryRefusesUnitWithBlankPhone) {
  json j = smallDirectory();
  j["units"][1]["phone"] = "   ";
  auto result = UnitDirectory::fromJson(j);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("phone"), std::string::npos) << result.error();
}

TEST(Complaint_Art2, DemoHasOneLeadingGroupOfficeAndOutOfPilotUnits) {
  const UnitDirectory& directory = demo();
  EXPECT_EQ(directory.districtName(), "青溪区");
  EXPECT_EQ(directory.leadingGroupOffice().id, "office");
  ASSERT_NE(directory.find("petition"), nullptr);
  EXPECT_FALSE(directory.find("petition")->pilotUnit);
  ASSERT_NE(directory.find("supervision"), nullptr);
  EXPECT_FALSE(directory.find("supervision")->pilotUnit);
  EXPECT_TRUE(directory.find("edu")->pilotUnit);
  EXPECT_EQ(directory.find("edu")->superiorId, "gov");
  EXPECT_EQ(directory.find("nope"), nullptr);
}

TEST(UnitDirectory, SmallDirectoryLoads) {
  auto result = UnitDirectory::fromJson(smallDirectory());
  ASSERT_TRUE(result) << result.error();
  EXPECT_EQ(result->units().size(), 2u);
  EXPECT_EQ(result->leadingGroupOffice().id, "office");
}

TEST(UnitDirectory, RefusesDuplicateIds) {
  json j = smallDirectory();
  j["units"].push_back(unitJson("edu", "青溪区另一个局"));
  auto result = UnitDirectory::fromJson(j);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("duplicate id"), std::string::npos) << result.error();
}

TEST(UnitDirectory, RefusesEmptyName) {
  json j = smallDirectory();
  j["units"][1]["name"] = "";
  auto result = UnitDirectory::fromJson(j);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("name"), std::string::npos) << result.error();
}

TEST(UnitDirectory, RefusesAliasUsedByTwoUnits) {
  json j = smallDirectory();
  j["units"].push_back(unitJson("psb", "青溪区公安分局"));
  j["units"][2]["aliases"] = {"区教育局"};  // same key as the education bureau's name
  auto result = UnitDirectory::fromJson(j);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("already used"), std::string::npos) << result.error();
}

TEST(UnitDirectory, RequiresExactlyOneLeadingGroupOffice) {
  json none = smallDirectory();
  none["units"][0]["leadingGroupOffice"] = false;
  EXPECT_FALSE(UnitDirectory::fromJson(none));
  json two = smallDirectory();
  two["units"][1]["leadingGroupOffice"] = true;
  EXPECT_FALSE(UnitDirectory::fromJson(two));
}

TEST(UnitDirectory, RefusesUnknownOrLoopingSuperior) {
  json unknown = smallDirectory();
  unknown["units"][1]["superiorId"] = "city";
  auto result = UnitDirectory::fromJson(unknown);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().find("\"city\""), std::string::npos) << result.error();

  json loop = smallDirectory();
  loop["units"][0]["superiorId"] = "edu";
  loop["units"][1]["superiorId"] = "office";
  EXPECT_FALSE(UnitDirectory::fromJson(loop));
}

TEST(UnitDirectory, RefusesWrongTypesWithoutThrowing) {
  json j = smallDirectory();
  j["units"][1]["aliases"] = "教育局";
  EXPECT_FALSE(UnitDirectory::fromJson(j));
  EXPECT_FALSE(UnitDirectory::fromJson(json::array()));
  EXPECT_FALSE(UnitDirectory::fromJson(json{{"district", "青溪区"}, {"units", 3}}));
}

TEST(UnitDirectory, LoadNamesThePathWhenUnusable) {
  testing::TempDir dir;
  const std::string bad = dir.file("units.json");
  std::ofstream(bad) << "{ not json";
  try {
    UnitDirectory::load(bad);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
  }
  EXPECT_THROW(UnitDirectory::load(dir.file("missing.json")), std::runtime_error);
}

TEST(UnitDirectoryResolve, ExactNameAndAlias) {
  EXPECT_EQ(demo().resolve("青溪区教育局").unitId, "edu");
  EXPECT_EQ(demo().resolve("教育局").unitId, "edu");
  EXPECT_EQ(demo().resolve("区教育局").unitId, "edu");
  EXPECT_EQ(demo().resolve("发改局").unitId, "drc");
  EXPECT_EQ(demo().resolve("政务公开办").unitId, "office");
  EXPECT_EQ(demo().resolve("城管").unitId, "cm");
}

TEST(UnitDirectoryResolve, IgnoresSpacesPunctuationAndFullWidth) {
  EXPECT_EQ(demo().resolve(" 青溪区 教育局。").unitId, "edu");
  EXPECT_EQ(demo().resolve("【青溪区·教育局】").unitId, "edu");
  EXPECT_EQ(demo().resolve("青溪区　公安分局！").unitId, "psb");  // ideographic space
  EXPECT_EQ(demo().resolve("青溪教育局").unitId, "edu");          // district without 区
}

TEST(UnitDirectoryResolve, FuzzyRanksTheLikelyUnitFirst) {
  auto edu = demo().resolve("教育");
  EXPECT_FALSE(edu.unitId);
  ASSERT_FALSE(edu.suggestions.empty());
  EXPECT_EQ(edu.suggestions.front(), "edu");

  auto transport = demo().resolve("交通运输");
  ASSERT_FALSE(transport.suggestions.empty());
  EXPECT_EQ(transport.suggestions.front(), "transport");

  auto traffic = demo().resolve("交通");  // an alias: exact
  EXPECT_EQ(traffic.unitId, "transport");
}

TEST(UnitDirectoryResolve, TypoSuggestsTheUnit) {
  auto match = demo().resolve("公按局");
  EXPECT_FALSE(match.unitId);
  ASSERT_FALSE(match.suggestions.empty());
  EXPECT_EQ(match.suggestions.front(), "psb");
  EXPECT_LE(match.suggestions.size(), 5u);

  auto civil = demo().resolve("民证局");
  ASSERT_FALSE(civil.suggestions.empty());
  EXPECT_EQ(civil.suggestions.front(), "civil");
}

TEST(UnitDirectoryResolve, NonsenseGivesNothing) {
  for (const char* text : {"你好", "", "   ", "。。。", "hello", "局", "123"}) {
    auto match = demo().resolve(text);
    EXPECT_FALSE(match.unitId) << text;
    EXPECT_TRUE(match.suggestions.empty()) << text << " → " << match.suggestions.front();
  }
}

TEST(UnitDirectoryResolve, AtMostFiveSuggestions) {
  // "分局" appears in several names; whatever matches, the list is capped.
  EXPECT_LE(demo().resolve("分局办公室委员会").suggestions.size(), 5u);
  EXPECT_LE(demo().resolve("街道").suggestions.size(), 5u);
}

TEST(UnitDirectoryResolve, InvalidUtf8DoesNotCrash) {
  const std::string broken[] = {
      std::string("\xFF\xFE\xFD"),
      std::string("教育\xE5"),              // truncated 3-byte sequence at the end
      std::string("\xE6\x95") + "育局",     // truncated sequence before valid text
      std::string("\xC0\xAF\xE0\x80\xAF"),  // overlong forms
      std::string("\xED\xA0\x80"),          // a UTF-16 surrogate
      std::string("\xF4\x90\x80\x80"),      // above U+10FFFF
      std::string("\x80\x80\x80\x80"),      // continuation bytes only
      std::string("\0教育局", 10),          // an embedded NUL
  };
  for (const auto& text : broken) {
    auto match = demo().resolve(text);
    EXPECT_LE(match.suggestions.size(), 5u);
  }
  // The valid part still counts: the broken byte costs one character, not the match.
  EXPECT_EQ(demo().resolve(std::string("教育局\xFF")).unitId, "edu");
}

}  // namespace
}  // namespace civicdesk::workflows

namespace civicdesk::workflows {
namespace {

TEST(Complaint_Art2, TheReceivingDepartmentIsTheOfficeUnlessTheDirectoryNamesAnother) {
  auto document = nlohmann::json::parse(R"({"district": "青溪区", "units": [
    {"id": "office", "name": "领导小组办公室", "mailbox": "o@x", "phone": "1",
     "leadingGroupOffice": true, "pilotUnit": false},
    {"id": "gov", "name": "区政府办公室", "mailbox": "g@x", "phone": "2"},
    {"id": "edu", "name": "区教育局", "mailbox": "e@x", "phone": "3", "receivingUnitId": "gov"},
    {"id": "health", "name": "区卫健委", "mailbox": "h@x", "phone": "4"}]})");
  auto units = UnitDirectory::fromJson(document);
  ASSERT_TRUE(units) << units.error();
  EXPECT_EQ(units->receivingDepartmentFor("edu").id, "gov");
  EXPECT_EQ(units->receivingDepartmentFor("health").id, "office");
  EXPECT_EQ(units->receivingDepartmentFor("unknown").id, "office");
  document["units"][2]["receivingUnitId"] = "nowhere";
  auto bad = UnitDirectory::fromJson(document);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find("receivingUnitId"), std::string::npos);
}

}  // namespace
}  // namespace civicdesk::workflows
