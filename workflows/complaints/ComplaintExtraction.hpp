#pragma once
// A whole complaint read from one free text (RULES.md §1 Art. 5: complaints also come by email
// and phone): an email that holds the complaint, or a hotline transcript (the caller's turns).
// What the text clearly says fills the form; nothing is guessed into it. What is missing or
// uncertain is listed, so the dialog asks only for that and the citizen confirms the rest.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/LocalTime.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/Complaint.hpp"
#include "workflows/complaints/ComplaintGround.hpp"

namespace civicdesk::workflows {

// What the channel already knows about the sender. Used only where the text says nothing.
struct ExtractionHints {
  std::string knownPhone;  // the SMS sender or caller id, any spelling ("+8613800138000")
  std::string knownName;   // an email's display name
  std::string knownEmail;  // an email's sender address
  std::optional<CivilDate> referenceDate;  // the day the text was written (Asia/Shanghai), for
                                           // "昨天", "上周五", "11月20日"; none: only dates with
                                           // a year are read
};

// The longest facts kept (characters); longer texts are cut with "…" (the channel keeps the
// original message).
inline constexpr std::size_t kExtractedFactsMax = 2000;
// Facts shorter than this say nothing yet (as the dialog asks: "有问题" is not a complaint).
inline constexpr std::size_t kExtractedFactsMin = 6;

struct ExtractedComplaint {
  ComplaintForm form;  // what was found; form.ground is meaningful only when "ground" is found
  // Items found in the text, in missingComplaintItems' words where they exist: "respondent",
  // "ground", "facts", "complainant.name", "complainant.address", "complainant.phone",
  // "complainant.email", "complainant.wantsReply" (only when the text declines a reply), and
  // "admissibility.reportedElsewhere".
  std::vector<std::string> found;
  // Items taken from the hints rather than the text ("complainant.name", "complainant.phone",
  // "complainant.email"): to confirm, not to ask.
  std::vector<std::string> fromHints;
  // missingComplaintItems(form), then "ground" when no Art. 4 ground stood out, then the
  // Art. 7 questions still open: "admissibility.reportedElsewhere",
  // "admissibility.otherAgencyDeclined" (only after reportedElsewhere is true),
  // "admissibility.supervisionAlreadyDecided".
  std::vector<std::string> missing;
  // guessComplaintGrounds over the facts, best first: the choice offered when "ground" is
  // missing, and the evidence for it when found.
  std::vector<ComplaintGround> groundCandidates;
  // Other units the text names, or nearly names, for the citizen to choose from (unit ids,
  // best first); never the chosen respondent.
  std::vector<std::string> unitSuggestions;
  // Dates mentioned, "2026-11-20", in order of first mention.
  std::vector<std::string> dates;
  // A landline the complainant gave ("0571-88888888"): form.complainant.phone holds mobiles
  // only, so it is kept here for staff.
  std::string landline;
  // Further phone numbers in the text not taken as the complainant's (the units' own numbers
  // are left out).
  std::vector<std::string> otherPhones;
};

// Reads a complaint out of `text`. Pure: no I/O, no clock (the reference date comes in hints).
// Admissibility facts are set only where the text states them ("已经向法院起诉", "申请了行政
// 复议" → reportedElsewhere); the respondent's Art. 7 (1)/(2) facts are left to whoever
// confirms the unit, as the dialog does when a unit is chosen.
ExtractedComplaint extractComplaint(std::string_view text, const UnitDirectory& units,
                                    const ExtractionHints& hints);

}  // namespace civicdesk::workflows
