#pragma once
// RULES.md §1 Art. 7: when a complaint is not accepted. The dialog gathers the facts; this
// proposes accept / not accept with the ground; a handler confirms (issue 4). A fact not yet
// known is nullopt and never counts against the complainant.
#include <optional>
#include <string>

namespace civicdesk::workflows {

struct AdmissibilityFacts {
  std::optional<bool> respondentIsPilotUnit;      // (1) within the receiving dept's jurisdiction
  std::optional<bool> respondentIdentified;       // (2) a clear respondent
  std::optional<bool> complainantReachable;       // (2) the complainant can be contacted
  std::optional<bool> reportedElsewhere;          // (3) reported to another agency, or under
                                                  //     reconsideration or litigation
  std::optional<bool> otherAgencyDeclined;        // (3) ...and that agency decided not to accept
  std::optional<bool> supervisionAlreadyDecided;  // (4) the supervision body already decided
  std::optional<bool> concernsDisclosure;         // (5) the matter is about disclosure at all
};

// Art. 7 items (1)..(5).
enum class InadmissibilityGround : int {
  OutsideJurisdiction = 1,
  NoRespondentOrUnreachable = 2,
  HandledElsewhere = 3,
  AlreadyDecided = 4,
  OutsideScope = 5
};

struct AdmissibilityAssessment {
  bool admissible = true;                       // no known fact fails Art. 7
  std::optional<InadmissibilityGround> ground;  // the first failing item, when not admissible
  // "第七条第（三）项", for replies and records.
  std::string article() const;
};

AdmissibilityAssessment assessAdmissibility(const AdmissibilityFacts& facts);

}  // namespace civicdesk::workflows
