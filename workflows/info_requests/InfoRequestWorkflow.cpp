// The dispatch of InfoRequestWorkflow.hpp and the names its enums and actions are stored under.
// The rules of each step live in InfoRequestTransitions.cpp, InfoRequestExtension.cpp and
// InfoRequestReply.cpp; who may act in InfoRequestPermissions.cpp.
#include "workflows/info_requests/InfoRequestWorkflow.hpp"

#include "workflows/deadlines/DeadlineRules.hpp"
#include "workflows/info_requests/InfoRequestPermissions.hpp"
#include "workflows/info_requests/InfoRequestTransitions.hpp"

namespace civicdesk::workflows {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

constexpr InfoRequestStatus kStatuses[] = {
    InfoRequestStatus::Registered, InfoRequestStatus::AwaitingSupplement,
    InfoRequestStatus::Consulting, InfoRequestStatus::Replied,
    InfoRequestStatus::Withdrawn,  InfoRequestStatus::Archived};

}  // namespace

std::string_view toString(InfoRequestStatus status) {
  switch (status) {
    case InfoRequestStatus::Registered:
      return "registered";
    case InfoRequestStatus::AwaitingSupplement:
      return "awaiting_supplement";
    case InfoRequestStatus::Consulting:
      return "consulting";
    case InfoRequestStatus::Replied:
      return "replied";
    case InfoRequestStatus::Withdrawn:
      return "withdrawn";
    case InfoRequestStatus::Archived:
      return "archived";
  }
  return "registered";
}

std::optional<InfoRequestStatus> infoRequestStatusFromString(std::string_view text) {
  for (auto status : kStatuses) {
    if (toString(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view toString(ReplyType type) {
  switch (type) {
    case ReplyType::AlreadyPublic:
      return "already_public";
    case ReplyType::Disclosed:
      return "disclosed";
    case ReplyType::PartlyDisclosed:
      return "partly_disclosed";
    case ReplyType::NotDisclosed:
      return "not_disclosed";
    case ReplyType::DoesNotExist:
      return "does_not_exist";
    case ReplyType::NotThisUnit:
      return "not_this_unit";
    case ReplyType::Repeated:
      return "repeated";
    case ReplyType::OtherChannel:
      return "other_channel";
  }
  return "disclosed";
}

std::optional<ReplyType> replyTypeFromString(std::string_view text) {
  for (auto type : kAllReplyTypes) {
    if (toString(type) == text) return type;
  }
  return std::nullopt;
}

std::string_view actionName(const InfoRequestAction& action) {
  return std::visit(
      Overloaded{
          [](const RequestSupplementAction&) { return std::string_view("request_supplement"); },
          [](const SupplementAction&) { return std::string_view("supplement"); },
          [](const DeemWithdrawnAction&) { return std::string_view("deem_withdrawn"); },
          [](const StartConsultationAction&) { return std::string_view("start_consultation"); },
          [](const RecordConsultationAction&) { return std::string_view("record_consultation"); },
          [](const RequestInfoExtensionAction&) { return std::string_view("request_extension"); },
          [](const ExtendInfoRequestAction&) { return std::string_view("extend"); },
          [](const DeclineInfoExtensionAction&) { return std::string_view("decline_extension"); },
          [](const ReplyAction&) { return std::string_view("reply"); },
          [](const ArchiveInfoRequestAction&) { return std::string_view("archive"); },
      },
      action);
}

std::vector<InfoRequestEffect> registrationEffects(const InfoRequest& request, std::int64_t now) {
  // Art. 31 (2): an online application is received when both sides confirm it, i.e. at our
  // acknowledgement; both clocks of the unit asked count from that day.
  const std::string& unit = request.application.unitId;
  return {OpenDeadline{std::string(rule_ids::kInfoRequestReply), unit, now},
          OpenDeadline{std::string(rule_ids::kInfoRequestSupplementNotice), unit, now}};
}

Expected<InfoRequestStep, WorkflowError> applyInfoRequestAction(const InfoRequest& request,
                                                                const InfoRequestState& state,
                                                                const InfoRequestAction& action,
                                                                const Actor& actor,
                                                                std::int64_t now) {
  if (auto refused = checkInfoRequestPermission(request, action, actor)) {
    return unexpected(std::move(*refused));
  }
  const info_request_transitions::Context ctx{request, state, now, actor};
  return std::visit([&](const auto& a) { return info_request_transitions::apply(ctx, a); }, action);
}

}  // namespace civicdesk::workflows
