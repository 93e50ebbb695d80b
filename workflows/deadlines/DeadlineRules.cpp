#include "workflows/deadlines/DeadlineRules.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace civicdesk::workflows {
namespace {

constexpr const char* kComplaints = "RULES.md §1 信息公开举报投诉处理制度";
constexpr const char* kReview = "RULES.md §2 信息公开保密审查制度";
constexpr const char* kCoordination = "RULES.md §4 信息发布协调制度";
constexpr const char* kRegulation = "《中华人民共和国政府信息公开条例》（2019年修订）";

Period workingDays(int n) {
  return {n, PeriodUnit::WorkingDays};
}
Period days(int n) {
  return {n, PeriodUnit::Days};
}

DeadlineRule make(const char* system, const char* name, const char* article, const char* basis,
                  const char* title, const char* trigger, Period period,
                  ExtensionPolicy extension = {}) {
  return {system, name, article, basis, title, trigger, period, std::move(extension)};
}

}  // namespace

DeadlineRules DeadlineRules::defaults() {
  const std::vector<DeadlineRule> rules{
      make("complaint", "acceptance_decision", "",
           "CivicDesk default (the regulation sets no period)", "作出是否受理的决定",
           "收到投诉举报", workingDays(3)),
      make("complaint", "handling_opinion", "Art. 9", kComplaints,
           "提出办理意见（直接办理、转交办理或督促办理）", "受理", workingDays(5)),
      make("complaint", "conclusion", "Art. 10", kComplaints, "直接办理办结", "受理", days(30),
           {1, 15, "经机关负责人批准", true}),
      make("complaint", "transfer", "Art. 10", kComplaints, "转交办理", "提出办理意见",
           workingDays(5)),
      make("complaint", "transferred_conclusion", "Art. 10", kComplaints,
           "转交件办结并报告移交机关", "收到转交", days(30), {1, 15, "经移交机关同意", false}),
      make("complaint", "feedback", "Art. 13", kComplaints, "向投诉举报人反馈", "办结",
           workingDays(5)),
      make("review", "confidentiality_opinion", "Art. 12", kReview, "保密审查机构出具审查意见",
           "收到审查申请", workingDays(3)),
      make("coordination", "reply", "Art. 5", kCoordination, "相关机关书面回复", "收到协调函",
           workingDays(10)),
      make("info_request", "reply", "Art. 33", kRegulation, "答复政府信息公开申请", "收到申请",
           workingDays(20), {1, 20, "经政府信息公开工作机构负责人同意", true}),
      make("info_request", "supplement_notice", "Art. 30", kRegulation, "一次性告知申请人补正",
           "收到申请", workingDays(7)),
      make("info_request", "third_party", "Art. 32", kRegulation, "第三方提出意见",
           "收到征求意见书", workingDays(15)),
      // A default of ours: Art. 30 asks for a reasonable period and sets none.
      make("info_request", "supplement_period", "Art. 30", kRegulation, "申请人补正",
           "发出补正告知", workingDays(15)),
  };
  DeadlineRules table;
  for (const auto& rule : rules) table.rules_.emplace(rule.id(), rule);
  return table;
}

Expected<DeadlineRules, std::string> DeadlineRules::fromJson(const nlohmann::json& overrides,
                                                             const DeadlineRules& base) {
  if (!overrides.is_object()) {
    return unexpected(std::string("deadline rules must be an object keyed by rule id"));
  }
  DeadlineRules table = base;
  for (const auto& [id, patch] : overrides.items()) {
    if (!patch.is_object()) return unexpected("deadline rule " + id + " must be an object");
    const auto known = table.rules_.find(id);
    // Merge the override into the current rule, then validate the result as a whole rule.
    nlohmann::json merged =
        known != table.rules_.end() ? workflows::toJson(known->second) : nlohmann::json::object();
    merged.merge_patch(patch);
    auto rule = deadlineRuleFromJson(merged);
    if (!rule) return unexpected("deadline rule " + id + ": " + rule.error());
    if (rule->id() != id) {
      return unexpected("deadline rule " + id + ": its system and name give \"" + rule->id() +
                        "\"");
    }
    table.rules_.insert_or_assign(id, std::move(*rule));
  }
  return table;
}

const DeadlineRule* DeadlineRules::find(std::string_view id) const {
  const auto it = rules_.find(id);
  return it == rules_.end() ? nullptr : &it->second;
}

const DeadlineRule& DeadlineRules::at(std::string_view id) const& {
  if (const auto* rule = find(id)) return *rule;
  throw std::out_of_range("no deadline rule \"" + std::string(id) + "\"");
}

nlohmann::json DeadlineRules::toJson() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, rule] : rules_) out[id] = workflows::toJson(rule);
  return out;
}

}  // namespace civicdesk::workflows
