// The regulation's Art. 36: the eight ways an application is answered, each with the content
// that makes it a reply the applicant can act on (where to look, what was withheld and on which
// article, which unit or channel to turn to).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/info_requests/InfoRequestTransitions.hpp"

namespace civicdesk::workflows::info_request_transitions {
namespace {

// A reply member the type shows the applicant: its name in the action (what `field` reports),
// its key in the notice, its value, and whether the type cannot go without it.
struct Field {
  const char* member;
  const char* key;
  const std::string& value;
  bool required = true;
};

// The members of each type's content, in the order they are checked.
std::vector<Field> contentOf(const ReplyAction& a) {
  const Field where{"where", "where", a.where};
  const Field provision{"provision", "provision", a.provision};
  const Field withheld{"withheld", "withheld", a.withheld};
  const Field legalBasis{"legalBasis", "legal_basis", a.legalBasis};
  const Field reason{"reason", "reason", a.reason};
  switch (a.type) {
    case ReplyType::AlreadyPublic:  // (1) tell the applicant how to obtain it
      return {where};
    case ReplyType::Disclosed:  // (2) provide it, or say how and when
      return {provision};
    case ReplyType::PartlyDisclosed:  // (3) + Art. 37: what is withheld, and why
      return {provision, withheld, legalBasis, reason};
    case ReplyType::NotDisclosed:  // (3): the reason for not disclosing
      return {legalBasis, reason};
    case ReplyType::DoesNotExist:  // (4)
      return {};
    case ReplyType::NotThisUnit:  // (5): the right unit, where it can be determined
      return {Field{"rightUnit", "right_unit", a.rightUnit, false}};
    case ReplyType::Repeated:  // (6)
      return {Field{"previousCaseNo", "previous_case_no", a.previousCaseNo}};
    case ReplyType::OtherChannel:  // (7): which legal channel
      return {Field{"otherChannel", "other_channel", a.otherChannel}};
  }
  return {};
}

const char* whatIsMissing(std::string_view member) {
  if (member == "where") return "an already-public reply says where it is published";
  if (member == "provision") return "say how and when the information is provided";
  if (member == "withheld") return "a partial disclosure says what is withheld";
  if (member == "legalBasis") return "a refusal cites the article it relies on";
  if (member == "reason") return "a refusal gives its reason";
  if (member == "previousCaseNo") return "a repeated application names the earlier one";
  if (member == "otherChannel") return "say through which legal channel it is obtained";
  return "required";
}

nlohmann::json asGiven(const ReplyAction& a) {
  return {{"type", std::string(toString(a.type))},
          {"text", a.text},
          {"where", a.where},
          {"provision", a.provision},
          {"withheld", a.withheld},
          {"legal_basis", a.legalBasis},
          {"reason", a.reason},
          {"right_unit", a.rightUnit},
          {"previous_case_no", a.previousCaseNo},
          {"other_channel", a.otherChannel},
          {"attachment_url", a.attachmentUrl}};
}

}  // namespace

Result apply(const Context& ctx, const ReplyAction& action) {
  // A consultation under way must be answered (or time out) before the reply.
  if (ctx.request.status != InfoRequestStatus::Registered) return notAllowedNow(ctx, "reply");
  if (isBlank(action.text)) return invalid("text", "every reply has its own words");
  const std::vector<Field> content = contentOf(action);
  for (const auto& field : content) {
    if (field.required && isBlank(field.value)) {
      return invalid(field.member, whatIsMissing(field.member));
    }
  }
  if (action.type == ReplyType::Repeated && action.previousCaseNo == ctx.request.caseNo) {
    return invalid("previousCaseNo", "an application does not repeat itself");
  }
  InfoRequestStep s =
      step(ctx, InfoRequestStatus::Replied, "info_request.replied", kArt36, action.text);
  s.state.replyType = action.type;
  s.state.reply = asGiven(action);
  s.state.repliedAt = ctx.now;
  s.state.extensionRequest.reset();  // nothing left to extend
  s.state.requestedExtensionDays = 0;
  std::map<std::string, std::string> values{{"case_no", ctx.request.caseNo},
                                            {"text", action.text},
                                            {"attachment_url", action.attachmentUrl}};
  for (const auto& field : content) values.emplace(field.key, field.value);
  s.effects = {
      MeetDeadline{std::string(rule_ids::kInfoRequestReply)},
      CancelDeadline{std::string(rule_ids::kInfoRequestSupplementNotice)},
      CitizenNotice{"citizen.info.reply." + std::string(toString(action.type)), std::move(values)}};
  return s;
}

}  // namespace civicdesk::workflows::info_request_transitions
