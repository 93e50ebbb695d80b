#include "workflows/complaints/UnitMentions.hpp"

#include <algorithm>

#include "util/Utf8.hpp"
#include "workflows/complaints/ExtractionText.hpp"

namespace civicdesk::workflows {
namespace {

using extraction::containsAnyIn;
using extraction::isHan;
using extraction::matchAnyAt;
using extraction::startsWithAt;

// How far before a name a complaint verb still points at it ("投诉那个青溪区的教育局").
constexpr std::size_t kVerbReach = 8;
// The longest phrase tried as a misspelt unit name.
constexpr std::size_t kPhraseMax = 8;
constexpr std::size_t kMaxOthers = 5;

constexpr int kLabelScore = 100;  // "被投诉单位：…"
constexpr int kVerbScore = 10;    // "投诉…"
constexpr int kAddressedScore = -5;  // "向…反映", "给…打电话": where one complained, not whom
constexpr int kOutsidePilotScore = -2;

bool isSentenceEnd(char32_t c) {
  return c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ';' || c == U'。' ||
         c == U'！' || c == U'？' || c == U'；';
}

// The text without spaces, and where each remaining character stood.
struct Compact {
  std::u32string text;
  std::vector<std::size_t> origin;
};

Compact compact(std::u32string_view text) {
  Compact out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t') continue;
    out.text.push_back(text[i]);
    out.origin.push_back(i);
  }
  return out;
}

// The first line, when it only addresses the letter: "尊敬的政务公开办：", "致青溪区教育局".
std::size_t greetingEnd(std::u32string_view text) {
  std::size_t start = 0;
  while (start < text.size() && (text[start] == '\n' || text[start] == ' ')) ++start;
  const std::size_t end = std::min(text.find(U'\n', start), text.size());
  const std::u32string_view line = text.substr(start, end - start);
  const bool opens = startsWithAt(line, 0, "尊敬的") || startsWithAt(line, 0, "敬爱的") ||
                     startsWithAt(line, 0, "致");
  const bool colon = !line.empty() && (line.back() == ':' || line.back() == U'：');
  if ((opens || colon) && line.size() <= 40) return end;
  return 0;
}

struct Scored {
  std::string unitId;
  int score = 0;
  int mentions = 0;
  bool outsidePilot = false;  // not a pilot unit, or the leading-group office: more often
                              // where one complains than whom
};

int mentionScore(std::u32string_view text, const UnitMention& m, std::size_t windowStart) {
  std::size_t from = m.begin > kVerbReach ? m.begin - kVerbReach : 0;
  from = std::max(from, windowStart);
  for (std::size_t i = m.begin; i > from; --i) {
    if (isSentenceEnd(text[i - 1])) {
      from = i;
      break;
    }
  }
  if (containsAnyIn(text, from, m.begin,
                    {"被投诉", "被举报", "被反映", "投诉对象", "举报对象", "被告"})) {
    return kLabelScore;
  }
  int score = 0;
  if (containsAnyIn(text, from, m.begin, {"投诉", "举报", "检举", "控告", "反映"})) {
    score += kVerbScore;
  }
  // The addressee of a verb: "向信访局", "给了教育局", "到 区政府".
  std::size_t before = m.begin;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == U'了')) --before;
  if (before > 0) {
    const char32_t c = text[before - 1];
    if (c == U'向' || c == U'给' || c == U'跟' || c == U'到' || c == U'去' || c == U'找' ||
        c == U'致' || c == U'打') {
      score += kAddressedScore;
    }
  }
  return score;
}

void addOther(std::vector<std::string>& others, const std::string& id,
              const std::optional<std::string>& chosen) {
  if (chosen && *chosen == id) return;
  if (std::find(others.begin(), others.end(), id) != others.end()) return;
  if (others.size() < kMaxOthers) others.push_back(id);
}

// Phrases that may be a misspelt unit: after a complaint verb, and ending like a unit.
std::vector<std::u32string> unitLikePhrases(std::u32string_view text) {
  std::vector<std::u32string> phrases;
  const auto hanRun = [&](std::size_t from, std::size_t to) {
    std::u32string run;
    for (std::size_t i = from; i < to && isHan(text[i]); ++i) run.push_back(text[i]);
    return run;
  };
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (auto n = matchAnyAt(text, at, {"投诉", "举报", "反映"})) {
      std::size_t from = at + *n;
      if (auto filler = matchAnyAt(text, from, {"一下", "那个", "这个", "你们", "一个"})) {
        from += *filler;
      }
      std::u32string run = hanRun(from, std::min(text.size(), from + kPhraseMax));
      // A phrase ends where ordinary words begin.
      for (std::size_t i = 2; i < run.size(); ++i) {
        if (matchAnyAt(run, i,
                       {"的", "他", "她", "们", "不", "没", "在", "把", "将", "说", "了", "网",
                        "工作", "一直", "有"})) {
          run.resize(i);
          break;
        }
      }
      if (run.size() >= 2) phrases.push_back(run);
    }
    if (text[at] == U'局' || text[at] == U'委' || text[at] == U'办' || text[at] == U'所') {
      std::size_t from = at;
      while (from > 0 && at + 1 - from < 6 && isHan(text[from - 1]) &&
             !matchAnyAt(text, from - 1, {"诉", "报", "映", "的", "是", "向", "给", "找", "个"})) {
        --from;
      }
      if (at + 1 - from >= 2) phrases.emplace_back(text.substr(from, at + 1 - from));
    }
  }
  return phrases;
}

}  // namespace

std::vector<UnitMention> findUnitMentions(std::u32string_view text, const UnitDirectory& units) {
  const Compact c = compact(text);
  struct Hit {
    std::size_t begin, end;
    std::string phrase;
  };
  std::vector<Hit> hits;
  for (const Unit& unit : units.units()) {
    std::vector<std::string> phrases{unit.name};
    phrases.insert(phrases.end(), unit.aliases.begin(), unit.aliases.end());
    for (const std::string& phrase : phrases) {
      const std::u32string needle = extraction::fold(phrase);
      if (needle.empty()) continue;
      for (auto at = c.text.find(needle); at != std::u32string::npos;
           at = c.text.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        // "区政府信息公开", "政府信息": government information, not the office.
        if (needle.back() == U'府' && startsWithAt(c.text, end, "信息")) continue;
        hits.push_back({at, end, phrase});
      }
    }
  }
  // Longest first, then leftmost; a hit overlapping a kept one is part of a longer name.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    const auto la = a.end - a.begin;
    const auto lb = b.end - b.begin;
    return la != lb ? la > lb : a.begin < b.begin;
  });
  std::vector<Hit> kept;
  for (const Hit& hit : hits) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Hit& k) {
      return hit.begin < k.end && k.begin < hit.end;
    });
    if (!overlaps) kept.push_back(hit);
  }
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  std::vector<UnitMention> mentions;
  for (const Hit& hit : kept) {
    const UnitMatch match = units.resolve(hit.phrase);
    if (!match.unitId) continue;  // cannot happen for a name the directory holds
    mentions.push_back({*match.unitId, c.origin[hit.begin], c.origin[hit.end - 1] + 1});
  }
  return mentions;
}

RespondentGuess guessRespondent(std::u32string_view text, const UnitDirectory& units) {
  RespondentGuess guess;
  const std::vector<UnitMention> mentions = findUnitMentions(text, units);
  const std::size_t greeting = greetingEnd(text);

  std::vector<Scored> scored;  // in order of first mention
  std::vector<std::string> addressed;
  std::size_t previousEnd = 0;
  for (const UnitMention& m : mentions) {
    const int score = mentionScore(text, m, previousEnd);
    previousEnd = m.end;
    if (m.end <= greeting) {
      addressed.push_back(m.unitId);
      continue;
    }
    auto it = std::find_if(scored.begin(), scored.end(),
                           [&](const Scored& s) { return s.unitId == m.unitId; });
    if (it == scored.end()) {
      const Unit* unit = units.find(m.unitId);
      const bool outside = unit && (!unit->pilotUnit || unit->leadingGroupOffice);
      scored.push_back({m.unitId, score, 1, outside});
    } else {
      it->score = std::max(it->score, score);
      ++it->mentions;
    }
  }
  if (scored.size() == 1) {
    guess.unitId = scored.front().unitId;
  } else if (scored.size() > 1) {
    // Repeated mentions add a little (at most 2), so "教育局…教育局…" outweighs a side remark.
    std::vector<std::pair<int, const Scored*>> ranked;
    for (const Scored& s : scored) {
      const int total =
          s.score + std::min(s.mentions - 1, 2) + (s.outsidePilot ? kOutsidePilotScore : 0);
      ranked.emplace_back(total, &s);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (ranked[0].first > ranked[1].first) guess.unitId = ranked[0].second->unitId;
    for (const auto& [score, s] : ranked) addOther(guess.others, s->unitId, guess.unitId);
  }
  for (const std::string& id : addressed) addOther(guess.others, id, guess.unitId);
  if (mentions.empty()) {
    // Nothing named exactly: what resolve suggests for phrases that look like a unit.
    for (const std::u32string& phrase : unitLikePhrases(text)) {
      const UnitMatch match = units.resolve(utf8::encode(phrase));
      if (match.unitId) addOther(guess.others, *match.unitId, guess.unitId);
      for (const std::string& id : match.suggestions) addOther(guess.others, id, guess.unitId);
    }
  }
  return guess;
}

}  // namespace civicdesk::workflows
