#pragma once
// The lifecycle of a complaint case, RULES.md §1 Art. 3-13, as a pure function: a case and an
// action in, the case after it and the effects it causes out (deadlines to open, meet, cancel
// or extend; notices to the complainant and to staff; a linked case for a transfer), or an
// error that changes nothing. The caller (bot/) executes the effects in one transaction.
//
//   received → registered → accepted ─┬─ (opinion: direct / supervise) → investigating ─┐
//                        └→ not_accepted │                                               │
//                                         └─ (opinion: transfer) → transferred ──────────┤
//                                                                                        ↓
//                         archived ← feedback_sent ← concluded ←─────────────────────────┘
//   not_accepted → archived (after the non-acceptance reply)
//
// A transferred-in case (created by a transfer at the receiving unit) starts at `accepted`
// with state.transferredIn and mode Direct (receiveTransferredCase below): investigating →
// concluded → result reported back to the transferring case (ReportToParent), which then
// becomes concluded with the reported findings (applyReportedResult, Art. 10) and sends the
// feedback itself; the transferred-in case is archived from `concluded`.
//
// Which status allows which action (anything else: NotAllowedNow):
//   accept, not_accept        registered
//   handling_opinion          accepted, no opinion yet, not transferred-in
//   transfer                  accepted with opinion Transfer (a transfer pending)
//   investigation_request     investigating; transferred-in: accepted (→ investigating) too
//   request_extension         as investigation_request; no extension yet, none pending
//   extend                    as investigation_request; once per case (extensionsUsed)
//   decline_extension         a request pending
//   conclude                  as investigation_request
//   feedback                  concluded, not transferred-in (the parent tells the complainant)
//   archive                   feedback_sent, not_accepted; transferred-in: concluded
// Checks run in the order permission (Forbidden, ComplaintPermissions.hpp), status
// (NotAllowedNow), fields (Invalid, `field` names the action's member, e.g. "findings").
//
// Notices. Every CitizenNotice carries values["case_no"]: the number the complainant knows,
// and the bot sends the notice to the complainant of THAT case (for a transferred-in case it
// is the parent's number; the complainant belongs to the parent). Placeholders:
//   key                                   from the workflow               from the bot
//   citizen.case.accepted                 case_no                         conclusion_due
//   citizen.case.not_accepted             case_no, article, reason,       -
//                                         refer_to (non-empty)
//   citizen.case.not_accepted.no_referral case_no, article, reason        -
//   citizen.case.extended                 case_no, reason                 conclusion_due (new)
//   citizen.case.feedback                 case_no, feedback               -
//   staff.task.new                        -                               case_no, acceptance_due
//   staff.task.transferred_in             case_no (parent's), from_unit   conclusion_due
//   staff.task.investigation              case_no, request, days          due
//   staff.approval.extension              case_no, reason, requested_by,  due (of deadline_rule)
//                                         approver_role, deadline_rule
//   staff.approval.extension_declined     case_no, reason                 -
// Unit values are unit ids; the bot may replace them with the directory's names. Dates are
// the bot's: it computes them from the deadlines the effects open.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "util/Expected.hpp"
#include "workflows/complaints/Admissibility.hpp"
#include "workflows/complaints/Complaint.hpp"

namespace civicdesk::workflows {

enum class HandlingMode { None, Direct, Transfer, Supervise };  // Art. 9
std::string_view toString(HandlingMode mode);
std::optional<HandlingMode> handlingModeFromString(std::string_view text);

// Who acts, as the workflow needs to know it (the API checks tokens and maps roles).
struct Actor {
  std::string id;    // "staff:12", "system"
  std::string role;  // "handler", "unit_head", "leader", "receiving_department",
                     // "leading_group_office", "admin", "system"
  std::string unitId;
};

// --- actions (one per step of Art. 3) -------------------------------------------------------
struct AcceptAction {  // Art. 7 passed
  std::string basis;   // e.g. "符合第七条，予以受理"
};
struct NotAcceptAction {  // Art. 7 (1)..(5)
  InadmissibilityGround ground;
  std::string reason;   // shown to the complainant with the ground
  std::string referTo;  // where the complainant should go instead (may be empty)
};
struct HandlingOpinionAction {  // Art. 9, within 5 working days of acceptance
  HandlingMode mode;            // Direct, Transfer or Supervise
  std::string targetUnitId;     // Transfer: the unit that will handle it
  std::string reason;
};
struct TransferAction {  // Art. 10: the transfer itself, within 5 working days
  std::string note;
};
struct InvestigationRequestAction {  // Art. 11: documents and explanations from the respondent
  std::string request;
  int workingDays = 5;  // the respondent's due date
};
// Art. 10: the handler asks for the one extension; the approver (the agency head, or for a
// transferred-in case the transferring agency) is told and decides: extend or decline.
struct RequestExtensionAction {
  std::string reason;  // the special reason the approver weighs
};
struct ExtendAction {    // Art. 10: +15 days once; approver required
  std::string approver;  // the agency head (direct), or the transferring agency (transferred-in)
  std::string reason;    // may be empty when a pending request gave one
};
struct DeclineExtensionAction {  // the approver says no; the original deadline stands
  std::string reason;
};
struct ConcludeAction {  // Art. 12
  std::string findings;
  std::vector<std::string> orders;    // stop / remedy orders to the respondent
  std::vector<std::string> remedies;  // what the respondent must do or has done
};
struct FeedbackAction {  // Art. 13, within 5 working days of the conclusion
  std::string text;      // what the complainant is told
};
struct ArchiveAction {};

using WorkflowAction =
    std::variant<AcceptAction, NotAcceptAction, HandlingOpinionAction, TransferAction,
                 InvestigationRequestAction, RequestExtensionAction, ExtendAction,
                 DeclineExtensionAction, ConcludeAction, FeedbackAction, ArchiveAction>;

std::string_view actionName(const WorkflowAction& action);  // "accept", "not_accept", ...

// --- the case's workflow state, persisted with the case ------------------------------------
struct ComplaintWorkflowState {
  HandlingMode mode = HandlingMode::None;
  bool transferredIn = false;               // this case was created by a transfer
  std::optional<std::string> parentCaseNo;  // transferred-in: the transferring case
  std::optional<std::string> childCaseNo;   // transferred: the case at the receiving unit
  std::string transferTargetUnitId;
  std::optional<InadmissibilityGround> notAcceptedGround;
  std::string decisionReason;
  int extensionsUsed = 0;
  // A pending extension request (Art. 10), waiting for its approver.
  struct ExtensionRequest {
    std::string requestedBy;  // actor id
    std::string reason;
    std::int64_t at = 0;
  };
  std::optional<ExtensionRequest> extensionRequest;
  std::string transferringUnitId;  // transferred-in: the unit whose consent an extension needs
  std::string findings;
  std::vector<std::string> orders;
  std::vector<std::string> remedies;
  std::string feedback;
  std::int64_t acceptedAt = 0, concludedAt = 0, feedbackAt = 0;
};

nlohmann::json toJson(const ComplaintWorkflowState& state);
ComplaintWorkflowState complaintWorkflowStateFromJson(const nlohmann::json& json);

// --- effects ---------------------------------------------------------------------------------
struct OpenDeadline {
  std::string ruleId;  // rule_ids::…
  std::string unitId;  // whose staff must act (gets the reminders)
  std::int64_t triggerAt = 0;
};
struct MeetDeadline {
  std::string ruleId;
};
struct CancelDeadline {
  std::string ruleId;
};
struct ExtendDeadline {
  std::string ruleId;
  std::string approver;
  std::string reason;
};
struct CitizenNotice {
  std::string templateKey;  // "citizen.case.accepted", ... (config/templates.zh-CN.json)
  std::map<std::string, std::string> values;
};
struct StaffNotice {
  std::string unitId;
  std::string templateKey;  // "staff.task.new", ...
  std::map<std::string, std::string> values;
};
struct CreateLinkedCase {  // Art. 10 transfer: a case at the receiving unit
  std::string receivingUnitId;
};
struct ReportToParent {  // Art. 10: the transferred-in case reports its result back
  std::string parentCaseNo;
};
struct InvestigationTask {  // Art. 11
  std::string unitId;       // the respondent unit
  std::string request;
  int workingDays = 5;
};

using WorkflowEffect =
    std::variant<OpenDeadline, MeetDeadline, CancelDeadline, ExtendDeadline, CitizenNotice,
                 StaffNotice, CreateLinkedCase, ReportToParent, InvestigationTask>;

struct WorkflowStep {
  CaseStatus status;             // after the action
  ComplaintWorkflowState state;  // after the action
  std::vector<WorkflowEffect> effects;
  std::string event;   // "case.accepted", ... for the event log
  std::string basis;   // the article, e.g. "RULES.md §1 Art. 7"
  std::string reason;  // the action's own words (basis, reason, note), for the log
};

struct WorkflowError {
  enum class Code {
    NotAllowedNow,  // the action does not fit the case's status (HTTP 409)
    Forbidden,      // the actor's role or unit may not do it (HTTP 403)
    Invalid         // a field is missing or wrong (HTTP 422); `field` names it
  };
  Code code;
  std::string field;
  std::string message;
};

// The one home of the lifecycle rules. `now` is the time of the action.
Expected<WorkflowStep, WorkflowError> applyComplaintAction(const ComplaintCase& c,
                                                           const ComplaintWorkflowState& state,
                                                           const WorkflowAction& action,
                                                           const Actor& actor, std::int64_t now);

// Art. 10: the state of the case the bot creates at the receiving unit for a transfer, and the
// effects of its receipt (OpenDeadline(transferred_conclusion, receiving unit, now): 30 days
// from receipt). The bot creates the case with status Accepted, receivingUnitId =
// parentState.transferTargetUnitId, the parent's form, citizenId and channel, and then sets
// parentState.childCaseNo to the new case's number. NotAllowedNow unless the parent is
// `transferred`.
Expected<WorkflowStep, WorkflowError> receiveTransferredCase(
    const ComplaintCase& parent, const ComplaintWorkflowState& parentState, std::int64_t now);

// Art. 10: the transferring case takes the result reported by its transferred-in case.
// NotAllowedNow unless the parent is `transferred` and the child a concluded transferred-in
// case of this parent (child.parentCaseNo == parent.caseNo, findings given). The parent becomes
// `concluded` with the child's findings, orders and remedies and opens its feedback deadline
// (Art. 13) from `now`.
Expected<WorkflowStep, WorkflowError> applyReportedResult(const ComplaintCase& parent,
                                                          const ComplaintWorkflowState& state,
                                                          const ComplaintWorkflowState& child,
                                                          std::int64_t now);

}  // namespace civicdesk::workflows
