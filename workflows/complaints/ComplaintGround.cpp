#include "workflows/complaints/ComplaintGround.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace civicdesk::workflows {
namespace {

// A phrase citizens use for a ground, and how much it says: 2 for a phrase that points at one
// ground ("中介"), 1 for a word several grounds share ("收费", "申请"). Weights decide the
// order when a text touches two grounds ("要通过中介交钱": (6) before (5)).
struct Keyword {
  std::string_view phrase;
  int weight;
};

struct GroundKeywords {
  ComplaintGround ground;
  std::vector<Keyword> keywords;
};

// Art. 4, item by item. Phrases are matched as substrings of the text with spaces removed;
// keep them free of spaces and punctuation.
const std::array<GroundKeywords, kComplaintGroundCount>& groundKeywords() {
  static const std::array<GroundKeywords, kComplaintGroundCount> table{{
      // (1) 不依法履行试点领域信息公开义务
      {ComplaintGround::NotPerformingDuty,
       {{"不公开", 2},
        {"没有公开", 2},
        {"没公开", 2},
        {"未公开", 2},
        {"拒绝公开", 2},
        {"不履行", 2},
        {"没有履行", 2},
        {"不公示", 2},
        {"没公示", 2},
        {"未公示", 2},
        {"不予公开", 1},
        {"查不到", 1},
        {"找不到", 1},
        {"不透明", 1}}},
      // (2) 不及时更新信息公开内容、信息公开指南和信息公开目录
      {ComplaintGround::NotUpdating,
       {{"没更新", 2},
        {"没有更新", 2},
        {"不更新", 2},
        {"未更新", 2},
        {"不及时更新", 2},
        {"过时", 2},
        {"陈旧", 2},
        {"很久没", 1},
        {"多年", 1},
        {"几年", 1},
        {"公开指南", 2},
        {"公开目录", 2},
        {"指南", 1},
        {"目录", 1}}},
      // (3) 不及时受理处理申请获取试点领域信息
      {ComplaintGround::ApplicationsNotHandled,
       {{"依申请", 2},
        {"申请公开", 2},
        {"逾期未答复", 2},
        {"不答复申请", 2},
        {"申请", 1},
        {"没答复", 1},
        {"没有答复", 1},
        {"未答复", 1},
        {"不答复", 1},
        {"逾期", 1},
        {"超期", 1},
        {"不受理", 1},
        {"没受理", 1}}},
      // (4) 不及时受理处理有关信息公开工作投诉举报
      {ComplaintGround::ComplaintsNotHandled,
       {{"投诉没处理", 2},
        {"投诉没有处理", 2},
        {"举报没回应", 2},
        {"举报没有回应", 2},
        {"投诉没", 2},
        {"举报没", 2},
        {"投诉了", 1},
        {"举报了", 1},
        {"投诉后", 1},
        {"举报后", 1},
        {"上次投诉", 2},
        {"上次举报", 2},
        {"石沉大海", 2},
        {"没人管", 1}}},
      // (5) 违反规定以有偿服务方式提供试点领域信息
      {ComplaintGround::ChargingAsPaidService,
       {{"有偿", 2},
        {"收费", 1},
        {"要钱", 1},
        {"交钱", 1},
        {"收钱", 1},
        {"付费", 1},
        {"缴费", 1},
        {"花钱", 1},
        {"给钱", 1}}},
      // (6) 通过其他组织、个人违反规定收取费用
      {ComplaintGround::ChargingThroughOthers,
       {{"中介", 2},
        {"第三方", 2},
        {"代办", 2},
        {"黄牛", 2},
        {"公司收费", 2},
        {"通过公司", 2},
        {"找人", 1},
        {"指定的公司", 2},
        {"其他单位收费", 2}}},
      // (7) 公开不应当公开的试点领域信息
      {ComplaintGround::DisclosingProhibited,
       {{"泄露", 2},
        {"泄漏", 2},
        {"隐私", 2},
        {"不该公开", 2},
        {"不应该公开", 2},
        {"不应当公开", 2},
        {"个人信息被公开", 2},
        {"被公开", 1},
        {"身份证号", 1},
        {"个人信息", 1},
        {"商业秘密", 2},
        {"国家秘密", 2},
        {"涉密", 2}}},
      // (8) 违反《中华人民共和国政府信息公开条例》规定的其他行为
      {ComplaintGround::OtherBreach,
       {{"政府信息公开条例", 1}, {"违反条例", 1}, {"违规", 1}, {"违法", 1}}},
  }};
  return table;
}

// Spaces carry no meaning in Chinese text but break substring matches ("没 更新").
// Removing the ASCII space and the ideographic space (E3 80 80) keeps UTF-8 valid.
std::string withoutSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') continue;
    if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

std::optional<ComplaintGround> complaintGroundFromNumber(int number) {
  if (number < 1 || number > kComplaintGroundCount) return std::nullopt;
  return static_cast<ComplaintGround>(number);
}

int toNumber(ComplaintGround ground) {
  return static_cast<int>(ground);
}

std::vector<ComplaintGround> guessComplaintGrounds(std::string_view text) {
  // UTF-8 is self-synchronising: a byte-wise substring match of a valid phrase can only
  // match whole characters, even in text with broken bytes around it.
  const std::string haystack = withoutSpaces(text);
  std::vector<std::pair<int, ComplaintGround>> scored;
  for (const auto& entry : groundKeywords()) {
    int score = 0;
    for (const auto& keyword : entry.keywords) {
      if (haystack.find(keyword.phrase) != std::string::npos) score += keyword.weight;
    }
    if (score > 0) scored.emplace_back(score, entry.ground);
  }
  // Highest score first; ties in Art. 4's order.
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<ComplaintGround> grounds;
  for (const auto& [score, ground] : scored) grounds.push_back(ground);
  return grounds;
}

}  // namespace civicdesk::workflows
