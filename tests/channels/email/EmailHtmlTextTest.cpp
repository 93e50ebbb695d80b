// htmlToText on the markup webmail clients write.
#include "channels/email/HtmlText.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civicdesk::channels::email {
namespace {

TEST(EmailHtmlText, QqMailDivLines) {
  EXPECT_EQ(htmlToText("<div>第一行</div><div>第二行</div><div><br></div><div>第三段</div>"),
            "第一行\n第二行\n\n第三段");
  EXPECT_EQ(htmlToText("a<br>b<br/><br>c"), "a\nb\n\nc");
  EXPECT_EQ(htmlToText("<div>a<br></div><div>b</div>"), "a\nb");
}

TEST(EmailHtmlText, EntitiesCommentsAndDroppedElements) {
  EXPECT_EQ(htmlToText("<!-- x --><style>.a{}</style>&ldquo;路灯&rdquo;&#x4F60;&#22909;&bogus;"),
            "\u201C路灯\u201D你好&bogus;");
  EXPECT_EQ(htmlToText("a &amp;&#0; b"), "a &\uFFFD b");
  EXPECT_EQ(htmlToText("  spaced \n\n  out  "), "spaced out");
  EXPECT_EQ(htmlToText("cut <b"), "cut");
}

TEST(EmailHtmlText, HostileMarkupTakesLinearTime) {
  std::string hostile;
  for (int i = 0; i < 100000; ++i) hostile += "&amp<style>x</STYLE>";
  EXPECT_EQ(htmlToText(hostile).size(), 400000u);  // "&amp" stays as written
}

}  // namespace
}  // namespace civicdesk::channels::email
