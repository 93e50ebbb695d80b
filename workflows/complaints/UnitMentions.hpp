#pragma once
// Which units of the directory a free text names, and which of them it complains about
// (RULES.md §1 Art. 8 (2): the respondent; Art. 7 (2): a complaint needs a clear one).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/UnitDirectory.hpp"

namespace civicdesk::workflows {

struct UnitMention {
  std::string unitId;
  std::size_t begin = 0;  // code points into the text searched
  std::size_t end = 0;
};

// Every official name and alias of a unit in `text` (what extraction::fold returns), spaces
// between characters ignored, each resolved with UnitDirectory::resolve. Where names overlap
// the longest wins ("区教育局" over "教育局"). "区政府" in "区政府信息公开" is the phrase
// "government information", not the district office.
std::vector<UnitMention> findUnitMentions(std::u32string_view text, const UnitDirectory& units);

struct RespondentGuess {
  std::optional<std::string> unitId;  // set only when one unit clearly is the respondent
  std::vector<std::string> others;    // other units named or nearly named, for the citizen to
                                      // choose from; best first, no duplicates, without unitId
};

// The unit complained about. One unit named (outside a greeting such as "尊敬的政务公开办："):
// that unit. Several: the one a complaint verb or label points at ("投诉青溪区教育局",
// "被投诉单位：…"), with units addressed ("向信访局反映过") and units outside the pilot counting
// less; a tie chooses none. None named: phrases after a complaint verb or ending like a unit
// ("…局") are resolved for suggestions, so a misheard "教育菊" still offers the education bureau.
RespondentGuess guessRespondent(std::u32string_view text, const UnitDirectory& units);

}  // namespace civicdesk::workflows
