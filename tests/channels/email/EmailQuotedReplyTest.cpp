// stripQuotedReply on the reply styles of the clients citizens use.
#include "channels/email/QuotedReply.hpp"

#include <gtest/gtest.h>

namespace civicdesk::channels::email {
namespace {

TEST(EmailQuotedReply, QqMailSeparator) {
  EXPECT_EQ(stripQuotedReply("路灯还没修好。\n\n------------------ 原始邮件 ------------------\n"
                             "发件人: \"信息公开\" <xinxi@qingxi.gov.cn>\n已受理"),
            "路灯还没修好。");
  // After HTML reduction the spaces around 原始邮件 may be no-break spaces.
  EXPECT_EQ(stripQuotedReply("好的\n------------------\u00A0原始邮件\u00A0------------------\nx"),
            "好的");
}

TEST(EmailQuotedReply, NeteaseAndOutlookSeparators) {
  EXPECT_EQ(stripQuotedReply("补充照片。\n-----原始邮件-----\n发件人：a\n"), "补充照片。");
  EXPECT_EQ(stripQuotedReply("OK\n-----Original Message-----\nFrom: a\n"), "OK");
  EXPECT_EQ(stripQuotedReply("收到\n________________________________\n发件人: 信息公开\n"), "收到");
}

TEST(EmailQuotedReply, FoxmailHeaderBlock) {
  EXPECT_EQ(stripQuotedReply("谢谢答复\n \n发件人：信息公开\n发送时间：2024-01-02 10:00\n"
                             "收件人：张三\n主题：回复：关于路灯\n原文"),
            "谢谢答复");
  // "发件人：" in the citizen's own text, without a date line after it, is kept.
  EXPECT_EQ(stripQuotedReply("发件人：我本人\n电话 13800000000"),
            "发件人：我本人\n电话 13800000000");
}

TEST(EmailQuotedReply, AttributionLines) {
  EXPECT_EQ(stripQuotedReply("Still broken.\n\nOn Tue, Jan 2, 2024 at 10:00 AM Desk "
                             "<xinxi@qingxi.gov.cn> wrote:\n> Received"),
            "Still broken.");
  EXPECT_EQ(stripQuotedReply("Still broken.\nOn Tue, Jan 2, 2024 at 10:00 AM Desk\n"
                             "<xinxi@qingxi.gov.cn> wrote:\n> Received"),
            "Still broken.");
  EXPECT_EQ(stripQuotedReply("还是坏的。\n在 2024年1月2日 10:00，信息公开 写道：\n> 已受理"),
            "还是坏的。");
}

TEST(EmailQuotedReply, QuotedLinesAnywhere) {
  EXPECT_EQ(stripQuotedReply("> 请问地址？\n幸福路12号\n> 电话？\n13800000000\n"),
            "幸福路12号\n13800000000");
}

TEST(EmailQuotedReply, NothingLeftKeepsTheText) {
  EXPECT_EQ(stripQuotedReply("> only a quote"), "> only a quote");
  EXPECT_EQ(stripQuotedReply("-----原始邮件-----\n转发的投诉内容"),
            "-----原始邮件-----\n转发的投诉内容");
}

TEST(EmailQuotedReply, CrlfAndTrailingBlankLines) {
  EXPECT_EQ(stripQuotedReply("a\r\nb\r\n\r\n\r\n"), "a\nb");
}

}  // namespace
}  // namespace civicdesk::channels::email
