// How long one working-day query takes on the shipped calendar: the calendar answers from
// prefix counts (O(1) per call), and every deadline computation and overdue sweep calls it.
// A day-by-day walk is timed beside it for scale. Run in a Release build (the program prints
// the command again at the end, on one line):
//   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target calendar_bench
//   ./build-release/bench/calendar/calendar_bench
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "workflows/calendar/CalendarExplain.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"

namespace {

using civicdesk::workflows::CivilDate;
using civicdesk::workflows::WorkingDayCalendar;
using Clock = std::chrono::steady_clock;

struct Query {
  CivilDate start;
  int n = 0;
};

// Start dates spread over the official years 2018-2026, periods of the rules (1..30).
std::vector<Query> queries(std::size_t count) {
  std::mt19937 random(20240927);  // fixed: every run times the same queries
  std::uniform_int_distribution<int> day(0, 3286 - 31);
  std::uniform_int_distribution<int> units(1, 30);
  std::vector<Query> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back({civicdesk::workflows::plusDays({2018, 1, 1}, day(random)), units(random)});
  }
  return out;
}

// Runs `call` over the queries `rounds` times; prints and returns ns per call. The checksum keeps
// the optimiser from dropping the work.
template <class Call>
double measure(const char* name, const std::vector<Query>& qs, int rounds, Call call) {
  std::uint64_t checksum = 0;
  const auto begin = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : qs) checksum += call(q);
  }
  const std::chrono::duration<double, std::nano> elapsed = Clock::now() - begin;
  const double perCall = elapsed.count() / (static_cast<double>(qs.size()) * rounds);
  std::printf("%-34s %10.1f ns/call   (%zu calls, checksum %llu)\n", name, perCall,
              qs.size() * static_cast<std::size_t>(rounds),
              static_cast<unsigned long long>(checksum));
  return perCall;
}

}  // namespace

int main() {
  const auto calendar = WorkingDayCalendar::load(std::string(CIVICDESK_SOURCE_DIR) +
                                                 "/config/calendar/cn-holidays.json");
  const auto qs = queries(100000);
  std::printf("calendar_bench: %zu random (date, n) queries over 2018-2026, n in 1..30\n",
              qs.size());

  measure("addWorkingDays", qs, 50, [&](const Query& q) {
    return static_cast<std::uint64_t>(calendar.addWorkingDays(q.start, q.n)->value.day);
  });
  measure("addDays (moved to a working day)", qs, 50, [&](const Query& q) {
    return static_cast<std::uint64_t>(calendar.addDays(q.start, q.n)->value.day);
  });
  measure("workingDaysBetween", qs, 50, [&](const Query& q) {
    return static_cast<std::uint64_t>(
        calendar.workingDaysBetween(q.start, civicdesk::workflows::plusDays(q.start, q.n))->value);
  });
  measure("isWorkingDay", qs, 50, [&](const Query& q) {
    return static_cast<std::uint64_t>(calendar.isWorkingDay(q.start)->value);
  });
  measure("day-by-day walk (for scale)", qs, 5, [&](const Query& q) {
    CivilDate d = q.start;
    for (int counted = 0; counted < q.n;) {
      d = civicdesk::workflows::plusDays(d, 1);
      counted += calendar.isWorkingDay(d)->value ? 1 : 0;
    }
    return static_cast<std::uint64_t>(d.day);
  });
  measure("explainDue (text, walks the days)", qs, 1, [&](const Query& q) {
    const civicdesk::workflows::Period period{q.n, civicdesk::workflows::PeriodUnit::WorkingDays};
    return static_cast<std::uint64_t>(explainDue(calendar, q.start, period)->text.size());
  });
  std::printf(
      "reproduce: cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build "
      "build-release --target calendar_bench && ./build-release/bench/calendar/calendar_bench\n");
  return 0;
}
