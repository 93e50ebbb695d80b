#pragma once
// The lifecycle of an information request (依申请公开; RULES.md "Information requests"), as a
// pure function like ComplaintWorkflow: a request and an action in, the request after it and
// the effects it causes out (deadlines to open, meet, cancel, pause, resume or extend; notices
// to the applicant and to staff), or an error that changes nothing.
//
//   registered ──request_supplement──→ awaiting_supplement ──supplement──→ registered (the
//        │                                   └──deem_withdrawn (period over)──→ withdrawn
//        ├──start_consultation──→ consulting ──record_consultation──→ registered
//        ├──request_extension / extend / decline_extension (stays registered)
//        └──reply (one of eight types)──→ replied ──archive──→ archived
//   withdrawn ──archive──→ archived
//
// Receipt: for an online application, the day both sides confirm it, i.e. our acknowledgement
// (registration). The reply is due 20 working days from receipt (info_request.reply). An
// unclear application gets ONE supplement notice, within 7 working days of receipt
// (info_request.supplement_notice, opened at registration, met by the notice); the reply clock
// restarts when the supplement arrives (the reply deadline is cancelled at the notice and
// opened again from the supplement). No supplement within the period set → deemed withdrawn.
// The period set is RequestSupplementAction::workingDays: the notice opens
// info_request.supplement_period with that period (OpenDeadlineWithPeriod, below); the bot
// applies deem_withdrawn as "system" when that deadline runs out. The supplement notice's own
// deadline (7 working days) is met by the notice, and cancelled by a consultation or a reply
// (an application understood well enough for either needed no supplement).
// A third-party consultation pauses the reply clock; the third party has 15 working days
// (info_request.third_party). An extension of at most 20 working days needs the disclosure
// office head's approval (roles unit_head or leader of the unit asked) and a notice.
//
// Which status allows which action (anything else: NotAllowedNow):
//   request_supplement        registered, no supplement asked before
//   supplement                awaiting_supplement
//   deem_withdrawn            awaiting_supplement (actor "system": the period ran out)
//   start_consultation        registered
//   record_consultation       consulting
//   request_extension         registered or consulting; no extension yet, none pending
//   extend, decline_extension as request_extension (extend: no extension yet; decline: pending)
//   reply                     registered
//   archive                   replied, withdrawn
// Permission: the unit asked (Application::unitId) acts: handler, unit_head,
// receiving_department; extend/decline_extension: unit_head or leader; leading_group_office
// and admin: everything; "system": supplement (the applicant's own supplement, recorded by the
// bot from the applicant's message; it decides nothing), deem_withdrawn and archive only.
// Checks run in the order permission (Forbidden), status (NotAllowedNow), fields (Invalid,
// `field` names the action's member, e.g. "where", "withheld", "workingDays").
//
// Notices (CitizenNotice::templateKey, values from the workflow; the bot adds dates):
//   citizen.info.supplement        case_no, items (one per line), note, days   supplement_due
//   citizen.info.supplemented      case_no                                      reply_due
//   citizen.info.withdrawn         case_no                                      -
//   citizen.info.consulting        case_no                                      -
//   citizen.info.extended          case_no, reason, days                        reply_due
//   citizen.info.reply.<type>      case_no + the reply's fields (see ReplyAction)
// supplement_due is the due date of info_request.supplement_period; reply_due of
// info_request.reply. The reply's fields, as snake_case keys, are those of its type plus "text"
// and "attachment_url" (possibly empty): already_public: where; disclosed: provision;
// partly_disclosed: provision, withheld, legal_basis, reason; not_disclosed: legal_basis,
// reason; does_not_exist: -; not_this_unit: right_unit (possibly empty: unknown); repeated:
// previous_case_no; other_channel: other_channel.
// Staff notices: staff.info.approval (case_no, reason, days, requested_by, deadline_rule),
//   staff.info.approval_declined (case_no, reason, deadline_rule), staff.info.supplemented
//   (case_no), all to the unit asked.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// The whole json, not json_fwd: InfoRequestState holds json members by value.
#include <nlohmann/json.hpp>

#include "util/Expected.hpp"
#include "workflows/calendar/Period.hpp"
#include "workflows/complaints/ComplaintWorkflow.hpp"  // Actor, WorkflowError and the effects
#include "workflows/info_requests/Application.hpp"

namespace civicdesk::workflows {

enum class InfoRequestStatus {
  Registered,          // received (acknowledged); the reply clock runs
  AwaitingSupplement,  // the supplement notice went out; the reply clock is not running
  Consulting,          // a third party is consulted; the reply clock is paused
  Replied,
  Withdrawn,  // deemed withdrawn: no supplement within the period
  Archived
};
std::string_view toString(InfoRequestStatus status);  // "registered", "awaiting_supplement", ...
std::optional<InfoRequestStatus> infoRequestStatusFromString(std::string_view text);

// The eight reply types (the regulation's Art. 36).
enum class ReplyType {
  AlreadyPublic,    // 已主动公开: where it is (the place or link)
  Disclosed,        // 予以公开: the information, or how and when it is provided
  PartlyDisclosed,  // 部分公开: what is withheld, its legal basis and reason
  NotDisclosed,     // 不予公开: legal basis and reason
  DoesNotExist,     // 信息不存在
  NotThisUnit,      // 非本机关负责公开: the right unit where known
  Repeated,         // 重复申请: the earlier application
  OtherChannel      // 通过其他法定途径获取: which channel
};
inline constexpr ReplyType kAllReplyTypes[] = {ReplyType::AlreadyPublic,   ReplyType::Disclosed,
                                               ReplyType::PartlyDisclosed, ReplyType::NotDisclosed,
                                               ReplyType::DoesNotExist,    ReplyType::NotThisUnit,
                                               ReplyType::Repeated,        ReplyType::OtherChannel};
std::string_view toString(ReplyType type);  // "already_public", "disclosed", ...
std::optional<ReplyType> replyTypeFromString(std::string_view text);

struct InfoRequest {
  std::int64_t id = 0;
  std::string caseNo;  // "YS-2026-000001"
  Application application;
  InfoRequestStatus status = InfoRequestStatus::Registered;
  std::int64_t citizenId = 0;
  std::string channel;          // where it came in: replies go back there
  std::int64_t receivedAt = 0;  // receipt (restarts with a supplement: see the state)
};

// --- actions ----------------------------------------------------------------------------------
struct RequestSupplementAction {
  std::vector<std::string> items;  // everything to supplement, each in plain words (non-empty)
  std::string note;
  // The period set for the supplement (1..60). The caller fills an unset period from the
  // info_request.supplement_period rule (configurable), its one home; the workflow refuses none.
  std::optional<int> workingDays;
};
struct SupplementAction {  // the applicant's supplement (recorded by the bot or staff)
  std::string text;        // what they supplied
  std::optional<Application> corrected;  // the application with the supplement applied
};
struct DeemWithdrawnAction {};
struct StartConsultationAction {
  std::string thirdParty;  // who is consulted
  std::string matter;      // what their interest is
};
struct RecordConsultationAction {
  std::string answer;  // what the third party said (or "逾期未答复")
  bool consents = false;
};
struct RequestInfoExtensionAction {
  std::string reason;
  int workingDays = 20;  // 1..20
};
struct ExtendInfoRequestAction {
  std::string approver;  // the disclosure office head
  std::string reason;    // may be empty when a pending request gave one
  int workingDays = 0;   // 0: the pending request's; 1..20
};
struct DeclineInfoExtensionAction {
  std::string reason;
};
struct ReplyAction {
  ReplyType type = ReplyType::Disclosed;
  std::string text;        // the reply's own words (required for every type)
  std::string where;       // AlreadyPublic: where it is published (required)
  std::string provision;   // Disclosed / PartlyDisclosed: how and when it is provided (required)
  std::string withheld;    // PartlyDisclosed: what is withheld (required)
  std::string legalBasis;  // PartlyDisclosed, NotDisclosed: the article relied on (required)
  std::string reason;      // PartlyDisclosed, NotDisclosed: why (required)
  std::string rightUnit;   // NotThisUnit: the right unit where known (optional)
  std::string previousCaseNo;  // Repeated: the earlier application (required)
  std::string otherChannel;    // OtherChannel: which channel (required)
  std::string attachmentUrl;   // a download link for the information, where there is one
};
struct ArchiveInfoRequestAction {};

using InfoRequestAction =
    std::variant<RequestSupplementAction, SupplementAction, DeemWithdrawnAction,
                 StartConsultationAction, RecordConsultationAction, RequestInfoExtensionAction,
                 ExtendInfoRequestAction, DeclineInfoExtensionAction, ReplyAction,
                 ArchiveInfoRequestAction>;
std::string_view actionName(const InfoRequestAction& action);  // "request_supplement", ...

// --- the request's workflow state, persisted with it ----------------------------------------
struct InfoRequestState {
  int supplementsAsked = 0;
  std::vector<std::string> supplementItems;
  int supplementWorkingDays = 0;  // the period set for the supplement (0: none asked)
  std::int64_t supplementAskedAt = 0, supplementedAt = 0;
  // {third_party, matter, answer, consents, at, answered_at}; answered_at 0 while consulting
  std::vector<nlohmann::json> consultations;
  int extensionsUsed = 0;
  int extensionDays = 0;
  std::optional<ComplaintWorkflowState::ExtensionRequest> extensionRequest;
  int requestedExtensionDays = 0;
  std::optional<ReplyType> replyType;
  nlohmann::json reply;  // the ReplyAction's fields as given, snake_case keys, plus "type"
  std::int64_t repliedAt = 0;
};
nlohmann::json toJson(const InfoRequestState& state);
InfoRequestState infoRequestStateFromJson(const nlohmann::json& json);

// Effects: the complaint workflow's (OpenDeadline, MeetDeadline, CancelDeadline,
// CitizenNotice, StaffNotice) plus pauses, extensions of a given length and deadlines whose
// period the case sets. Cancelling, meeting, pausing or resuming a deadline that is not open
// does nothing (the supplement notice's deadline may be gone already).
struct PauseDeadline {
  std::string ruleId;
  std::string reason;
};
struct ResumeDeadline {
  std::string ruleId;
};
struct ExtendDeadlineBy {  // an extension of a given length (ExtendDeadline has the rule's own)
  std::string ruleId;
  int units = 0;
  std::string approver;
  std::string reason;
};
// Opens `ruleId` like OpenDeadline, but with `period` instead of the rule's own (a copy of the
// rule from the table, its period replaced): Art. 30's supplement period is set per case.
struct OpenDeadlineWithPeriod {
  std::string ruleId;
  std::string unitId;
  std::int64_t triggerAt = 0;
  Period period;
};
using InfoRequestEffect =
    std::variant<OpenDeadline, MeetDeadline, CancelDeadline, ExtendDeadlineBy, PauseDeadline,
                 ResumeDeadline, CitizenNotice, StaffNotice, OpenDeadlineWithPeriod>;

struct InfoRequestStep {
  InfoRequestStatus status;
  InfoRequestState state;
  std::optional<Application> application;  // set when the action changed the application
  std::vector<InfoRequestEffect> effects;
  std::string event;   // "info_request.supplement_requested", ...
  std::string basis;   // "政府信息公开条例 第三十条"
  std::string reason;  // the action's own words, for the log
};

// The effects of registering (the acknowledgement is the receipt): opens info_request.reply
// and info_request.supplement_notice from `now` for the unit asked.
std::vector<InfoRequestEffect> registrationEffects(const InfoRequest& request, std::int64_t now);

Expected<InfoRequestStep, WorkflowError> applyInfoRequestAction(const InfoRequest& request,
                                                                const InfoRequestState& state,
                                                                const InfoRequestAction& action,
                                                                const Actor& actor,
                                                                std::int64_t now);

}  // namespace civicdesk::workflows
