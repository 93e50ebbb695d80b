#pragma once
// How the dialogs read short answers. Citizens type on phones or dictate: "１", "一", "第一项",
// "是的。", "取消！" all occur, so every matcher first folds the text (see normalise) and then
// compares whole answers, never fragments, except where a caller asks for containsAny.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace civicdesk::dialogs::text {

// Full-width ASCII folded to ASCII, ASCII lower-cased, white space and punctuation (ASCII and
// CJK) removed: "　取消。", "取消！" and "取消" become one word.
std::string normalise(std::string_view text);

// The normalised text is exactly one of `words` (written already normalised).
bool isOneOf(std::string_view text, std::initializer_list<std::string_view> words);
// The normalised text contains one of `words`.
bool containsAny(std::string_view text, std::initializer_list<std::string_view> words);

// Words that work in every state: 取消, 返回, 帮助, 菜单 (and 0).
enum class Command { Cancel, Back, Help, Menu };
std::optional<Command> matchCommand(std::string_view text);

// 是/是的/对/有/嗯/yes/1 → true; 否/不是/没有/无/no/2 → false; anything else → nullopt.
std::optional<bool> matchYesNo(std::string_view text);

// "3", "３", "三", "第三项", "选3", "3号", "十二" → the number; anything else → nullopt.
std::optional<int> matchNumber(std::string_view text);

// The first case number in a text, canonical ("TS-2026-000123"): alone or inside a sentence
// ("我想查询ts－2026－000123的进度"), in any spelling workflows::normaliseCaseNumber accepts.
std::optional<std::string> findCaseNumber(std::string_view text);

// The first information-request number in a text, canonical ("YS-2026-000001"), in the same
// spellings as findCaseNumber reads for complaints ("ys2026000001", "ＹＳ－2026－000001").
std::optional<std::string> findInfoRequestNumber(std::string_view text);

// A document number (文号) inside a text: the issuer's abbreviation, the year in brackets and
// the sequence, "青教发〔2026〕3号" (also with [], （）, 【】 or ［］ around the year).
std::optional<std::string> findDocumentNumber(std::string_view text);

// The text between the first 《 and 》: a document's title ("《2026年招生工作方案》" → its
// words); nothing when there is none or it is empty.
std::optional<std::string> findBookTitle(std::string_view text);

// What a message is when it is not an application for government information (issue 6), so
// the dialogs can say where it belongs. Conservative: nothing when unsure (the caller goes on
// with the application, or the menu), and nothing for a bare number.
enum class NotApplication {
  Complaint,  // 投诉, 举报, "反映…问题" about a unit's disclosure: the complaint dialog
  Petition,   // 信访, 上访, 上访材料, a personal 诉求: the petition channel
  Question  // "…在哪里查", "…怎么办理", "…吗？" without asking for a document: an answer
};
std::optional<NotApplication> recogniseNotApplication(std::string_view text);

// A message that asks for government information to be disclosed (issue 6): "申请公开…",
// "信息公开申请", "依申请公开", "申请获取…文件". Conservative, for channels that must choose an
// intake from one message (an email): what recogniseNotApplication calls a complaint or a
// petition is not one, nor an account of an earlier application going unanswered ("我的信息
// 公开申请至今没有答复" is a complaint under Art. 4 (3)).
bool asksForDisclosure(std::string_view text);

// "为什么不公开", "不予公开的理由": the citizen asks why information was withheld.
bool asksWhyNotDisclosed(std::string_view text);

// One digit as typed or dictated: '7', '７', '七'; also '〇'/'零' for 0 and '幺'/'两' for 1/2,
// which speech recognisers produce for phone numbers.
std::optional<int> digitValue(char32_t c);

// An applicant's answer to a supplement notice (Art. 30), as the notice asks for it: the
// message begins with 补正 ("补正 需要2026年的方案"), white space before it allowed. The same
// on every channel (chat, SMS, a mail without a reference).
bool isSupplement(std::string_view text);

}  // namespace civicdesk::dialogs::text
