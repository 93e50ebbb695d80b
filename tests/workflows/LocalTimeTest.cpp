// Civil dates in Asia/Shanghai (UTC+8, no daylight saving since 1991).
#include "workflows/LocalTime.hpp"

#include <gtest/gtest.h>

namespace civicdesk::workflows {
namespace {

constexpr std::int64_t k2026_12_31T16_30Z = 1798734600;  // date -u -d 2026-12-31T16:30:00Z +%s

TEST(LocalTime, ShanghaiDateCrossesTheUtcDayBoundary) {
  EXPECT_EQ(shanghaiDate(k2026_12_31T16_30Z), (CivilDate{2027, 1, 1}));
  EXPECT_EQ(shanghaiDate(k2026_12_31T16_30Z - 30 * 60 - 1),
            (CivilDate{2026, 12, 31}));                                            // 15:59:59Z
  EXPECT_EQ(shanghaiDate(k2026_12_31T16_30Z - 30 * 60), (CivilDate{2027, 1, 1}));  // 16:00Z
}

TEST(LocalTime, FormatsDatesAndTimes) {
  EXPECT_EQ(formatDate(CivilDate{2026, 3, 7}), "2026-03-07");
  EXPECT_EQ(shanghaiDateTime(k2026_12_31T16_30Z), "2027-01-01 00:30");
  EXPECT_EQ(shanghaiDateTime(0), "1970-01-01 08:00");
}

TEST(LocalTime, CivilDatesOrder) {
  EXPECT_LT((CivilDate{2026, 12, 31}), (CivilDate{2027, 1, 1}));
  EXPECT_LT((CivilDate{2026, 1, 31}), (CivilDate{2026, 2, 1}));
}

}  // namespace
}  // namespace civicdesk::workflows

namespace civicdesk::workflows {
namespace {

TEST(LocalTimeParse, ReadsShanghaiTimesWithOrWithoutAnOffset) {
  // 2026-11-27 10:00 in Shanghai is 02:00 UTC.
  EXPECT_EQ(parseShanghaiDateTime("2026-11-27T10:00"), 1795744800);
  EXPECT_EQ(parseShanghaiDateTime("2026-11-27T10:00:00+08:00"), 1795744800);
  EXPECT_EQ(parseShanghaiDateTime("2026-11-27T02:00:00Z"), 1795744800);
  EXPECT_EQ(parseShanghaiDateTime("2026-11-27"), 1795744800 - 10 * 3600);
  EXPECT_EQ(formatIsoShanghai(1795744800), "2026-11-27T10:00:00+08:00");
}

TEST(LocalTimeParse, RefusesAnythingElse) {
  for (const char* bad : {"", "2026-11-27T", "2026-13-01", "2026-02-30", "2026-11-27T24:00",
                          "2026-11-27T10:00+8", "yesterday", "2026-11-27T10:00:00+08:00x"}) {
    EXPECT_FALSE(parseShanghaiDateTime(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace civicdesk::workflows
