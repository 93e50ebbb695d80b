#include "workflows/complaints/Admissibility.hpp"

namespace civicdesk::workflows {
namespace {

// A fact counts against the complainant only when it is known and has the failing value;
// an unknown fact (nullopt) never does: a handler confirms every proposal anyway.
bool knownTrue(const std::optional<bool>& fact) {
  return fact.has_value() && *fact;
}
bool knownFalse(const std::optional<bool>& fact) {
  return fact.has_value() && !*fact;
}

AdmissibilityAssessment notAccepted(InadmissibilityGround ground) {
  return AdmissibilityAssessment{false, ground};
}

}  // namespace

std::string AdmissibilityAssessment::article() const {
  if (admissible || !ground) return {};
  // Art. 7's items as the regulation writes them, with full-width parentheses.
  switch (*ground) {
    case InadmissibilityGround::OutsideJurisdiction:
      return "第七条第（一）项";
    case InadmissibilityGround::NoRespondentOrUnreachable:
      return "第七条第（二）项";
    case InadmissibilityGround::HandledElsewhere:
      return "第七条第（三）项";
    case InadmissibilityGround::AlreadyDecided:
      return "第七条第（四）项";
    case InadmissibilityGround::OutsideScope:
      return "第七条第（五）项";
  }
  return {};
}

// Art. 7, items in the regulation's order; the first failing item is the ground named in the
// reply.
AdmissibilityAssessment assessAdmissibility(const AdmissibilityFacts& facts) {
  // (1) 投诉举报内容不属于受理部门职责管辖范围的
  if (knownFalse(facts.respondentIsPilotUnit)) {
    return notAccepted(InadmissibilityGround::OutsideJurisdiction);
  }
  // (2) 没有明确的被投诉举报人或者投诉举报人无法查找的
  if (knownFalse(facts.respondentIdentified) || knownFalse(facts.complainantReachable)) {
    return notAccepted(InadmissibilityGround::NoRespondentOrUnreachable);
  }
  // (3) 就同一事项已经向有关机关举报、行政复议或者提起行政诉讼,有关机关没有作出不予受理决定
  // 或者不予受理裁定的. Once that agency has declined, the bar lifts. Whether it has is a fact
  // like any other: until it is known to be "no", it does not count against the complainant
  // (the dialog asks before it assesses; a handler confirms either way).
  if (knownTrue(facts.reportedElsewhere) && knownFalse(facts.otherAgencyDeclined)) {
    return notAccepted(InadmissibilityGround::HandledElsewhere);
  }
  // (4) 政府信息公开工作监督机关对同一举报事项已经作出处理决定的
  if (knownTrue(facts.supervisionAlreadyDecided)) {
    return notAccepted(InadmissibilityGround::AlreadyDecided);
  }
  // (5) 不属于政府信息公开违法违规行为举报受理范围的其他情形
  if (knownFalse(facts.concernsDisclosure)) {
    return notAccepted(InadmissibilityGround::OutsideScope);
  }
  return AdmissibilityAssessment{};
}

}  // namespace civicdesk::workflows
