#include "bot/staff/ComplaintActions.hpp"

#include <nlohmann/json.hpp>

#include "bot/staff/EffectSupport.hpp"
#include "store/Cases.hpp"
#include "store/Citizens.hpp"
#include "store/Deadlines.hpp"
#include "store/EventLog.hpp"
#include "store/InvestigationTasks.hpp"
#include "util/Overloaded.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/deadlines/DeadlineRules.hpp"

namespace civicdesk::bot {

using nlohmann::json;
using workflows::WorkflowError;

using effects::dueKey;
using effects::invalid;

ComplaintActions::ComplaintActions(store::Store& store, DeadlineKeeper& deadlines,
                                   const dialogs::Templates& templates,
                                   const workflows::UnitDirectory& units,
                                   const workflows::WorkingDayCalendar& calendar, Log& log,
                                   std::function<bool(const std::string&)> canDeliver)
    : store_(store),
      deadlines_(deadlines),
      templates_(templates),
      units_(units),
      calendar_(calendar),
      log_(log),
      notifier_(store, templates, std::move(canDeliver)) {}

Expected<workflows::ComplaintCase, WorkflowError> ComplaintActions::apply(
    const std::string& caseNo, const workflows::WorkflowAction& action,
    const workflows::Actor& actor, std::int64_t now) {
  store::Cases cases(store_);
  auto c = cases.byNumber(caseNo);
  if (!c) return unexpected(invalid("case_no", "no case " + caseNo));
  // The workflow knows the rules, the directory knows the units: a transfer must go to one.
  if (const auto* opinion = std::get_if<workflows::HandlingOpinionAction>(&action);
      opinion && opinion->mode == workflows::HandlingMode::Transfer &&
      units_.find(opinion->targetUnitId) == nullptr) {
    return unexpected(invalid("targetUnitId", "not a unit of the directory"));
  }
  const auto state =
      workflows::complaintWorkflowStateFromJson(json::parse(cases.workflowJson(c->id)));
  auto step = workflows::applyComplaintAction(*c, state, action, actor, now);
  if (!step) return unexpected(step.error());
  return execute(std::move(*c), *step, actor, std::string(workflows::actionName(action)), now);
}

Expected<workflows::ComplaintCase, WorkflowError> ComplaintActions::execute(
    workflows::ComplaintCase c, const workflows::WorkflowStep& step, const workflows::Actor& actor,
    const std::string& action, std::int64_t now) {
  store::Cases cases(store_);
  workflows::ComplaintWorkflowState state = step.state;
  std::map<std::string, std::string> dates;
  std::vector<const workflows::CitizenNotice*> citizenNotices;
  std::vector<const workflows::StaffNotice*> staffNotices;

  for (const auto& effect : step.effects) {
    std::optional<WorkflowError> failed;
    std::visit(
        Overloaded{
            [&](const workflows::OpenDeadline& e) {
              const auto id =
                  deadlines_.open(e.ruleId, {c.id, c.caseNo, e.unitId}, e.triggerAt, now);
              dates[dueKey(e.ruleId)] = deadlines_.dueDate(id);
            },
            [&](const workflows::MeetDeadline& e) {
              if (auto id = deadlines_.openDeadlineOf(c.id, e.ruleId)) deadlines_.meet(*id, now);
            },
            [&](const workflows::CancelDeadline& e) {
              if (auto id = deadlines_.openDeadlineOf(c.id, e.ruleId)) {
                store::Deadlines(store_).cancel(*id, now);
              }
            },
            [&](const workflows::ExtendDeadline& e) {
              auto id = deadlines_.openDeadlineOf(c.id, e.ruleId);
              if (!id) {
                failed = WorkflowError{WorkflowError::Code::NotAllowedNow, "",
                                       "no open deadline " + e.ruleId + " to extend"};
                return;
              }
              // units 0: the rule's own extension (Art. 10: 15 days).
              auto due = deadlines_.extend(*id, {0, e.approver, now, e.reason}, now);
              if (!due) {
                failed = effects::fromDeadlineError(due.error(), "units");
                return;
              }
              dates[dueKey(e.ruleId)] = workflows::formatDate(*due);
              dates["new_due"] = workflows::formatDate(*due);
            },
            [&](const workflows::CitizenNotice& e) { citizenNotices.push_back(&e); },
            [&](const workflows::StaffNotice& e) { staffNotices.push_back(&e); },
            [&](const workflows::CreateLinkedCase& e) {
              // Art. 10: the receiving unit gets its own case, with its own 30-day clock; the
              // workflow says what that case is (receiveTransferredCase), the store keeps it.
              workflows::ComplaintCase parentNow = c;
              parentNow.status = step.status;
              auto received = workflows::receiveTransferredCase(parentNow, state, now);
              if (!received) {
                failed = received.error();
                return;
              }
              workflows::ComplaintCase child = c;
              child.id = 0;
              child.caseNo.clear();
              child.receivingUnitId = e.receivingUnitId;
              child.status = workflows::CaseStatus::Registered;
              child.receivedAt = now;
              child = cases.registerComplaint(child);
              cases.update(child.id, received->status, workflows::toJson(received->state).dump(),
                           now);
              cases.linkParent(child.id, c.id);
              for (const auto& childEffect : received->effects) {
                if (const auto* open = std::get_if<workflows::OpenDeadline>(&childEffect)) {
                  const auto id = deadlines_.open(
                      open->ruleId, {child.id, child.caseNo, open->unitId}, open->triggerAt, now);
                  // The receiving unit's notice quotes its own clock, not the transferring
                  // case's.
                  dates["conclusion_due"] = deadlines_.dueDate(id);
                }
              }
              store::EventLog(store_).append(
                  {0, child.id, received->event.empty() ? "case.transferred_in" : received->event,
                   actor.id, now,
                   json{{"from_case", c.caseNo}, {"unit", e.receivingUnitId}}.dump()});
              state.childCaseNo = child.caseNo;
              dates["child_case_no"] = child.caseNo;
              const auto* from = units_.find(c.receivingUnitId);
              dates["from_unit"] = from ? from->name : c.receivingUnitId;
            },
            [&](const workflows::ReportToParent& e) {
              auto parent = cases.byNumber(e.parentCaseNo);
              if (!parent) {
                failed = invalid("parent",
                                 "the transferring case " + e.parentCaseNo + " does not exist");
                return;
              }
              const auto parentState = workflows::complaintWorkflowStateFromJson(
                  json::parse(cases.workflowJson(parent->id)));
              auto parentStep = workflows::applyReportedResult(*parent, parentState, state, now);
              if (!parentStep) {
                failed = parentStep.error();
                return;
              }
              auto done = execute(*parent, *parentStep, actor, "reported_result", now);
              if (!done) failed = done.error();
            },
            [&](const workflows::InvestigationTask& e) {
              // Art. 11: the respondent's due date, counted in working days from today.
              auto due = calendar_.addWorkingDays(workflows::shanghaiDate(now), e.workingDays);
              if (!due) {
                failed = invalid("workingDays", due.error().message);
                return;
              }
              store::InvestigationTaskRecord task;
              task.caseId = c.id;
              task.unitId = e.unitId;
              task.request = e.request;
              task.dueAt = workflows::endOfShanghaiDay(due->value);
              task.status = "open";
              store::InvestigationTasks(store_).add(task, now);
              dates["due"] = workflows::formatDate(due->value);
              dates["days"] = std::to_string(e.workingDays);
            },
        },
        effect);
    if (failed) return unexpected(*failed);
  }

  // Notices last: they quote the dates the deadlines above just got.
  for (const auto* notice : staffNotices) {
    auto values = notice->values;
    values.emplace("case_no", c.caseNo);
    // A notice about a deadline quotes its current last day (an approval request, a refusal).
    if (auto rule = values.find("deadline_rule"); rule != values.end()) {
      if (auto id = deadlines_.openDeadlineOf(c.id, rule->second)) {
        values.emplace("due", deadlines_.dueDate(*id));
      }
    }
    for (const auto& [k, v] : dates) values.emplace(k, v);
    deadlines_.notifyStaff(notice->unitId, templates_.render(notice->templateKey, values),
                           "staff:" + c.caseNo + ":" + notice->templateKey + ":" + notice->unitId +
                               ":" + std::to_string(now),
                           c.id, now);
  }
  for (const auto* notice : citizenNotices) {
    auto values = notice->values;
    for (const auto& [k, v] : dates) values.emplace(k, v);
    notifyCitizen(c, notice->templateKey, values, "citizen:" + c.caseNo + ":" + notice->templateKey,
                  now);
  }

  if (step.status == workflows::CaseStatus::Concluded) {
    // Art. 11 tasks not answered by the conclusion are no longer asked of the respondent.
    store::InvestigationTasks(store_).cancelOpenForCase(c.id);
  }
  cases.update(c.id, step.status, workflows::toJson(state).dump(), now);
  store::EventLog(store_).append({0, c.id, step.event, actor.id, now,
                                  json{{"action", action},
                                       {"basis", step.basis},
                                       {"role", actor.role},
                                       {"unit", actor.unitId},
                                       {"status", std::string(workflows::toString(step.status))}}
                                      .dump()});
  log_.info("case.action", {{"case_no", c.caseNo}, {"action", action}, {"actor", actor.id}});
  c.status = step.status;
  return c;
}

bool ComplaintActions::notifyCitizen(const workflows::ComplaintCase& c,
                                     const std::string& templateKey,
                                     std::map<std::string, std::string> values,
                                     const std::string& key, std::int64_t now) {
  return notifier_.notify({c.citizenId, c.channel, c.id, c.caseNo}, templateKey, std::move(values),
                          key, now);
}

Expected<ComplaintActions::Registered, WorkflowError> ComplaintActions::registerIntake(
    const workflows::ComplaintForm& form, const Intake& intake, const workflows::Actor& actor,
    std::int64_t now) {
  if (auto missing = workflows::missingComplaintItems(form); !missing.empty()) {
    // Named as the request names it (the form's keys), not as Art. 8's items.
    std::string field = missing.front();
    if (field == "respondent") field = "respondentUnitId";
    if (field == "complainant.contact") field = "complainant.phone";
    return unexpected(invalid(field, "required by Art. 8 (a phone or an email for a contact)"));
  }
  if (units_.find(form.respondentUnitId) == nullptr) {
    return unexpected(invalid("respondentUnitId", "not a unit of the directory"));
  }
  workflows::ComplaintCase c;
  c.form = form;
  c.receivingUnitId = units_.receivingDepartmentFor(form.respondentUnitId).id;  // Art. 2
  c.status = workflows::CaseStatus::Registered;
  c.citizenId = intake.citizenId;
  c.channel = intake.channel;
  c.receivedAt = intake.receivedAt;
  c = store::Cases(store_).registerComplaint(c);
  const auto deadline = deadlines_.open(workflows::rule_ids::kComplaintAcceptanceDecision,
                                        {c.id, c.caseNo, c.receivingUnitId}, c.receivedAt, now);
  const std::string due = deadlines_.dueDate(deadline);
  deadlines_.notifyStaff(
      c.receivingUnitId,
      templates_.render("staff.task.new", {{"case_no", c.caseNo}, {"acceptance_due", due}}),
      "staff:" + c.caseNo + ":staff.task.new", c.id, now);
  store::EventLog(store_).append(
      {0, c.id, "case.registered", actor.id, now,
       json{{"channel", intake.channel}, {"how", intake.how}, {"by", actor.id}}.dump()});
  return Registered{std::move(c), due};
}

Expected<workflows::ComplaintCase, WorkflowError> ComplaintActions::registerByStaff(
    const workflows::ComplaintForm& form, const std::string& how, const workflows::Actor& actor,
    std::int64_t now) {
  if (how != "visit" && how != "letter" && how != "phone" && how != "fax") {
    return unexpected(invalid("how", "must be visit, letter, phone or fax (Art. 5)"));
  }
  if (form.complainant.phone.empty() && form.complainant.email.empty()) {
    return unexpected(
        invalid("complainant.phone", "required by Art. 8 (a phone or an email for a contact)"));
  }
  // The complainant is found again by the number or mailbox they gave (Art. 8 (1)).
  const bool byPhone = !form.complainant.phone.empty();
  const std::int64_t citizenId = store::Citizens(store_).ensure(
      byPhone ? "phone" : "email", byPhone ? form.complainant.phone : form.complainant.email, now);
  auto registered = registerIntake(form, {how, citizenId, now, how}, actor, now);
  if (!registered) return unexpected(registered.error());
  return registered->c;
}

}  // namespace civicdesk::bot
