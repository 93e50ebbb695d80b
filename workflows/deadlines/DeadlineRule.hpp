#pragma once
// One deadline rule of RULES.md: which system and article, what event starts it, its period and
// counting mode, and how far it may be extended. The values live in DeadlineRules; a Deadline
// keeps a copy of its rule so that it can always be recomputed from its own facts, even after a
// district changes its configuration.
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/calendar/Period.hpp"

namespace civicdesk::workflows {

struct ExtensionPolicy {
  int maxExtensions = 0;       // 0: the rule allows no extension
  int maxUnits = 0;            // per extension, in the unit of the rule's period
  std::string approval;        // who must approve, for texts: "经机关负责人批准"
  bool notifyCitizen = false;  // the complainant or applicant is told of an extension
  bool operator==(const ExtensionPolicy&) const = default;
};

struct DeadlineRule {
  std::string system;   // "complaint", "review", "coordination", "info_request"
  std::string name;     // "conclusion"
  std::string article;  // "Art. 10"; empty for a default the regulation does not set
  std::string basis;    // "RULES.md §1 信息公开举报投诉处理制度"
  std::string title;    // what is due, for texts: "直接办理办结"
  std::string trigger;  // the event of day 0, for texts: "受理"
  Period period;
  ExtensionPolicy extension;

  std::string id() const { return system + "." + name; }  // "complaint.conclusion"
  bool operator==(const DeadlineRule&) const = default;
};

nlohmann::json toJson(const DeadlineRule& rule);
// Refuses unknown keys, a malformed period, and an extendable rule without units or approval.
Expected<DeadlineRule, std::string> deadlineRuleFromJson(const nlohmann::json& document);

}  // namespace civicdesk::workflows
