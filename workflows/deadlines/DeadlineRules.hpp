#pragma once
// The table of deadline rules, keyed by rule id. defaults() is the one home of the periods of
// RULES.md; a district changes them by configuration (fromJson overrides), without a build.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/deadlines/DeadlineRule.hpp"

namespace civicdesk::workflows {

// The ids of the default rules, so that callers name them without spelling strings.
namespace rule_ids {
inline constexpr std::string_view kComplaintAcceptanceDecision = "complaint.acceptance_decision";
inline constexpr std::string_view kComplaintHandlingOpinion = "complaint.handling_opinion";
inline constexpr std::string_view kComplaintConclusion = "complaint.conclusion";
inline constexpr std::string_view kComplaintTransfer = "complaint.transfer";
inline constexpr std::string_view kComplaintTransferredConclusion =
    "complaint.transferred_conclusion";
inline constexpr std::string_view kComplaintFeedback = "complaint.feedback";
inline constexpr std::string_view kReviewConfidentialityOpinion = "review.confidentiality_opinion";
inline constexpr std::string_view kCoordinationReply = "coordination.reply";
inline constexpr std::string_view kInfoRequestReply = "info_request.reply";
inline constexpr std::string_view kInfoRequestSupplementNotice = "info_request.supplement_notice";
inline constexpr std::string_view kInfoRequestThirdParty = "info_request.third_party";
// The applicant's period to supplement (Art. 30 leaves it to the unit: "合理的补正期限"). The
// table's period is the default; a case sets its own (InfoRequestWorkflow's
// OpenDeadlineWithPeriod), which replaces the period of a copy of this rule.
inline constexpr std::string_view kInfoRequestSupplementPeriod = "info_request.supplement_period";
}  // namespace rule_ids

class DeadlineRules {
 public:
  // The values of RULES.md §1 Art. 9, 10, 13; §2 Art. 12; §4 Art. 5; the information-request
  // paragraph (Regulation on the Disclosure of Government Information, 2019, Art. 30, 32, 33);
  // and complaint.acceptance_decision and info_request.supplement_period, defaults of ours
  // (the regulation sets no period).
  static DeadlineRules defaults();

  // `overrides` maps rule ids to (partial) rules laid over `base`:
  //   {"complaint.conclusion": {"period": "30d", "extension": {"max": 1, "units": 15}},
  //    "clarification.publish": {"system": "clarification", "name": "publish", ...}}
  // A known id takes only the fields given; a new id must give a whole rule. Unknown fields, a
  // bad period, an id that does not match its rule's system.name: refused, naming the rule.
  static Expected<DeadlineRules, std::string> fromJson(const nlohmann::json& overrides,
                                                       const DeadlineRules& base = defaults());

  const DeadlineRule* find(std::string_view id) const;
  const DeadlineRule& at(std::string_view id) const&;  // throws std::out_of_range
  // On a temporary table (DeadlineRules::defaults().at(id)) a copy, never a dangling reference.
  DeadlineRule at(std::string_view id) && {
    return static_cast<const DeadlineRules&>(*this).at(id);
  }
  const std::map<std::string, DeadlineRule, std::less<>>& all() const { return rules_; }
  nlohmann::json toJson() const;  // every rule, whole: what fromJson reads

 private:
  std::map<std::string, DeadlineRule, std::less<>> rules_;
};

}  // namespace civicdesk::workflows
