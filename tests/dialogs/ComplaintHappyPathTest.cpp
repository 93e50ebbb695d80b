// The whole complaint dialog, from the menu to a registered case (RULES.md §1 Art. 4, 7, 8).
#include <gtest/gtest.h>

#include "tests/dialogs/DialogHarness.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::dialogs::testing {
namespace {

using workflows::ComplaintGround;

TEST(ComplaintDialog_Art8, HappyPathAsksForEveryItemAndRegistersTheCompleteForm) {
  Chat chat;
  EXPECT_TRUE(contains(chat.send("1"), "您要投诉哪个单位"));
  EXPECT_TRUE(contains(chat.send("教育局"), "青溪区教育局"));
  EXPECT_TRUE(contains(chat.send("招生科"), "哪方面的问题"));
  EXPECT_TRUE(contains(chat.send("网站上的招生信息好几年没更新了"), "第2项"));
  EXPECT_TRUE(contains(chat.send("是"), "事情经过"));
  EXPECT_TRUE(contains(chat.send("今年9月起教育局网站招生栏目一直没有更新，打电话也没人答复。"),
                       "有证据吗"));
  EXPECT_TRUE(contains(chat.image("media-1", "https://media.example/1.jpg"), "已收到图片"));
  EXPECT_TRUE(contains(chat.send("网址 http://edu.example/zs"), "现有证据2份"));
  EXPECT_TRUE(contains(chat.send("完成"), "其他机关投诉举报"));
  EXPECT_TRUE(contains(chat.send("否"), "监督机关"));
  EXPECT_TRUE(contains(chat.send("否"), "姓名"));
  EXPECT_TRUE(contains(chat.send("张三"), "手机号"));
  EXPECT_TRUE(contains(chat.send("138 0013 8000"), "地址"));
  EXPECT_TRUE(contains(chat.send("青溪区人民路1号"), "答复"));

  const DialogOutcome summary = chat.send("是");
  EXPECT_EQ(chat.state(), "complaint.confirm");
  for (const char* shown :
       {"青溪区教育局", "招生科", "第2项", "不及时更新公开的信息", "今年9月起", "证据：2份", "张三",
        "138****8000", "青溪区人民路1号", "需要答复：是", "确认", "修改"}) {
    EXPECT_TRUE(contains(summary, shown)) << shown << " missing from\n" << joined(summary);
  }
  EXPECT_FALSE(contains(summary, "13800138000")) << "the summary masks the phone";

  const DialogOutcome confirmed = chat.send("确认");
  EXPECT_EQ(chat.state(), "complaint.registering");
  ASSERT_TRUE(confirmed.registerComplaint.has_value());
  const workflows::ComplaintForm& form = confirmed.registerComplaint->form;
  EXPECT_EQ(form.respondentUnitId, "edu");
  EXPECT_EQ(form.respondentDetail, "招生科");
  EXPECT_EQ(form.ground, ComplaintGround::NotUpdating);
  EXPECT_EQ(form.facts, "今年9月起教育局网站招生栏目一直没有更新，打电话也没人答复。");
  ASSERT_EQ(form.evidence.size(), 2u);
  EXPECT_EQ(form.evidence[0].kind, "image");
  EXPECT_EQ(form.evidence[0].content, "media-1");
  EXPECT_EQ(form.evidence[0].url, "https://media.example/1.jpg");
  EXPECT_EQ(form.evidence[1].kind, "text");
  EXPECT_EQ(form.evidence[1].content, "网址 http://edu.example/zs");
  EXPECT_EQ(form.complainant.name, "张三");
  EXPECT_EQ(form.complainant.phone, "13800138000");
  EXPECT_EQ(form.complainant.address, "青溪区人民路1号");
  EXPECT_TRUE(form.complainant.wantsReply);
  EXPECT_TRUE(workflows::missingComplaintItems(form).empty());
  // Art. 7: what the dialog established, and what the citizen answered.
  EXPECT_EQ(form.admissibility.respondentIsPilotUnit, true);
  EXPECT_EQ(form.admissibility.respondentIdentified, true);
  EXPECT_EQ(form.admissibility.complainantReachable, true);
  EXPECT_EQ(form.admissibility.reportedElsewhere, false);
  EXPECT_EQ(form.admissibility.otherAgencyDeclined, std::nullopt);
  EXPECT_EQ(form.admissibility.supervisionAlreadyDecided, false);
  EXPECT_EQ(form.admissibility.concernsDisclosure, std::nullopt);  // for the handler
  EXPECT_TRUE(workflows::assessAdmissibility(form.admissibility).admissible);

  const DialogOutcome done = chat.registered("TS-2026-000123");
  EXPECT_TRUE(contains(done, "投诉已登记，案件编号：TS-2026-000123"));
  EXPECT_TRUE(contains(done, "受理部门将于 2026-12-02 前决定是否受理"));
  EXPECT_TRUE(contains(done, "请回复编号选择服务")) << "and the menu follows";
  EXPECT_EQ(chat.state(), "menu");
  EXPECT_TRUE(chat.snapshot().slots.empty()) << "nothing of the complaint stays in the slots";
}

TEST(ComplaintDialog_Art8, ConfirmingAsksNothingMoreOfTheCitizenUntilTheCaseIsRegistered) {
  Chat chat;
  walkTo(chat, "complaint.registering");
  EXPECT_TRUE(contains(chat.send("好了吗"), "正在登记"));
  EXPECT_EQ(chat.state(), "complaint.registering");
  EXPECT_FALSE(chat.send("返回").registerComplaint.has_value());
  EXPECT_EQ(chat.state(), "complaint.registering");
  EXPECT_TRUE(contains(chat.registered("TS-2026-000007"), "TS-2026-000007"));
  EXPECT_EQ(chat.state(), "menu");
}

TEST(ComplaintDialog_Art8, NoReplyWantedIsRecordedAndTheLastTextSaysSo) {
  Chat chat;
  walkTo(chat, "complaint.wantsReply");
  EXPECT_TRUE(contains(chat.send("不需要"), "需要答复：否"));
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerComplaint.has_value());
  EXPECT_FALSE(confirmed.registerComplaint->form.complainant.wantsReply);
  EXPECT_TRUE(contains(chat.registered("TS-2026-000124"), "不需要答复"));
}

TEST(ComplaintDialog_Art8, CaseRegisteredWithoutAPendingComplaintIsAProgrammingError) {
  Chat chat;
  EXPECT_THROW(chat.registered("TS-2026-000001"), std::logic_error);
}

TEST(ComplaintDialog_Art8, AmendingOneItemReturnsToTheSummaryAndKeepsTheRest) {
  Chat chat;
  walkTo(chat, "complaint.confirm");
  EXPECT_TRUE(contains(chat.send("修改"), "7 手机号"));
  EXPECT_EQ(chat.state(), "complaint.amend");
  chat.send("7");
  EXPECT_EQ(chat.state(), "complaint.phone");
  EXPECT_TRUE(contains(chat.send("13900139000"), "139****9000"));
  EXPECT_EQ(chat.state(), "complaint.confirm");
  const DialogOutcome confirmed = chat.send("确认");
  ASSERT_TRUE(confirmed.registerComplaint.has_value());
  const auto& form = confirmed.registerComplaint->form;
  EXPECT_EQ(form.complainant.phone, "13900139000");
  EXPECT_EQ(form.complainant.name, "张三");
  EXPECT_EQ(form.respondentUnitId, "edu");
  EXPECT_EQ(form.evidence.size(), 2u);
}

TEST(ComplaintDialog_Art8, AmendingTheUnitAsksItsOfficeAgainThenReturnsToTheSummary) {
  Chat chat;
  walkTo(chat, "complaint.confirm");
  chat.send("修改");
  chat.send("1");
  EXPECT_EQ(chat.state(), "complaint.unit");
  chat.send("民政局");
  EXPECT_EQ(chat.state(), "complaint.respondentDetail");
  const DialogOutcome summary = chat.send("跳过");
  EXPECT_EQ(chat.state(), "complaint.confirm");
  EXPECT_TRUE(contains(summary, "青溪区民政局"));
  EXPECT_TRUE(contains(summary, "科室或人员：未填写"));
  EXPECT_TRUE(contains(summary, "第2项")) << "the ground is kept";
}

TEST(ComplaintDialog_Art8, AnythingElseAtTheSummaryRepeatsTheChoice) {
  Chat chat;
  walkTo(chat, "complaint.confirm");
  EXPECT_TRUE(contains(chat.send("嗯嗯嗯？"), "请回复“确认”提交"));
  EXPECT_EQ(chat.state(), "complaint.confirm");
  EXPECT_TRUE(contains(chat.send("修改"), "选择要修改的内容"));
  EXPECT_TRUE(contains(chat.send("12"), "1 到 9"));
  EXPECT_EQ(chat.state(), "complaint.amend");
}

}  // namespace
}  // namespace civicdesk::dialogs::testing
