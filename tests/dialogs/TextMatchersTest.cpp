// The readers of short answers and slot values, on their own.
#include <gtest/gtest.h>

#include "dialogs/common/TextMatchers.hpp"
#include "dialogs/common/Validators.hpp"
#include "util/Utf8.hpp"

namespace civicdesk::dialogs {
namespace {

TEST(TextMatchers, NumbersAreReadFromDigitsFullWidthDigitsAndChineseNumerals) {
  EXPECT_EQ(text::matchNumber("3"), 3);
  EXPECT_EQ(text::matchNumber("３"), 3);
  EXPECT_EQ(text::matchNumber("三"), 3);
  EXPECT_EQ(text::matchNumber("第三项"), 3);
  EXPECT_EQ(text::matchNumber("选3"), 3);
  EXPECT_EQ(text::matchNumber("3号。"), 3);
  EXPECT_EQ(text::matchNumber("十"), 10);
  EXPECT_EQ(text::matchNumber("十二"), 12);
  EXPECT_EQ(text::matchNumber("二十"), 20);
  EXPECT_EQ(text::matchNumber("两"), 2);
  EXPECT_EQ(text::matchNumber("12"), 12);
  EXPECT_FALSE(text::matchNumber(""));
  EXPECT_FALSE(text::matchNumber("三个人"));
  EXPECT_FALSE(text::matchNumber("一二"));
  EXPECT_FALSE(text::matchNumber("13800138000"));
  EXPECT_FALSE(text::matchNumber("教育局"));
}

TEST(TextMatchers, YesAndNoInTheirCommonForms) {
  for (const char* yes : {"是", "是的", "对", "有", "嗯", "yes", "Yes", "YES", "1", "１", "是！"}) {
    EXPECT_EQ(text::matchYesNo(yes), true) << yes;
  }
  for (const char* no : {"否", "不是", "没有", "无", "no", "NO", "2", "没有。"}) {
    EXPECT_EQ(text::matchYesNo(no), false) << no;
  }
  for (const char* neither : {"", "可能", "3", "是不是", "有没有"}) {
    EXPECT_FALSE(text::matchYesNo(neither).has_value()) << neither;
  }
}

TEST(TextMatchers, CommandWordsAreWholeAnswersOnly) {
  EXPECT_EQ(text::matchCommand("取消"), text::Command::Cancel);
  EXPECT_EQ(text::matchCommand(" 取消。"), text::Command::Cancel);
  EXPECT_EQ(text::matchCommand("返回"), text::Command::Back);
  EXPECT_EQ(text::matchCommand("上一步"), text::Command::Back);
  EXPECT_EQ(text::matchCommand("帮助"), text::Command::Help);
  EXPECT_EQ(text::matchCommand("菜单"), text::Command::Menu);
  EXPECT_EQ(text::matchCommand("０"), text::Command::Menu);
  // inside a sentence they are facts, not commands
  EXPECT_FALSE(text::matchCommand("申请被取消了也没有通知"));
  EXPECT_FALSE(text::matchCommand("返回的材料不全"));
}

TEST(Validators, MainlandMobilesAreNormalisedToElevenDigits) {
  EXPECT_EQ(validate::mainlandMobile("13800138000"), "13800138000");
  EXPECT_EQ(validate::mainlandMobile("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(validate::mainlandMobile("0086 13800138000"), "13800138000");
  EXPECT_EQ(validate::mainlandMobile("幺九九 八七六五 四三二一"), "19987654321");
  EXPECT_FALSE(validate::mainlandMobile("12800138000"));  // no mobile prefix 12
  EXPECT_FALSE(validate::mainlandMobile("1380013800"));
  EXPECT_FALSE(validate::mainlandMobile("86 1380013800"));
  EXPECT_FALSE(validate::mainlandMobile("+44 7911 123456"));
  EXPECT_FALSE(validate::mainlandMobile("138a0013800"));
  EXPECT_FALSE(validate::mainlandMobile("1+3800138000"));
}

TEST(Validators, MaskedMobilesShowTheFirstThreeAndLastFourDigits) {
  EXPECT_EQ(validate::maskMobile("13800138000"), "138****8000");
}

TEST(Validators, NamesFactsAndAddressesByCharactersNotBytes) {
  EXPECT_EQ(validate::name("张三"), "张三");
  EXPECT_FALSE(validate::name("张"));
  EXPECT_EQ(validate::name("青溪区某某科技有限公司"), "青溪区某某科技有限公司");
  EXPECT_FALSE(validate::facts("没有公开"));
  EXPECT_EQ(validate::facts(" 网站没有公开预算 "), "网站没有公开预算");
  EXPECT_FALSE(validate::address(" \u3000 "));
  EXPECT_EQ(validate::address("人民路1号"), "人民路1号");
}

TEST(TextMatchers, InfoRequest_Art30_ASupplementBeginsWithTheWordTheNoticeAsksFor) {
  EXPECT_TRUE(text::isSupplement("补正 需要2026年的方案"));
  EXPECT_TRUE(text::isSupplement("\xE3\x80\x80 补正：文号是青教发〔2026〕3号"));  // U+3000 first
  EXPECT_FALSE(text::isSupplement("我想补正一下"));  // not at the start: an ordinary message
  EXPECT_FALSE(text::isSupplement(""));
}

TEST(Utf8, BrokenBytesCostACharacterNotTheText) {
  EXPECT_EQ(utf8::length("张\xff三"), 2u);
  EXPECT_EQ(utf8::truncate("一二三四五", 3), "一二三…");
  EXPECT_EQ(utf8::truncate("一二三", 3), "一二三");
  EXPECT_EQ(utf8::trim("\u3000 你好 \u3000"), "你好");
}

}  // namespace
}  // namespace civicdesk::dialogs
