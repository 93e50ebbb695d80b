// The email channel through the real server on loopback (issue 5): complaints by Mailgun route
// and by raw MIME, answered over SMTP to a real SMTP server (aiosmtpd, STARTTLS + AUTH) and
// read back with our own MIME reader; replies threaded to their case; staff told by email;
// bad signatures, replays, oversized and wrongly authorised posts refused with nothing stored.
#include <gtest/gtest.h>

#include <httplib.h>
#include <iconv.h>
#include <ctime>

#include "channels/FormBody.hpp"
#include "channels/Signature.hpp"
#include "channels/email/MimeMessage.hpp"
#include "tests/bot/ServiceHarness.hpp"
#include "tests/bot/StaffApiClient.hpp"
#include "tests/support/Eventually.hpp"
#include "tests/support/SmtpTestServer.hpp"

namespace civicdesk::testing {
namespace {

using nlohmann::json;

constexpr const char* kSigningKey = "test-signing-key";
constexpr const char* kMimeToken = "mail-server-pipe-token";
constexpr const char* kOurAddress = "xinxi@desk.qingxi-demo.gov.cn";
constexpr std::int64_t kNow = 1795744800;  // the harness clock: 2026-11-27 10:00 Shanghai

// Mailgun signs with the time a webhook leaves; the service checks it against the host's
// clock, whatever its business clock says.
std::string hostTime(std::int64_t offset = 0) {
  return std::to_string(static_cast<std::int64_t>(std::time(nullptr)) + offset);
}

std::string mailgunSignature(const std::string& timestamp, const std::string& token) {
  return channels::toHex(channels::hmacSha256(kSigningKey, timestamp + token));
}

class EmailIntegration : public ::testing::Test {
 protected:
  EmailIntegration()
      : certificate_(SmtpTestServer::makeCertificate(certDir_.path())),
        smtp_(SmtpTestOptions{
            SmtpTestOptions::Tls::starttls, certificate_, "desk", "app-code-1", {}, 0}),
        harness_({{"CIVICDESK_MAILGUN_SIGNING_KEY", kSigningKey},
                  {"CIVICDESK_EMAIL_MIME_TOKEN", kMimeToken},
                  {"CIVICDESK_SMTP_URL", smtp_.url()},
                  {"CIVICDESK_SMTP_USERNAME", "desk"},
                  {"CIVICDESK_SMTP_PASSWORD", "app-code-1"},
                  {"CIVICDESK_SMTP_CA_FILE", certificate_.certFile},
                  {"CIVICDESK_EMAIL_FROM", kOurAddress}}) {
    harness_.start();
  }

  httplib::Result postMime(const std::string& raw, const std::string& token = kMimeToken) {
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(15, 0);
    return http.Post("/email/mime", {{"Authorization", "Bearer " + token}}, raw, "message/rfc822");
  }

  httplib::Result postMailgun(channels::FormFields fields, const std::string& token,
                              const std::string& timestamp = hostTime(),
                              const std::string& signature = "") {
    fields.emplace_back("timestamp", timestamp);
    fields.emplace_back("token", token);
    fields.emplace_back("signature",
                        signature.empty() ? mailgunSignature(timestamp, token) : signature);
    httplib::Client http("127.0.0.1", harness_.port());
    http.set_read_timeout(15, 0);
    return http.Post("/email/mailgun", channels::encodeFormBody(fields),
                     "application/x-www-form-urlencoded");
  }

  // The mails the SMTP server got for `to`, parsed.
  std::vector<channels::email::MimeMessage> mailsTo(const std::string& to) {
    std::vector<channels::email::MimeMessage> out;
    for (const auto& m : smtp_.messages()) {
      if (m.recipients.empty() || m.recipients.front() != to) continue;
      auto parsed = channels::email::parseMime(m.data, {});
      EXPECT_TRUE(parsed.has_value());
      if (parsed) out.push_back(*parsed);
    }
    return out;
  }

  bool waitForMailTo(const std::string& to, std::size_t count) {
    return eventually([&] { return mailsTo(to).size() >= count; });
  }

  TempDir certDir_;
  TestCertificate certificate_;
  SmtpTestServer smtp_;
  ServiceHarness harness_;
};

// A complaint as Foxmail would send it: GB2312-labelled GBK, base64, an encoded subject.
std::string foxmailComplaint() {
  const std::string body =
      "我要投诉青溪区教育局，其网站招生政策栏目自2022年起一直没有更新，"
      "2023年的招生简章仍挂在首页。\r\n姓名：王镕\r\n电话：13800138000\r\n"
      "地址：青溪区人民路100号\r\n";
  // The body in GBK (the test data is UTF-8; iconv through the shell-free path below).
  std::string gbk;
  {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string in = body;
    gbk.resize(in.size() * 2);
    char* inp = in.data();
    char* outp = gbk.data();
    std::size_t inLeft = in.size(), outLeft = gbk.size();
    iconv(cd, &inp, &inLeft, &outp, &outLeft);
    gbk.resize(gbk.size() - outLeft);
    iconv_close(cd);
  }
  return "From: =?GB2312?B?zfXpRg==?= <wangrong@example.com>\r\n"
         "To: " +
         std::string(kOurAddress) +
         "\r\n"
         "Subject: =?UTF-8?B?5YWz5LqO6Lev54Gv5o2f5Z2P55qE5oqV6K+J?=\r\n"
         "Message-ID: <fox-0001@example.com>\r\n"
         "Date: Fri, 27 Nov 2026 09:30:00 +0800\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=\"gb2312\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         channels::base64Encode(gbk) + "\r\n";
}

TEST_F(EmailIntegration, AComplaintByMailIsRegisteredAndAnsweredInItsThread) {
  auto res = postMime(foxmailComplaint());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE channel = 'email' AND "
                           "json_extract(form_json, '$.complainant.name') = '王镕'"),
            1);
  ASSERT_TRUE(waitForMailTo("wangrong@example.com", 1));
  const auto answer = mailsTo("wangrong@example.com").front();
  EXPECT_NE(answer.textBody.find("TS-2026-000001"), std::string::npos) << answer.textBody;
  EXPECT_NE(answer.textBody.find("2026-12-02"), std::string::npos) << answer.textBody;
  EXPECT_EQ(answer.inReplyTo, std::vector<std::string>{"fox-0001@example.com"});
  EXPECT_NE(answer.subject.find("关于路灯损坏的投诉"), std::string::npos) << answer.subject;
  EXPECT_NE(answer.subject.find("[案件 TS-2026-000001]"), std::string::npos) << answer.subject;
  EXPECT_NE(answer.messageId.find("case-TS-2026-000001."), std::string::npos) << answer.messageId;
  EXPECT_NE(answer.messageId.find("@desk.qingxi-demo.gov.cn"), std::string::npos);
  // The receiving department's staff mailbox is told of the new case, by email too.
  ASSERT_TRUE(waitForMailTo("staff-office@qingxi-demo.gov.cn", 1));
  EXPECT_NE(mailsTo("staff-office@qingxi-demo.gov.cn").front().textBody.find("TS-2026-000001"),
            std::string::npos);

  // The citizen answers our mail with a photo: it joins the case (In-Reply-To our id).
  const std::string reply =
      "From: wangrong@example.com\r\nTo: " + std::string(kOurAddress) +
      "\r\nSubject: Re: " + answer.subject +
      "\r\nMessage-ID: <fox-0002@example.com>\r\n"
      "In-Reply-To: <" +
      answer.messageId + ">\r\nReferences: <fox-0001@example.com> <" + answer.messageId +
      ">\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n补充一张首页截图。\r\n"
      "--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename=\"=?GB2312?B?vdjNvA==?=.png\"\r\n\r\n"
      "iVBORw0KGgo=\r\n--b1--\r\n";
  auto joined = postMime(reply);
  ASSERT_TRUE(joined);
  ASSERT_EQ(joined->status, 200) << joined->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'case.citizen_mail'"), 1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM attachments WHERE filename = '截图.png' AND "
                           "content_type = 'image/png' AND size = 8"),
            1);
  ASSERT_TRUE(waitForMailTo("wangrong@example.com", 2));
  const auto second = mailsTo("wangrong@example.com").back();
  EXPECT_NE(second.textBody.find("TS-2026-000001"), std::string::npos) << second.textBody;
  EXPECT_EQ(second.inReplyTo, std::vector<std::string>{"fox-0002@example.com"});

  // Art. 7: the acceptance reaches the complainant by mail, in the same thread.
  StaffApiClient office(harness_.port(), harness_.addStaff("李四", "handler", "office"));
  auto accepted = office.act("TS-2026-000001", "accept", {{"basis", "符合受理条件"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  ASSERT_TRUE(waitForMailTo("wangrong@example.com", 3));
  const auto notice = mailsTo("wangrong@example.com").back();
  EXPECT_NE(notice.subject.find("[案件 TS-2026-000001]"), std::string::npos) << notice.subject;
  EXPECT_NE(notice.textBody.find("受理"), std::string::npos) << notice.textBody;
  ASSERT_EQ(notice.inReplyTo.size(), 1u);
  EXPECT_NE(notice.inReplyTo.front().find("desk.qingxi-demo.gov.cn"), std::string::npos)
      << "threaded to our previous answer";

  // The same mail piped twice (a mail server retry) changes nothing.
  auto again = postMime(reply);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'case.citizen_mail'"), 1);
}

TEST_F(EmailIntegration, AnIncompleteMailGetsOneAnswerAndTheReplyCompletesIt) {
  auto first = postMailgun(
      {{"recipient", kOurAddress},
       {"sender", "li@example.com"},
       {"from", "李雷 <li@example.com>"},
       {"subject", "反映问题"},
       {"Message-Id", "<li-1@example.com>"},
       {"body-plain", "区教育局网站上的招生信息好几年没更新了，家长根本查不到今年的政策。"}},
      "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 0);
  ASSERT_TRUE(waitForMailTo("li@example.com", 1));
  const auto ask = mailsTo("li@example.com").front();
  EXPECT_NE(ask.textBody.find("还需要您补充"), std::string::npos) << ask.textBody;
  EXPECT_NE(ask.textBody.find("地址"), std::string::npos) << ask.textBody;

  auto second = postMailgun({{"recipient", kOurAddress},
                             {"sender", "li@example.com"},
                             {"from", "李雷 <li@example.com>"},
                             {"subject", "Re: 反映问题"},
                             {"Message-Id", "<li-2@example.com>"},
                             {"In-Reply-To", "<" + ask.messageId + ">"},
                             {"body-plain", "2\n地址：青溪区幸福路8号\n手机：13900139000"}},
                            "b8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de1");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE channel = 'email' AND "
                           "json_extract(form_json, '$.complainant.address') = '青溪区幸福路8号'"),
            1);
  ASSERT_TRUE(waitForMailTo("li@example.com", 2));
  EXPECT_NE(mailsTo("li@example.com").back().textBody.find("TS-2026-000001"), std::string::npos);
}

// Issue 6 by mail: a mail asking for information to be disclosed is an application, not a
// complaint. The first mail lacks the ID: one answer asks for it; the reply (threaded to our
// answer) completes it, and the application is registered through the information-request
// workflow ("YS-…", received today) and answered in the same thread.
// A mail from the applicant 赵敏 (UTF-8, base64), with extra headers (threading).
std::string applicantMail(const std::string& id, const std::string& extra, const std::string& body,
                          const std::string& subject = "政府信息公开申请") {
  return "From: =?UTF-8?B?" + channels::base64Encode("赵敏") +
         "?= <zhaomin@example.com>\r\nTo: " + std::string(kOurAddress) + "\r\nSubject: =?UTF-8?B?" +
         channels::base64Encode(subject) + "?=\r\nMessage-ID: <" + id + ">\r\n" + extra +
         "Date: Fri, 27 Nov 2026 09:30:00 +0800\r\nMIME-Version: 1.0\r\n"
         "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         channels::base64Encode(body) + "\r\n";
}

// The header that puts a mail in the thread of `ours` (after the applicant's earlier mails).
std::string inThreadOf(const channels::email::MimeMessage& ours) {
  return "In-Reply-To: <" + ours.messageId + ">\r\nReferences: <" + ours.messageId + ">\r\n";
}

TEST_F(EmailIntegration, InfoRequest_AnApplicationByMailIsRegisteredAndAnsweredInItsThread) {
  const auto mail = [](const std::string& id, const std::string& extra, const std::string& body) {
    return applicantMail(id, extra, body);
  };
  auto first = postMime(mail("zm-0001@example.com", "",
                             "您好：\r\n我申请公开青溪区教育局《2026年义务教育招生工作方案》"
                             "（青教发〔2026〕3号），请以电子版发送到我的邮箱。\r\n"
                             "申请人：赵敏\r\n手机：13700137000\r\n"));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 0);
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 1));
  const auto ask = mailsTo("zhaomin@example.com").front();
  EXPECT_NE(ask.textBody.find("政府信息公开申请"), std::string::npos) << ask.textBody;
  EXPECT_NE(ask.textBody.find("身份证号码"), std::string::npos) << ask.textBody;
  EXPECT_NE(ask.textBody.find("青溪区教育局"), std::string::npos) << ask.textBody;
  EXPECT_EQ(ask.textBody.find("被投诉"), std::string::npos) << "not a complaint: " << ask.textBody;
  EXPECT_EQ(ask.inReplyTo, std::vector<std::string>{"zm-0001@example.com"});

  auto second =
      postMime(mail("zm-0002@example.com",
                    "In-Reply-To: <" + ask.messageId + ">\r\nReferences: <zm-0001@example.com> <" +
                        ask.messageId + ">\r\n",
                    "身份证号码：11010519491231002X\r\n"));
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE kind = 'complaint'"), 0);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases WHERE kind = 'info_request' AND "
                           "case_no = 'YS-2026-000001' AND channel = 'email' AND "
                           "received_at = " +
                           std::to_string(kNow) + " AND respondent_unit_id = 'edu'"),
            1);
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 2));
  const auto registered = mailsTo("zhaomin@example.com").back();
  EXPECT_NE(registered.textBody.find("YS-2026-000001"), std::string::npos) << registered.textBody;
  EXPECT_NE(registered.textBody.find("收到申请的日期：2026-11-27"), std::string::npos)
      << registered.textBody;
  EXPECT_NE(registered.textBody.find("2026-12-25 前答复"), std::string::npos)
      << registered.textBody;
  EXPECT_NE(registered.textBody.find("电子邮件发送至 zhaomin@example.com"), std::string::npos)
      << registered.textBody;
  EXPECT_EQ(registered.inReplyTo, std::vector<std::string>{"zm-0002@example.com"});
  EXPECT_NE(registered.subject.find("政府信息公开申请"), std::string::npos) << registered.subject;
  EXPECT_NE(registered.subject.find("YS-2026-000001"), std::string::npos) << registered.subject;
  EXPECT_NE(registered.messageId.find("case-YS-2026-000001."), std::string::npos)
      << registered.messageId;
  // The thread belongs to the request: both of the citizen's mails and our answer.
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM mail_threads WHERE case_id = (SELECT id FROM "
                           "cases WHERE case_no = 'YS-2026-000001')"),
            4);
  // The draft is done: a further mail starts afresh rather than registering twice.
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM conversations WHERE key = "
                           "'email-application:zhaomin@example.com' AND state = 'email.done'"),
            1);
}

// A later mail in a request's thread belongs to the request: while a supplement is awaited it
// is the supplement (Art. 30: the clock restarts, the applicant is told the new date);
// otherwise it joins the request and reaches the unit asked. Never a new application.
TEST_F(EmailIntegration, InfoRequest_Art30_MailsInTheRequestsThreadSupplementOrJoinIt) {
  ASSERT_EQ(postMime(applicantMail("zm-0101@example.com", "",
                                   "我申请公开青溪区教育局《2026年义务教育招生工作方案》，"
                                   "请以电子版发送到我的邮箱。\r\n申请人：赵敏\r\n"
                                   "手机：13700137000\r\n身份证号码：11010519491231002X\r\n"))
                ->status,
            200);
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 1));
  const auto registered = mailsTo("zhaomin@example.com").back();
  ASSERT_NE(registered.textBody.find("YS-2026-000001"), std::string::npos) << registered.textBody;

  StaffApiClient edu(harness_.port(), harness_.addStaff("赵六", "handler", "edu"));
  auto asked = edu.post("/api/info-requests/YS-2026-000001/request-supplement",
                        {{"items", {"请说明所需方案的文号"}}, {"working_days", 5}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 2));
  const auto notice = mailsTo("zhaomin@example.com").back();
  EXPECT_NE(notice.textBody.find("请说明所需方案的文号"), std::string::npos) << notice.textBody;

  // The applicant answers the notice in its thread, without writing "补正".
  ASSERT_EQ(postMime(applicantMail("zm-0102@example.com", inThreadOf(notice),
                                   "文号是青教发〔2026〕3号。", "回复：补正通知"))
                ->status,
            200);
  auto view = edu.get("/api/info-requests/YS-2026-000001");
  EXPECT_EQ(view.body["status"], "registered") << view.body;
  EXPECT_GT(view.body["workflow"].value("supplemented_at", 0), 0) << view.body["workflow"];
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 3));
  EXPECT_NE(mailsTo("zhaomin@example.com").back().textBody.find("补正"), std::string::npos);

  // A further mail in the thread joins the request: the unit is told, the applicant answered.
  ASSERT_EQ(postMime(applicantMail("zm-0103@example.com", inThreadOf(registered),
                                   "请问大概什么时候可以收到？", "回复：政府信息公开申请"))
                ->status,
            200);
  ASSERT_TRUE(waitForMailTo("zhaomin@example.com", 4));
  const auto joined = mailsTo("zhaomin@example.com").back();
  EXPECT_NE(joined.textBody.find("YS-2026-000001"), std::string::npos) << joined.textBody;
  EXPECT_NE(joined.textBody.find("已登记，正在办理"), std::string::npos) << joined.textBody;
  EXPECT_EQ(joined.inReplyTo, std::vector<std::string>{"zm-0103@example.com"});
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'info_request.citizen_mail'"),
            1);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM cases"), 1) << "no second application";
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM conversations WHERE key = "
                           "'email-application:zhaomin@example.com' AND state != 'email.done'"),
            0);
}

TEST_F(EmailIntegration, BadSignaturesReplaysAndWrongTokensAreRefusedAndNothingIsStored) {
  const channels::FormFields mail{{"recipient", kOurAddress},
                                  {"sender", "x@example.com"},
                                  {"from", "x@example.com"},
                                  {"subject", "投诉"},
                                  {"body-plain", "区教育局网站没有更新。"}};
  const std::string token = "c8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de2";
  auto forged = postMailgun(mail, token, hostTime(), std::string(64, '0'));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  auto stale = postMailgun(mail, token, hostTime(-3600));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 401);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 0);

  auto good = postMailgun(mail, token);
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  auto replayed = postMailgun(mail, token);
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->status, 403);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 1);

  auto wrongToken = postMime(foxmailComplaint(), "guess");
  ASSERT_TRUE(wrongToken);
  EXPECT_EQ(wrongToken->status, 401);
  auto oversized = postMime(foxmailComplaint() + std::string(11 * 1024 * 1024, 'a'));
  ASSERT_TRUE(oversized);
  EXPECT_EQ(oversized->status, 413);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 1);
}

TEST_F(EmailIntegration, AProgressQueryByMailIsAnsweredInTheThread) {
  ASSERT_EQ(postMime(foxmailComplaint())->status, 200);
  const std::string query =
      "From: wangrong@example.com\r\nTo: " + std::string(kOurAddress) +
      "\r\nSubject: 查询\r\nMessage-ID: <fox-0003@example.com>\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n查询 TS-2026-000001\r\n";
  ASSERT_EQ(postMime(query)->status, 200);
  ASSERT_TRUE(waitForMailTo("wangrong@example.com", 2));
  const auto answer = mailsTo("wangrong@example.com").back();
  EXPECT_EQ(answer.inReplyTo, std::vector<std::string>{"fox-0003@example.com"});
  EXPECT_NE(answer.textBody.find("TS-2026-000001"), std::string::npos) << answer.textBody;
  EXPECT_EQ(answer.textBody.find("无法显示"), std::string::npos) << answer.textBody;
}

// PROTOCOLS.md §6 item 10: the ways a reply finds its case, and a mail that finds none.
TEST_F(EmailIntegration, ThreadingByReferencesByPlusAddressAndNothingIsANewContact) {
  ASSERT_EQ(postMime(foxmailComplaint())->status, 200);
  ASSERT_TRUE(waitForMailTo("wangrong@example.com", 1));
  const std::string ours = mailsTo("wangrong@example.com").front().messageId;
  auto mail = [&](const std::string& id, const std::string& to, const std::string& subject,
                  const std::string& extra) {
    return "From: wangrong@example.com\r\nTo: " + to + "\r\nSubject: " + subject +
           "\r\nMessage-ID: <" + id + ">\r\n" + extra +
           "Content-Type: text/plain; "
           "charset=utf-8\r\n\r\n另外，首页的联系电话也是错的，打不通。\r\n";
  };
  // Only References (a client that dropped In-Reply-To).
  ASSERT_EQ(postMime(mail("r1@example.com", kOurAddress, "补充", "References: <" + ours + ">\r\n"))
                ->status,
            200);
  // Neither, but the plus-addressed recipient names the case.
  ASSERT_EQ(
      postMime(mail("r2@example.com", "xinxi+TS-2026-000001@desk.qingxi-demo.gov.cn", "补充", ""))
          ->status,
      200);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'case.citizen_mail'"), 2);
  // Nothing that names the case: a new contact, a new complaint being written, not the case.
  ASSERT_EQ(postMime(mail("r3@example.com", kOurAddress, "你好", ""))->status, 200);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'case.citizen_mail'"), 2);
  // And a stranger naming the case number gets nothing attached to it.
  const std::string stranger =
      "From: someone@example.net\r\nTo: xinxi+TS-2026-000001@desk.qingxi-demo.gov.cn\r\n"
      "Subject: [案件 TS-2026-000001]\r\nMessage-ID: <s1@example.net>\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n这个案件怎么样了\r\n";
  ASSERT_EQ(postMime(stranger)->status, 200);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM events WHERE kind = 'case.citizen_mail'"), 2);
}

TEST_F(EmailIntegration, ABrokenMailgunBodyIsRefusedAndNothingIsStored) {
  httplib::Client http("127.0.0.1", harness_.port());
  auto res = http.Post("/email/mailgun", "timestamp=1&token=x&signature=%zz&body-plain=%E4%B",
                       "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
  EXPECT_LT(res->status, 500);
  EXPECT_EQ(harness_.count("SELECT COUNT(*) FROM inbound_messages"), 0);
}

}  // namespace
}  // namespace civicdesk::testing
