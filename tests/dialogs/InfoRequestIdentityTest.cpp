// The applicant's identity document (the regulation's Art. 29 (1)): a resident ID number checked
// to its check digit, a unified social credit code likewise, or another document as given. A
// refusal says what is wrong.
#include <gtest/gtest.h>

#include "dialogs/common/IdDocuments.hpp"
#include "dialogs/common/Validators.hpp"
#include "tests/dialogs/DialogHarness.hpp"

namespace civicdesk::dialogs::testing {
namespace {

constexpr const char* kValidResidentId = "440304199003074510";
constexpr const char* kValidCreditCode = "91350100M000100Y43";

void toIdStep(Chat& chat, const char* applicantType) {
  chat.send("2");
  chat.send(applicantType);
  chat.send(std::string(applicantType) == "1" ? "张三" : "青溪明远科技有限公司");
  if (std::string(applicantType) == "2") chat.send("李四");
  ASSERT_EQ(chat.state(), "info_request.idDocument");
}

std::string idInSlots(const Chat& chat) {
  return chat.snapshot().slots["application"]["applicant"].dump();
}

TEST(InfoRequestIdentity, AResidentIdWithAWrongCheckDigitIsRefusedAndTheTextSaysWhy) {
  Chat chat;
  toIdStep(chat, "1");
  const DialogOutcome refused = chat.send("440304199003074511");
  EXPECT_EQ(chat.state(), "info_request.idDocument");
  EXPECT_TRUE(contains(refused, "校验未通过")) << joined(refused);
  EXPECT_TRUE(contains(refused, "最后一位校验码")) << joined(refused);
  EXPECT_EQ(idInSlots(chat).find("440304199003074511"), std::string::npos);
}

TEST(InfoRequestIdentity, AValidResidentIdIsAcceptedInAnySpelling) {
  for (const char* typed :
       {kValidResidentId, "4403 0419 9003 0745 10", "４４０３０４１９９００３０７４５１０",
        "身份证号：440304199003074510", "11010519491231002x"}) {
    Chat chat;
    toIdStep(chat, "1");
    chat.send(typed);
    EXPECT_EQ(chat.state(), "info_request.contact") << typed;
  }
}

TEST(InfoRequestIdentity, EachKindOfWrongResidentIdGetsItsOwnExplanation) {
  struct Case {
    const char* typed;
    const char* says;
  };
  for (const Case& c : {Case{"44030419900307451", "应为18位，您输入的是17位"},
                        Case{"4403041990030745100", "您输入的是19位"},
                        Case{"44030419900307451A", "最后一位为数字或字母X"},
                        Case{"440304199013074510", "出生日期不正确"},
                        Case{"440304199002304510", "出生日期不正确"}}) {
    Chat chat;
    toIdStep(chat, "1");
    EXPECT_TRUE(contains(chat.send(c.typed), c.says)) << c.typed;
    EXPECT_EQ(chat.state(), "info_request.idDocument") << c.typed;
  }
}

TEST(InfoRequestIdentity, AUnifiedSocialCreditCodeIsCheckedLikewise) {
  {
    Chat chat;
    toIdStep(chat, "2");
    const DialogOutcome refused = chat.send("91350100M000100Y44");
    EXPECT_TRUE(contains(refused, "统一社会信用代码校验未通过")) << joined(refused);
    EXPECT_EQ(chat.state(), "info_request.idDocument");
    EXPECT_TRUE(contains(chat.send("91350100I000100Y43"), "不含I、O、S、V、Z"));
    EXPECT_TRUE(contains(chat.send("9135010"), "应为18位，您输入的是7位"));
    EXPECT_TRUE(contains(chat.send(kValidResidentId), "统一社会信用代码校验未通过"))
        << "an organisation's document is the credit code, not a resident ID";
    EXPECT_EQ(chat.state(), "info_request.idDocument");
  }
  for (const char* typed :
       {kValidCreditCode, "91350100m000100y43", "统一社会信用代码：91350100M000100Y43"}) {
    Chat chat;
    toIdStep(chat, "2");
    chat.send(typed);
    EXPECT_EQ(chat.state(), "info_request.contact") << typed;
  }
}

TEST(InfoRequestIdentity, AnotherDocumentIsRecordedAsGiven) {
  {
    Chat chat;
    toIdStep(chat, "1");
    EXPECT_TRUE(contains(chat.send("其他证件"), "证件名称和号码"));
    EXPECT_EQ(chat.state(), "info_request.idOther");
    EXPECT_TRUE(contains(chat.send("无"), "4到60个字"));
    chat.send("港澳居民来往内地通行证 H12345678");
    EXPECT_EQ(chat.state(), "info_request.contact");
    const auto applicant = chat.snapshot().slots["application"]["applicant"];
    EXPECT_EQ(applicant.dump().find("H12345678") != std::string::npos, true) << applicant.dump();
  }
  {
    // Named with its number at once.
    Chat chat;
    toIdStep(chat, "1");
    chat.send("护照 E12345678");
    EXPECT_EQ(chat.state(), "info_request.contact");
  }
}

TEST(InfoRequestIdentity, IdNumbersAreMaskedToTheirFirstAndLastFourCharacters) {
  EXPECT_EQ(validate::maskIdNumber("11010519491231002X"), "1101**********002X");
  EXPECT_EQ(validate::maskIdNumber("护照 E12345678"), "护照 E****5678");
  EXPECT_EQ(validate::maskIdNumber("AB123"), "***23");
}

TEST(InfoRequestIdentity, TheDiagnosisAgreesWithTheValidator) {
  EXPECT_FALSE(ids::checkResidentId(kValidResidentId).problem.has_value());
  EXPECT_EQ(ids::checkResidentId(kValidResidentId).number, kValidResidentId);
  EXPECT_EQ(ids::checkResidentId("440304199003074511").problem, ids::Problem::CheckDigit);
  EXPECT_FALSE(ids::checkCreditCode(kValidCreditCode).problem.has_value());
  EXPECT_EQ(ids::checkCreditCode("91350100M000100Y44").problem, ids::Problem::CheckDigit);
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
