// Reading a whole complaint out of one text (RULES.md §1 Art. 5: complaints come by email and
// phone too): what Art. 8 asks for, the Art. 4 ground, the respondent among the demo
// district's units, Art. 7 facts the text states, and dates. Nothing is invented: what the
// text does not say stays empty and is listed as missing.
#include "workflows/complaints/ComplaintExtraction.hpp"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "util/Utf8.hpp"
#include "workflows/complaints/DateMentions.hpp"
#include "workflows/complaints/ExtractionText.hpp"
#include "workflows/complaints/PhoneNumbers.hpp"

namespace civicdesk::workflows {
namespace {

const UnitDirectory& demo() {
  static const UnitDirectory directory =
      UnitDirectory::load(std::string(CIVICDESK_SOURCE_DIR) + "/config/units.json");
  return directory;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

ExtractionHints on(CivilDate reference) {
  ExtractionHints hints;
  hints.referenceDate = reference;
  return hints;
}

const CivilDate kFriday{2026, 11, 27};  // a Friday

TEST(ComplaintExtraction_Art8, EmailWithEverything) {
  const std::string email =
      "尊敬的青溪区政务公开办：\n"
      "您好！\n"
      "我叫张伟，是东城街道的居民。我要投诉青溪区教育局：教育局网站上的招生政策栏目从2024年起"
      "就没有更新过，今年的招生指南也查不到最新版本，公开目录还是三年前的，内容都过时了。\n"
      "我在11月20日打过教育局的电话099-86120004，没人接。\n"
      "我没有向其他部门反映过这件事。\n"
      "联系电话：138 0013 8000\n"
      "地址：青溪区东城街道幸福小区3栋2单元501室\n"
      "此致\n"
      "敬礼！\n"
      "张伟\n"
      "2026年11月27日\n";
  const ExtractedComplaint result = extractComplaint(email, demo(), on(kFriday));
  const ComplaintForm& form = result.form;
  EXPECT_EQ(form.respondentUnitId, "edu");
  EXPECT_EQ(form.complainant.name, "张伟");
  EXPECT_EQ(form.complainant.phone, "13800138000");
  EXPECT_EQ(form.complainant.address, "青溪区东城街道幸福小区3栋2单元501室");
  EXPECT_EQ(form.ground, ComplaintGround::NotUpdating);
  EXPECT_TRUE(has(result.found, "ground"));
  // The facts: the complaint itself, without greeting, contact lines and signature.
  EXPECT_TRUE(form.facts.starts_with("我叫张伟")) << form.facts;
  EXPECT_EQ(form.facts.find("尊敬的"), std::string::npos);
  EXPECT_EQ(form.facts.find("联系电话"), std::string::npos);
  EXPECT_EQ(form.facts.find("此致"), std::string::npos);
  EXPECT_NE(form.facts.find("没有向其他部门反映"), std::string::npos);
  // Art. 7 (3): the text says no; the other questions stay open.
  EXPECT_EQ(form.admissibility.reportedElsewhere, false);
  EXPECT_FALSE(form.admissibility.supervisionAlreadyDecided.has_value());
  EXPECT_FALSE(form.admissibility.respondentIsPilotUnit.has_value());
  // The unit's own number is not the complainant's.
  EXPECT_TRUE(result.landline.empty());
  EXPECT_TRUE(result.otherPhones.empty());
  EXPECT_EQ(result.missing, std::vector<std::string>{"admissibility.supervisionAlreadyDecided"});
  EXPECT_TRUE(has(result.dates, "2026-11-20"));
  EXPECT_TRUE(has(result.dates, "2026-11-27"));
  // The addressee of the letter is not a suggested respondent... but is offered.
  EXPECT_TRUE(has(result.unitSuggestions, "office"));
  EXPECT_TRUE(result.fromHints.empty());
}

TEST(ComplaintExtraction_Art8, EmailWithoutPhoneUsesTheSenderAddressAndAsks) {
  const std::string email =
      "各位领导好：\n"
      "本人李秀英，住在青溪区西苑街道西园路18号。\n"
      "我向区民政局申请公开2025年低保资金的发放情况，已经过了二十个工作日，"
      "民政局一直没有答复我的申请，逾期未答复。\n"
      "谢谢！\n";
  ExtractionHints hints = on(kFriday);
  hints.knownEmail = "lixiuying@example.com";
  hints.knownName = "Li Xiuying";
  const ExtractedComplaint result = extractComplaint(email, demo(), hints);
  EXPECT_EQ(result.form.complainant.name, "李秀英");
  EXPECT_EQ(result.form.complainant.address, "青溪区西苑街道西园路18号");
  EXPECT_EQ(result.form.respondentUnitId, "civil");
  EXPECT_EQ(result.form.ground, ComplaintGround::ApplicationsNotHandled);
  EXPECT_TRUE(result.form.complainant.phone.empty());
  // Reachable by the email it came from: to confirm, not to ask.
  EXPECT_EQ(result.form.complainant.email, "lixiuying@example.com");
  EXPECT_EQ(result.fromHints, std::vector<std::string>{"complainant.email"});
  EXPECT_FALSE(has(result.missing, "complainant.contact"));
  EXPECT_TRUE(has(result.missing, "admissibility.reportedElsewhere"));
  EXPECT_FALSE(has(result.found, "complainant.phone"));
  EXPECT_EQ(result.form.facts.find("各位领导"), std::string::npos);
  EXPECT_EQ(result.form.facts.find("谢谢"), std::string::npos);
}

TEST(ComplaintExtraction_Art8, EmailWithoutAnyContactListsIt) {
  const std::string email = "你好，我要举报青溪区财政局把预算公开信息当成有偿服务，查询要收费。";
  const ExtractedComplaint result = extractComplaint(email, demo(), {});
  EXPECT_EQ(result.form.respondentUnitId, "finance");
  EXPECT_TRUE(has(result.missing, "complainant.contact"));
  EXPECT_TRUE(has(result.missing, "complainant.name"));
  EXPECT_TRUE(has(result.missing, "complainant.address"));
  EXPECT_TRUE(result.form.complainant.name.empty());
  EXPECT_EQ(result.form.facts.rfind("我要举报", 0), 0u) << result.form.facts;
}

TEST(ComplaintExtraction_Art8, VoiceTranscriptWithSpokenDigitsAndMistakes) {
  // What a speech recogniser makes of a call: no punctuation to speak of, digits dictated.
  const std::string transcript =
      "喂你好 我叫王建国住在青溪区东城街道东风路三十号 我的手机是幺三九 零零幺二 三四五六 "
      "我要投诉那个公安分局他们那个户籍办理的信息网上一直不公开 我去问他们说不给看 "
      "我昨天还打了电话 上周五也去了一趟 另外我已经申请了行政复议";
  ExtractionHints hints = on(kFriday);
  hints.knownPhone = "+86 139-0012-0000";  // the caller id: a different phone than dictated
  const ExtractedComplaint result = extractComplaint(transcript, demo(), hints);
  EXPECT_EQ(result.form.complainant.name, "王建国");
  EXPECT_EQ(result.form.complainant.phone, "13900123456");
  EXPECT_TRUE(result.fromHints.empty());
  EXPECT_EQ(result.form.complainant.address, "青溪区东城街道东风路三十号");
  EXPECT_EQ(result.form.respondentUnitId, "psb");
  EXPECT_EQ(result.form.ground, ComplaintGround::NotPerformingDuty);
  EXPECT_EQ(result.form.admissibility.reportedElsewhere, true);
  EXPECT_TRUE(has(result.missing, "admissibility.otherAgencyDeclined"));
  EXPECT_EQ(result.dates, (std::vector<std::string>{"2026-11-26", "2026-11-20"}));
  EXPECT_EQ(result.form.facts.find("喂"), std::string::npos);
}

TEST(ComplaintExtraction_Art8, CallerIdFillsThePhoneWhenNoneIsSaid) {
  ExtractionHints hints;
  hints.knownPhone = "+8613800138000";
  const ExtractedComplaint result =
      extractComplaint("我要反映环保局的环境监测数据一直没公开", demo(), hints);
  EXPECT_EQ(result.form.complainant.phone, "13800138000");
  EXPECT_EQ(result.fromHints, std::vector<std::string>{"complainant.phone"});
  EXPECT_EQ(result.form.respondentUnitId, "eco");
}

TEST(ComplaintExtraction_Art8, TwoUnitsTheOneComplainedAboutWins) {
  const std::string text =
      "我之前已经向信访局反映过，没有结果。现在我要投诉青溪区住建局，住建局把我们小区的"
      "拆迁补偿标准不公开，查不到。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_EQ(result.form.respondentUnitId, "housing");
  EXPECT_EQ(result.unitSuggestions, std::vector<std::string>{"petition"});
  EXPECT_EQ(result.form.admissibility.reportedElsewhere, true);
}

TEST(ComplaintExtraction_Art8, LabelledRespondentWinsOverTheAddressee) {
  const std::string text =
      "向政务公开办投诉。被投诉单位：青溪区卫健委。卫健委通过第三方中介收费提供医院收费信息，"
      "要先交钱给中介公司才能拿到。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_EQ(result.form.respondentUnitId, "health");
  EXPECT_TRUE(has(result.unitSuggestions, "office"));
  EXPECT_EQ(result.form.ground, ComplaintGround::ChargingThroughOthers);
}

TEST(ComplaintExtraction_Art8, TwoUnitsWithoutAClearRespondentChoosesNone) {
  const std::string text = "交通局和城管局的网站信息都好几年没更新了。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_TRUE(result.form.respondentUnitId.empty());
  EXPECT_EQ(result.unitSuggestions, (std::vector<std::string>{"transport", "cm"}));
  EXPECT_TRUE(has(result.missing, "respondent"));
}

TEST(ComplaintExtraction_Art8, NoUnitAtAll) {
  const std::string text = "我叫陈静，我想问一下为什么政府网站上的信息都过时了，没人更新。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_TRUE(result.form.respondentUnitId.empty());
  EXPECT_TRUE(result.unitSuggestions.empty());
  EXPECT_TRUE(has(result.missing, "respondent"));
  EXPECT_EQ(result.form.complainant.name, "陈静");
}

TEST(ComplaintExtraction_Art8, MisheardUnitIsSuggestedNotChosen) {
  const ExtractedComplaint result =
      extractComplaint("我要投诉青溪区教育菊 他们的招生信息不公开", demo(), {});
  EXPECT_TRUE(result.form.respondentUnitId.empty());
  ASSERT_FALSE(result.unitSuggestions.empty());
  EXPECT_EQ(result.unitSuggestions.front(), "edu");
}

TEST(ComplaintExtraction_Art4, SeveralGroundsAreLeftToTheCitizen) {
  const std::string text =
      "我要投诉教育局。网站的招生信息很久没更新了。我去窗口问，工作人员说要交钱才给我复印。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_FALSE(has(result.found, "ground"));
  EXPECT_TRUE(has(result.missing, "ground"));
  EXPECT_GE(result.groundCandidates.size(), 2u);
}

TEST(ComplaintExtraction_Art8, RolesAreNotNames) {
  const ExtractedComplaint result = extractComplaint(
      "我是青溪区的一名普通市民，本人住在西苑街道。我要投诉人社局社保信息不公开。", demo(), {});
  EXPECT_TRUE(result.form.complainant.name.empty()) << result.form.complainant.name;
  EXPECT_EQ(result.form.complainant.address, "西苑街道");
  EXPECT_EQ(result.form.respondentUnitId, "hrss");
}

TEST(ComplaintExtraction_Art8, DisplayNameIsAHintOnly) {
  ExtractionHints hints;
  hints.knownName = "刘洋";
  const ExtractedComplaint result =
      extractComplaint("发改局的项目审批结果没有公开，请处理。", demo(), hints);
  EXPECT_EQ(result.form.complainant.name, "刘洋");
  EXPECT_TRUE(has(result.fromHints, "complainant.name"));
  EXPECT_FALSE(has(result.found, "complainant.name"));
}

TEST(ComplaintExtraction_Art7, NegatedOrIntendedLitigationIsNotAFact) {
  for (std::string_view text : {"我还没有起诉，也没有申请行政复议。教育局不公开招生信息。",
                                "如果再不公开我就准备向法院起诉。教育局不公开招生信息。"}) {
    const ExtractedComplaint result = extractComplaint(text, demo(), {});
    EXPECT_FALSE(result.form.admissibility.reportedElsewhere.has_value()) << text;
  }
  const ExtractedComplaint sued =
      extractComplaint("我对这个答复不服，已经向法院起诉了。", demo(), {});
  EXPECT_EQ(sued.form.admissibility.reportedElsewhere, true);
}

TEST(ComplaintExtraction_Art8, QuotedReplyAndLandlineAndOwnEmail) {
  const std::string email =
      "城管局的执法信息公示栏多年未更新。\n"
      "我的电话：0571-88886666，邮箱 zhao.min@example.org\n"
      "不需要回复，谢谢。\n"
      "\n"
      "------------------ 原始邮件 ------------------\n"
      "发件人: gkts@cm.qingxi-demo.gov.cn\n"
      "> 您好，请补充材料。\n";
  const ExtractedComplaint result = extractComplaint(email, demo(), {});
  EXPECT_EQ(result.landline, "0571-88886666");
  EXPECT_TRUE(result.form.complainant.phone.empty());
  EXPECT_EQ(result.form.complainant.email, "zhao.min@example.org");
  EXPECT_FALSE(result.form.complainant.wantsReply);
  EXPECT_EQ(result.form.respondentUnitId, "cm");
  EXPECT_EQ(result.form.facts.find("原始邮件"), std::string::npos);
  EXPECT_EQ(result.form.facts.find("请补充材料"), std::string::npos);
}

TEST(ComplaintExtraction_Art8, LongFactsAreCapped) {
  std::string text = "教育局不公开招生信息。";
  while (utf8::length(text) < 3 * kExtractedFactsMax) text += "我多次去问都查不到。";
  const ExtractedComplaint result = extractComplaint(text, demo(), {});
  EXPECT_LE(utf8::length(result.form.facts), kExtractedFactsMax + 1);
  EXPECT_TRUE(result.form.facts.ends_with("…"));
}

TEST(ComplaintExtraction_Art8, ShortOrEmptyTextFindsNothing) {
  for (std::string_view text : {"", "   ", "有问题", "\xFF\xFE\xFD"}) {
    const ExtractedComplaint result = extractComplaint(text, demo(), {});
    EXPECT_TRUE(result.found.empty()) << text;
    EXPECT_TRUE(has(result.missing, "facts"));
    EXPECT_TRUE(has(result.missing, "respondent"));
  }
}

// ---- The helpers, on their own ---------------------------------------------------------------

std::vector<std::string> numbers(std::string_view text) {
  std::vector<std::string> out;
  for (const PhoneMention& m : findPhoneNumbers(extraction::fold(text))) out.push_back(m.number);
  return out;
}

TEST(ComplaintExtraction_Phones, SpellingsOfOneMobile) {
  for (std::string_view text :
       {"13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "+8613800138000",
        "0086-13800138000", "１３８００１３８０００", "幺三八零零幺三八零零零",
        "电话：一13800138000"}) {
    EXPECT_EQ(numbers(text), std::vector<std::string>{"13800138000"}) << text;
  }
}

TEST(ComplaintExtraction_Phones, WhatIsNotAMobile) {
  for (std::string_view text : {"身份证号110101199003071234", "订单12345", "2026-11-20",
                                "12800138000", "一一三年前", "+1 415 555 0100 1"}) {
    EXPECT_TRUE(numbers(text).empty()) << text;
  }
}

TEST(ComplaintExtraction_Phones, Landlines) {
  EXPECT_EQ(numbers("座机0571-88886666转"), std::vector<std::string>{"0571-88886666"});
  EXPECT_EQ(numbers("(010) 6512 3456"), std::vector<std::string>{"010-65123456"});
  EXPECT_EQ(numbers("057188886666"), std::vector<std::string>{"057188886666"});
  EXPECT_EQ(numbers("010-65123456 或 13800138000"),
            (std::vector<std::string>{"010-65123456", "13800138000"}));
}

TEST(ComplaintExtraction_Phones, WholeMobile) {
  EXPECT_EQ(wholeMainlandMobile("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(wholeMainlandMobile("008613800138000"), "13800138000");
  EXPECT_FALSE(wholeMainlandMobile("057188886666"));
  EXPECT_FALSE(wholeMainlandMobile("手机13800138000"));
  EXPECT_FALSE(wholeMainlandMobile(""));
}

std::vector<std::string> dates(std::string_view text, std::optional<CivilDate> reference) {
  std::vector<std::string> out;
  for (const CivilDate& d : findDateMentions(extraction::fold(text), reference)) {
    out.push_back(formatDate(d));
  }
  return out;
}

TEST(ComplaintExtraction_Dates, RelativeToTheReference) {
  EXPECT_EQ(dates("昨天", kFriday), std::vector<std::string>{"2026-11-26"});
  EXPECT_EQ(dates("前天和大前天", kFriday), (std::vector<std::string>{"2026-11-25", "2026-11-24"}));
  EXPECT_EQ(dates("上周五", kFriday), std::vector<std::string>{"2026-11-20"});
  EXPECT_EQ(dates("上星期一", kFriday), std::vector<std::string>{"2026-11-16"});
  EXPECT_EQ(dates("这周一", kFriday), std::vector<std::string>{"2026-11-23"});
  EXPECT_EQ(dates("星期三我去了", kFriday), std::vector<std::string>{"2026-11-25"});
  EXPECT_EQ(dates("11月20日", kFriday), std::vector<std::string>{"2026-11-20"});
  EXPECT_EQ(dates("十一月二十号", kFriday), std::vector<std::string>{"2026-11-20"});
  EXPECT_EQ(dates("上个月3号", kFriday), std::vector<std::string>{"2026-10-03"});
  EXPECT_EQ(dates("去年5月1日", kFriday), std::vector<std::string>{"2025-05-01"});
  EXPECT_EQ(dates("12月1日截止", kFriday), std::vector<std::string>{"2026-12-01"});
  // Written in January about December: last year's.
  EXPECT_EQ(dates("12月20日", CivilDate{2027, 1, 5}), std::vector<std::string>{"2026-12-20"});
  EXPECT_EQ(dates("上周五", CivilDate{2026, 1, 2}), std::vector<std::string>{"2025-12-26"});
}

TEST(ComplaintExtraction_Dates, AbsoluteAndNotDates) {
  EXPECT_EQ(dates("2026年11月20日、2026-11-21和2026/11/22", std::nullopt),
            (std::vector<std::string>{"2026-11-20", "2026-11-21", "2026-11-22"}));
  EXPECT_TRUE(dates("昨天 11月20日", std::nullopt).empty());
  EXPECT_TRUE(dates("2月30日", kFriday).empty());
  EXPECT_TRUE(dates("每周一开放，3号楼，一周一次", kFriday).empty());
  EXPECT_EQ(dates("昨天，昨天", kFriday), std::vector<std::string>{"2026-11-26"});
}

}  // namespace
}  // namespace civicdesk::workflows
