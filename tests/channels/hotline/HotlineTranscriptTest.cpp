// The hotline operators' transcripts (RULES.md §1 Art. 5: complaints by phone): every field
// checked, the first wrong one named by its JSON path for a 422, times read with their offset.
#include "channels/hotline/HotlineTranscript.hpp"

#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace civicdesk::channels {
namespace {

using nlohmann::json;

json validBody() {
  return {{"call_id", "HL-20261127-0001"},
          {"caller", "138 0013 8000"},
          {"operator", "op-017"},
          {"started_at", "2026-11-27T10:02:03+08:00"},
          {"ended_at", "2026-11-27T10:09:45+08:00"},
          {"turns",
           {{{"speaker", "operator"}, {"text", "您好，青溪区政务公开热线，请讲。"}},
            {{"speaker", "caller"}, {"text", "我叫张伟，我要投诉教育局招生信息不公开。"}},
            {{"speaker", "operator"}, {"text", "请问您的联系电话？"}},
            {{"speaker", "caller"}, {"text", " 就是这个号码。 "}}}},
          {"fields", {{"district", "青溪区"}, {"priority", 2}, {"callback", true}}}};
}

FieldError errorOf(const json& body) {
  auto result = parseHotlineTranscript(body);
  EXPECT_FALSE(result.has_value()) << body.dump();
  return result ? FieldError{} : result.error();
}

TEST(HotlineTranscript, ValidTranscript) {
  auto result = parseHotlineTranscript(validBody());
  ASSERT_TRUE(result.has_value()) << result.error().field << ": " << result.error().reason;
  const HotlineTranscript& t = *result;
  EXPECT_EQ(t.callId, "HL-20261127-0001");
  EXPECT_EQ(t.caller, "+8613800138000");
  EXPECT_EQ(t.operatorId, "op-017");
  EXPECT_EQ(t.startedAt, 1795744923);  // 2026-11-27T02:02:03Z
  EXPECT_EQ(t.endedAt - t.startedAt, 7 * 60 + 42);
  ASSERT_EQ(t.turns.size(), 4u);
  EXPECT_EQ(t.turns[0].speaker, HotlineSpeaker::Operator);
  EXPECT_EQ(t.turns[1].speaker, HotlineSpeaker::Caller);
  EXPECT_EQ(t.fields, validBody()["fields"]);
  EXPECT_EQ(callerText(t), "我叫张伟，我要投诉教育局招生信息不公开。\n就是这个号码。");
  EXPECT_EQ(fullText(t),
            "话务员：您好，青溪区政务公开热线，请讲。\n"
            "来电人：我叫张伟，我要投诉教育局招生信息不公开。\n"
            "话务员：请问您的联系电话？\n"
            "来电人：就是这个号码。");
}

TEST(HotlineTranscript, FromRawBody) {
  auto result = parseHotlineTranscript(std::string_view(validBody().dump()));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->turns.size(), 4u);
  EXPECT_EQ(parseHotlineTranscript(std::string_view("{not json")).error().field, "");
  EXPECT_EQ(parseHotlineTranscript(std::string_view("[]")).error().field, "");
}

TEST(HotlineTranscript, FieldsAreOptional) {
  json body = validBody();
  body.erase("fields");
  auto result = parseHotlineTranscript(body);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->fields.empty());
  body["fields"] = nullptr;
  EXPECT_TRUE(parseHotlineTranscript(body).has_value());
}

TEST(HotlineTranscript, EveryInvalidFieldIsNamed) {
  struct Case {
    const char* what;
    std::function<void(json&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no call_id", [](json& b) { b.erase("call_id"); }, "call_id"},
      {"empty call_id", [](json& b) { b["call_id"] = "  "; }, "call_id"},
      {"numeric call_id", [](json& b) { b["call_id"] = 17; }, "call_id"},
      {"long call_id", [](json& b) { b["call_id"] = std::string(129, 'x'); }, "call_id"},
      {"no caller", [](json& b) { b.erase("caller"); }, "caller"},
      {"caller not a number", [](json& b) { b["caller"] = "anonymous"; }, "caller"},
      {"caller too short", [](json& b) { b["caller"] = "123"; }, "caller"},
      {"no operator", [](json& b) { b.erase("operator"); }, "operator"},
      {"operator not a string", [](json& b) { b["operator"] = json::array(); }, "operator"},
      {"no started_at", [](json& b) { b.erase("started_at"); }, "started_at"},
      {"no offset", [](json& b) { b["started_at"] = "2026-11-27T10:02:03"; }, "started_at"},
      {"bad date", [](json& b) { b["started_at"] = "2026-02-30T10:02:03Z"; }, "started_at"},
      {"bad hour", [](json& b) { b["ended_at"] = "2026-11-27T24:00:00Z"; }, "ended_at"},
      {"date only", [](json& b) { b["ended_at"] = "2026-11-27"; }, "ended_at"},
      {"ended before started", [](json& b) { b["ended_at"] = "2026-11-27T10:02:02+08:00"; },
       "ended_at"},
      {"no turns", [](json& b) { b.erase("turns"); }, "turns"},
      {"turns not an array", [](json& b) { b["turns"] = "hello"; }, "turns"},
      {"turns empty", [](json& b) { b["turns"] = json::array(); }, "turns"},
      {"turn not an object", [](json& b) { b["turns"][1] = "text"; }, "turns[1]"},
      {"turn without speaker", [](json& b) { b["turns"][2].erase("speaker"); }, "turns[2].speaker"},
      {"unknown speaker", [](json& b) { b["turns"][2]["speaker"] = "agent"; }, "turns[2].speaker"},
      {"turn without text", [](json& b) { b["turns"][3].erase("text"); }, "turns[3].text"},
      {"turn text not a string", [](json& b) { b["turns"][0]["text"] = 5; }, "turns[0].text"},
      {"invalid UTF-8", [](json& b) { b["turns"][1]["text"] = "\xC3\x28"; }, "turns[1].text"},
      {"fields not an object", [](json& b) { b["fields"] = json::array(); }, "fields"},
      {"field value an object", [](json& b) { b["fields"]["extra"] = json::object(); },
       "fields.extra"},
      {"field value null", [](json& b) { b["fields"]["note"] = nullptr; }, "fields.note"},
  };
  for (const Case& c : cases) {
    json body = validBody();
    c.spoil(body);
    const FieldError error = errorOf(body);
    EXPECT_EQ(error.field, c.field) << c.what << ": " << error.reason;
    EXPECT_FALSE(error.reason.empty()) << c.what;
  }
}

TEST(HotlineTranscript, OffsetsGiveTheSameInstant) {
  const auto shanghai = parseIsoInstant("2026-11-27T10:02:03+08:00");
  const auto utc = parseIsoInstant("2026-11-27T02:02:03Z");
  const auto western = parseIsoInstant("2026-11-26T21:02:03-05:00");
  const auto fraction = parseIsoInstant("2026-11-27T02:02:03.750Z");
  ASSERT_TRUE(shanghai && utc && western && fraction);
  EXPECT_EQ(*shanghai, *utc);
  EXPECT_EQ(*western, *utc);
  EXPECT_EQ(*fraction, *utc);
  EXPECT_EQ(*parseIsoInstant("1970-01-01T00:00:00Z"), 0);
  // 2025-12-31T19:00:00Z
  EXPECT_EQ(*parseIsoInstant("2026-01-01T00:30:00+05:30"), 1767207600);
  for (std::string_view bad :
       {"", "2026-11-27 10:02:03+08:00", "2026-11-27T10:02+08:00", "2026-11-27T10:02:03+0800",
        "2026-11-27T10:02:03+24:00", "2026-11-27T10:02:03.Z", "2026-13-01T00:00:00Z"}) {
    EXPECT_FALSE(parseIsoInstant(bad).has_value()) << bad;
  }
  // Across a day boundary: 00:30 in Shanghai is the previous day in UTC.
  json body = validBody();
  body["started_at"] = "2026-11-27T00:30:00+08:00";
  body["ended_at"] = "2026-11-26T16:31:00Z";
  auto result = parseHotlineTranscript(body);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->endedAt - result->startedAt, 60);
}

TEST(HotlineTranscript, CallerNumbers) {
  for (std::string_view mobile : {"13800138000", "138-0013-8000", "+86 138 0013 8000",
                                  "8613800138000", "0086 13800138000", "+8613800138000"}) {
    EXPECT_EQ(normaliseCallerNumber(mobile).value_or(""), "+8613800138000") << mobile;
  }
  EXPECT_EQ(normaliseCallerNumber("0571-8888 6666").value_or(""), "057188886666");
  EXPECT_EQ(normaliseCallerNumber("(099) 86120004").value_or(""), "09986120004");
  EXPECT_EQ(normaliseCallerNumber("+86 571 8888 6666").value_or(""), "057188886666");
  EXPECT_EQ(normaliseCallerNumber("+1 415 555 0100").value_or(""), "+14155550100");
  for (std::string_view bad : {"", "  ", "abc", "12800138000x", "+86 12", "138+0013"}) {
    EXPECT_FALSE(normaliseCallerNumber(bad).has_value()) << bad;
  }
}

TEST(HotlineTranscript, Limits) {
  EXPECT_EQ(kHotlineMaxBodyBytes, 256u * 1024u);
  json body = validBody();
  body["call_id"] = std::string(kHotlineMaxCallIdBytes, 'x');
  EXPECT_TRUE(parseHotlineTranscript(body).has_value());

  json turns = json::array();
  for (std::size_t i = 0; i < kHotlineMaxTurns; ++i) {
    turns.push_back({{"speaker", i % 2 ? "caller" : "operator"}, {"text", "嗯"}});
  }
  body["turns"] = turns;
  EXPECT_TRUE(parseHotlineTranscript(body).has_value());
  body["turns"].push_back({{"speaker", "caller"}, {"text", "还有"}});
  EXPECT_EQ(errorOf(body).field, "turns");

  // 4000 characters is fine, counted as characters, not bytes (12000 bytes of Chinese).
  body = validBody();
  std::string text;
  for (std::size_t i = 0; i < kHotlineMaxTurnChars; ++i) text += "话";
  body["turns"][1]["text"] = text;
  EXPECT_TRUE(parseHotlineTranscript(body).has_value());
  body["turns"][1]["text"] = text + "多";
  EXPECT_EQ(errorOf(body).field, "turns[1].text");

  const std::string big(kHotlineMaxBodyBytes + 1, ' ');
  auto tooBig = parseHotlineTranscript(std::string_view(big));
  ASSERT_FALSE(tooBig.has_value());
  EXPECT_EQ(tooBig.error().field, "");
}

}  // namespace
}  // namespace civicdesk::channels
