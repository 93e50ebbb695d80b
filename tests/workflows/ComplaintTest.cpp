// RULES.md §1 Art. 8 (what a complaint must give) and the complaint form's JSON.
#include "workflows/complaints/Complaint.hpp"

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/complaints/CaseStatus.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;

ComplaintForm completeForm() {
  ComplaintForm form;
  form.respondentUnitId = "edu";
  form.respondentDetail = "招生办";
  form.ground = ComplaintGround::NotUpdating;
  form.facts = "招生政策页面三年没有更新";
  form.evidence = {{"text", "页面截图说明", ""},
                   {"image", "media-123", "https://example.invalid/m/123"}};
  form.complainant = {"张三", "青溪区人民路100号", "13800138000", "", true};
  return form;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

TEST(Complaint_Art8, CompleteFormMissesNothing) {
  EXPECT_TRUE(missingComplaintItems(completeForm()).empty());
}

TEST(Complaint_Art8, EmptyFormMissesEveryItem) {
  const std::vector<std::string> expected{"respondent", "facts", "complainant.name",
                                          "complainant.address", "complainant.contact"};
  EXPECT_EQ(missingComplaintItems(ComplaintForm{}), expected);
}

TEST(Complaint_Art8, Item1_NameAddressAndContact) {
  auto form = completeForm();
  form.complainant.name = "  ";
  form.complainant.address = "";
  EXPECT_EQ(missingComplaintItems(form),
            (std::vector<std::string>{"complainant.name", "complainant.address"}));
}

TEST(Complaint_Art8, Item2_FactsAndRespondent) {
  auto form = completeForm();
  form.facts = "";
  form.respondentUnitId = "";
  auto missing = missingComplaintItems(form);
  EXPECT_TRUE(contains(missing, "facts"));
  EXPECT_TRUE(contains(missing, "respondent"));
  EXPECT_EQ(missing.size(), 2u);
}

TEST(Complaint_Art8, Item3_PhoneOrEmailIsEnough) {
  auto form = completeForm();
  form.complainant.phone = "";
  EXPECT_EQ(missingComplaintItems(form), std::vector<std::string>{"complainant.contact"});
  form.complainant.email = "zhangsan@example.invalid";
  EXPECT_TRUE(missingComplaintItems(form).empty());
}

TEST(ComplaintJson, RoundTripKeepsEveryField) {
  auto form = completeForm();
  form.complainant.email = "zhangsan@example.invalid";
  form.complainant.wantsReply = false;
  form.admissibility.respondentIsPilotUnit = true;
  form.admissibility.reportedElsewhere = false;
  form.admissibility.otherAgencyDeclined = std::nullopt;
  form.admissibility.concernsDisclosure = true;

  const json j = toJson(form);
  EXPECT_EQ(j["ground"], 2);
  EXPECT_TRUE(j["admissibility"]["otherAgencyDeclined"].is_null());
  EXPECT_EQ(j["admissibility"]["reportedElsewhere"], false);
  EXPECT_EQ(j["evidence"].size(), 2u);

  const ComplaintForm back = complaintFormFromJson(json::parse(j.dump()));
  EXPECT_EQ(back.respondentUnitId, form.respondentUnitId);
  EXPECT_EQ(back.respondentDetail, form.respondentDetail);
  EXPECT_EQ(back.ground, form.ground);
  EXPECT_EQ(back.facts, form.facts);
  ASSERT_EQ(back.evidence.size(), 2u);
  EXPECT_EQ(back.evidence[1].kind, "image");
  EXPECT_EQ(back.evidence[1].content, "media-123");
  EXPECT_EQ(back.evidence[1].url, "https://example.invalid/m/123");
  EXPECT_EQ(back.complainant.name, form.complainant.name);
  EXPECT_EQ(back.complainant.address, form.complainant.address);
  EXPECT_EQ(back.complainant.phone, form.complainant.phone);
  EXPECT_EQ(back.complainant.email, form.complainant.email);
  EXPECT_FALSE(back.complainant.wantsReply);
  EXPECT_EQ(back.admissibility.respondentIsPilotUnit, std::optional<bool>(true));
  EXPECT_EQ(back.admissibility.reportedElsewhere, std::optional<bool>(false));
  EXPECT_EQ(back.admissibility.otherAgencyDeclined, std::nullopt);
  EXPECT_EQ(back.admissibility.respondentIdentified, std::nullopt);
  EXPECT_EQ(back.admissibility.concernsDisclosure, std::optional<bool>(true));
  EXPECT_EQ(toJson(back), j);
}

TEST(ComplaintJson, EveryGroundRoundTrips) {
  for (int n = 1; n <= 8; ++n) {
    auto form = completeForm();
    form.ground = *complaintGroundFromNumber(n);
    EXPECT_EQ(toNumber(complaintFormFromJson(toJson(form)).ground), n);
  }
}

TEST(ComplaintJson, InvalidGroundThrows) {
  for (const json& ground : {json(0), json(9), json("2"), json(2.5), json(nullptr)}) {
    json j = toJson(completeForm());
    j["ground"] = ground;
    EXPECT_THROW(complaintFormFromJson(j), json::exception) << ground.dump();
  }
}

TEST(ComplaintJson, WrongTypesThrow) {
  json notObject = json::array();
  EXPECT_THROW(complaintFormFromJson(notObject), json::exception);
  json j = toJson(completeForm());
  j["admissibility"]["concernsDisclosure"] = "yes";
  EXPECT_THROW(complaintFormFromJson(j), json::exception);
  j = toJson(completeForm());
  j["evidence"] = "a photo";
  EXPECT_THROW(complaintFormFromJson(j), json::exception);
  j = toJson(completeForm());
  j["evidence"] = json::array({"a photo"});
  EXPECT_THROW(complaintFormFromJson(j), json::exception);
  j = toJson(completeForm());
  j["complainant"]["phone"] = 13800138000;
  EXPECT_THROW(complaintFormFromJson(j), json::exception);
}

TEST(ComplaintJson, PartialSlotsKeepDefaults) {
  // A dialog saves the form slot by slot; absent keys are "not asked yet".
  const ComplaintForm form = complaintFormFromJson(json{{"facts", "没有公开"}});
  EXPECT_EQ(form.facts, "没有公开");
  EXPECT_EQ(form.ground, ComplaintGround::OtherBreach);
  EXPECT_TRUE(form.complainant.wantsReply);
  EXPECT_EQ(form.admissibility.concernsDisclosure, std::nullopt);
}

TEST(CaseStatus, NamesRoundTrip) {
  EXPECT_EQ(toString(CaseStatus::Received), "received");
  EXPECT_EQ(toString(CaseStatus::Registered), "registered");
  EXPECT_EQ(caseStatusFromString("received"), CaseStatus::Received);
  EXPECT_EQ(caseStatusFromString("registered"), CaseStatus::Registered);
  EXPECT_FALSE(caseStatusFromString("Registered"));
  EXPECT_FALSE(caseStatusFromString(""));
}

}  // namespace
}  // namespace civicdesk::workflows
