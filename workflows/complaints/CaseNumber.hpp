#pragma once
// Case numbers as citizens type them back: "ts-2026-000123", "ＴＳ－２０２６－０００１２３",
// " TS2026000123 ". formatCaseNumber and isCaseNumber (Complaint.hpp) are the strict forms.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace civicdesk::workflows {

// The canonical "TS-2026-000123" for a citizen's spelling of a case number, or nullopt when
// it is not one. Accepts: surrounding and inner spaces, lower case, full-width letters and
// digits, any dash (including the IME's "——"), and the form without dashes.
std::optional<std::string> normaliseCaseNumber(std::string_view text);

struct CaseNumberParts {
  int year = 0;
  std::int64_t sequence = 0;
};

// The year and sequence of a strict case number; nullopt when isCaseNumber is false.
std::optional<CaseNumberParts> parseCaseNumber(std::string_view caseNo);

}  // namespace civicdesk::workflows
