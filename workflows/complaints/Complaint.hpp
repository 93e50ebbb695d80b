#pragma once
// A complaint (投诉举报) as the regulation describes it: what the complainant gives (Art. 8),
// the ground (Art. 4), the admissibility facts (Art. 7), and the case it becomes.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "workflows/complaints/Admissibility.hpp"
#include "workflows/complaints/ComplaintGround.hpp"

namespace civicdesk::workflows {

struct Complainant {  // Art. 8 (1) and (3)
  std::string name;
  std::string address;
  std::string phone;  // normalised mainland mobile, "13800138000"
  std::string email;  // optional
  bool wantsReply = true;
};

struct Evidence {
  std::string kind;     // "text", "image"
  std::string content;  // the text, or the platform media id
  std::string url;      // where the platform lets us fetch it, if anywhere
};

struct ComplaintForm {
  std::string respondentUnitId;  // resolved against the UnitDirectory
  std::string respondentDetail;  // office or person within the unit, optional
  ComplaintGround ground = ComplaintGround::OtherBreach;  // Art. 4
  std::string facts;                                      // Art. 8 (2)
  std::vector<Evidence> evidence;                         // Art. 8 (2)
  Complainant complainant;                                // Art. 8 (1), (3)
  AdmissibilityFacts admissibility;                       // Art. 7, as answered
};

// Art. 8: the names of the required items still missing ("complainant.name", "facts", ...);
// empty when the form is complete.
std::vector<std::string> missingComplaintItems(const ComplaintForm& form);

// JSON for storage and dialog slots; fromJson throws nlohmann::json::exception on bad input.
nlohmann::json toJson(const ComplaintForm& form);
ComplaintForm complaintFormFromJson(const nlohmann::json& json);

// Art. 3's lifecycle (ComplaintWorkflow.hpp moves a case along it). Stored by name (toString).
enum class CaseStatus {
  Received,
  Registered,
  Accepted,
  NotAccepted,
  Investigating,
  Transferred,
  Concluded,
  FeedbackSent,
  Archived
};

std::string_view toString(CaseStatus status);

struct ComplaintCase {
  std::int64_t id = 0;
  std::string caseNo;  // "TS-2026-000123"
  ComplaintForm form;
  std::string receivingUnitId;  // Art. 2: who handles it (default: the leading-group office)
  CaseStatus status = CaseStatus::Registered;
  std::int64_t citizenId = 0;
  std::string channel;          // where it came in: replies go back there
  std::int64_t receivedAt = 0;  // Unix seconds, when the complaint reached us
};

// "TS-2026-000123": the prefix, the year of receipt (Asia/Shanghai), a six-digit sequence.
std::string formatCaseNumber(int year, std::int64_t sequence);
bool isCaseNumber(std::string_view text);

}  // namespace civicdesk::workflows
