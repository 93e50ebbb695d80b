// MailComposer: the RFC 5322/MIME bytes of a reply (PROTOCOLS.md §4.3-4.5). Encoded words are
// checked against the published vector and decoded back with a small decoder written here,
// independently of the composer; header injection is refused field by field.
#include "channels/email/MailComposer.hpp"

#include <gtest/gtest.h>

#include "tests/support/Utf8Check.hpp"

#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "channels/Signature.hpp"

namespace civicdesk::channels {
namespace {

const MailIdentity kDesk{"xinxi@desk.example", "青溪区政务公开办"};
constexpr const char* kComposerCitizen = "zhang.san@example.cn";
constexpr std::int64_t kTime = 1772517909;  // 2026-03-03 06:05:09 UTC = 14:05:09 in Shanghai

Reply reply(std::string text, std::string subject = "关于路灯损坏的投诉") {
  Reply r;
  r.text = std::move(text);
  r.subject = std::move(subject);
  r.messageId = "case-TS-2026-000123.1772517909000.0a1b2c3d4e5f6789@desk.example";
  return r;
}

std::string compose(const Reply& r, const MailIdentity& from = kDesk) {
  auto mail = composeMail(from, kComposerCitizen, r, kTime);
  EXPECT_TRUE(mail.has_value()) << (mail.has_value() ? "" : mail.error());
  return mail.has_value() ? *mail : std::string();
}

struct Parsed {
  std::vector<std::string> headerLines;  // as written, folded lines separate
  std::string body;
};

Parsed split(const std::string& mail) {
  Parsed parsed;
  const std::size_t end = mail.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  std::size_t at = 0;
  while (at < end) {
    const std::size_t eol = mail.find("\r\n", at);
    parsed.headerLines.push_back(mail.substr(at, eol - at));
    at = eol + 2;
  }
  parsed.body = mail.substr(end + 4);
  return parsed;
}

// The unfolded value of header `name` (RFC 5322 §2.2.3: CRLF before white space removed).
std::string composedHeader(const std::string& mail, const std::string& name) {
  const Parsed parsed = split(mail);
  std::string value;
  bool inside = false;
  for (const std::string& line : parsed.headerLines) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (inside) value += line;
      continue;
    }
    if (inside) break;
    if (line.rfind(name + ": ", 0) == 0) {
      inside = true;
      value = line.substr(name.size() + 2);
    }
  }
  return value;
}

// RFC 2047 B words separated by white space, which decoding drops (§6.2).
std::string decodeWords(const std::string& value, std::vector<std::string>* words = nullptr) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string out;
  auto it = std::sregex_iterator(value.begin(), value.end(), kWord);
  for (; it != std::sregex_iterator(); ++it) {
    std::string bytes;
    EXPECT_TRUE(base64Decode((*it)[1].str(), bytes)) << (*it)[0].str();
    out += bytes;
    if (words != nullptr) words->push_back((*it)[0].str());
  }
  return out;
}

// RFC 2047 §2: a line holding an encoded word is at most 76 characters; RFC 5322 §2.1.1 asks
// 78 of every other line (all the ids here are short enough to allow it).
void expectLineLengths(const std::string& mail) {
  for (const std::string& line : split(mail).headerLines) {
    EXPECT_LE(line.size(), line.find("=?") != std::string::npos ? 76u : 78u) << line;
  }
}

std::string decodeBody(const std::string& body) {
  std::string joined;
  for (std::size_t at = 0; at < body.size();) {
    const std::size_t eol = body.find("\r\n", at);
    EXPECT_NE(eol, std::string::npos) << "body must end with CRLF";
    if (eol == std::string::npos) break;
    EXPECT_LE(eol - at, 76u);
    joined += body.substr(at, eol - at);
    at = eol + 2;
  }
  std::string decoded;
  EXPECT_TRUE(base64Decode(joined, decoded));
  return decoded;
}

TEST(MailComposerTest, SubjectMatchesThePublishedVector) {
  const std::string mail = compose(reply("您好"));
  EXPECT_NE(mail.find("\r\nSubject: =?UTF-8?B?5YWz5LqO6Lev54Gv5o2f5Z2P55qE5oqV6K+J?=\r\n"),
            std::string::npos)
      << mail;
}

TEST(MailComposerTest, LongSubjectIsSplitIntoWordsOfWholeCharacters) {
  // 3-byte Chinese, 1-byte ASCII and a 4-byte emoji, so word boundaries fall at every offset.
  std::string subject = "回复: [案件 TS-2026-000123] ";
  for (int i = 0; i < 12; ++i) subject += "关于青溪路路灯长期损坏😀a";
  const std::string mail = compose(reply("您好", subject));

  std::vector<std::string> words;
  EXPECT_EQ(decodeWords(composedHeader(mail, "Subject"), &words), subject);
  ASSERT_GT(words.size(), 5u);
  for (const std::string& word : words) {
    EXPECT_LE(word.size(), 75u) << word;
    std::vector<std::string> one;
    EXPECT_TRUE(civicdesk::testing::isWellFormedUtf8(decodeWords(word, &one)))
        << word << " splits a character";
  }
  expectLineLengths(mail);
}

TEST(MailComposerTest, EncodedWordsReplaceInvalidUtf8) {
  // A truncated 坏: util/Utf8 replaces each byte that starts no valid sequence.
  const std::vector<std::string> words = encodeWords("路灯\xE5\x9D");
  std::string joined;
  for (const std::string& word : words) joined += word;
  EXPECT_EQ(decodeWords(joined), "路灯\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(encodeWords("").empty());
}

TEST(MailComposerTest, ShortAsciiSubjectIsWrittenAsIs) {
  const std::string mail = compose(reply("ok", "Re: street light"));
  EXPECT_NE(mail.find("\r\nSubject: Re: street light\r\n"), std::string::npos);
  // Text a decoder would take for an encoded word is encoded, so it reads back as typed.
  const std::string tricky = compose(reply("ok", "=?UTF-8?B?5L2g5aW9?="));
  EXPECT_EQ(decodeWords(composedHeader(tricky, "Subject")), "=?UTF-8?B?5L2g5aW9?=");
}

TEST(MailComposerTest, EmptySubjectWritesNoSubjectHeader) {
  EXPECT_EQ(compose(reply("ok", "")).find("Subject:"), std::string::npos);
}

TEST(MailComposerTest, FromDisplayName) {
  const std::string chinese = compose(reply("ok"));
  const std::string from = composedHeader(chinese, "From");
  EXPECT_EQ(decodeWords(from), "青溪区政务公开办");
  EXPECT_NE(from.find(" <xinxi@desk.example>"), std::string::npos) << from;

  const std::string ascii = compose(reply("ok"), {"xinxi@desk.example", R"(Desk "A", B\C)"});
  EXPECT_EQ(composedHeader(ascii, "From"), R"("Desk \"A\", B\\C" <xinxi@desk.example>)");

  const std::string bare = compose(reply("ok"), {"xinxi@desk.example", ""});
  EXPECT_EQ(composedHeader(bare, "From"), "xinxi@desk.example");
  EXPECT_EQ(composedHeader(bare, "To"), kComposerCitizen);
}

TEST(MailComposerTest, DateIsRfc5322InShanghaiTime) {
  EXPECT_EQ(composedHeader(compose(reply("ok")), "Date"), "Tue, 03 Mar 2026 14:05:09 +0800");
  // 16:30 UTC on New Year's Eve is already the next day, month and year in Shanghai.
  auto mail = composeMail(kDesk, kComposerCitizen, reply("ok"), 1798734600);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(composedHeader(*mail, "Date"), "Fri, 01 Jan 2027 00:30:00 +0800");
  mail = composeMail(kDesk, kComposerCitizen, reply("ok"), 0);
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(composedHeader(*mail, "Date"), "Thu, 01 Jan 1970 08:00:00 +0800");
}

TEST(MailComposerTest, ThreadingHeaders) {
  Reply r = reply("ok");
  r.inReplyTo = "CAF=3x@mail.example.cn";
  for (int i = 0; i < 6; ++i) {
    r.references.push_back("case-TS-2026-000123." + std::to_string(i) + ".abcdef0123@desk.example");
  }
  r.references.push_back(r.inReplyTo);
  const std::string mail = compose(r);
  EXPECT_EQ(composedHeader(mail, "Message-ID"), "<" + r.messageId + ">");
  EXPECT_EQ(composedHeader(mail, "In-Reply-To"), "<CAF=3x@mail.example.cn>");

  std::string expected;
  for (const std::string& id : r.references) expected += (expected.empty() ? "<" : " <") + id + ">";
  EXPECT_EQ(composedHeader(mail, "References"), expected);
  expectLineLengths(mail);

  // Absent when not given.
  const std::string plain = compose(reply("ok"));
  EXPECT_EQ(plain.find("In-Reply-To:"), std::string::npos);
  EXPECT_EQ(plain.find("References:"), std::string::npos);
}

TEST(MailComposerTest, MimeHeadersAndBase64Body) {
  std::string text = "张三您好：\n您反映的路灯问题已受理，案件编号 TS-2026-000123。\r\n";
  for (int i = 0; i < 20; ++i) text += "请保持电话畅通。";
  text += "\r最后一行";
  const std::string mail = compose(reply(text));
  EXPECT_EQ(composedHeader(mail, "MIME-Version"), "1.0");
  EXPECT_EQ(composedHeader(mail, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(composedHeader(mail, "Content-Transfer-Encoding"), "base64");

  // Canonical text: every line break CRLF, whatever the reply used.
  std::string canonical = "张三您好：\r\n您反映的路灯问题已受理，案件编号 TS-2026-000123。\r\n";
  for (int i = 0; i < 20; ++i) canonical += "请保持电话畅通。";
  canonical += "\r\n最后一行";
  EXPECT_EQ(decodeBody(split(mail).body), canonical);
}

TEST(MailComposerTest, EveryLineEndsInCrlf) {
  Reply r = reply("第一行\n第二行\n\n.\n");
  r.inReplyTo = "a@b";
  r.references = {"a@b"};
  const std::string mail = compose(r);
  ASSERT_GE(mail.size(), 2u);
  EXPECT_EQ(mail.substr(mail.size() - 2), "\r\n");
  for (std::size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(mail[i - 1], '\r') << "bare LF at " << i;
    }
    if (mail[i] == '\r') {
      ASSERT_LT(i + 1, mail.size());
      EXPECT_EQ(mail[i + 1], '\n') << "bare CR at " << i;
    }
  }
}

TEST(MailComposerTest, LineBreaksInHeaderInputsAreRefused) {
  const auto refusal = [](MailIdentity from, std::string to, Reply r) {
    auto mail = composeMail(from, to, r, kTime);
    EXPECT_FALSE(mail.has_value());
    return mail.has_value() ? std::string() : mail.error();
  };
  const std::string injected = "路灯\r\nBcc: everyone@example.cn";
  EXPECT_NE(refusal(kDesk, kComposerCitizen, reply("ok", injected)).find("Subject"),
            std::string::npos);
  EXPECT_NE(refusal(kDesk, kComposerCitizen, reply("ok", "路灯\nBcc: x@y.cn")).find("Subject"),
            std::string::npos);
  EXPECT_NE(refusal(kDesk, kComposerCitizen, reply("ok", "路灯\rBcc: x@y.cn")).find("Subject"),
            std::string::npos);
  EXPECT_NE(refusal({"xinxi@desk.example", injected}, kComposerCitizen, reply("ok")).find("From"),
            std::string::npos);
  EXPECT_NE(refusal({"xinxi@desk.example\r\nBcc: x@y.cn", ""}, kComposerCitizen, reply("ok"))
                .find("From"),
            std::string::npos);
  EXPECT_NE(refusal(kDesk, "a@b.cn\r\nBcc: x@y.cn", reply("ok")).find("To"), std::string::npos);

  Reply r = reply("ok");
  r.messageId = "a@b\r\nBcc: x@y.cn";
  EXPECT_NE(refusal(kDesk, kComposerCitizen, r).find("Message-ID"), std::string::npos);
  r = reply("ok");
  r.inReplyTo = "a@b\nBcc: x@y.cn";
  EXPECT_NE(refusal(kDesk, kComposerCitizen, r).find("In-Reply-To"), std::string::npos);
  r = reply("ok");
  r.references = {"a@b", "c@d\r\nBcc: x@y.cn"};
  EXPECT_NE(refusal(kDesk, kComposerCitizen, r).find("References"), std::string::npos);
}

TEST(MailComposerTest, InvalidAddressesAndIdsAreRefused) {
  EXPECT_FALSE(composeMail(kDesk, "not an address", reply("ok"), kTime).has_value());
  EXPECT_FALSE(composeMail(kDesk, "a@b.cn, c@d.cn", reply("ok"), kTime).has_value());
  EXPECT_FALSE(composeMail({"desk", ""}, kComposerCitizen, reply("ok"), kTime).has_value());
  Reply r = reply("ok");
  r.messageId = "";
  EXPECT_FALSE(composeMail(kDesk, kComposerCitizen, r, kTime).has_value());
  r.messageId = "<a@b>";  // ids are given without angle brackets
  EXPECT_FALSE(composeMail(kDesk, kComposerCitizen, r, kTime).has_value());
  r = reply("ok");
  r.inReplyTo = "a b@c";
  EXPECT_FALSE(composeMail(kDesk, kComposerCitizen, r, kTime).has_value());
}

TEST(MailComposerTest, AddressValidation) {
  for (const char* good : {"a@b.cn", "xinxi+TS-2026-000123@desk.example", "zhang.san@example.cn",
                           "o'brien@mail.example"}) {
    EXPECT_TRUE(isValidMailAddress(good)) << good;
  }
  for (const char* bad :
       {"", "a", "@b.cn", "a@", "a@@b.cn", "a b@c.cn", "<a@b.cn>", "a@b..cn", ".a@b.cn", "a.@b.cn",
        "a@b.cn.", "a@b_c.cn", "张三@example.cn", "a@[127.0.0.1]", "a\"b@c.cn", "a@b.cn\n"}) {
    EXPECT_FALSE(isValidMailAddress(bad)) << bad;
  }
  EXPECT_FALSE(isValidMailAddress(std::string(65, 'a') + "@b.cn"));
}

TEST(MailComposerTest, NewMessageIdFormat) {
  const std::string id = newMessageId("TS-2026-000123", "desk.example");
  EXPECT_TRUE(std::regex_match(
      id, std::regex(R"(case-TS-2026-000123\.\d{13}\.[0-9a-f]{16}@desk\.example)")))
      << id;
  const std::string plain = newMessageId("", "desk.example");
  EXPECT_TRUE(std::regex_match(plain, std::regex(R"(msg\.\d{13}\.[0-9a-f]{16}@desk\.example)")))
      << plain;

  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.insert(newMessageId("TS-2026-000123", "desk.example"));
  EXPECT_EQ(ids.size(), 100u);

  // Usable as it is in a reply.
  Reply r = reply("ok");
  r.messageId = id;
  EXPECT_TRUE(composeMail(kDesk, kComposerCitizen, r, kTime).has_value());

  EXPECT_THROW(newMessageId("TS 1", "desk.example"), std::invalid_argument);
  EXPECT_THROW(newMessageId("TS>1", "desk.example"), std::invalid_argument);
  EXPECT_THROW(newMessageId("TS-1", ""), std::invalid_argument);
  EXPECT_THROW(newMessageId("TS-1", "desk.example>"), std::invalid_argument);
}

}  // namespace
}  // namespace civicdesk::channels
