// The lifecycle of an information request, named after the regulation's articles (政府信息公开
// 条例, 2019): Art. 30 supplement, Art. 31 receipt, Art. 32 third party, Art. 33 reply period
// and extension, Art. 36 reply types. Each step states its effects exactly, in order.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

namespace civicdesk::workflows {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 08:00 Asia/Shanghai
constexpr std::int64_t kLater = kNow + 86400;
const std::string kNowText = std::to_string(kNow);

InfoRequest makeRequest(InfoRequestStatus status = InfoRequestStatus::Registered) {
  InfoRequest r;
  r.id = 1;
  r.caseNo = "YS-2026-000001";
  r.application.applicant.name = "张三";
  r.application.applicant.idNumber = "11010519491231002X";
  r.application.applicant.phone = "13800138000";
  r.application.unitId = "edu";
  r.application.info.title = "招生计划";
  r.application.form = InfoForm::Electronic;
  r.application.delivery = Delivery::Online;
  r.status = status;
  r.citizenId = 7;
  r.channel = "wechat";
  r.receivedAt = kNow - 3600;
  return r;
}

Actor staff(std::string role = "handler", std::string unit = "edu") {
  return Actor{"staff:1", std::move(role), std::move(unit)};
}
Actor head() {
  return staff("unit_head");
}
Actor systemActor() {
  return Actor{"system", "system", ""};
}

std::string join(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += " " + k + "=" + v;
  return out;
}

// One line per effect, so that a test states the effects exactly and in order.
std::string describe(const InfoRequestEffect& e) {
  if (auto* o = std::get_if<OpenDeadline>(&e)) {
    return "open " + o->ruleId + " @" + o->unitId + " " + std::to_string(o->triggerAt);
  }
  if (auto* o = std::get_if<OpenDeadlineWithPeriod>(&e)) {
    return "open " + o->ruleId + " @" + o->unitId + " " + std::to_string(o->triggerAt) + " for " +
           toString(o->period);
  }
  if (auto* m = std::get_if<MeetDeadline>(&e)) return "meet " + m->ruleId;
  if (auto* x = std::get_if<CancelDeadline>(&e)) return "cancel " + x->ruleId;
  if (auto* p = std::get_if<PauseDeadline>(&e)) return "pause " + p->ruleId + ": " + p->reason;
  if (auto* r = std::get_if<ResumeDeadline>(&e)) return "resume " + r->ruleId;
  if (auto* x = std::get_if<ExtendDeadlineBy>(&e)) {
    return "extend " + x->ruleId + " by " + std::to_string(x->units) + " (" + x->approver +
           "): " + x->reason;
  }
  if (auto* n = std::get_if<CitizenNotice>(&e))
    return "citizen " + n->templateKey + join(n->values);
  if (auto* n = std::get_if<StaffNotice>(&e)) {
    return "staff @" + n->unitId + " " + n->templateKey + join(n->values);
  }
  return "?";
}

Lines describe(const InfoRequestStep& step) {
  Lines out;
  for (const auto& e : step.effects) out.push_back(describe(e));
  return out;
}

// A request moving along its lifecycle: each successful step is applied to it.
struct Flow {
  InfoRequest r = makeRequest();
  InfoRequestState state;

  Expected<InfoRequestStep, WorkflowError> tryAct(const InfoRequestAction& action,
                                                  const Actor& actor = staff(),
                                                  std::int64_t now = kNow) const {
    return applyInfoRequestAction(r, state, action, actor, now);
  }
  InfoRequestStep act(const InfoRequestAction& action, const Actor& actor = staff(),
                      std::int64_t now = kNow) {
    auto result = tryAct(action, actor, now);
    if (!result) {
      ADD_FAILURE() << actionName(action) << ": " << result.error().message;
      return InfoRequestStep{r.status, state, std::nullopt, {}, "", "", ""};
    }
    r.status = result->status;
    state = result->state;
    if (result->application) r.application = *result->application;
    return *result;
  }
  // The action is refused with `code` (and `field`, when given), and nothing changes.
  WorkflowError refuse(const InfoRequestAction& action, WorkflowError::Code code,
                       const std::string& field = "", const Actor& actor = staff()) {
    const json before = toJson(state);
    auto result = tryAct(action, actor);
    if (result) {
      ADD_FAILURE() << actionName(action) << " was allowed";
      return WorkflowError{code, field, ""};
    }
    EXPECT_EQ(result.error().code, code) << result.error().message;
    if (!field.empty()) {
      EXPECT_EQ(result.error().field, field) << result.error().message;
    }
    EXPECT_FALSE(result.error().message.empty());
    EXPECT_EQ(toJson(state), before);
    return result.error();
  }
};

RequestSupplementAction supplementNotice(int days = 10) {
  return {{"请写明所需信息的文件名称或文号", "请提供身份证件号码"}, "可通过本公众号直接回复", days};
}

// --- Art. 31: receipt --------------------------------------------------------------------------

TEST(InfoRequest_Art31, TheAcknowledgementIsTheReceiptAndStartsBothClocks) {
  const InfoRequest r = makeRequest();
  Lines lines;
  for (const auto& e : registrationEffects(r, kNow)) lines.push_back(describe(e));
  EXPECT_EQ(lines, (Lines{"open info_request.reply @edu " + kNowText,
                          "open info_request.supplement_notice @edu " + kNowText}));
}

// --- Art. 30: supplement -----------------------------------------------------------------------

TEST(InfoRequest_Art30, SupplementPeriodRuleExistsWithADefaultOfFifteenWorkingDays) {
  const auto rules = DeadlineRules::defaults();
  const auto& rule = rules.at(rule_ids::kInfoRequestSupplementPeriod);
  EXPECT_EQ(toString(rule.period), "15wd");
  EXPECT_EQ(rule.article, "Art. 30");
  EXPECT_EQ(rule.extension.maxExtensions, 0);
  EXPECT_EQ(toString(rules.at(rule_ids::kInfoRequestSupplementNotice).period), "7wd");
}

TEST(InfoRequest_Art30, OneSupplementNoticeRestartsTheClock) {
  Flow f;
  const auto notice = f.act(supplementNotice(10));
  EXPECT_EQ(f.r.status, InfoRequestStatus::AwaitingSupplement);
  EXPECT_EQ(notice.event, "info_request.supplement_requested");
  EXPECT_EQ(notice.basis, "政府信息公开条例 第三十条");
  EXPECT_EQ(describe(notice),
            (Lines{"meet info_request.supplement_notice", "cancel info_request.reply",
                   "open info_request.supplement_period @edu " + kNowText + " for 10wd",
                   "citizen citizen.info.supplement case_no=YS-2026-000001 days=10 "
                   "items=请写明所需信息的文件名称或文号\n请提供身份证件号码 "
                   "note=可通过本公众号直接回复"}));
  EXPECT_EQ(f.state.supplementsAsked, 1);
  EXPECT_EQ(f.state.supplementWorkingDays, 10);
  EXPECT_EQ(f.state.supplementAskedAt, kNow);
  EXPECT_EQ(f.state.supplementItems.size(), 2u);

  Application corrected = f.r.application;
  corrected.info.documentNumber = "青教发〔2025〕3号";
  const auto supplied =
      f.act(SupplementAction{"文号是青教发〔2025〕3号", corrected}, staff(), kLater);
  EXPECT_EQ(f.r.status, InfoRequestStatus::Registered);
  EXPECT_EQ(supplied.basis, "政府信息公开条例 第三十条");
  EXPECT_EQ(describe(supplied),
            (Lines{"meet info_request.supplement_period",
                   "open info_request.reply @edu " + std::to_string(kLater),
                   "citizen citizen.info.supplemented case_no=YS-2026-000001",
                   "staff @edu staff.info.supplemented case_no=YS-2026-000001"}));
  ASSERT_TRUE(supplied.application.has_value());
  EXPECT_EQ(f.r.application.info.documentNumber, "青教发〔2025〕3号");
  EXPECT_EQ(f.state.supplementedAt, kLater);

  // One notice only: everything had to be in the first.
  f.refuse(supplementNotice(), WorkflowError::Code::NotAllowedNow, "supplementsAsked");
}

TEST(InfoRequest_Art30, TheApplicantsSupplementIsRecordedByTheBotOrStaff) {
  Flow f;
  f.act(supplementNotice());
  const auto step = f.tryAct(SupplementAction{"补充了文号", std::nullopt}, systemActor());
  ASSERT_TRUE(step.has_value()) << step.error().message;
  EXPECT_FALSE(step->application.has_value());  // nothing corrected: the application stands
  f.refuse(SupplementAction{" ", std::nullopt}, WorkflowError::Code::Invalid, "text");
  Application elsewhere = f.r.application;
  elsewhere.unitId = "health";
  f.refuse(SupplementAction{"改为向卫健委申请", elsewhere}, WorkflowError::Code::Invalid,
           "corrected");
}

TEST(InfoRequest_Art30, TheNoticeListsEverythingAndSetsAReasonablePeriod) {
  Flow f;
  f.refuse(RequestSupplementAction{{}, "", 10}, WorkflowError::Code::Invalid, "items");
  f.refuse(RequestSupplementAction{{"文号", "\xE3\x80\x80"}, "", 10}, WorkflowError::Code::Invalid,
           "items");
  f.refuse(RequestSupplementAction{{"文号"}, "", std::nullopt}, WorkflowError::Code::Invalid,
           "workingDays");  // the caller fills it from the configured rule
  f.refuse(supplementNotice(0), WorkflowError::Code::Invalid, "workingDays");
  f.refuse(supplementNotice(61), WorkflowError::Code::Invalid, "workingDays");
  EXPECT_TRUE(f.tryAct(supplementNotice(60)).has_value());
  EXPECT_TRUE(f.tryAct(supplementNotice(1)).has_value());
}

TEST(InfoRequest_Art30, NoSupplementInTimeIsDeemedWithdrawn) {
  Flow f;
  f.refuse(DeemWithdrawnAction{}, WorkflowError::Code::NotAllowedNow, "status", systemActor());
  f.act(supplementNotice(10));
  const auto withdrawn = f.act(DeemWithdrawnAction{}, systemActor(), kLater);
  EXPECT_EQ(f.r.status, InfoRequestStatus::Withdrawn);
  EXPECT_EQ(withdrawn.event, "info_request.deemed_withdrawn");
  EXPECT_EQ(withdrawn.basis, "政府信息公开条例 第三十条");
  EXPECT_EQ(describe(withdrawn), (Lines{"cancel info_request.supplement_period",
                                        "citizen citizen.info.withdrawn case_no=YS-2026-000001"}));
  // A late supplement no longer revives it; it is filed.
  f.refuse(SupplementAction{"补正", std::nullopt}, WorkflowError::Code::NotAllowedNow, "status");
  const auto archived = f.act(ArchiveInfoRequestAction{}, systemActor());
  EXPECT_EQ(f.r.status, InfoRequestStatus::Archived);
  EXPECT_TRUE(archived.effects.empty());
}

// --- Art. 32: third party ----------------------------------------------------------------------

TEST(InfoRequest_Art32, ThirdPartyConsultationPausesTheClock) {
  Flow f;
  const auto started = f.act(StartConsultationAction{"青溪建设有限公司", "中标合同涉及商业秘密"});
  EXPECT_EQ(f.r.status, InfoRequestStatus::Consulting);
  EXPECT_EQ(started.basis, "政府信息公开条例 第三十二条");
  EXPECT_EQ(describe(started), (Lines{"pause info_request.reply: 征求第三方意见：青溪建设有限公司",
                                      "open info_request.third_party @edu " + kNowText,
                                      "cancel info_request.supplement_notice",
                                      "citizen citizen.info.consulting case_no=YS-2026-000001"}));
  // No reply while the third party considers.
  f.refuse(ReplyAction{ReplyType::DoesNotExist, "经检索，该信息不存在"},
           WorkflowError::Code::NotAllowedNow, "status");

  const auto answered = f.act(RecordConsultationAction{"不同意公开", false}, staff(), kLater);
  EXPECT_EQ(f.r.status, InfoRequestStatus::Registered);
  EXPECT_EQ(describe(answered),
            (Lines{"meet info_request.third_party", "resume info_request.reply"}));
  // Consultations and their answers are on record.
  ASSERT_EQ(f.state.consultations.size(), 1u);
  const json& c = f.state.consultations.front();
  EXPECT_EQ(c["third_party"], "青溪建设有限公司");
  EXPECT_EQ(c["matter"], "中标合同涉及商业秘密");
  EXPECT_EQ(c["answer"], "不同意公开");
  EXPECT_EQ(c["consents"], false);
  EXPECT_EQ(c["at"], kNow);
  EXPECT_EQ(c["answered_at"], kLater);

  // A second third party may be consulted in turn.
  f.act(StartConsultationAction{"另一公司", "联系方式属个人信息"});
  f.act(RecordConsultationAction{"逾期未答复", false});
  EXPECT_EQ(f.state.consultations.size(), 2u);
}

TEST(InfoRequest_Art32, AConsultationNamesTheThirdPartyAndItsInterestAndRecordsTheAnswer) {
  Flow f;
  f.refuse(RecordConsultationAction{"同意", true}, WorkflowError::Code::NotAllowedNow, "status");
  f.refuse(StartConsultationAction{"", "商业秘密"}, WorkflowError::Code::Invalid, "thirdParty");
  f.refuse(StartConsultationAction{"某公司", " "}, WorkflowError::Code::Invalid, "matter");
  f.act(StartConsultationAction{"某公司", "商业秘密"});
  f.refuse(StartConsultationAction{"某公司", "商业秘密"}, WorkflowError::Code::NotAllowedNow);
  f.refuse(RecordConsultationAction{"", true}, WorkflowError::Code::Invalid, "answer");
}

// --- Art. 33: reply period and extension -------------------------------------------------------

TEST(InfoRequest_Art33, ExtensionNeedsTheHeadsApprovalAndIsAtMost20WorkingDays) {
  Flow f;
  f.refuse(ExtendInfoRequestAction{"王主任", "需调阅档案", 20}, WorkflowError::Code::Forbidden,
           "actor", staff("handler"));
  f.refuse(ExtendInfoRequestAction{"王主任", "需调阅档案", 21}, WorkflowError::Code::Invalid,
           "workingDays", head());
  f.refuse(ExtendInfoRequestAction{"王主任", "需调阅档案", -1}, WorkflowError::Code::Invalid,
           "workingDays", head());
  // Without a pending request there is no length to take over.
  f.refuse(ExtendInfoRequestAction{"王主任", "需调阅档案", 0}, WorkflowError::Code::Invalid,
           "workingDays", head());
  f.refuse(ExtendInfoRequestAction{" ", "需调阅档案", 20}, WorkflowError::Code::Invalid, "approver",
           head());
  f.refuse(ExtendInfoRequestAction{"王主任", "", 20}, WorkflowError::Code::Invalid, "reason",
           head());

  const auto extended = f.act(ExtendInfoRequestAction{"王主任", "需调阅档案", 20}, staff("leader"));
  EXPECT_EQ(extended.basis, "政府信息公开条例 第三十三条");
  EXPECT_EQ(extended.event, "info_request.extended");
  EXPECT_EQ(f.r.status, InfoRequestStatus::Registered);
  EXPECT_EQ(describe(extended),
            (Lines{"extend info_request.reply by 20 (王主任): 需调阅档案",
                   "citizen citizen.info.extended case_no=YS-2026-000001 days=20 "
                   "reason=需调阅档案"}));
  EXPECT_EQ(f.state.extensionsUsed, 1);
  EXPECT_EQ(f.state.extensionDays, 20);
  // Once.
  f.refuse(ExtendInfoRequestAction{"王主任", "还需要时间", 5}, WorkflowError::Code::NotAllowedNow,
           "extensionsUsed", head());
  f.refuse(RequestInfoExtensionAction{"还需要时间", 5}, WorkflowError::Code::NotAllowedNow,
           "extensionsUsed");
}

TEST(InfoRequest_Art33, TheHandlerAsksAndTheHeadApprovesOrDeclines) {
  Flow f;
  f.refuse(RequestInfoExtensionAction{"", 10}, WorkflowError::Code::Invalid, "reason");
  f.refuse(RequestInfoExtensionAction{"需调阅档案", 21}, WorkflowError::Code::Invalid,
           "workingDays");
  f.refuse(DeclineInfoExtensionAction{"不批准"}, WorkflowError::Code::NotAllowedNow,
           "extensionRequest", head());
  const auto asked = f.act(RequestInfoExtensionAction{"需调阅档案", 10});
  EXPECT_EQ(describe(asked),
            (Lines{"staff @edu staff.info.approval case_no=YS-2026-000001 days=10 "
                   "deadline_rule=info_request.reply reason=需调阅档案 requested_by=staff:1"}));
  ASSERT_TRUE(f.state.extensionRequest.has_value());
  EXPECT_EQ(f.state.requestedExtensionDays, 10);
  f.refuse(RequestInfoExtensionAction{"再问一次", 10}, WorkflowError::Code::NotAllowedNow,
           "extensionRequest");
  f.refuse(DeclineInfoExtensionAction{"不批准"}, WorkflowError::Code::Forbidden, "actor");

  const auto declined = f.act(DeclineInfoExtensionAction{"期限内可以办结"}, head());
  EXPECT_EQ(describe(declined),
            (Lines{"staff @edu staff.info.approval_declined case_no=YS-2026-000001 "
                   "deadline_rule=info_request.reply reason=期限内可以办结"}));
  EXPECT_FALSE(f.state.extensionRequest.has_value());
  EXPECT_EQ(f.state.extensionsUsed, 0);

  // Asked again and approved: the request's reason and length stand.
  f.act(RequestInfoExtensionAction{"档案在市档案馆", 15});
  const auto approved = f.act(ExtendInfoRequestAction{"王主任", "", 0}, head());
  EXPECT_EQ(describe(approved),
            (Lines{"extend info_request.reply by 15 (王主任): 档案在市档案馆",
                   "citizen citizen.info.extended case_no=YS-2026-000001 days=15 "
                   "reason=档案在市档案馆"}));
  EXPECT_EQ(f.state.extensionDays, 15);
  EXPECT_EQ(f.state.requestedExtensionDays, 0);
}

TEST(InfoRequest_Art33, AnExtensionMayBeGrantedWhileAThirdPartyIsConsulted) {
  Flow f;
  f.act(StartConsultationAction{"某公司", "商业秘密"});
  EXPECT_TRUE(
      f.act(ExtendInfoRequestAction{"王主任", "第三方意见待定", 5}, head()).effects.size() == 2u);
  EXPECT_EQ(f.r.status, InfoRequestStatus::Consulting);
  f.refuse(ExtendInfoRequestAction{"王主任", "x", 5}, WorkflowError::Code::NotAllowedNow,
           "extensionsUsed", head());
}

TEST(InfoRequest_Art33, NoExtensionWithoutARunningReplyClock) {
  Flow f;
  f.act(supplementNotice());
  f.refuse(RequestInfoExtensionAction{"需调阅档案", 10}, WorkflowError::Code::NotAllowedNow,
           "status");
  f.refuse(ExtendInfoRequestAction{"王主任", "需调阅档案", 10}, WorkflowError::Code::NotAllowedNow,
           "status", head());
}

// --- Art. 36: reply types ----------------------------------------------------------------------

ReplyAction fullReply(ReplyType type) {
  ReplyAction a;
  a.type = type;
  a.text = "现答复如下";
  a.where = "青溪区人民政府门户网站“政府信息公开”专栏";
  a.provision = "电子版随本答复提供";
  a.withheld = "第三方联系方式";
  a.legalBasis = "政府信息公开条例 第十五条";
  a.reason = "涉及个人隐私";
  a.rightUnit = "青溪区卫生健康委员会";
  a.previousCaseNo = "YS-2025-000042";
  a.otherChannel = "档案查阅";
  return a;
}

TEST(InfoRequest_Art36, EachReplyTypeNeedsItsContent) {
  using Blank = std::string ReplyAction::*;
  const std::vector<std::tuple<ReplyType, std::string, Blank>> required{
      {ReplyType::AlreadyPublic, "where", &ReplyAction::where},
      {ReplyType::Disclosed, "provision", &ReplyAction::provision},
      {ReplyType::PartlyDisclosed, "provision", &ReplyAction::provision},
      {ReplyType::PartlyDisclosed, "withheld", &ReplyAction::withheld},
      {ReplyType::PartlyDisclosed, "legalBasis", &ReplyAction::legalBasis},
      {ReplyType::PartlyDisclosed, "reason", &ReplyAction::reason},
      {ReplyType::NotDisclosed, "legalBasis", &ReplyAction::legalBasis},
      {ReplyType::NotDisclosed, "reason", &ReplyAction::reason},
      {ReplyType::Repeated, "previousCaseNo", &ReplyAction::previousCaseNo},
      {ReplyType::OtherChannel, "otherChannel", &ReplyAction::otherChannel},
  };
  for (const auto& [type, field, member] : required) {
    SCOPED_TRACE(std::string(toString(type)) + " without " + field);
    Flow f;
    ReplyAction a = fullReply(type);
    a.*member = "";
    f.refuse(a, WorkflowError::Code::Invalid, field);
  }
  // Every type needs its own words; with them and its content it is a reply.
  for (auto type : {ReplyType::AlreadyPublic, ReplyType::Disclosed, ReplyType::PartlyDisclosed,
                    ReplyType::NotDisclosed, ReplyType::DoesNotExist, ReplyType::NotThisUnit,
                    ReplyType::Repeated, ReplyType::OtherChannel}) {
    SCOPED_TRACE(toString(type));
    Flow f;
    ReplyAction a = fullReply(type);
    a.text = " ";
    f.refuse(a, WorkflowError::Code::Invalid, "text");
    a.text = "现答复如下";
    f.act(a);
    EXPECT_EQ(f.r.status, InfoRequestStatus::Replied);
    EXPECT_EQ(f.state.replyType, type);
  }
  // The right unit is named only where it is known.
  Flow f;
  ReplyAction unknown = fullReply(ReplyType::NotThisUnit);
  unknown.rightUnit.clear();
  EXPECT_TRUE(f.tryAct(unknown).has_value());
}

TEST(InfoRequest_Art36, TheReplyNoticeCarriesItsTypesContent) {
  Flow f;
  ReplyAction a = fullReply(ReplyType::PartlyDisclosed);
  a.attachmentUrl = "https://example.cn/d/1";
  const auto replied = f.act(a, staff(), kLater);
  EXPECT_EQ(replied.event, "info_request.replied");
  EXPECT_EQ(replied.basis, "政府信息公开条例 第三十六条");
  EXPECT_EQ(
      describe(replied),
      (Lines{"meet info_request.reply", "cancel info_request.supplement_notice",
             "citizen citizen.info.reply.partly_disclosed attachment_url=https://example.cn/d/1 "
             "case_no=YS-2026-000001 legal_basis=政府信息公开条例 第十五条 "
             "provision=电子版随本答复提供 reason=涉及个人隐私 text=现答复如下 "
             "withheld=第三方联系方式"}));
  EXPECT_EQ(f.state.repliedAt, kLater);
  EXPECT_EQ(f.state.reply["type"], "partly_disclosed");
  EXPECT_EQ(f.state.reply["withheld"], "第三方联系方式");
  EXPECT_EQ(f.state.reply["right_unit"], "青溪区卫生健康委员会");  // as given

  Flow g;
  EXPECT_EQ(describe(g.act(fullReply(ReplyType::NotThisUnit))).back(),
            "citizen citizen.info.reply.not_this_unit attachment_url= case_no=YS-2026-000001 "
            "right_unit=青溪区卫生健康委员会 text=现答复如下");
}

TEST(InfoRequest_Art36, ARepeatedApplicationNamesAnEarlierOne) {
  Flow f;
  ReplyAction a = fullReply(ReplyType::Repeated);
  a.previousCaseNo = f.r.caseNo;
  f.refuse(a, WorkflowError::Code::Invalid, "previousCaseNo");
}

TEST(InfoRequest_Art36, ARepliedApplicationIsArchivedAndNothingElse) {
  Flow f;
  f.act(fullReply(ReplyType::Disclosed));
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::NotAllowedNow, "status");
  f.refuse(supplementNotice(), WorkflowError::Code::NotAllowedNow, "status");
  f.refuse(StartConsultationAction{"某公司", "商业秘密"}, WorkflowError::Code::NotAllowedNow);
  const auto archived = f.act(ArchiveInfoRequestAction{});
  EXPECT_EQ(archived.event, "info_request.archived");
  EXPECT_EQ(archived.basis, "政府信息公开条例 第三十六条");
  f.refuse(ArchiveInfoRequestAction{}, WorkflowError::Code::NotAllowedNow, "status");
}

// --- who may act -------------------------------------------------------------------------------

TEST(InfoRequestPermissions, OnlyTheUnitAskedActs) {
  Flow f;
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::Forbidden, "actor",
           staff("handler", "health"));
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::Forbidden, "actor",
           staff("leader"));
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::Forbidden, "actor",
           Actor{"", "handler", "edu"});
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::Forbidden, "actor", systemActor());
  f.refuse(supplementNotice(), WorkflowError::Code::Forbidden, "actor", systemActor());
  // The unit's roles, and the supervisors from any unit.
  for (const auto& actor : {staff("handler"), staff("unit_head"), staff("receiving_department"),
                            staff("leading_group_office", "office"), staff("admin", "")}) {
    EXPECT_TRUE(f.tryAct(fullReply(ReplyType::Disclosed), actor).has_value()) << actor.role;
  }
  EXPECT_TRUE(
      f.tryAct(ExtendInfoRequestAction{"王主任", "需调阅档案", 5}, staff("admin", "")).has_value());
  // Permission is checked before status: a stranger learns nothing about the request's state.
  f.act(supplementNotice());
  f.refuse(fullReply(ReplyType::Disclosed), WorkflowError::Code::Forbidden, "actor",
           staff("handler", "health"));
}

// --- names and storage -------------------------------------------------------------------------

TEST(InfoRequestNames, StatusesReplyTypesAndActionsHaveStoredNames) {
  for (auto s : {InfoRequestStatus::Registered, InfoRequestStatus::AwaitingSupplement,
                 InfoRequestStatus::Consulting, InfoRequestStatus::Replied,
                 InfoRequestStatus::Withdrawn, InfoRequestStatus::Archived}) {
    EXPECT_EQ(infoRequestStatusFromString(toString(s)), s);
  }
  EXPECT_EQ(toString(InfoRequestStatus::AwaitingSupplement), "awaiting_supplement");
  EXPECT_EQ(infoRequestStatusFromString("open"), std::nullopt);
  const std::vector<std::pair<ReplyType, std::string>> names{
      {ReplyType::AlreadyPublic, "already_public"},
      {ReplyType::Disclosed, "disclosed"},
      {ReplyType::PartlyDisclosed, "partly_disclosed"},
      {ReplyType::NotDisclosed, "not_disclosed"},
      {ReplyType::DoesNotExist, "does_not_exist"},
      {ReplyType::NotThisUnit, "not_this_unit"},
      {ReplyType::Repeated, "repeated"},
      {ReplyType::OtherChannel, "other_channel"}};
  for (const auto& [type, name] : names) {
    EXPECT_EQ(toString(type), name);
    EXPECT_EQ(replyTypeFromString(name), type);
  }
  EXPECT_EQ(actionName(RequestSupplementAction{}), "request_supplement");
  EXPECT_EQ(actionName(DeemWithdrawnAction{}), "deem_withdrawn");
  EXPECT_EQ(actionName(RecordConsultationAction{}), "record_consultation");
  EXPECT_EQ(actionName(ExtendInfoRequestAction{}), "extend");
  EXPECT_EQ(actionName(DeclineInfoExtensionAction{}), "decline_extension");
  EXPECT_EQ(actionName(ArchiveInfoRequestAction{}), "archive");
}

TEST(InfoRequestState, JsonRoundTripsAndAMissingKeyIsTheDefault) {
  Flow f;
  f.act(supplementNotice(12));
  f.act(SupplementAction{"补充了文号", std::nullopt});
  f.act(StartConsultationAction{"某公司", "商业秘密"});
  f.act(RecordConsultationAction{"同意公开", true});
  f.act(RequestInfoExtensionAction{"需调阅档案", 10});
  const json pending = toJson(f.state);
  EXPECT_EQ(toJson(infoRequestStateFromJson(json::parse(pending.dump()))), pending);
  f.act(ExtendInfoRequestAction{"王主任", "", 0}, head());
  f.act(fullReply(ReplyType::AlreadyPublic));
  const json done = toJson(f.state);
  const InfoRequestState back = infoRequestStateFromJson(json::parse(done.dump()));
  EXPECT_EQ(toJson(back), done);
  EXPECT_EQ(back.replyType, ReplyType::AlreadyPublic);
  EXPECT_EQ(back.supplementWorkingDays, 12);
  EXPECT_EQ(back.consultations.size(), 1u);

  EXPECT_EQ(toJson(infoRequestStateFromJson(json::object())), toJson(InfoRequestState{}));
  EXPECT_THROW(infoRequestStateFromJson(json::array()), json::exception);
  EXPECT_THROW(infoRequestStateFromJson({{"reply_type", "maybe"}}), json::exception);
  EXPECT_THROW(infoRequestStateFromJson({{"extensions_used", "one"}}), json::exception);
  EXPECT_THROW(infoRequestStateFromJson({{"consultations", {1, 2}}}), json::exception);
}

}  // namespace
}  // namespace civicdesk::workflows
