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

// One digit as typed or dictated: '7', '７', '七'; also '〇'/'零' for 0 and '幺'/'两' for 1/2,
// which speech recognisers produce for phone numbers.
std::optional<int> digitValue(char32_t c);

}  // namespace civicdesk::dialogs::text
