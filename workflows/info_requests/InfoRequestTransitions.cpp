// The regulation's Art. 30 (one supplement notice; the clock restarts with the supplement; no
// supplement in time: withdrawn), Art. 32 (third-party consultation stops the clock) and the
// archive, with the helpers every step shares.
#include "workflows/info_requests/InfoRequestTransitions.hpp"

#include <nlohmann/json.hpp>

#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::workflows::info_request_transitions {
namespace {

// The longest supplement period a unit may set; a typo of 500 days is refused, not scheduled.
constexpr int kMaxSupplementWorkingDays = 60;

std::string rule(std::string_view id) {
  return std::string(id);
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

}  // namespace

Unexpected<WorkflowError> notAllowedNow(const Context& ctx, std::string_view action) {
  return unexpected(WorkflowError{WorkflowError::Code::NotAllowedNow, "status",
                                  std::string(action) + " is not allowed while application " +
                                      ctx.request.caseNo + " is " +
                                      std::string(toString(ctx.request.status))});
}

Unexpected<WorkflowError> invalid(std::string field, std::string message) {
  return unexpected(
      WorkflowError{WorkflowError::Code::Invalid, std::move(field), std::move(message)});
}

bool isBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos ||
         text == "\xE3\x80\x80";  // a lone ideographic space, what a CJK keyboard's space bar types
}

InfoRequestStep step(const Context& ctx, InfoRequestStatus status, std::string event,
                     std::string_view basis, std::string reason) {
  return InfoRequestStep{status,           ctx.state,          std::nullopt,     {},
                         std::move(event), std::string(basis), std::move(reason)};
}

const std::string& unitAsked(const Context& ctx) {
  return ctx.request.application.unitId;
}

Result apply(const Context& ctx, const RequestSupplementAction& action) {
  if (ctx.request.status != InfoRequestStatus::Registered) {
    return notAllowedNow(ctx, "request_supplement");
  }
  if (ctx.state.supplementsAsked > 0) {
    return unexpected(WorkflowError{
        WorkflowError::Code::NotAllowedNow, "supplementsAsked",
        "Art. 30 allows one supplement notice; application " + ctx.request.caseNo + " had it"});
  }
  // One notice listing everything: an empty list would be a notice asking for nothing.
  if (action.items.empty())
    return invalid("items", "list everything the applicant must supplement");
  for (const auto& item : action.items) {
    if (isBlank(item)) return invalid("items", "an item to supplement may not be empty");
  }
  if (!action.workingDays) {
    return invalid("workingDays", "the supplement period was not set");
  }
  const int workingDays = *action.workingDays;
  if (workingDays < 1 || workingDays > kMaxSupplementWorkingDays) {
    return invalid("workingDays", "a supplement period is 1.." +
                                      std::to_string(kMaxSupplementWorkingDays) + " working days");
  }
  InfoRequestStep s = step(ctx, InfoRequestStatus::AwaitingSupplement,
                           "info_request.supplement_requested", kArt30, lines(action.items));
  s.state.supplementsAsked = 1;
  s.state.supplementItems = action.items;
  s.state.supplementWorkingDays = workingDays;
  s.state.supplementAskedAt = ctx.now;
  // The reply clock is gone until the supplement restarts it; an approval asked for it would
  // extend a clock that no longer exists.
  s.state.extensionRequest.reset();
  s.state.requestedExtensionDays = 0;
  s.effects = {MeetDeadline{rule(rule_ids::kInfoRequestSupplementNotice)},
               CancelDeadline{rule(rule_ids::kInfoRequestReply)},
               OpenDeadlineWithPeriod{rule(rule_ids::kInfoRequestSupplementPeriod), unitAsked(ctx),
                                      ctx.now, Period{workingDays, PeriodUnit::WorkingDays}},
               CitizenNotice{"citizen.info.supplement",
                             {{"case_no", ctx.request.caseNo},
                              {"items", lines(action.items)},
                              {"note", action.note},
                              {"days", std::to_string(workingDays)}}}};
  return s;
}

Result apply(const Context& ctx, const SupplementAction& action) {
  if (ctx.request.status != InfoRequestStatus::AwaitingSupplement) {
    return notAllowedNow(ctx, "supplement");
  }
  if (isBlank(action.text)) return invalid("text", "record what the applicant supplied");
  // Asking another unit is a new application there, not a supplement of this one.
  if (action.corrected && action.corrected->unitId != unitAsked(ctx)) {
    return invalid("corrected", "the supplement may not change the unit asked (" + unitAsked(ctx) +
                                    "); that is a new application");
  }
  InfoRequestStep s =
      step(ctx, InfoRequestStatus::Registered, "info_request.supplemented", kArt30, action.text);
  s.state.supplementedAt = ctx.now;
  s.application = action.corrected;
  // Art. 30: the period counts again from the day the supplement is received.
  s.effects = {
      MeetDeadline{rule(rule_ids::kInfoRequestSupplementPeriod)},
      OpenDeadline{rule(rule_ids::kInfoRequestReply), unitAsked(ctx), ctx.now},
      CitizenNotice{"citizen.info.supplemented", {{"case_no", ctx.request.caseNo}}},
      StaffNotice{unitAsked(ctx), "staff.info.supplemented", {{"case_no", ctx.request.caseNo}}}};
  return s;
}

Result apply(const Context& ctx, const DeemWithdrawnAction&) {
  if (ctx.request.status != InfoRequestStatus::AwaitingSupplement) {
    return notAllowedNow(ctx, "deem_withdrawn");
  }
  InfoRequestStep s = step(ctx, InfoRequestStatus::Withdrawn, "info_request.deemed_withdrawn",
                           kArt30, "no supplement within the period set");
  // The applicant's period ended unmet: nothing is owed by anyone any more.
  s.effects = {CancelDeadline{rule(rule_ids::kInfoRequestSupplementPeriod)},
               CitizenNotice{"citizen.info.withdrawn", {{"case_no", ctx.request.caseNo}}}};
  return s;
}

Result apply(const Context& ctx, const StartConsultationAction& action) {
  if (ctx.request.status != InfoRequestStatus::Registered) {
    return notAllowedNow(ctx, "start_consultation");
  }
  if (isBlank(action.thirdParty)) return invalid("thirdParty", "say which third party is asked");
  if (isBlank(action.matter)) {
    return invalid("matter", "say which interest of the third party the disclosure may harm");
  }
  InfoRequestStep s = step(ctx, InfoRequestStatus::Consulting, "info_request.consultation_started",
                           kArt32, action.thirdParty + ": " + action.matter);
  // Art. 32 asks for the consultation to be on record with its answer.
  s.state.consultations.push_back(nlohmann::json{{"third_party", action.thirdParty},
                                                 {"matter", action.matter},
                                                 {"answer", ""},
                                                 {"consents", false},
                                                 {"at", ctx.now},
                                                 {"answered_at", 0}});
  // Art. 33 (2): the time the third party takes is not counted.
  s.effects = {
      PauseDeadline{rule(rule_ids::kInfoRequestReply), "征求第三方意见：" + action.thirdParty},
      OpenDeadline{rule(rule_ids::kInfoRequestThirdParty), unitAsked(ctx), ctx.now},
      CancelDeadline{rule(rule_ids::kInfoRequestSupplementNotice)},
      CitizenNotice{"citizen.info.consulting", {{"case_no", ctx.request.caseNo}}}};
  return s;
}

Result apply(const Context& ctx, const RecordConsultationAction& action) {
  if (ctx.request.status != InfoRequestStatus::Consulting || ctx.state.consultations.empty()) {
    return notAllowedNow(ctx, "record_consultation");
  }
  if (isBlank(action.answer)) {
    return invalid("answer", "record what the third party said, or \"逾期未答复\"");
  }
  InfoRequestStep s = step(ctx, InfoRequestStatus::Registered, "info_request.consultation_recorded",
                           kArt32, action.answer);
  auto& consultation = s.state.consultations.back();
  consultation["answer"] = action.answer;
  consultation["consents"] = action.consents;
  consultation["answered_at"] = ctx.now;
  s.effects = {MeetDeadline{rule(rule_ids::kInfoRequestThirdParty)},
               ResumeDeadline{rule(rule_ids::kInfoRequestReply)}};
  return s;
}

Result apply(const Context& ctx, const ArchiveInfoRequestAction&) {
  const auto status = ctx.request.status;
  if (status != InfoRequestStatus::Replied && status != InfoRequestStatus::Withdrawn) {
    return notAllowedNow(ctx, "archive");
  }
  return step(ctx, InfoRequestStatus::Archived, "info_request.archived",
              status == InfoRequestStatus::Replied ? kArt36 : kArt30, "");
}

}  // namespace civicdesk::workflows::info_request_transitions
