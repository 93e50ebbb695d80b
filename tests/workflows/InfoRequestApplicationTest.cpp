// An application for government information (the regulation's Art. 29): what it must give, and
// its JSON for storage and dialog slots.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/info_requests/Application.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;
using Items = std::vector<std::string>;

Application complete() {
  Application a;
  a.applicant.type = ApplicantType::Citizen;
  a.applicant.name = "张三";
  a.applicant.idType = IdDocumentType::ResidentId;
  a.applicant.idNumber = "11010519491231002X";
  a.applicant.phone = "13800138000";
  a.applicant.address = "青溪区人民路100号";
  a.unitId = "edu";
  a.info.title = "2025年义务教育招生计划";
  a.form = InfoForm::Electronic;
  a.delivery = Delivery::Online;
  return a;
}

TEST(InfoRequest_Art29, ApplicationNeedsApplicantIdContactAndDescription) {
  EXPECT_EQ(missingApplicationItems(complete()), Items{});
  EXPECT_EQ(missingApplicationItems(Application{}),
            (Items{"applicant.name", "applicant.idNumber", "applicant.contact", "unit", "info",
                   "form", "delivery"}));
}

TEST(InfoRequest_Art29, AnyOneOfTheThreeDescriptionsDescribesTheInformation) {
  Application a = complete();
  a.info = {};
  EXPECT_EQ(missingApplicationItems(a), Items{"info"});
  a.info.documentNumber = "青教发〔2025〕3号";
  EXPECT_EQ(missingApplicationItems(a), Items{});
  a.info = {};
  a.info.features = "今年春季发布的学区划分文件";
  EXPECT_EQ(missingApplicationItems(a), Items{});
  a.info.features = "\xE3\x80\x80";  // only an ideographic space: not given
  EXPECT_EQ(missingApplicationItems(a), Items{"info"});
}

TEST(InfoRequest_Art29, AnOrganisationNamesItsRepresentativeAndGivesItsCreditCode) {
  Application a = complete();
  a.applicant.type = ApplicantType::Organisation;
  a.applicant.name = "青溪科技有限公司";
  a.applicant.idType = IdDocumentType::CreditCode;
  a.applicant.idNumber = "91350100M000100Y43";
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.representative"});
  a.applicant.representative = "李四";
  EXPECT_EQ(missingApplicationItems(a), Items{});
}

TEST(InfoRequest_Art29, AnIdNumberInvalidForItsTypeIsMissing) {
  Application a = complete();
  a.applicant.idNumber = "110105194912310021";
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.idNumber"});
  a.applicant.idType = IdDocumentType::CreditCode;
  a.applicant.idNumber = "11010519491231002X";  // a resident ID is not a credit code
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.idNumber"});
  a.applicant.idType = IdDocumentType::Other;
  a.applicant.idNumber = "E12345678";  // a passport: recorded as given
  EXPECT_EQ(missingApplicationItems(a), Items{});
  a.applicant.idNumber = " ";
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.idNumber"});
}

TEST(InfoRequest_Art29, EitherPhoneOrEmailIsAContact) {
  Application a = complete();
  a.applicant.phone.clear();
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.contact"});
  a.applicant.email = "zhangsan@example.cn";
  EXPECT_EQ(missingApplicationItems(a), Items{});
}

TEST(InfoRequest_Art29, TheWayOfDeliveryNeedsWhereToDeliver) {
  Application a = complete();
  a.delivery = Delivery::Post;
  a.applicant.address.clear();
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.address"});
  a.delivery = Delivery::Email;
  EXPECT_EQ(missingApplicationItems(a), Items{"applicant.email"});
  // No contact at all and delivery by email: both are said, in the documented order.
  a.applicant.phone.clear();
  EXPECT_EQ(missingApplicationItems(a), (Items{"applicant.contact", "applicant.email"}));
  a.delivery = Delivery::Pickup;
  a.applicant.phone = "13800138000";
  EXPECT_EQ(missingApplicationItems(a), Items{});
}

TEST(InfoRequestApplication, EnumNamesRoundTrip) {
  for (auto t : {ApplicantType::Citizen, ApplicantType::Organisation}) {
    EXPECT_EQ(applicantTypeFromString(toString(t)), t);
  }
  for (auto t : {IdDocumentType::ResidentId, IdDocumentType::CreditCode, IdDocumentType::Other}) {
    EXPECT_EQ(idDocumentTypeFromString(toString(t)), t);
  }
  for (auto f : {InfoForm::Paper, InfoForm::Electronic})
    EXPECT_EQ(infoFormFromString(toString(f)), f);
  for (auto d : {Delivery::Post, Delivery::Email, Delivery::Pickup, Delivery::Online}) {
    EXPECT_EQ(deliveryFromString(toString(d)), d);
  }
  EXPECT_EQ(toString(IdDocumentType::CreditCode), "credit_code");
  EXPECT_EQ(toString(Delivery::Online), "online");
  EXPECT_EQ(applicantTypeFromString("Citizen"), std::nullopt);
  EXPECT_EQ(deliveryFromString(""), std::nullopt);
}

TEST(InfoRequestApplication, JsonRoundTripsWithCamelCaseKeys) {
  Application a = complete();
  a.applicant.type = ApplicantType::Organisation;
  a.applicant.representative = "李四";
  a.applicant.idType = IdDocumentType::CreditCode;
  a.applicant.idNumber = "91350100M000100Y43";
  a.applicant.email = "office@example.cn";
  a.info.documentNumber = "青教发〔2025〕3号";
  a.info.features = "春季发布";
  a.delivery = Delivery::Post;
  const json j = toJson(a);
  EXPECT_EQ(j["applicant"]["idType"], "credit_code");
  EXPECT_EQ(j["applicant"]["idNumber"], "91350100M000100Y43");
  EXPECT_EQ(j["info"]["documentNumber"], "青教发〔2025〕3号");
  EXPECT_EQ(j["unitId"], "edu");
  EXPECT_EQ(j["delivery"], "post");
  EXPECT_EQ(toJson(applicationFromJson(j)), j);
  EXPECT_EQ(toJson(applicationFromJson(json::parse(j.dump()))), j);
}

TEST(InfoRequestApplication, NotYetSaidIsNullAndAMissingKeyKeepsTheDefault) {
  Application a;
  const json j = toJson(a);
  EXPECT_TRUE(j["form"].is_null());
  EXPECT_TRUE(j["delivery"].is_null());
  const Application back = applicationFromJson(json::object());
  EXPECT_EQ(toJson(back), j);
  const Application partial = applicationFromJson({{"applicant", {{"name", "张三"}}}});
  EXPECT_EQ(partial.applicant.name, "张三");
  EXPECT_EQ(partial.applicant.idType, IdDocumentType::ResidentId);
  EXPECT_FALSE(partial.form.has_value());
}

TEST(InfoRequestApplication, BadJsonThrows) {
  EXPECT_THROW(applicationFromJson(json::array()), json::exception);
  EXPECT_THROW(applicationFromJson({{"applicant", "张三"}}), json::exception);
  EXPECT_THROW(applicationFromJson({{"form", "fax"}}), json::exception);
  EXPECT_THROW(applicationFromJson({{"delivery", 3}}), json::exception);
  EXPECT_THROW(applicationFromJson({{"applicant", {{"idType", "driving_licence"}}}}),
               json::exception);
  EXPECT_THROW(applicationFromJson({{"info", {{"title", 5}}}}), json::exception);
}

}  // namespace
}  // namespace civicdesk::workflows
