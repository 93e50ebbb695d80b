#pragma once
// Dates a complainant mentions ("2026年11月20日", "11月20号", "昨天", "上周五"), as calendar
// dates, so a case can show when things happened without anyone reading the whole text.
#include <optional>
#include <string_view>
#include <vector>

#include "workflows/LocalTime.hpp"

namespace civicdesk::workflows {

// The dates in `text` (what extraction::fold returns), in order of first mention, each once.
// `reference` is the day the text was written (Asia/Shanghai); without it only dates that
// carry their year are read. A month and day without a year take the reference's year, or the
// year before when that would put them more than a month after the reference ("12月20日"
// written on 2027-01-05 is 2026-12-20). A bare weekday ("周三") is its latest occurrence on or
// before the reference; "上周X" is in the week (Monday to Sunday) before the reference's.
// Dates that do not exist (2月30日) are skipped.
std::vector<CivilDate> findDateMentions(std::u32string_view text,
                                        const std::optional<CivilDate>& reference);

}  // namespace civicdesk::workflows
